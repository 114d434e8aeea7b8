/**
 * unwrapWebhookWith on both crypto engines: verify first, then parse and decode; drift, strict,
 * keys from the binding's environment variable. The decoder is hand-written (helpers); the
 * generated guards plug into the same seam (test/webhooks).
 */
import nodeCrypto from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { generateWebhookKeyPair, signWebhook } from '../../runtime/testing.ts';
import {
  isUnknownWebhookEvent,
  uncheckedEvent,
  unwrapDetailed,
  unwrapWebhookWith,
} from '../../runtime/webhook-unwrap.ts';
import type { UnknownWebhookEvent } from '../../runtime/webhook-unwrap.ts';
import type { CryptoEngine } from '../../runtime/webhook-verify.ts';
import { binding, decodeCallInitiated, event, reasonOf, testKeyPair } from './helpers/webhook-decoder.ts';

const keys = testKeyPair();

/** The crypto engine the `unwrapWebhookWith` tests run on; set by `describe.each` below. */
let engine: CryptoEngine = 'node';

async function unwrap(body: string | Uint8Array, extra: object = {}, signedBody = body) {
  const headers = await signWebhook(signedBody, keys.privateKey);
  return unwrapWebhookWith(body, { headers, key: keys.publicKey, engine, ...extra }, binding);
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

  it('uncheckedEvent (a package without guards) delivers the parsed body as it came, even under strict', async () => {
    const drifting = event('call.initiated', { call_control_id: 7 });
    const headers = await signWebhook(drifting, keys.privateKey);
    const unchecked = { ...binding, decoders: { 'call.initiated': uncheckedEvent } };
    for (const strict of [true, false]) {
      const detailed = await unwrapDetailed(
        drifting,
        { headers, key: keys.publicKey, engine, strict },
        unchecked,
      );
      expect(detailed).toEqual({
        eventType: 'call.initiated',
        eventId: 'e1',
        event: JSON.parse(drifting),
        known: true,
      });
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
