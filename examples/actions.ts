/**
 * Every call action from the product brief, in TypeScript. It depends on the package by name,
 * exactly as a user's project would, and is type-checked by `npm test`.
 */
import { APIConnectionError, RateLimitError, Telnyx, UnprocessableEntityError } from 'telnyx-voice-media';

const client = new Telnyx({ apiKey: process.env.TELNYX_API_KEY ?? 'KEY_FOR_TYPECHECK_ONLY' });
const callControlId = 'v3:550e8400-e29b-41d4-a716-446655440000';

export async function playbackExamples(): Promise<void> {
  const started = await client.calls.actions.startPlayback(callControlId, {
    audio_url: 'https://example.com/audio.mp3',
  });
  console.log(started.data?.result);
  await client.calls.actions.startPlayback(callControlId, {
    media_name: 'greeting',
    loop: 'infinity',
    overlay: false,
    target_legs: 'self',
  });
  await client.calls.actions.startPlayback(callControlId, {
    audio_url: 'https://example.com/a.wav',
    audio_type: 'wav',
    loop: 3,
  });
  await client.calls.actions.stopPlayback(callControlId);
  await client.calls.actions.stopPlayback(callControlId, { stop: 'all' });
}

export async function recordingExamples(): Promise<void> {
  await client.calls.actions.startRecording(callControlId, { format: 'wav', channels: 'single' });
  await client.calls.actions.startRecording(callControlId, {
    format: 'mp3',
    channels: 'dual',
    play_beep: true,
    max_length: 0,
    transcription: true,
  });
  await client.calls.actions.pauseRecording(callControlId);
  await client.calls.actions.resumeRecording(callControlId, {
    recording_id: '6e00ab49-9487-4364-8ad6-23965965afb2',
  });
  await client.calls.actions.stopRecording(callControlId, { client_state: 'aGF2ZSBhIG5pY2UgZGF5ID1d' });
}

export async function speakExamples(): Promise<void> {
  await client.calls.actions.speak(callControlId, { payload: 'Say this on the call', voice: 'female' });
  await client.calls.actions.speak(callControlId, {
    payload: 'Hello',
    voice: 'ElevenLabs.eleven_multilingual_v2.21m00Tcm4TlvDq8ikWAM',
    voice_settings: { type: 'elevenlabs', api_key_ref: 'my_elevenlabs_api_key' },
  });
}

export async function errorHandling(): Promise<void> {
  try {
    const { data, response, requestId } = await client.calls.actions
      .speak(
        callControlId,
        { payload: 'Hi', voice: 'AWS.Polly.Joanna-Neural' },
        { timeout: 10_000, maxRetries: 1 },
      )
      .withResponse();
    console.log(data.data?.result, response.status, requestId);
  } catch (err) {
    if (err instanceof UnprocessableEntityError) console.log(err.status, err.errors[0]?.detail);
    else if (err instanceof RateLimitError) console.log('rate limited', err.headers?.get('retry-after'));
    else if (err instanceof APIConnectionError) console.log('network problem', err.message);
    else throw err;
  }
}
