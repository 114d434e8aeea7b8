/**
 * The GENERATED webhook surface (`unwrapWebhook`, `client.webhooks.unwrap`, `createWebhookHandler`)
 * with the generated guards, on realistic bodies built from the spec's examples. The runtime tests
 * in test/runtime cover verification itself with hand-written decoders; this file checks that the
 * generated wiring hands each event type to the right guard and never skips the verifier.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  Telnyx,
  WEBHOOK_EVENT_TYPES,
  WebhookVerificationError,
  createWebhookHandler,
  isUnknownWebhookEvent,
  unwrapWebhook,
  webhookDrift,
} from '../../generated/src/index.ts';
import { generateWebhookKeyPair, signWebhook, type WebhookKeyPair } from '../../generated/src/testing.ts';

const root = join(import.meta.dirname, '../..');
const fixtureText = (type: string) =>
  readFileSync(join(root, 'test/fixtures/webhooks/events', `${type}.json`), 'utf8');
/** A fixture as an object to edit; re-serialized compactly like Telnyx sends it. */
const fixture = (type: string): any => JSON.parse(fixtureText(type));

let keys: WebhookKeyPair;
let otherKeys: WebhookKeyPair;
beforeAll(async () => {
  [keys, otherKeys] = await Promise.all([generateWebhookKeyPair(), generateWebhookKeyPair()]);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

const sign = (raw: string, pair = keys) => signWebhook(raw, pair.privateKey);

/** The WebhookVerificationError a promise rejects with; fails the test if it resolves. */
async function rejection(promise: Promise<unknown>): Promise<WebhookVerificationError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(WebhookVerificationError);
  return outcome.error as WebhookVerificationError;
}

describe('each known event type', () => {
  it('has a fixture for every type in WEBHOOK_EVENT_TYPES', () => {
    expect(WEBHOOK_EVENT_TYPES).toHaveLength(12);
    for (const type of WEBHOOK_EVENT_TYPES) expect(fixture(type).data.event_type).toBe(type);
  });

  it.each(WEBHOOK_EVENT_TYPES)('%s unwraps to the typed event, deep-equal to the body', async (type) => {
    // The fixture text as is (pretty-printed): the signature covers whatever bytes arrive.
    const raw = fixtureText(type);
    const headers = await sign(raw);
    const client = new Telnyx({ apiKey: 'x', publicKey: keys.publicKey });
    for (const event of [
      await unwrapWebhook(raw, { headers, key: keys.publicKey }),
      await unwrapWebhook(new TextEncoder().encode(raw), { headers, key: keys.publicKey, strict: true }),
      await client.webhooks.unwrap(raw, { headers }),
    ]) {
      expect(isUnknownWebhookEvent(event)).toBe(false);
      expect(event).toEqual(JSON.parse(raw));
      expect(webhookDrift(event)).toBeUndefined(); // the spec's own shape does not drift
    }
  });
});

describe('key resolution', () => {
  it('falls back to TELNYX_PUBLIC_KEY for unwrapWebhook and a client without publicKey', async () => {
    const raw = JSON.stringify(fixture('call.speak.ended'));
    const headers = await sign(raw);
    vi.stubEnv('TELNYX_PUBLIC_KEY', keys.publicKey);
    expect(await unwrapWebhook(raw, { headers })).toEqual(JSON.parse(raw));
    expect(await new Telnyx({ apiKey: 'x' }).webhooks.unwrap(raw, { headers })).toEqual(JSON.parse(raw));
  });

  it('reads a comma-separated key string as several keys, as in the environment (rotation)', async () => {
    const raw = JSON.stringify(fixture('call.speak.ended'));
    const headers = await sign(raw);
    const rotating = ` ${otherKeys.publicKey} , ${keys.publicKey} `;
    expect(await unwrapWebhook(raw, { headers, key: rotating })).toEqual(JSON.parse(raw));
    expect(await new Telnyx({ publicKey: rotating }).webhooks.unwrap(raw, { headers })).toEqual(JSON.parse(raw));
    const handler = createWebhookHandler({ publicKey: rotating, on: {} });
    const response = await handler(new Request('http://localhost/', { method: 'POST', headers, body: raw }));
    expect(response.status).toBe(200);
    // The old key alone does not verify it: the string really was split, not matched whole.
    const onlyOld = await rejection(unwrapWebhook(raw, { headers, key: `${otherKeys.publicKey},` }));
    expect(onlyOld.reason).toBe('signature_mismatch');
    expect((await rejection(unwrapWebhook(raw, { headers, key: ' , ' }))).reason).toBe('invalid_public_key');
  });

  it('prefers the explicit key to the environment', async () => {
    const raw = JSON.stringify(fixture('call.speak.ended'));
    const headers = await sign(raw);
    vi.stubEnv('TELNYX_PUBLIC_KEY', otherKeys.publicKey);
    expect(await unwrapWebhook(raw, { headers, key: keys.publicKey })).toEqual(JSON.parse(raw));
    const client = new Telnyx({ apiKey: 'x', publicKey: keys.publicKey });
    expect(await client.webhooks.unwrap(raw, { headers })).toEqual(JSON.parse(raw));
  });
});

describe('verified bodies that drift from the spec', () => {
  async function unwrapBody(body: unknown, options: { strict?: boolean } = {}) {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const onDrift = () => undefined;
    return unwrapWebhook(raw, { headers: await sign(raw), key: keys.publicKey, onDrift, ...options });
  }

  it('delivers wrong types deep inside with the guard’s JSON pointers as drift; strict refuses them', async () => {
    const body = fixture('call.recording.saved');
    body.data.occurred_at = 'yesterday';
    body.data.payload.channels = 2;
    body.data.payload.recording_urls.mp3 = 42;
    body.data.payload.public_recording_urls = [];
    const delivered = await unwrapBody(body);
    expect(delivered).toEqual(body);
    const error = await rejection(unwrapBody(body, { strict: true }));
    expect(error.reason).toBe('invalid_payload');
    expect(webhookDrift(delivered)).toEqual(error.issues);
    // Every problem at once, in document order, each with its RFC 6901 pointer.
    expect(error.issues).toEqual([
      {
        path: '/data/occurred_at',
        keyword: 'format',
        message:
          'expected an RFC 3339 date-time such as 2024-01-31T12:00:00Z (format date-time), got "yesterday"',
      },
      {
        path: '/data/payload/channels',
        keyword: 'enum',
        message: 'expected one of "single" | "dual", got 2',
      },
      {
        path: '/data/payload/public_recording_urls',
        keyword: 'type',
        message: 'expected object, got an array',
      },
      {
        path: '/data/payload/recording_urls/mp3',
        keyword: 'type',
        message: 'expected string or null, got 42',
      },
    ]);
  });

  it('reports a body that is not JSON as invalid_json', async () => {
    const error = await rejection(unwrapBody('{"data": {"event_type": "call.speak.ended",'));
    expect(error.reason).toBe('invalid_json');
  });

  it('delivers an unknown enum value as drift by default and rejects it with strict: true', async () => {
    const body = fixture('call.playback.ended');
    body.data.payload.status = 'brand_new_status';
    const delivered = await unwrapBody(body);
    expect(delivered).toEqual(body);
    expect(webhookDrift(delivered)?.map((issue) => issue.path)).toEqual(['/data/payload/status']);
    const error = await rejection(unwrapBody(body, { strict: true }));
    expect(error.reason).toBe('invalid_payload');
    expect(error.issues).toEqual([
      {
        path: '/data/payload/status',
        keyword: 'enum',
        message: expect.stringContaining('got "brand_new_status"'),
      },
    ]);
  });

  it('rejects a body without data.event_type, strict or not', async () => {
    const body = fixture('call.speak.ended');
    delete body.data.event_type;
    for (const strict of [false, true]) {
      const error = await rejection(unwrapBody(body, { strict }));
      expect(error.reason).toBe('invalid_payload');
      expect(error.issues?.map((issue) => issue.path)).toEqual(['/data/event_type']);
    }
  });

  it('delivers a known event without data.record_type (the types require it) as drift; strict refuses it', async () => {
    const body = fixture('call.speak.started');
    delete body.data.record_type;
    const delivered = await unwrapBody(body);
    expect(webhookDrift(delivered)?.map((issue) => issue.keyword)).toEqual(['required']);
    const error = await rejection(unwrapBody(body, { strict: true }));
    expect(error.reason).toBe('invalid_payload');
    expect(error.issues).toEqual([
      {
        path: '/data/record_type',
        keyword: 'required',
        message: 'required property "record_type" is missing',
      },
    ]);
  });
});

// telnyx-node once shipped a generated unwrap that parsed the body without calling the verifier.
// These pin the seam: every generated entry point must reject a body signed by another key.
describe('the generated entry points always verify', () => {
  it('rejects a body signed with the wrong key in unwrapWebhook, client.webhooks.unwrap and the handler', async () => {
    const raw = JSON.stringify(fixture('call.speak.ended'));
    const headers = await sign(raw, otherKeys);

    expect((await rejection(unwrapWebhook(raw, { headers, key: keys.publicKey }))).reason).toBe(
      'signature_mismatch',
    );
    const client = new Telnyx({ apiKey: 'x', publicKey: keys.publicKey });
    expect((await rejection(client.webhooks.unwrap(raw, { headers }))).reason).toBe('signature_mismatch');

    const callback = vi.fn();
    const onUnknown = vi.fn();
    const handler = createWebhookHandler({
      publicKey: keys.publicKey,
      on: { 'call.speak.ended': callback },
      onUnknown,
    });
    const response = await handler(
      new Request('http://localhost/webhooks', { method: 'POST', headers, body: raw }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'signature_mismatch' });
    expect(callback).not.toHaveBeenCalled();
    expect(onUnknown).not.toHaveBeenCalled();

    // Control: the same handler does run the callback for the right key.
    const good = await handler(
      new Request('http://localhost/webhooks', { method: 'POST', headers: await sign(raw), body: raw }),
    );
    expect(good.status).toBe(200);
    expect(callback).toHaveBeenCalledTimes(1);
    expect(callback).toHaveBeenCalledWith(JSON.parse(raw));
  });

  it('ships the hand-written verifier byte for byte after the generated header', () => {
    const generated = readFileSync(join(root, 'generated/src/core/webhook-verify.ts'), 'utf8');
    const template = readFileSync(join(root, 'runtime/webhook-verify.ts'), 'utf8');
    const [header, blank, ...rest] = generated.split('\n');
    expect(header).toMatch(/^\/\/ Code generated by .* DO NOT EDIT\.$/);
    expect(blank).toBe('');
    expect(rest.join('\n')).toBe(template);
  });
});
