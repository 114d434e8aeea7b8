/**
 * createWebhookHandlerWith: behind toNodeListener on a real node:http server, and as a plain
 * Fetch handler. Status codes, callbacks run once, and what never reaches a callback.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { signWebhook } from '../../runtime/testing.ts';
import { createWebhookHandlerWith } from '../../runtime/webhook-handler.ts';
import { toNodeListener } from '../../runtime/webhook-node.ts';
import type { UnknownWebhookEvent } from '../../runtime/webhook-unwrap.ts';
import { binding, event, testKeyPair } from './helpers/webhook-decoder.ts';
import { type PostArgs, postTo, serve } from './helpers/webhook-http.ts';

const keys = testKeyPair();

describe('createWebhookHandlerWith + toNodeListener on a real node:http server', () => {
  const calls = { initiated: [] as unknown[], unknown: [] as UnknownWebhookEvent[] };
  let port: number;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const handler = createWebhookHandlerWith(
      {
        publicKey: keys.publicKey,
        maxBodyBytes: 4096,
        on: {
          'call.initiated': (e: unknown) => {
            calls.initiated.push(e);
            // A decoded event wraps the body; a drifting one is the body as sent.
            const body = (e as { body?: unknown }).body ?? e;
            const id = (body as { data: { id: string } }).data.id;
            if (id === 'boom') throw new Error('handler failed');
          },
        },
        onUnknown: (e) => void calls.unknown.push(e),
      },
      binding,
    );
    ({ port, close } = await serve(toNodeListener(handler, { maxBodyBytes: 4096 })));
  });
  afterAll(() => close());
  afterEach(() => {
    calls.initiated.length = 0;
    calls.unknown.length = 0;
  });

  const post = (...args: PostArgs) => postTo(port, ...args);

  it('valid → 200 and the callback runs exactly once', async () => {
    const body = event('call.initiated');
    const res = await post(body, await signWebhook(body, keys.privateKey));
    expect(res.status).toBe(200);
    expect(calls.initiated).toEqual([{ decoded: true, body: JSON.parse(body) }]);
    const chunked = await post(body, await signWebhook(body, keys.privateKey), true);
    expect(chunked.status).toBe(200);
    expect(calls.initiated).toHaveLength(2);
  });

  it('tampered → 400 with the reason and no callback', async () => {
    const body = event('call.initiated');
    const headers = await signWebhook(body, keys.privateKey);
    const res = await post(body.replace('parked', 'parkeD'), headers);
    expect(res).toMatchObject({ status: 400, body: { error: 'signature_mismatch' } });
    const stale = await signWebhook(body, keys.privateKey, Math.floor(Date.now() / 1000) - 3600);
    expect((await post(body, stale)).body.error).toBe('timestamp_too_old');
    // Node joins a repeated header with ", "; it must stay malformed, not pick one.
    const repeated = { ...headers, 'telnyx-timestamp': [headers['telnyx-timestamp'], '1'] };
    expect((await post(body, repeated)).body.error).toBe('malformed_timestamp');
    expect(calls.initiated).toHaveLength(0);
  });

  it('verifies the raw bytes: a signed non-UTF-8 body passes verification, then is invalid_json', async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]);
    const res = await post(bytes, await signWebhook(bytes, keys.privateKey));
    expect(res).toMatchObject({ status: 400, body: { error: 'invalid_json' } });
  });

  it('oversized → 413, by content-length and by the bytes actually read', async () => {
    const body = JSON.stringify({ pad: 'x'.repeat(8000) });
    const headers = await signWebhook(body, keys.privateKey);
    expect((await post(body, headers)).status).toBe(413);
    expect((await post(body, headers, true)).status).toBe(413);
    expect(calls.initiated).toHaveLength(0);
  });

  it('unknown event → 200 and onUnknown', async () => {
    const body = event('call.something_new');
    const res = await post(body, await signWebhook(body, keys.privateKey));
    expect(res.status).toBe(200);
    expect(calls.unknown.map((e) => e.event_type)).toEqual(['call.something_new']);
    expect(calls.initiated).toHaveLength(0);
  });

  it('callback throws → 500 (so Telnyx retries) without leaking the error', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const body = JSON.stringify({
      data: { event_type: 'call.initiated', id: 'boom', payload: { call_control_id: 'x', state: 'parked' } },
    });
    const res = await post(body, await signWebhook(body, keys.privateKey));
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: 'handler_failed' }); // the error's message stays on the server
    expect(calls.initiated).toHaveLength(1);
    // Without onError, the failure is logged on the server with the event's type and id.
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/call\.initiated.*boom/), expect.any(Error));
  });

  it('drifting payload → 200, delivered as sent; no data.event_type → 400; non-POST → 405', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const body = event('call.initiated', { call_control_id: 1 });
    const res = await post(body, await signWebhook(body, keys.privateKey));
    expect(res.status).toBe(200);
    expect(calls.initiated).toEqual([JSON.parse(body)]);
    expect(warn).toHaveBeenCalledTimes(1);
    const untyped = JSON.stringify({ data: { id: 'e2' } });
    const refused = await post(untyped, await signWebhook(untyped, keys.privateKey));
    expect(refused).toMatchObject({ status: 400, body: { error: 'invalid_payload' } });
    expect((await post('', {}, false, 'GET')).status).toBe(405);
  });
});

describe('createWebhookHandlerWith as a plain Fetch handler', () => {
  it('answers 500 when no key is configured and 413 past the limit when reading a stream', async () => {
    vi.stubEnv('TELNYX_PUBLIC_KEY', '');
    const handler = createWebhookHandlerWith({ on: {}, maxBodyBytes: 10 }, binding);
    const body = '{"data":{}}'.slice(0, 10);
    const headers = await signWebhook(body, keys.privateKey);
    const res = await handler(new Request('http://x/', { method: 'POST', body, headers }));
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ error: 'invalid_public_key' });
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new TextEncoder().encode('abcdef'));
        controller.close();
      },
    });
    const init = { method: 'POST', body: stream, duplex: 'half' } as RequestInit;
    expect((await handler(new Request('http://x/', init))).status).toBe(413);
  });
});
