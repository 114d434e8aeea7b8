/**
 * `client.webhooks.unwrap` (`WebhookClient`): the client's `publicKey` unless the call passes its
 * own `key`, and the binding's environment variable when neither is given.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateWebhookKeyPair, signWebhook } from '../../runtime/testing.ts';
import type { WebhookKeyPair } from '../../runtime/testing.ts';
import { WebhookClient } from '../../runtime/webhook-unwrap.ts';
import { binding, event, reasonOf } from './helpers/webhook-decoder.ts';

let ours: WebhookKeyPair;
let other: WebhookKeyPair;
beforeAll(async () => {
  [ours, other] = await Promise.all([generateWebhookKeyPair(), generateWebhookKeyPair()]);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

const body = event('call.initiated');
const decoded = { decoded: true, body: JSON.parse(body) };

describe('WebhookClient.unwrap', () => {
  it("verifies with the client's public key", async () => {
    const headers = await signWebhook(body, ours.privateKey);
    expect(await new WebhookClient(binding, ours.publicKey).unwrap(body, { headers })).toEqual(decoded);
    const wrong = await reasonOf(new WebhookClient(binding, other.publicKey).unwrap(body, { headers }));
    expect(wrong.reason).toBe('signature_mismatch');
  });

  it("lets the call's own key replace the client's", async () => {
    const headers = await signWebhook(body, ours.privateKey);
    const client = new WebhookClient(binding, other.publicKey);
    expect(await client.unwrap(body, { headers, key: ours.publicKey })).toEqual(decoded);
    const keyed = new WebhookClient(binding, ours.publicKey);
    expect((await reasonOf(keyed.unwrap(body, { headers, key: other.publicKey }))).reason).toBe(
      'signature_mismatch',
    );
  });

  it('reads the environment variable when neither the client nor the call has a key', async () => {
    const headers = await signWebhook(body, ours.privateKey);
    vi.stubEnv('TELNYX_PUBLIC_KEY', ours.publicKey);
    const client = new WebhookClient(binding, undefined);
    expect(await client.unwrap(body, { headers })).toEqual(decoded);
    expect(await client.unwrap(body, { headers, key: undefined })).toEqual(decoded);
  });
});
