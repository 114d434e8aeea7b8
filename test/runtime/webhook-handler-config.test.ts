/**
 * createWebhookHandlerWith as a Fetch handler: each config option reaching the verifier and
 * decoder, callbacks that are missing or fail (onError, the default log), bodies read from
 * streams, and the size check on a declared content-length. Requests are built with the
 * runtime's own Request; the node:http path is in webhook-handler.test.ts.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateWebhookKeyPair, signWebhook } from '../../runtime/testing.ts';
import type { WebhookKeyPair } from '../../runtime/testing.ts';
import { createWebhookHandlerWith, declaredTooLarge } from '../../runtime/webhook-handler.ts';
import type { WebhookHandlerConfig } from '../../runtime/webhook-handler.ts';
import { binding, event } from './helpers/webhook-decoder.ts';

let keys: WebhookKeyPair;
beforeAll(async () => {
  keys = await generateWebhookKeyPair();
});
afterEach(() => {
  vi.restoreAllMocks();
});

type Config = Omit<WebhookHandlerConfig, 'publicKey'>;

/** Posts `body`, signed at `timestamp`, to a handler made from `config`; status and JSON body. */
async function post(config: Config, body: string, timestamp?: number, headers: Record<string, string> = {}) {
  const handler = createWebhookHandlerWith({ publicKey: keys.publicKey, ...config }, binding);
  const signed = await signWebhook(body, keys.privateKey, timestamp);
  const response = await handler(
    new Request('http://x/', { method: 'POST', body, headers: { ...signed, ...headers } }),
  );
  return { status: response.status, type: response.headers.get('content-type'), json: await response.json() };
}

const valid = event('call.initiated');

describe('options reach the verifier and the decoder', () => {
  it('strict refuses a drifting event with 400 invalid_payload', async () => {
    const drifting = event('call.initiated', { call_control_id: 1 });
    const refused = await post({ on: {}, strict: true }, drifting);
    expect(refused).toMatchObject({ status: 400, json: { error: 'invalid_payload' } });
    expect(refused.json.issues).toEqual([expect.objectContaining({ path: '/data/payload/call_control_id' })]);
    expect((await post({ on: {}, strict: false, onDrift: () => undefined }, drifting)).status).toBe(200);
  });

  it('toleranceSeconds and now decide which timestamps are fresh', async () => {
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    expect((await post({ on: {} }, valid, tenMinutesAgo)).json.error).toBe('timestamp_too_old');
    expect((await post({ on: {}, toleranceSeconds: 900 }, valid, tenMinutesAgo)).status).toBe(200);
    const then = (tenMinutesAgo + 1) * 1000;
    expect((await post({ on: {}, now: () => then }, valid, tenMinutesAgo)).status).toBe(200);
  });

  it('engine picks the crypto engine', async () => {
    const subtleVerify = vi.spyOn(globalThis.crypto.subtle, 'verify');
    expect((await post({ on: {}, engine: 'webcrypto' }, valid)).status).toBe(200);
    expect(subtleVerify).toHaveBeenCalledTimes(1);
    expect((await post({ on: {}, engine: 'node' }, valid)).status).toBe(200);
    expect(subtleVerify).toHaveBeenCalledTimes(1);
  });
});

describe('answers', () => {
  it('are JSON, and 200 {ok: true} for a verified event', async () => {
    expect(await post({ on: {} }, valid)).toEqual({
      status: 200,
      type: 'application/json',
      json: { ok: true },
    });
  });

  it('200 for an event type with no callback, and for an unknown type without onUnknown', async () => {
    expect((await post({ on: {} }, valid)).status).toBe(200);
    expect((await post({ on: {} }, event('call.brand_new'))).status).toBe(200);
  });

  it('405 with Allow: POST for any other method, before reading anything', async () => {
    const handler = createWebhookHandlerWith({ publicKey: keys.publicKey, on: {} }, binding);
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const response = await handler(new Request('http://x/', { method }));
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
      expect(await response.json()).toEqual({ error: 'method_not_allowed' });
    }
  });

  it('500 internal_error when decoding throws something other than a verification error', async () => {
    const broken = { decoders: { 'call.initiated': () => JSON.parse('{') as never } };
    const handler = createWebhookHandlerWith({ publicKey: keys.publicKey, on: {} }, broken);
    const signed = await signWebhook(valid, keys.privateKey);
    const response = await handler(
      new Request('http://x/', { method: 'POST', body: valid, headers: signed }),
    );
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'internal_error' });
  });
});

