/**
 * unwrapWebhookWith, the Fetch-API handler, and the node:http adapter on a real server (also as
 * Express middleware, on real Express).
 * The decoder is hand-written here; the generated guards plug into the same seam later.
 */
import nodeCrypto from 'node:crypto';
import express from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateWebhookKeyPair, signWebhook } from '../../templates/runtime/testing.ts';
import type { WebhookKeyPair } from '../../templates/runtime/testing.ts';
import type { ValidationResult } from '../../templates/runtime/validation.ts';
import { createWebhookHandlerWith } from '../../templates/runtime/webhook-handler.ts';
import { toNodeListener } from '../../templates/runtime/webhook-node.ts';
import {
  isUnknownWebhookEvent,
  unwrapDetailed,
  unwrapWebhookWith,
} from '../../templates/runtime/webhook-unwrap.ts';
import type { EventDecoder, UnknownWebhookEvent } from '../../templates/runtime/webhook-unwrap.ts';
import { WebhookVerificationError } from '../../templates/runtime/webhook-verify.ts';
import { type PostArgs, postTo, serve } from './helpers/webhook-http.ts';
import type { CryptoEngine } from '../../templates/runtime/webhook-verify.ts';

/**
 * call.initiated: payload.call_control_id must be a string (or null with `strictNulls: false`);
 * `state` is a closed enum unless `strictEnums: false`. Option defaults as in generated guards.
 */
const decodeCallInitiated: EventDecoder = (value, options): ValidationResult<unknown> => {
  const payload = (value as { data?: { payload?: Record<string, unknown> } }).data?.payload;
  const id = payload?.['call_control_id'];
  if (typeof id !== 'string' && !(id === null && options.strictNulls === false)) {
    const issue = {
      path: '/data/payload/call_control_id',
      keyword: 'type',
      message: 'expected string',
    };
    return { ok: false, errors: [issue] };
  }
  if (options.strictEnums !== false && !['parked', 'bridging'].includes(String(payload?.['state']))) {
    return {
      ok: false,
      errors: [{ path: '/data/payload/state', keyword: 'enum', message: 'unknown' }],
    };
  }
  return { ok: true, value: { decoded: true, body: value } };
};
/** What generated code would pass: the decoders and the environment variable for the key. */
const binding = { decoders: { 'call.initiated': decodeCallInitiated }, publicKeyEnv: 'TELNYX_PUBLIC_KEY' };

const event = (type: string, payload: object = { call_control_id: 'v3:abc', state: 'parked' }) =>
  JSON.stringify({ data: { event_type: type, id: 'e1', payload, record_type: 'event' }, meta: {} });

let keys: WebhookKeyPair;
beforeAll(async () => {
  keys = await generateWebhookKeyPair();
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

/** The crypto engine the `unwrapWebhookWith` tests run on; set by `describe.each` below. */
let engine: CryptoEngine = 'node';

async function unwrap(body: string | Uint8Array, extra: object = {}, signedBody = body) {
  const headers = await signWebhook(signedBody, keys.privateKey);
  return unwrapWebhookWith(body, { headers, key: keys.publicKey, engine, ...extra }, binding);
}

async function reasonOf(promise: Promise<unknown>): Promise<WebhookVerificationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebhookVerificationError);
  return error as WebhookVerificationError;
}

