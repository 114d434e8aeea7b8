/**
 * Every example of the product brief (../shared/seed/telnyx-voice-media-python.md), translated
 * from the Python SDK to this package. Type test only: compiled by types.test.ts, never run.
 * keyword args become one params object; `call_control_id=` becomes the first argument.
 */
import { expectTypeOf } from 'vitest';
import {
  APIConnectionError,
  APIError,
  RateLimitError,
  Telnyx,
  isUnknownWebhookEvent,
  type CallControlCommandResult,
} from '../../generated/src/index.ts';

// client = Telnyx(api_key=os.environ.get("TELNYX_API_KEY"))  -- and the omitted form.
const client = new Telnyx({ apiKey: process.env['TELNYX_API_KEY'] });
export const defaultClient = new Telnyx();
const id = '550e8400-e29b-41d4-a716-446655440000';

export async function actions(): Promise<void> {
  const playback = await client.calls.actions.startPlayback(id, {
    audio_url: 'https://example.com/audio.mp3',
  });
  expectTypeOf(playback.data).toEqualTypeOf<CallControlCommandResult | null | undefined>();
  console.log(playback.data);
  console.log((await client.calls.actions.stopPlayback(id)).data);
  console.log((await client.calls.actions.pauseRecording(id)).data);
  console.log((await client.calls.actions.resumeRecording(id)).data);
  console.log((await client.calls.actions.startRecording(id, { channels: 'single', format: 'wav' })).data);
  console.log((await client.calls.actions.stopRecording(id)).data);
  const spoken = await client.calls.actions.speak(id, {
    payload: 'Say this on the call',
    voice: 'female',
    language: 'en-US',
  });
  console.log(spoken.data);
}

// The brief's error-handling block: Python's APIStatusError is APIError with a numeric status.
export async function errorHandling(): Promise<void> {
  try {
    await client.calls.actions.speak(id, { payload: 'Hello', voice: 'female' });
  } catch (e) {
    if (e instanceof APIConnectionError) console.log('Network error — check connectivity and retry');
    else if (e instanceof RateLimitError) console.log(e.headers?.get('retry-after'));
    else if (e instanceof APIError) {
      // `instanceof` on the generic class gives APIError<any>; the declared default is this:
      expectTypeOf<APIError['status']>().toEqualTypeOf<number | undefined>();
      console.log(`API error ${e.status}: ${e.message}`);
      if (e.status === 422) console.log('Validation error — check required fields and formats');
    } else throw e;
  }
}

// event = client.webhooks.unwrap(payload, headers=headers)
export async function handleWebhook(payload: string, headers: Record<string, string>): Promise<void> {
  const event = await client.webhooks.unwrap(payload, { headers });
  // An event type this package does not know carries its type at the top level instead.
  const type = isUnknownWebhookEvent(event) ? event.event_type : event.data.event_type;
  console.log(`Received event: ${type}`);
}
