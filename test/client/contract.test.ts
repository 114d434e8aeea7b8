/**
 * Contract tests: the generated client against Prism serving spec/voice-media.yaml. Prism checks
 * each request (path, bearer auth, body) against the spec and answers 422 with an
 * `sl-violations` header when it does not conform, so a 200 here means the spec accepts exactly
 * what our client put on the wire. The param objects are written by hand (not derived from the
 * spec), and a coverage test below fails when the spec gains a field they do not exercise.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  Telnyx,
  type APIPromise,
  UnprocessableEntityError,
  type CallControlCommandResponse,
  type RequestOptions,
  type PauseRecordingRequest,
  type PlayAudioUrlRequest,
  type PlaybackStopRequest,
  type ResumeRecordingRequest,
  type SpeakRequest,
  type StartRecordingRequest,
  type StopRecordingRequest,
} from '../../generated/src/index.ts';
import { startPrism, type PrismServer } from './helpers/prism.ts';

const SPEC = 'spec/voice-media.yaml';
const CALL_ID = 'v3:a/b?c#d';
const STATE = 'aGF2ZSBhIG5pY2UgZGF5ID1d';
const REC_ID = '6e00ab49-9487-4364-8ad6-23965965afb2';

type Run = (c: Telnyx, params: object, options?: RequestOptions) => APIPromise<CallControlCommandResponse>;
/** Typed at construction, so every hand-written object is also checked against the generated types. */
function action<P extends object>(
  name: string,
  schema: string,
  send: (c: Telnyx, p: P, o?: RequestOptions) => APIPromise<CallControlCommandResponse>,
  required: P,
  full: P[],
) {
  return { name, schema, required, full, run: send as Run };
}

const common = { client_state: STATE, command_id: '891510ac-f3e4-11e8-af5b-de00688a4901' };
const speakBase: SpeakRequest = {
  ...common,
  payload: 'Say this on the call',
  voice: 'Telnyx.KokoroTTS.af',
  language: 'en-US',
  payload_type: 'text',
  service_level: 'premium',
  stop: 'current',
  target_legs: 'both',
};
// One speak variant per voice_settings provider, each with every field that provider has.
const VOICE_SETTINGS: NonNullable<SpeakRequest['voice_settings']>[] = [
  { type: 'aws' },
  {
    type: 'azure',
    api_key_ref: 'k',
    deployment_id: 'd',
    effect: 'eq_car',
    gender: 'Female',
    region: 'eastus',
  },
  { type: 'elevenlabs', api_key_ref: 'my_elevenlabs_api_key' },
  { type: 'inworld', delivery_mode: 'BALANCED' },
  { type: 'minimax', language_boost: 'English', pitch: 0, speed: 1.5, vol: 1 },
  { type: 'minimax', language_boost: null },
  { type: 'resemble', format: 'wav', precision: 'PCM_16', sample_rate: '8000' },
  { type: 'rime', voice_speed: 1.2 },
  { type: 'telnyx', voice_speed: 0.5 },
  { type: 'xai', language: 'auto' },
];
const fullRecording: StartRecordingRequest = {
  ...common,
  channels: 'dual',
  format: 'mp3',
  custom_file_name: 'my_recording_file_name',
  max_length: 100,
  play_beep: true,
  recording_track: 'outbound',
  timeout_secs: 30,
  transcription: true,
  transcription_engine: 'A',
  transcription_language: 'en-US',
  transcription_max_speaker_count: 4,
  transcription_min_speaker_count: 2,
  transcription_profanity_filter: true,
  transcription_speaker_diarization: true,
  trim: 'trim-silence',
};

const ACTIONS = [
  action<PlayAudioUrlRequest>(
    'startPlayback',
    'PlayAudioUrlRequest',
    (c, p, o) => c.calls.actions.startPlayback(CALL_ID, p, o),
    {},
    [
      {
        ...common,
        audio_type: 'wav',
        audio_url: 'https://example.com/a.wav',
        cache_audio: false,
        loop: 'infinity',
        media_name: 'greeting',
        overlay: false,
        playback_content: 'SUQzAwAAAAADf1',
        stop: 'current',
        target_legs: 'self',
      },
      { audio_url: 'https://example.com/a.mp3', audio_type: 'mp3', loop: 3 },
    ],
  ),
  action<PlaybackStopRequest>(
    'stopPlayback',
    'PlaybackStopRequest',
    (c, p, o) => c.calls.actions.stopPlayback(CALL_ID, p, o),
    {},
    [{ ...common, overlay: true, stop: 'all' }],
  ),
  action<PauseRecordingRequest>(
    'pauseRecording',
    'PauseRecordingRequest',
    (c, p, o) => c.calls.actions.pauseRecording(CALL_ID, p, o),
    {},
    [{ ...common, recording_id: REC_ID }],
  ),
  action<ResumeRecordingRequest>(
    'resumeRecording',
    'ResumeRecordingRequest',
    (c, p, o) => c.calls.actions.resumeRecording(CALL_ID, p, o),
    {},
    [{ ...common, recording_id: REC_ID }],
  ),
  action<StartRecordingRequest>(
    'startRecording',
    'StartRecordingRequest',
    (c, p, o) => c.calls.actions.startRecording(CALL_ID, p, o),
    { format: 'wav', channels: 'single' },
    [
      fullRecording,
      { ...fullRecording, transcription_engine: 'deepgram/nova-3', transcription_language: 'en' },
    ],
  ),
  action<StopRecordingRequest>(
    'stopRecording',
    'StopRecordingRequest',
    (c, p, o) => c.calls.actions.stopRecording(CALL_ID, p, o),
    {},
    [{ ...common, recording_id: REC_ID }],
  ),
  action<SpeakRequest>(
    'speak',
    'SpeakRequest',
    (c, p, o) => c.calls.actions.speak(CALL_ID, p, o),
    { payload: 'Hello', voice: 'female' },
    VOICE_SETTINGS.map((voice_settings, i) => ({
      ...speakBase,
      voice_settings,
      loop: i % 2 ? 2 : 'infinity',
    })),
  ),
];