// node:crypto verifies synchronously and unwrap decodes in the same turn; WebCrypto verifies
// asynchronously and unwrap decodes afterwards. Both paths must behave the same.
describe.each<CryptoEngine>(['node', 'webcrypto'])('unwrapWebhookWith (%s)', (selected) => {
  beforeAll(() => {
    engine = selected;
  });

  it('returns the decoded event for a known type, as a string or as bytes', async () => {
    const body = event('call.initiated');
    expect(await unwrap(body)).toEqual({ decoded: true, body: JSON.parse(body) });
    expect(await unwrap(new TextEncoder().encode(body))).toEqual({ decoded: true, body: JSON.parse(body) });
  });

  it('runs on the selected engine', async () => {
    const subtleVerify = vi.spyOn(globalThis.crypto.subtle, 'verify');
    await unwrap(event('call.initiated'));
    expect(subtleVerify).toHaveBeenCalledTimes(selected === 'webcrypto' ? 1 : 0);
  });

  it('decodes the bytes that were verified, even if the caller changes them before it settles', async () => {
    const body = event('call.initiated', { call_control_id: 'v3:abc', state: 'parked' });
    const headers = await signWebhook(body, keys.privateKey);
    const options = { headers, key: keys.publicKey, engine };
    const swap = (bytes: Uint8Array) => bytes.set(new TextEncoder().encode('v3:xyz'), body.indexOf('v3:abc'));
    for (const bytes of [new TextEncoder().encode(body), Buffer.from(body)]) {
      const pending = unwrapWebhookWith(bytes, options, binding);
      swap(bytes);
      expect(await pending).toEqual({ decoded: true, body: JSON.parse(body) });
    }
    for (const bytes of [new TextEncoder().encode(body), Buffer.from(body)]) {
      const pending = unwrapDetailed(bytes, options, binding);
      swap(bytes);
      expect((await pending).event).toEqual({ decoded: true, body: JSON.parse(body) });
    }
  });

  it('parses bytes in shared memory from the copy it verified, not from the shared buffer', async () => {
    const body = event('call.initiated', { call_control_id: 'v3:abc', state: 'parked' });
    const headers = await signWebhook(body, keys.privateKey);
    const encoded = new TextEncoder().encode(body);
    const shared = new Uint8Array(new SharedArrayBuffer(encoded.length));
    shared.set(encoded);
    // Another thread could write at any moment. The write here lands while the signature is being
    // checked, the moment that matters, by riding on the crypto call of the selected engine.
    const swap = () => shared.set(new TextEncoder().encode('v3:xyz'), body.indexOf('v3:abc'));
    if (selected === 'node') {
      const verify = nodeCrypto.verify;
      vi.spyOn(nodeCrypto, 'verify').mockImplementation(((...args: Parameters<typeof verify>) => {
        const verdict = verify(...args);
        swap();
        return verdict;
      }) as typeof verify);
    } else {
      const subtle = globalThis.crypto.subtle;
      const verify = subtle.verify.bind(subtle);
      vi.spyOn(subtle, 'verify').mockImplementation(async (...args: Parameters<typeof verify>) => {
        const verdict = await verify(...args);
        swap();
        return verdict;
      });
    }
    const result = await unwrapWebhookWith(shared, { headers, key: keys.publicKey, engine }, binding);
    expect(new TextDecoder().decode(shared)).toContain('v3:xyz'); // the write did happen
    expect(result).toEqual({ decoded: true, body: JSON.parse(body) });
  });

  it('reports every failure as a rejection, never a synchronous throw', async () => {
    const body = event('call.initiated');
    const headers = await signWebhook(body, keys.privateKey);
    const cases = [
      { headers: null as never, key: keys.publicKey },
      { headers, key: 'not a key' },
      { headers: { ...headers, 'telnyx-timestamp': 'soon' }, key: keys.publicKey },
      { headers, key: keys.publicKey, toleranceSeconds: NaN },
    ];
    for (const options of cases) {
      let promise: Promise<unknown> | undefined;
      expect(() => {
        promise = unwrapWebhookWith(body, { ...options, engine }, binding);
      }).not.toThrow();
      await expect(promise).rejects.toThrow();
    }
    // Failures found after verification, while decoding, are rejections too.
    const notJson = '{"data":';
    const signed = { headers: await signWebhook(notJson, keys.privateKey), key: keys.publicKey, engine };
    let late: Promise<unknown> | undefined;
    expect(() => {
      late = unwrapWebhookWith(notJson, signed, binding);
    }).not.toThrow();
    expect((await reasonOf(late!)).reason).toBe('invalid_json');
  });

  it('invalid_json for a verified body that is not JSON or not UTF-8', async () => {
    expect((await reasonOf(unwrap('{"data":'))).reason).toBe('invalid_json');
    expect((await reasonOf(unwrap(new Uint8Array([0x22, 0xff, 0x22])))).reason).toBe('invalid_json');
    // A byte body cut inside a UTF-8 sequence fails on its own; it must not leak into the next one.
    const euro = new TextEncoder().encode(event('call.initiated', { call_control_id: '€', state: 'parked' }));
    expect((await reasonOf(unwrap(euro.slice(0, euro.indexOf(0xe2) + 1)))).reason).toBe('invalid_json');
    expect(await unwrap(euro)).toMatchObject({ decoded: true });
  });

  it('strict: invalid_payload with the decoder issues attached; without data.event_type always', async () => {
    const drifting = event('call.initiated', { call_control_id: 7 });
    const error = await reasonOf(unwrap(drifting, { strict: true }));
    expect(error.reason).toBe('invalid_payload');
    expect(error.issues).toEqual([expect.objectContaining({ path: '/data/payload/call_control_id' })]);
    for (const strict of [true, false]) {
      const noType = await reasonOf(unwrap('{"data":{"payload":{}}}', { strict }));
      expect(noType.reason).toBe('invalid_payload');
      expect(noType.issues?.[0]?.path).toBe('/data/event_type');
    }
  });

  it('an event type without a decoder is an UnknownWebhookEvent, prototype names included', async () => {
    for (const type of ['call.future_thing', 'constructor', '__proto__', 'toString']) {
      const body = event(type);
      const result = await unwrap(body);
      expect(isUnknownWebhookEvent(result)).toBe(true);
      const unknownEvent = result as UnknownWebhookEvent;
      expect(unknownEvent).toEqual({
        kind: 'unknown',
        event_type: type,
        data: JSON.parse(body).data,
        raw: JSON.parse(body),
      });
    }
  });

  it("decodes with strictNulls: false by default and with the guards' exact defaults under strict", async () => {
    const spy = vi.fn(decodeCallInitiated);
    const run = async (strict?: boolean) => {
      const body = event('call.initiated', { call_control_id: null, state: 'parked' });
      const headers = await signWebhook(body, keys.privateKey);
      const base = { headers, key: keys.publicKey, engine, onDrift: () => undefined };
      const options = strict === undefined ? base : { ...base, strict };
      return unwrapWebhookWith(body, options, { decoders: { 'call.initiated': spy } });
    };
    expect(await run()).toMatchObject({ decoded: true });
    expect(spy).toHaveBeenLastCalledWith(expect.anything(), { strictNulls: false });
    expect((await reasonOf(run(true))).reason).toBe('invalid_payload');
    expect(spy).toHaveBeenLastCalledWith(expect.anything(), {});
    expect(await run(false)).toMatchObject({ decoded: true });
    expect(spy).toHaveBeenCalledTimes(3); // once per webhook
  });

  it('never parses or decodes an unverified body', async () => {
    const spy = vi.fn(decodeCallInitiated);
    const parse = vi.spyOn(JSON, 'parse');
    const body = event('call.initiated');
    const headers = await signWebhook(body, keys.privateKey);
    const tampered = body.replace('v3:abc', 'v3:abd');
    const options = { headers, key: keys.publicKey, engine };
    const error = await reasonOf(
      unwrapWebhookWith(tampered, options, { decoders: { 'call.initiated': spy } }),
    );
    expect(error.reason).toBe('signature_mismatch');
    const bytes = new TextEncoder().encode(tampered);
    const fromBytes = await reasonOf(
      unwrapWebhookWith(bytes, options, { decoders: { 'call.initiated': spy } }),
    );
    expect(fromBytes.reason).toBe('signature_mismatch');
    expect(spy).not.toHaveBeenCalled();
    expect(parse).not.toHaveBeenCalled();
  });

  it('reads TELNYX_PUBLIC_KEY (comma-separated for rotation) and explains a missing key', async () => {
    const body = event('call.initiated');
    const headers = await signWebhook(body, keys.privateKey);
    vi.stubEnv('TELNYX_PUBLIC_KEY', `${(await generateWebhookKeyPair()).publicKey}, ${keys.publicKey}`);
    await unwrapWebhookWith(body, { headers, engine }, binding);
    vi.stubEnv('TELNYX_PUBLIC_KEY', '');
    const error = await reasonOf(unwrapWebhookWith(body, { headers, engine }, binding));
    expect(error.reason).toBe('invalid_public_key');
    expect(error.message).toContain('TELNYX_PUBLIC_KEY');
  });

  it('reads the environment variable its binding names, and none when it names none', async () => {
    const body = event('call.initiated');
    const headers = await signWebhook(body, keys.privateKey);
    vi.stubEnv('TELNYX_PUBLIC_KEY', '');
    vi.stubEnv('ACME_WEBHOOK_KEY', keys.publicKey);
    const acme = { ...binding, publicKeyEnv: 'ACME_WEBHOOK_KEY' };
    expect(await unwrapWebhookWith(body, { headers, engine }, acme)).toMatchObject({ decoded: true });
    const { publicKeyEnv: _none, ...noEnv } = binding;
    vi.stubEnv('TELNYX_PUBLIC_KEY', keys.publicKey);
    const error = await reasonOf(unwrapWebhookWith(body, { headers, engine }, noEnv));
    expect(error.reason).toBe('invalid_public_key');
    expect(error.message).not.toContain('environment variable');
  });
});

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

