/**
 * Webhook signature verification against committed fixed vectors (signed once with node:crypto),
 * with a fake clock. Every test runs on both crypto engines.
 */
import nodeCrypto from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeBase64, decodeBase64Into, encodeBase64 } from '../../runtime/base64.ts';
import { generateWebhookKeyPair, signWebhook } from '../../runtime/testing.ts';
import { verifyWebhookSignature, WebhookVerificationError } from '../../runtime/webhook-verify.ts';
import { now, V } from './helpers/webhook-vectors.ts';
import type { CryptoEngine, HeadersLike, WebhookVerificationReason } from '../../runtime/webhook-verify.ts';

const headers = (signature = V.text.signature, timestamp = V.text.timestamp) => ({
  'telnyx-signature-ed25519': signature,
  'telnyx-timestamp': timestamp,
});
const bodyBytes = new TextEncoder().encode(V.text.body);

/** Runs a verification expected to fail; checks the reason and that nothing secret leaks. */
async function expectReason(
  reason: WebhookVerificationReason,
  run: () => Promise<void>,
): Promise<WebhookVerificationError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebhookVerificationError);
  const failure = error as WebhookVerificationError;
  expect(failure.reason).toBe(reason);
  expect(failure.message).toContain(reason);
  for (const secret of [V.publicKey, V.otherPublicKey, V.text.signature, V.privateKeyPkcs8]) {
    expect(failure.message).not.toContain(secret);
  }
  return failure;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe.each<CryptoEngine>(['webcrypto', 'node'])('verifyWebhookSignature (%s)', (engine) => {
  const opts = { now, engine };
  const verify = (
    body: string | Uint8Array = V.text.body,
    h: HeadersLike = headers(),
    key: string | readonly string[] = V.publicKey,
    extra: object = {},
  ) => verifyWebhookSignature(body, h, key, { ...opts, ...extra });

  it('accepts the fixed vectors as a string, as bytes, and a non-UTF-8 byte body', async () => {
    await verify();
    await verify(bodyBytes);
    const bin = decodeBase64(V.bytes.bodyBase64)!;
    await verify(bin, headers(V.bytes.signature, V.bytes.timestamp));
  });

  it('reads plain objects in any case, Fetch Headers, and one-element arrays', async () => {
    await verify(V.text.body, {
      'Telnyx-Signature-Ed25519': V.text.signature,
      'TELNYX-TIMESTAMP': V.text.timestamp,
    });
    await verify(V.text.body, new Headers(headers()));
    await verify(V.text.body, {
      'telnyx-signature-ed25519': [V.text.signature],
      'telnyx-timestamp': [V.text.timestamp],
    });
  });

  it('accepts any of several keys (rotation) and keeps the tolerance boundary inclusive', async () => {
    await verify(V.text.body, headers(), [V.otherPublicKey, V.publicKey]);
    const ts = Number(V.text.timestamp);
    await verify(V.text.body, headers(), V.publicKey, { now: () => (ts + 300) * 1000 + 999 });
    await verify(V.text.body, headers(), V.publicKey, { now: () => (ts - 300) * 1000 });
  });

  it('missing_header', async () => {
    await expectReason('missing_header', () => verify(V.text.body, { 'telnyx-timestamp': '1' }));
    const noTs = { 'telnyx-signature-ed25519': V.text.signature };
    await expectReason('missing_header', () => verify(V.text.body, noTs));
    await expectReason('missing_header', () => verify(V.text.body, headers('')));
    await expectReason('missing_header', () => verify(V.text.body, new Headers()));
    await expectReason('missing_header', () => verify(V.text.body, null as never));
  });

  it.each([
    '-1700000000',
    '+1700000000',
    ' 1700000000',
    '1700000000 ',
    '1700000000.0',
    '1.7e9',
    '0x6553f100',
    '1700000000000000',
    '١٧٠٠٠٠٠٠٠٠',
    'NaN',
  ])('malformed_timestamp: %j', async (ts) => {
    await expectReason('malformed_timestamp', () => verify(V.text.body, headers(undefined, ts)));
  });

  it('malformed_timestamp: repeated header', async () => {
    const repeated = { ...headers(), 'telnyx-timestamp': [V.text.timestamp, V.text.timestamp] };
    await expectReason('malformed_timestamp', () => verify(V.text.body, repeated));
    const twoCases = { ...headers(), 'Telnyx-Timestamp': V.text.timestamp };
    await expectReason('malformed_timestamp', () => verify(V.text.body, twoCases));
    const fetchRepeat = new Headers(headers());
    fetchRepeat.append('telnyx-timestamp', V.text.timestamp);
    await expectReason('malformed_timestamp', () => verify(V.text.body, fetchRepeat));
  });

  it('a header value that is not a string, bare or as the one element of an array, is malformed', async () => {
    const ts = Number(V.text.timestamp);
    for (const value of [ts, [ts], [null], [[V.text.timestamp]]]) {
      const h = { ...headers(), 'telnyx-timestamp': value } as never;
      await expectReason('malformed_timestamp', () => verify(V.text.body, h));
    }
    for (const value of [[{}], [64], [undefined]]) {
      const h = { ...headers(), 'telnyx-signature-ed25519': value } as never;
      await expectReason('malformed_signature', () => verify(V.text.body, h));
    }
  });

  it('timestamp_too_old and timestamp_too_new', async () => {
    const ts = Number(V.text.timestamp);
    const at = (seconds: number) => ({ now: () => seconds * 1000 });
    await expectReason('timestamp_too_old', () => verify(undefined, undefined, undefined, at(ts + 301)));
    await expectReason('timestamp_too_new', () => verify(undefined, undefined, undefined, at(ts - 301)));
    const tight = { ...at(ts + 11), toleranceSeconds: 10 };
    await expectReason('timestamp_too_old', () => verify(undefined, undefined, undefined, tight));
    // Well-formed at both ends of the accepted length (1 and 15 digits), just far off in time.
    await expectReason('timestamp_too_old', () => verify(V.text.body, headers(undefined, '0')));
    const far = headers(undefined, '999999999999999');
    await expectReason('timestamp_too_new', () => verify(V.text.body, far));
  });

  it('reports every failure as a rejection, never a synchronous throw', async () => {
    const bad: [HeadersLike, string | readonly string[], object][] = [
      [null as never, V.publicKey, {}],
      [headers(), 'not a key', {}],
      [headers('!!!!'), V.publicKey, {}],
      [headers(), V.otherPublicKey, {}],
      [headers(), V.publicKey, { toleranceSeconds: NaN }],
    ];
    for (const [h, key, extra] of bad) {
      let promise: Promise<void> | undefined;
      expect(() => {
        promise = verifyWebhookSignature(V.text.body, h, key, { ...opts, ...extra });
      }).not.toThrow();
      await expect(promise).rejects.toThrow();
    }
  });

  it.each([
    ['not base64', '!!!!'],
    ['whitespace inside', `${V.text.signature.slice(0, 10)} ${V.text.signature.slice(11)}`],
    ['trailing newline', `${V.text.signature}\n`],
    ['unpadded', V.text.signature.replace(/=+$/, '')],
    ['base64url alphabet', V.text.signature.replace(/\+/g, '-').replace(/\//g, '_')],
    ['63 bytes', encodeBase64(new Uint8Array(63))],
    ['65 bytes', encodeBase64(new Uint8Array(65))],
    ['non-canonical trailing bits', `${V.text.signature.slice(0, 85)}R==`],
    ['hex', '00'.repeat(64)],
  ])('malformed_signature: %s', async (_label, signature) => {
    await expectReason('malformed_signature', () => verify(V.text.body, headers(signature)));
  });

  it.each([
    ['not base64', 'not a key'],
    ['31 bytes', encodeBase64(new Uint8Array(31))],
    ['33 bytes', encodeBase64(new Uint8Array(33))],
    ['whitespace', ` ${V.publicKey}`],
    ['no keys at all', []],
    ['one bad key among good ones', [V.publicKey, 'AAAA']],
  ])('invalid_public_key: %s', async (_label, key) => {
    await expectReason('invalid_public_key', () => verify(V.text.body, headers(), key));
  });

  it('signature_mismatch: wrong key, other body, other timestamp', async () => {
    await expectReason('signature_mismatch', () => verify(V.text.body, headers(), V.otherPublicKey));
    await expectReason('signature_mismatch', () => verify(`${V.text.body} `));
    const shifted = String(Number(V.text.timestamp) + 1);
    await expectReason('signature_mismatch', () => verify(V.text.body, headers(undefined, shifted)));
  });

  it('rejects every single-byte change of the body', async () => {
    for (let i = 0; i < bodyBytes.length; i++) {
      const tampered = bodyBytes.slice();
      tampered[i] = tampered[i]! ^ 0x01;
      await expectReason('signature_mismatch', () => verify(tampered));
    }
  });

  it('rejects every single-byte change of the timestamp', async () => {
    const ts = V.text.timestamp;
    for (let i = 0; i < ts.length; i++) {
      for (const digit of '0123456789'.replace(ts[i]!, '')) {
        const changed = ts.slice(0, i) + digit + ts.slice(i + 1);
        const wide = { toleranceSeconds: 1e10 }; // get past the clock to reach the signature
        await expectReason('signature_mismatch', () =>
          verify(V.text.body, headers(undefined, changed), undefined, wide),
        );
        await expect(verify(V.text.body, headers(undefined, changed))).rejects.toThrow();
      }
    }
  });

  it('rejects every single-byte change of the signature', async () => {
    const signature = decodeBase64(V.text.signature)!;
    for (let i = 0; i < signature.length; i++) {
      for (const bit of [0x01, 0x80]) {
        const tampered = signature.slice();
        tampered[i] = tampered[i]! ^ bit;
        await expectReason('signature_mismatch', () => verify(V.text.body, headers(encodeBase64(tampered))));
      }
    }
  });

  it('runs on the selected engine', async () => {
    const subtleVerify = vi.spyOn(globalThis.crypto.subtle, 'verify');
    await verify();
    expect(subtleVerify).toHaveBeenCalledTimes(engine === 'webcrypto' ? 1 : 0);
  });

  it('fails closed when the crypto library throws or the clock/tolerance is nonsense', async () => {
    if (engine === 'webcrypto') {
      vi.spyOn(globalThis.crypto.subtle, 'verify').mockRejectedValue(new Error('boom'));
      await expectReason('signature_mismatch', () => verify());
    }
    await expect(verify(undefined, undefined, undefined, { now: () => NaN })).rejects.toThrow(RangeError);
    const nanTolerance = { toleranceSeconds: NaN };
    await expect(verify(undefined, undefined, undefined, nanTolerance)).rejects.toThrow(RangeError);
    await expectReason('signature_mismatch', () => verify({ length: 3 } as never));
  });
});

describe('the node:crypto path', () => {
  const signingKey = () =>
    crypto.subtle.importKey('pkcs8', decodeBase64(V.privateKeyPkcs8)!, { name: 'Ed25519' }, false, ['sign']);
  const ts = Number(V.text.timestamp);

  it('verifies messages around and past the size of its reused buffer, multi-byte text included', async () => {
    const key = await signingKey();
    // 16 KiB is the reused buffer: cross it by one-, two-, three- and four-byte characters.
    for (const size of [16370, 16379, 16380, 16381, 16382, 16383, 16384, 40000]) {
      for (const tail of ['a', 'é', '€', '😀']) {
        const body = JSON.stringify({ pad: 'x'.repeat(size - 10), tail });
        const signed = await signWebhook(body, key, ts);
        await verifyWebhookSignature(body, signed, V.publicKey, { now, engine: 'node' });
        const bytes = new TextEncoder().encode(body);
        await verifyWebhookSignature(bytes, signed, V.publicKey, { now, engine: 'node' });
        const changed = body.replace('x', 'y');
        const wrong = verifyWebhookSignature(changed, signed, V.publicKey, { now, engine: 'node' });
        await expect(wrong).rejects.toMatchObject({ reason: 'signature_mismatch' });
      }
    }
  });

  it('gives a check nested inside another (a crypto.verify that verifies again) buffers of its own', async () => {
    const innerBody = '{"inner":true}';
    const innerHeaders = await signWebhook(innerBody, await signingKey(), ts);
    const verify = nodeCrypto.verify;
    let nested: Promise<void> | undefined;
    let entered = false;
    vi.spyOn(nodeCrypto, 'verify').mockImplementation(((...args: Parameters<typeof verify>) => {
      // Set before the inner call: `nested ??=` would only be set after it returns, so the inner
      // check would nest again and again until the stack overflowed.
      if (!entered) {
        entered = true;
        nested = verifyWebhookSignature(innerBody, innerHeaders, V.publicKey, { now, engine: 'node' });
      }
      return verify(...args);
    }) as typeof verify);
    await verifyWebhookSignature(V.text.body, headers(), V.publicKey, { now, engine: 'node' });
    await nested;
    // Failures release the reused buffers too; the next test checks they are back in use.
    await expectReason('malformed_signature', () =>
      verifyWebhookSignature(V.text.body, headers('!!!!'), V.publicKey, { now, engine: 'node' }),
    );
  });

  it('hands node:crypto exactly `${timestamp}|${body}` and keeps no copy of it afterwards', async () => {
    vi.restoreAllMocks();
    const messages: Uint8Array[] = [];
    const texts: string[] = [];
    const verify = nodeCrypto.verify;
    vi.spyOn(nodeCrypto, 'verify').mockImplementation(((...args: Parameters<typeof verify>) => {
      const data = args[1] as Uint8Array;
      messages.push(data);
      texts.push(Buffer.from(data).toString('utf8'));
      return verify(...args);
    }) as typeof verify);
    const options = { now, engine: 'node' as const };
    const leftBehind = () => messages.filter((message) => message.some((byte) => byte !== 0)).length;
    await verifyWebhookSignature(V.text.body, headers(), V.publicKey, options);
    expect(leftBehind()).toBe(0);
    await verifyWebhookSignature(bodyBytes, headers(), [V.otherPublicKey, V.publicKey], options);
    expect(leftBehind()).toBe(0);
    await expect(
      verifyWebhookSignature(`${V.text.body} `, headers(), V.publicKey, options),
    ).rejects.toThrow();
    expect(leftBehind()).toBe(0);
    const expected = `${V.text.timestamp}|${V.text.body}`;
    expect(texts).toEqual([expected, expected, expected, `${expected} `]);
  });
});

describe('base64', () => {
  it('round-trips and agrees with Buffer on canonical input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = encodeBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(decodeBase64(text)).toEqual(new Uint8Array(bytes));
      }),
      { seed: 20240601, numRuns: 500 },
    );
  });

  it('accepts exactly the texts Buffer re-encodes to themselves, and decodes them alike', () => {
    // Buffer's decoder is lenient; a text is canonical when encoding what it decodes gives it back.
    const chars = [
      ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
      ...'==-_ \n\u00c1\u0141',
    ];
    const noisy = fc.array(fc.constantFrom(...chars), { maxLength: 16 }).map((cs) => cs.join(''));
    const canonical = fc.uint8Array({ maxLength: 12 }).map((bytes) => Buffer.from(bytes).toString('base64'));
    // One character of a canonical text replaced: tail bits, padding, non-ASCII in every position.
    const mutated = fc
      .tuple(canonical, fc.nat(), fc.constantFrom(...chars))
      .map(([text, at, c]) =>
        text ? text.slice(0, at % text.length) + c + text.slice((at % text.length) + 1) : c,
      );
    fc.assert(
      fc.property(fc.oneof(noisy, canonical, mutated), (text) => {
        const reference = Buffer.from(text, 'base64');
        const decoded = decodeBase64(text);
        if (reference.toString('base64') === text) expect(decoded).toEqual(new Uint8Array(reference));
        else expect(decoded).toBeUndefined();
      }),
      { seed: 20251125, numRuns: 5000 },
    );
  });

  it('decodes into a given buffer only when the text is exactly its length, by the same rules', () => {
    const bytes = nodeCrypto.randomBytes(64);
    const text = bytes.toString('base64');
    const out = new Uint8Array(64);
    expect(decodeBase64Into(text, out)).toBe(true);
    expect(out).toEqual(new Uint8Array(bytes));
    expect(decodeBase64Into(text, new Uint8Array(63))).toBe(false);
    expect(decodeBase64Into(text, new Uint8Array(65))).toBe(false);
    expect(decodeBase64Into(`${text.slice(0, 85)}R==`, out)).toBe(false);
    expect(decodeBase64Into(`${text.slice(0, 40)} ${text.slice(41)}`, out)).toBe(false);
    expect(decodeBase64Into('', new Uint8Array(0))).toBe(true);
  });

  it.each([
    'A',
    'AB',
    'ABC',
    'A===',
    '====',
    'AB=C',
    'AA=A',
    'AB==',
    'AAB=',
    'AA AA',
    'AA\nA',
    'ä===',
    '-_AA',
    'QUJD\u0141',
    '\u0141BCD',
    'QQ=\u0141',
    'AAAAAAAAAAA\u0100',
  ])('rejects %j', (text) => {
    expect(decodeBase64(text)).toBeUndefined();
  });
});

describe('testing helpers', () => {
  it('sign what the verifier accepts, for strings and bytes', async () => {
    const pair = await generateWebhookKeyPair();
    expect(decodeBase64(pair.publicKey)).toHaveLength(32);
    const signed = await signWebhook('{"hello":"wörld"}', pair.privateKey);
    await verifyWebhookSignature('{"hello":"wörld"}', signed, pair.publicKey);
    const bytes = new Uint8Array([0xff, 0x00, 0x7b]);
    await verifyWebhookSignature(bytes, await signWebhook(bytes, pair.privateKey), pair.publicKey);
  });

  it('reproduce the committed vector signature (Ed25519 is deterministic)', async () => {
    const pkcs8 = decodeBase64(V.privateKeyPkcs8)!;
    const key = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']);
    const signed = await signWebhook(V.text.body, key, Number(V.text.timestamp));
    expect(signed).toEqual(headers());
  });
});