describe('a failing callback', () => {
  const failing = () => {
    throw new Error('boom');
  };
  const logger = () => ({ warn: vi.fn(), error: vi.fn() });

  it('goes to onError with the event type and id, and is not logged', async () => {
    const log = logger();
    const onError = vi.fn();
    const res = await post({ on: { 'call.initiated': failing }, onError, logger: log }, valid);
    expect(res).toMatchObject({ status: 500, json: { error: 'handler_failed' } });
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'boom' }), {
      eventType: 'call.initiated',
      eventId: 'e1',
    });
    expect(log.error).not.toHaveBeenCalled();
  });

  it("is logged when onError itself fails, with onError's error", async () => {
    const log = logger();
    const hookError = new Error('onError failed');
    const onError = () => {
      throw hookError;
    };
    await post({ on: { 'call.initiated': failing }, onError, logger: log }, valid);
    expect(log.error).toHaveBeenCalledWith(
      'telnyx webhook: the call.initiated callback failed for event e1',
      hookError,
    );
  });

  it('without an event id, is logged as an event without an id', async () => {
    const log = logger();
    const noId = JSON.stringify({ data: { event_type: 'call.x' } });
    const thrown = new Error('unknown event bug');
    const onUnknown = () => {
      throw thrown;
    };
    await post({ on: {}, onUnknown, logger: log }, noId);
    // Without onError, the log gets the callback's own error.
    expect(log.error).toHaveBeenCalledWith(
      'telnyx webhook: the call.x callback failed for event without an id',
      thrown,
    );
  });
});

describe('the body', () => {
  const stream = (chunks: string[], close = true) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
        if (close) controller.close();
      },
    });
  const handler = () =>
    createWebhookHandlerWith({ publicKey: keys.publicKey, maxBodyBytes: 4096, on: {} }, binding);
  const request = (body: ReadableStream | null, headers: Record<string, string>) =>
    new Request('http://x/', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

  it('is joined in order from a stream of many chunks', async () => {
    const headers = await signWebhook(valid, keys.privateKey);
    const thirds = [valid.slice(0, 20), valid.slice(20, 60), valid.slice(60)];
    expect((await handler()(request(stream(thirds), headers))).status).toBe(200);
  });

  it('is empty when the request has none, which then fails verification (400, no throw)', async () => {
    const headers = await signWebhook(valid, keys.privateKey);
    const response = await handler()(request(null, headers));
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe('signature_mismatch');
  });

  it('is refused with 413 by its declared length alone, without waiting for its bytes', async () => {
    // The stream never ends: only the declared length can answer this request.
    const pending = request(stream(['{'], false), { 'content-length': '5000' });
    const response = await handler()(pending);
    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
  });
});

describe('declaredTooLarge', () => {
  it('trusts only a content-length of plain digits, and only above the limit', () => {
    expect(declaredTooLarge('101', 100)).toBe(true);
    expect(declaredTooLarge('100', 100)).toBe(false);
    expect(declaredTooLarge('99', 100)).toBe(false);
    expect(declaredTooLarge('5', 4)).toBe(true);
    for (const notDigits of [null, undefined, '', '1e9', '0x999', ' 999', '999 ', '-1', 'abc', '9a']) {
      expect(declaredTooLarge(notDigits, 100), String(notDigits)).toBe(false);
    }
  });
});
