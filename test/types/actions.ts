/**
 * Type tests for `client.calls.actions`. Compiled by types.test.ts, never run. Each
 * `@ts-expect-error` line is a call that must NOT compile: if the generated types ever accept it,
 * the directive itself becomes an error ("unused @ts-expect-error") and the check fails.
 * Directives sit directly on the offending line, so an error elsewhere in the call is not
 * silently absorbed.
 */
import { expectTypeOf } from 'vitest';
import {
  Telnyx,
  type APIPromise,
  type CallControlCommandResponse,
  type PlayAudioUrlRequest,
  type SpeakRequest,
} from '../../generated/src/index.ts';

const client = new Telnyx({ apiKey: 'KEY_TYPES_ONLY' });
const id = 'v3:550e8400-e29b-41d4-a716-446655440000';
const actions = client.calls.actions;

export async function responses(): Promise<void> {
  const res = await actions.startPlayback(id, { audio_url: 'https://example.com/a.mp3' });
  // What we receive says `null` where Telnyx sends it for "no value" (see the README's drift policy).
  expectTypeOf(res.data?.result).toEqualTypeOf<string | null | undefined>();
  expectTypeOf(actions.speak(id, { payload: 'x', voice: 'female' })).toEqualTypeOf<
    APIPromise<CallControlCommandResponse>
  >();
  const { data, requestId, response } = await actions.stopPlayback(id).withResponse();
  expectTypeOf(data).toEqualTypeOf<CallControlCommandResponse>();
  expectTypeOf(requestId).toEqualTypeOf<string | null>();
  expectTypeOf(response).toEqualTypeOf<Response>();
}

export function paramsRequiredExactlyWhenTheBodyHasRequiredFields(): void {
  // Every field optional: params may be left out.
  void actions.startPlayback(id);
  void actions.stopPlayback(id);
  void actions.pauseRecording(id);
  void actions.resumeRecording(id);
  void actions.stopRecording(id);
  // startRecording needs format + channels, speak needs payload + voice.
  // @ts-expect-error params are required
  void actions.startRecording(id);
  // @ts-expect-error params are required
  void actions.speak(id);
  expectTypeOf(actions.startPlayback).parameter(1).toEqualTypeOf<PlayAudioUrlRequest | undefined>();
  expectTypeOf(actions.speak).parameter(1).toEqualTypeOf<SpeakRequest>();
}

export function wrongParams(): void {
  // @ts-expect-error 'ogg' is not an audio_type
  void actions.startPlayback(id, { audio_type: 'ogg' });
  // @ts-expect-error startRecording without channels
  void actions.startRecording(id, { format: 'wav' });
  // @ts-expect-error startRecording without format
  void actions.startRecording(id, { channels: 'dual' });
  void actions.startRecording(id, {
    format: 'wav',
    // @ts-expect-error 'stereo' is not a channels value
    channels: 'stereo',
  });
  // @ts-expect-error misspelled field
  void actions.startPlayback(id, { audio_urll: 'https://example.com/a.mp3' });
  // @ts-expect-error loop is a string or a number, not a boolean
  void actions.startPlayback(id, { loop: true });
  // @ts-expect-error speak without voice
  void actions.speak(id, { payload: 'Hello' });
  // @ts-expect-error call_control_id must be a string
  void actions.stopPlayback(42);
  void actions.speak(id, {
    payload: 'Hello',
    voice: 'AWS.Polly.Joanna-Neural',
    // @ts-expect-error AWSVoiceSettings has no api_key_ref (only `type`)
    voice_settings: { type: 'aws', api_key_ref: 'x' },
  });
  void actions.speak(id, {
    payload: 'Hello',
    voice: 'Telnyx.KokoroTTS.af',
    // @ts-expect-error voice_speed is a number
    voice_settings: { type: 'telnyx', voice_speed: 'fast' },
  });
  void actions.speak(id, {
    payload: 'Hello',
    voice: 'female',
    // @ts-expect-error unknown provider
    voice_settings: { type: 'google' },
  });
  // @ts-expect-error an unknown per-call option
  void actions.stopPlayback(id, {}, { validat: false });
  // What we send stays exact: `null` is for received fields only.
  // @ts-expect-error client_state is a string when sent
  void actions.stopPlayback(id, { client_state: null });
}

export function validCalls(): void {
  void actions.startPlayback(id, {
    media_name: 'greeting',
    loop: 'infinity',
    overlay: false,
    target_legs: 'self',
  });
  void actions.startPlayback(id, { audio_url: 'https://example.com/a.wav', audio_type: 'wav', loop: 3 });
  void actions.startPlayback(id, { playback_content: 'SUQzAwAAAAADf1', command_id: 'mine' });
  void actions.stopPlayback(id, { stop: 'all', overlay: true });
  void actions.resumeRecording(id, { recording_id: '6e00ab49-9487-4364-8ad6-23965965afb2' });
  void actions.startRecording(id, { format: 'mp3', channels: 'dual', play_beep: true, trim: 'trim-silence' });
  void actions.speak(
    id,
    { payload: 'Hi', voice: 'Minimax.speech-02-hd.Wise_Woman', voice_settings: { type: 'minimax', vol: 1 } },
    { timeout: 10_000, maxRetries: 1, validate: false, headers: { 'x-trace': '1' } },
  );
  void actions.speak(id, {
    payload: 'Hello',
    voice: 'ElevenLabs.eleven_multilingual_v2.21m00Tcm4TlvDq8ikWAM',
    voice_settings: { type: 'elevenlabs', api_key_ref: 'my_elevenlabs_api_key' },
  });
  // Client options, including `validate: false` client-wide.
  void new Telnyx({
    apiKey: 'k',
    baseURL: 'http://127.0.0.1:4010',
    maxRetries: 0,
    timeout: 5_000,
    validate: false,
  });
}
