/**
 * What unwrap does with a verified body that is not a well-formed event: any JSON value without
 * a `data.event_type` string (`null`, `{"data":null}`, arrays, strings) is `invalid_payload`
 * naming the missing pointer, never a `TypeError`; bytes that are not UTF-8 are `invalid_json`,
 * never patched with U+FFFD. Every body here is really signed, so only the payload is wrong.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateWebhookKeyPair, signWebhook } from '../../runtime/testing.ts';
import type { WebhookKeyPair } from '../../runtime/testing.ts';
import {
  hasEventType,
  isUnknownWebhookEvent,
  unwrapDetailed,
  unwrapWebhookWith,
} from '../../runtime/webhook-unwrap.ts';
import type { CryptoEngine } from '../../runtime/webhook-verify.ts';
import { binding, event, reasonOf } from './helpers/webhook-decoder.ts';

let keys: WebhookKeyPair;
beforeAll(async () => {
  keys = await generateWebhookKeyPair();
});

let engine: CryptoEngine = 'node';

async function unwrap(body: string | Uint8Array, extra: object = {}) {
  const headers = await signWebhook(body, keys.privateKey);
  return unwrapWebhookWith(body, { headers, key: keys.publicKey, engine, ...extra }, binding);
}

const NO_EVENT_TYPE = [{ path: '/data/event_type', keyword: 'required', message: 'expected a string' }];

describe.each<CryptoEngine>(['node', 'webcrypto'])('a signed body that is not an event (%s)', (selected) => {
  beforeAll(() => {
    engine = selected;
  });

  const notEvents = [
    'null',
    '{"data":null}',
    '{"data":{"event_type":null}}',
    '{"data":{"event_type":7}}',
    '{"data":"call.initiated"}',
    '{"data":[]}',
    '[]',
    '"call.initiated"',
    '0',
    'true',
  ];

  it.each(notEvents)('%s is invalid_payload, with the missing pointer as its issue', async (body) => {
    for (const strict of [false, true]) {
      const error = await reasonOf(unwrap(body, { strict }));
      expect(error.reason).toBe('invalid_payload');
      expect(error.message).toBe('invalid_payload: no data.event_type');
      expect(error.issues).toEqual(NO_EVENT_TYPE);
    }
  });

  it('bytes that are not UTF-8 are invalid_json, never decoded with replacement characters', async () => {
    // Each would parse as a well-formed event if U+FFFD replaced the bad bytes.
    const encode = (text: string) => new TextEncoder().encode(text);
    const good = encode(event('call.initiated', { call_control_id: 'v3:\u00e9', state: 'parked' }));
    const at = good.indexOf(0xc3);
    for (const bad of [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xc0, 0xaf]]) {
      const body = new Uint8Array([...good.subarray(0, at), ...bad, ...good.subarray(at + 2)]);
      const error = await reasonOf(unwrap(body));
      expect(error.reason).toBe('invalid_json');
      expect(error.message).toBe('invalid_json: the verified body is not valid UTF-8 JSON');
    }
    expect(await unwrap(good)).toMatchObject({ decoded: true });
  });

  it('a string body is parsed as it is, and a byte body from its UTF-8', async () => {
    const body = event('call.initiated', { call_control_id: 'v3:\u00e9\u20ac', state: 'parked' });
    const fromString = (await unwrap(body)) as { body: { data: { payload: object } } };
    const fromBytes = (await unwrap(new TextEncoder().encode(body))) as typeof fromString;
    expect(fromString.body.data.payload).toEqual({ call_control_id: 'v3:\u00e9\u20ac', state: 'parked' });
    expect(fromBytes).toEqual(fromString);
  });

  it('keeps data.id as the event id only when it is a string', async () => {
    const detailed = async (id: unknown) => {
      const body = JSON.stringify({ data: { event_type: 'call.x', id }, meta: {} });
      const headers = await signWebhook(body, keys.privateKey);
      return unwrapDetailed(body, { headers, key: keys.publicKey, engine }, binding);
    };
    expect(await detailed('e-7')).toMatchObject({ eventType: 'call.x', eventId: 'e-7', known: false });
    expect((await detailed(7)).eventId).toBeUndefined();
    expect((await detailed(null)).eventId).toBeUndefined();
  });

  it('strict names the event type whose schema the body does not match', async () => {
    const error = await reasonOf(unwrap(event('call.initiated', { call_control_id: 7 }), { strict: true }));
    expect(error.message).toBe('invalid_payload: the call.initiated event does not match its schema');
  });
});

describe('reading an event without unwrapping it again', () => {
  it('isUnknownWebhookEvent is true only for objects whose kind is "unknown"', () => {
    expect(isUnknownWebhookEvent({ kind: 'unknown', event_type: 'x' })).toBe(true);
    for (const value of [
      null,
      undefined,
      'unknown',
      0,
      {},
      { kind: 'known' },
      { data: { kind: 'unknown' } },
    ]) {
      expect(isUnknownWebhookEvent(value), String(value)).toBe(false);
    }
  });

  it('hasEventType reads data.event_type of a known event, and is false for unknown ones and non-events', () => {
    expect(hasEventType({ data: { event_type: 'call.initiated' } }, 'call.initiated')).toBe(true);
    expect(hasEventType({ data: { event_type: 'call.initiated' } }, 'call.hangup')).toBe(false);
    const unknown = { kind: 'unknown', event_type: 'call.initiated', data: { event_type: 'call.initiated' } };
    expect(hasEventType(unknown, 'call.initiated')).toBe(false);
    for (const value of [null, 'call.initiated', { data: null }, { data: 'call.initiated' }, {}]) {
      expect(hasEventType(value, 'call.initiated'), JSON.stringify(value)).toBe(false);
    }
  });
});

describe('the public key', () => {
  const env = process.env;
  afterEach(() => {
    process.env = env;
  });

  const MISSING =
    'invalid_public_key: no public key configured: pass `key` / `publicKey`, or set the TELNYX_PUBLIC_KEY environment variable to ' +
    'the base64 public key shown in the Telnyx Mission Control portal';

  it('missing everywhere: invalid_public_key saying where to give it', async () => {
    const body = event('call.initiated');
    const headers = await signWebhook(body, keys.privateKey);
    const { TELNYX_PUBLIC_KEY: _unset, ...withoutKey } = env;
    for (const variables of [withoutKey, { ...env, TELNYX_PUBLIC_KEY: ' , ' }]) {
      process.env = variables;
      const error = await reasonOf(unwrapWebhookWith(body, { headers }, binding));
      expect(error.reason).toBe('invalid_public_key');
      expect(error.message).toBe(MISSING);
    }
    const { publicKeyEnv: _none, ...noEnv } = binding;
    // A binding that names no variable reads none, not even one literally named "undefined".
    process.env = { ...env, undefined: keys.publicKey };
    const withoutEnv = await reasonOf(unwrapWebhookWith(body, { headers }, noEnv));
    expect(withoutEnv.message).toBe(
      'invalid_public_key: no public key configured: pass `key` / `publicKey` with the base64 public key shown in the ' +
        'Telnyx Mission Control portal',
    );
  });

  it('a runtime without process or process.env (edge workers) reads no variable, and does not throw', async () => {
    const body = event('call.initiated');
    const headers = await signWebhook(body, keys.privateKey);
    const saved = globalThis.process;
    const pending: Promise<unknown>[] = [];
    try {
      // The key is resolved synchronously, so process is only missing while unwrap starts.
      (globalThis as { process?: unknown }).process = undefined;
      pending.push(unwrapWebhookWith(body, { headers }, binding));
      (globalThis as { process?: unknown }).process = {};
      pending.push(unwrapWebhookWith(body, { headers }, binding));
    } finally {
      globalThis.process = saved;
    }
    for (const promise of pending) expect((await reasonOf(promise)).message).toBe(MISSING);
  });
});
