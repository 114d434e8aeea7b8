/**
 * What every installed app in pack.test.ts does with the package, as source text: send an action
 * to the loopback API, deliver a webhook signed with `/testing`, and refuse a tampered one. The
 * ESM apps run it at top level; the CommonJS app wraps it in a function (no top-level await).
 */

/** A `call.speak.ended` event as Telnyx sends it (with the `null`s it really sends). */
export const SPEAK_ENDED = JSON.stringify({
  data: {
    event_type: 'call.speak.ended',
    id: '8f1b9b80-aec0-4b1f-b0d9-e28dbeaf90c7',
    occurred_at: '2026-03-14T09:26:58.774120Z',
    payload: {
      call_control_id: 'v3:call-1',
      call_leg_id: '9f1b3c4e-5a6d-11f0-9c2e-02420aef95b1',
      call_session_id: '9f1b2a7e-5a6d-11f0-8b1d-02420aef95b1',
      client_state: null,
      connection_id: '2811212257810187875',
      status: 'completed',
    },
    record_type: 'event',
  },
});

/** Imports the app needs, as ESM import lines (the CJS app compiles the same lines to require). */
export const SCENARIO_IMPORTS = `
import Telnyx, { APIError, TelnyxClient, type TelnyxOptions } from 'telnyx-voice-media';
import { TelnyxClient as ClientEntry } from 'telnyx-voice-media/client';
import { createWebhookHandler, isWebhookEventType, WebhookVerificationError } from 'telnyx-voice-media/webhooks';
import { generateWebhookKeyPair, signWebhook } from 'telnyx-voice-media/testing';
import type { paths } from 'telnyx-voice-media/openapi';
`;

/** The body: prints one JSON line of results for the test to check. */
export const SCENARIO_BODY = `
  type SpeakBody = paths['/calls/{call_control_id}/actions/speak']['post']['requestBody']['content']['application/json'];
  const speak: SpeakBody = { payload: 'Hello', voice: 'Telnyx.KokoroTTS.af' };
  const baseURL = process.env['ACTION_URL'] ?? '';
  const client = new TelnyxClient({ apiKey: 'test-key', baseURL, maxRetries: 0 });
  const action = await client.calls.actions.speak('v3:call-1', speak);

  const keys = await generateWebhookKeyPair();
  const options: TelnyxOptions = { apiKey: 'test-key', baseURL, publicKey: keys.publicKey };
  const full = new Telnyx(options);
  const body = ${JSON.stringify(SPEAK_ENDED)};
  const headers = await signWebhook(body, keys.privateKey);
  const unwrapped = await full.webhooks.unwrap(body, { headers });

  let delivered = '';
  const handler = createWebhookHandler({
    publicKey: keys.publicKey,
    on: { 'call.speak.ended': (event) => { delivered = event.data.payload?.status ?? 'none'; } },
  });
  const post = (text: string) => handler(new Request('http://app.test/webhooks', { method: 'POST', headers, body: text }));
  const accepted = await post(body);
  const tampered = await post(body.replace('completed', 'failed'));
  let refused = '';
  try {
    await full.webhooks.unwrap(body.replace('completed', 'failed'), { headers });
  } catch (err) {
    if (err instanceof WebhookVerificationError) refused = err.reason;
  }
  console.log(JSON.stringify({
    action: action.data?.result,
    unwrapped: isWebhookEventType(unwrapped, 'call.speak.ended') ? unwrapped.data.payload?.status : 'other',
    delivered,
    accepted: accepted.status,
    tampered: tampered.status,
    refused,
    sameClientClass: ClientEntry === TelnyxClient,
    fullIsClient: full instanceof TelnyxClient,
    apiError: typeof APIError,
  }));
`;

/** What the scenario prints when everything works. */
export const SCENARIO_RESULT = {
  action: 'ok',
  unwrapped: 'completed',
  delivered: 'completed',
  accepted: 200,
  tampered: 400,
  refused: 'signature_mismatch',
  sameClientClass: true,
  fullIsClient: true,
  apiError: 'function',
};