describe('toNodeListener: our handler directly, any other Fetch handler through Request', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("calls our handler with Node's headers and bytes, building no Fetch Request or Response", async () => {
    const seen: unknown[] = [];
    const handler = createWebhookHandlerWith(
      { publicKey: keys.publicKey, on: { 'call.initiated': (e: unknown) => void seen.push(e) } },
      binding,
    );
    const { port, close } = await serve(toNodeListener(handler));
    try {
      const refuse = () => {
        throw new Error('the direct path must not build Fetch objects');
      };
      vi.stubGlobal('Request', refuse);
      vi.stubGlobal('Response', refuse);
      const body = event('call.initiated');
      const ok = await postTo(port, body, await signWebhook(body, keys.privateKey));
      expect(ok).toMatchObject({ status: 200, body: { ok: true } });
      expect(ok.headers['content-type']).toBe('application/json');
      expect(seen).toHaveLength(1);
      const tampered = await postTo(port, `${body} `, await signWebhook(body, keys.privateKey));
      expect(tampered).toMatchObject({ status: 400, body: { error: 'signature_mismatch' } });
      const get = await postTo(port, '', {}, false, 'GET');
      expect(get).toMatchObject({ status: 405, body: { error: 'method_not_allowed' } });
      expect(get.headers['allow']).toBe('POST');
      expect(seen).toHaveLength(1);
    } finally {
      await close();
    }
  });

  it("applies the handler's own maxBodyBytes when it is below the adapter's", async () => {
    const handler = createWebhookHandlerWith(
      { publicKey: keys.publicKey, maxBodyBytes: 64, on: {} },
      binding,
    );
    const { port, close } = await serve(toNodeListener(handler)); // adapter default: 1 MiB
    try {
      const body = event('call.initiated', { call_control_id: 'x'.repeat(100) });
      const headers = await signWebhook(body, keys.privateKey);
      const declared = await postTo(port, body, headers);
      expect(declared).toMatchObject({ status: 413, body: { error: 'payload_too_large' } });
      expect(declared.headers['connection']).toBe('close');
      expect((await postTo(port, body, headers, true)).status).toBe(413);
    } finally {
      await close();
    }
  });

  it('as Express middleware: alone, after express.raw(), and after express.json() (500, no hang)', async () => {
    const seen: unknown[] = [];
    const handler = createWebhookHandlerWith(
      {
        publicKey: keys.publicKey,
        maxBodyBytes: 1024,
        on: { 'call.initiated': (e: unknown) => void seen.push(e) },
      },
      binding,
    );
    const app = express();
    app.post('/plain', toNodeListener(handler));
    app.post('/raw', express.raw({ type: 'application/json', limit: '1mb' }), toNodeListener(handler));
    app.post('/json', express.json(), toNodeListener(handler));
    const { port, close } = await serve(app);
    try {
      const body = event('call.initiated');
      const headers = { ...(await signWebhook(body, keys.privateKey)), 'content-type': 'application/json' };
      const to = (path: string, text: string, h: Record<string, string>) => postTo({ port, path }, text, h);
      expect(await to('/plain', body, headers)).toMatchObject({ status: 200, body: { ok: true } });
      expect(await to('/raw', body, headers)).toMatchObject({ status: 200, body: { ok: true } });
      expect(seen).toHaveLength(2);
      const tampered = await to('/raw', body.replace('parked', 'parkeD'), headers);
      expect(tampered).toMatchObject({ status: 400, body: { error: 'signature_mismatch' } });
      // express.raw() read all 2 kB; the handler's own limit still applies to what it left.
      const big = JSON.stringify({ pad: 'x'.repeat(2000) });
      const bigHeaders = { ...(await signWebhook(big, keys.privateKey)), 'content-type': 'application/json' };
      expect((await to('/raw', big, bigHeaders)).status).toBe(413);
      const parsed = await to('/json', body, headers);
      expect(parsed).toMatchObject({ status: 500, body: { error: 'body_already_read' } });
      expect(parsed.body['message']).toContain('express.raw(');
      expect(seen).toHaveLength(2);
    } finally {
      await close();
    }
  });

  it('hands any other Fetch handler a Request with the raw bytes and sends its Response', async () => {
    const requests: { method: string; signature: string | null; bytes: number[] }[] = [];
    const handler = async (request: Request) => {
      const bytes = [...new Uint8Array(await request.arrayBuffer())];
      requests.push({
        method: request.method,
        signature: request.headers.get('telnyx-signature-ed25519'),
        bytes,
      });
      return new Response(JSON.stringify({ seen: bytes.length }), {
        status: 202,
        headers: { 'x-seen': 'yes' },
      });
    };
    const { port, close } = await serve(toNodeListener(handler, { maxBodyBytes: 16 }));
    try {
      const notUtf8 = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
      const res = await postTo(port, notUtf8, { 'telnyx-signature-ed25519': 'sig' });
      expect(res).toMatchObject({ status: 202, body: { seen: 4 } });
      expect(res.headers['x-seen']).toBe('yes');
      expect(requests).toEqual([{ method: 'POST', signature: 'sig', bytes: [0x7b, 0xff, 0xfe, 0x7d] }]);
      // Past the adapter's limit the handler is not called; any method reaches it otherwise.
      expect((await postTo(port, 'x'.repeat(17), {}, true)).status).toBe(413);
      expect((await postTo(port, '', {}, false, 'GET')).status).toBe(202);
      expect(requests.map((r) => r.method)).toEqual(['POST', 'GET']);
    } finally {
      await close();
    }
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