let prism: PrismServer;
let client: Telnyx;
beforeAll(async () => {
  prism = await startPrism(SPEC);
  // Prism serves the spec's paths at its root, not under the spec server's `/v2`.
  client = new Telnyx({ apiKey: 'KEY_CONTRACT', baseURL: prism.baseURL, maxRetries: 0 });
});
afterAll(async () => {
  await prism?.stop();
});

describe.each(ACTIONS)('$name conforms to the spec', ({ required, full, run }) => {
  const variants: [string, object][] = [
    ['required params only', required],
    ...full.map((p, i): [string, object] => [`every optional param (variant ${i + 1})`, p]),
  ];
  it.each(variants)('%s: Prism answers 200', async (_label, params) => {
    const { data, response } = await run(client, params)
      .withResponse()
      .catch((error: unknown) => {
        throw new Error(`${String(error)}\nPrism log tail:\n${prism.log().slice(-2000)}`);
      });
    expect(response.status).toBe(200);
    expect(data.data?.result).toBe('ok');
  });
});

describe('requests that break the spec (sent with validate: false)', () => {
  it.each([
    ['startRecording with format ogg', 'startRecording', { format: 'ogg', channels: 'single' }, 'format'],
    ['startPlayback with loop: true', 'startPlayback', { loop: true }, 'loop'],
    ['speak without voice', 'speak', { payload: 'Hi' }, 'voice'],
  ])('%s comes back as UnprocessableEntityError (422)', async (_label, name, params, field) => {
    const run = ACTIONS.find((a) => a.name === name)!.run;
    const error = await run(client, params, { validate: false }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    const apiError = error as UnprocessableEntityError;
    expect(apiError.status).toBe(422);
    // Prism names the violation in a header; its body is the spec's first 422 example.
    expect(apiError.headers?.get('sl-violations')).toContain(field);
    expect(apiError.errors.length).toBeGreaterThan(0);
  });

  it('Prism enforces bearer auth, so the 200s above prove the client sent it', async () => {
    const res = await fetch(`${prism.baseURL}/calls/abc/actions/playback_stop`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
  });
});

describe('the hand-written params cover the spec', () => {
  const schemas = (parse(readFileSync(SPEC, 'utf8')) as SpecDoc).components.schemas;
  const keysOf = (objects: object[]) => [...new Set(objects.flatMap((o) => Object.keys(o)))].sort();

  it.each(ACTIONS)(
    '$name: required-only and all-optional variants match $schema',
    ({ schema, required, full }) => {
      const def = schemas[schema]!;
      expect(Object.keys(required).sort()).toEqual([...(def.required ?? [])].sort());
      expect(keysOf(full)).toEqual(Object.keys(def.properties ?? {}).sort());
    },
  );

  it('every voice_settings provider is sent with all its fields, and both loop forms are used', () => {
    const speak = ACTIONS.find((a) => a.name === 'speak')!.full as SpeakRequest[];
    const refs = schemas['SpeakRequest']!.properties!['voice_settings']!.oneOf!.map((r) =>
      r.$ref.split('/').pop()!,
    );
    for (const name of refs) {
      const def = schemas[name]!;
      const type = def.properties!['type']!.enum![0];
      const sent = speak.flatMap((s) =>
        s.voice_settings && s.voice_settings.type === type ? [s.voice_settings] : [],
      );
      expect(keysOf(sent), name).toEqual(Object.keys(def.properties!).sort());
    }
    const playback = ACTIONS.find((a) => a.name === 'startPlayback')!.full as { loop?: unknown }[];
    for (const loops of [speak.map((s) => s.loop), playback.map((p) => p.loop)]) {
      expect(new Set(loops.map((l) => typeof l))).toEqual(new Set(['string', 'number']));
    }
  });
});

interface SchemaDef {
  required?: string[];
  properties?: Record<string, { enum?: unknown[]; oneOf?: { $ref: string }[] }>;
}
interface SpecDoc {
  components: { schemas: Record<string, SchemaDef> };
}
