/**
 * The verifier fails closed when the crypto library misbehaves, when checks overlap, and when it
 * is handed something other than the raw body; and it always answers with a promise.
 */
import nodeCrypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../runtime/base64.ts';
import { generateWebhookKeyPair, signWebhook } from '../../runtime/testing.ts';
import { verifyWebhookSignature, type CryptoEngine } from '../../runtime/webhook-verify.ts';
import { V, now, rejection, signedHeaders, vectorSigningKey } from './helpers/webhook-vectors.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

/** The vector's signature with one bit flipped: well formed, but not Telnyx's. */
function forgedSignature(): string {
  const bytes = decodeBase64(V.text.signature)!;
  bytes[0] = bytes[0]! ^ 0x01;
  return encodeBase64(bytes);
}

describe('an exception inside node:crypto never accepts a webhook', () => {
  it('refuses the webhook when node:crypto.verify throws', async () => {
    vi.spyOn(nodeCrypto, 'verify').mockImplementation(() => {
      throw new Error('OpenSSL failure');
    });
    const pending = verifyWebhookSignature(V.text.body, signedHeaders(), V.publicKey, {
      now,
      engine: 'node',
    });
    await rejection('signature_mismatch', pending);
  });

  it('refuses the webhook when node:crypto cannot import the public key', async () => {
    const pair = await generateWebhookKeyPair(); // a key this module has never imported
    const body = '{"data":{}}';
    const headers = await signWebhook(body, pair.privateKey);
    vi.spyOn(nodeCrypto, 'createPublicKey').mockImplementation(() => {
      throw new Error('unsupported key');
    });
    await rejection(
      'signature_mismatch',
      verifyWebhookSignature(body, headers, pair.publicKey, { engine: 'node' }),
    );
    vi.restoreAllMocks();
    await verifyWebhookSignature(body, headers, pair.publicKey, { engine: 'node' });
  });
});

describe('a failed WebCrypto key import', () => {
  it('refuses that webhook, and a later one with the same key still verifies', async () => {
    const pair = await generateWebhookKeyPair();
    const body = '{"data":{"id":1}}';
    const headers = await signWebhook(body, pair.privateKey);
    vi.spyOn(globalThis.crypto.subtle, 'importKey').mockRejectedValueOnce(new Error('busy'));
    const options = { engine: 'webcrypto' as const };
    await rejection('signature_mismatch', verifyWebhookSignature(body, headers, pair.publicKey, options));
    await verifyWebhookSignature(body, headers, pair.publicKey, options);
  });
});

describe('checks that overlap in time', () => {
  it.each<CryptoEngine>(['webcrypto', 'node'])(
    '(%s) refuse a forged webhook and accept a valid one received at the same moment, in either order',
    async (engine) => {
      const verify = (signature: string) =>
        verifyWebhookSignature(V.text.body, signedHeaders(signature), V.publicKey, { now, engine });
      // Started together, before either is awaited: WebCrypto reads its input only later.
      const validFirst = await Promise.allSettled([verify(V.text.signature), verify(forgedSignature())]);
      const forgedFirst = await Promise.allSettled([verify(forgedSignature()), verify(V.text.signature)]);
      const outcome = (settled: PromiseSettledResult<void>) =>
        settled.status === 'fulfilled' ? 'accepted' : (settled.reason as { reason?: string }).reason;
      expect(validFirst.map(outcome)).toEqual(['accepted', 'signature_mismatch']);
      expect(forgedFirst.map(outcome)).toEqual(['signature_mismatch', 'accepted']);
    },
  );

  it('keep the outer message intact when each call into node:crypto verifies another webhook first', async () => {
    const innerBody = '{"inner":true}';
    const innerHeaders = await signWebhook(innerBody, await vectorSigningKey(), Number(V.text.timestamp));
    const verify = nodeCrypto.verify;
    const inner: Promise<void>[] = [];
    let depth = 0;
    vi.spyOn(nodeCrypto, 'verify').mockImplementation(((...args: Parameters<typeof verify>) => {
      if (depth === 0) {
        depth++;
        inner.push(verifyWebhookSignature(innerBody, innerHeaders, V.publicKey, { now, engine: 'node' }));
        depth--;
      }
      return verify(...args);
    }) as typeof verify);
    // Two keys: node:crypto is called twice for the outer check, with an inner check before each.
    const keys = [V.otherPublicKey, V.publicKey];
    await verifyWebhookSignature(V.text.body, signedHeaders(), keys, { now, engine: 'node' });
    expect(inner).toHaveLength(2);
    await Promise.all(inner);
  });
});

describe('the answer is always a promise', () => {
  it.each<CryptoEngine>(['webcrypto', 'node'])(
    '(%s) returns a promise for a valid and for a refused webhook, so .then and .catch always work',
    async (engine) => {
      const valid = verifyWebhookSignature(V.text.body, signedHeaders(), V.publicKey, { now, engine });
      expect(valid).toBeInstanceOf(Promise);
      await expect(valid).resolves.toBeUndefined();
      const refused = verifyWebhookSignature(V.text.body, signedHeaders(forgedSignature()), V.publicKey, {
        now,
        engine,
      });
      expect(refused).toBeInstanceOf(Promise);
      await rejection('signature_mismatch', refused);
    },
  );
});

describe('only the raw body as received is checked', () => {
  const bytes = new TextEncoder().encode(V.text.body);

  it.each<CryptoEngine>(['webcrypto', 'node'])(
    '(%s) refuses the signed bytes handed over as a plain array of numbers',
    async (engine) => {
      const asArray = Array.from(bytes) as never;
      const error = await rejection(
        'signature_mismatch',
        verifyWebhookSignature(asArray, signedHeaders(), V.publicKey, { now, engine }),
      );
      expect(error.message).toContain('raw string or bytes');
    },
  );

  it('tells a caller who passed parsed JSON (express.json()) to pass the raw body instead', async () => {
    const parsed = JSON.parse(V.text.body) as never;
    const error = await rejection(
      'signature_mismatch',
      verifyWebhookSignature(parsed, signedHeaders(), V.publicKey, { now }),
    );
    expect(error.message).toContain('raw string or bytes');
  });
});
