/**
 * What the verifier makes of real-world inputs: the other headers a server passes along, keys
 * whose base64 uses `+` and `/`, odd key lists and clocks; and what its errors tell the person
 * reading the log.
 */
import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../../runtime/base64.ts';
import { signWebhook } from '../../runtime/testing.ts';
import {
  verifyWebhookSignature,
  WebhookVerificationError,
  type CryptoEngine,
  type HeadersLike,
} from '../../runtime/webhook-verify.ts';
import { V, now, rejection, signedHeaders } from './helpers/webhook-vectors.ts';

/**
 * A throwaway key pair whose public key's base64 holds `+` and `/` twice each (the vectors' keys
 * hold neither, or only `/`): node:crypto takes keys as base64url, so both must be mapped.
 */
const PLUS_SLASH_KEY = {
  publicKey: '5mtvV/l9Ih+mwPt2KhQ/K+2Agu07Ee2zymeGKUz3ZPI=',
  privateKeyPkcs8: 'MC4CAQAwBQYDK2VwBCIEIHbWsnEpxaxisOQCisQxJiJmvDju7m3MNemnSJH6liaW',
};

describe.each<CryptoEngine>(['webcrypto', 'node'])('verifier inputs (%s)', (engine) => {
  const verify = (h: unknown, options: object = {}, key: unknown = V.publicKey, body = V.text.body) =>
    verifyWebhookSignature(body, h as HeadersLike, key as string, { now, engine, ...options });

  it('accepts a webhook whose other headers have names as long as the signature headers', async () => {
    // `content-encoding` and `telnyx-timestamp` both have 16 characters; the last has 24, like
    // `telnyx-signature-ed25519`. As Node hands them over: lower case, values as strings.
    const fromNode = {
      host: 'hooks.example.com',
      'content-type': 'application/json',
      'content-encoding': 'identity',
      'x-forwarded-proto': 'https',
      'x-request-id-from-proxy1': 'abc',
      ...signedHeaders(),
    };
    await verify(fromNode);
    await verify({ ...fromNode, 'Content-Encoding': 'identity', 'X-Request-Id-From-Proxy1': 'abc' });
  });

  it('verifies with a public key whose base64 contains + and /', async () => {
    const pkcs8 = decodeBase64(PLUS_SLASH_KEY.privateKeyPkcs8)!;
    const signingKey = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']);
    const body = '{"data":{"event_type":"call.speak.ended"}}';
    const headers = await signWebhook(body, signingKey, Number(V.text.timestamp));
    await verify(headers, {}, PLUS_SLASH_KEY.publicKey, body);
    await rejection('signature_mismatch', verify(headers, {}, V.publicKey, body));
  });

  it('reports a header a framework handed over as an empty array as missing', async () => {
    const error = await rejection('missing_header', verify({ ...signedHeaders(), 'telnyx-timestamp': [] }));
    expect(error.message).toContain('telnyx-timestamp');
  });

  it('says which header is missing', async () => {
    const noSignature = await rejection('missing_header', verify({ 'telnyx-timestamp': V.text.timestamp }));
    expect(noSignature.message).toContain('telnyx-signature-ed25519');
    const noTimestamp = await rejection(
      'missing_header',
      verify({ 'telnyx-signature-ed25519': V.text.signature }),
    );
    expect(noTimestamp.message).toContain('telnyx-timestamp');
  });

  it('refuses a call without any headers (JavaScript callers can leave them out)', async () => {
    for (const headers of [undefined, null]) {
      const error = await rejection('missing_header', verify(headers));
      expect(error.message).toContain('no headers');
    }
  });

  it('says when a signature or timestamp header is repeated', async () => {
    const twice = { ...signedHeaders(), 'Telnyx-Signature-Ed25519': V.text.signature };
    const signature = await rejection('malformed_signature', verify(twice));
    expect(signature.message).toContain('telnyx-signature-ed25519 is repeated');
    const twoTimestamps = { ...signedHeaders(), 'telnyx-timestamp': [V.text.timestamp, V.text.timestamp] };
    const timestamp = await rejection('malformed_timestamp', verify(twoTimestamps));
    expect(timestamp.message).toContain('telnyx-timestamp is repeated');
  });

  it('says what a well-formed timestamp and signature look like', async () => {
    const timestamp = await rejection('malformed_timestamp', verify(signedHeaders(undefined, '17e8')));
    expect(timestamp.message).toContain('digits only');
    const signature = await rejection('malformed_signature', verify(signedHeaders('AAAA')));
    expect(signature.message).toContain('base64 of 64 bytes');
  });

  it('says how far off the timestamp may be, and in which direction it is off', async () => {
    const ts = Number(V.text.timestamp);
    const old = await rejection(
      'timestamp_too_old',
      verify(signedHeaders(), { now: () => (ts + 61) * 1000, toleranceSeconds: 60 }),
    );
    expect(old.message).toContain('more than 60s in the past');
    const early = await rejection(
      'timestamp_too_new',
      verify(signedHeaders(), { now: () => (ts - 61) * 1000, toleranceSeconds: 60 }),
    );
    expect(early.message).toContain('more than 60s in the future');
  });

  it('with a tolerance of 0 accepts a timestamp of this very second, and refuses a negative tolerance', async () => {
    const ts = Number(V.text.timestamp);
    await verify(signedHeaders(), { now: () => ts * 1000 + 999, toleranceSeconds: 0 });
    await rejection(
      'timestamp_too_old',
      verify(signedHeaders(), { now: () => (ts + 1) * 1000, toleranceSeconds: 0 }),
    );
    await expect(verify(signedHeaders(), { toleranceSeconds: -1 })).rejects.toThrow(/toleranceSeconds/);
    await expect(verify(signedHeaders(), { now: () => Number.NaN })).rejects.toThrow(/now\(\)/);
  });

  it('refuses a key list holding an unset value (an environment variable that is not there)', async () => {
    const error = await rejection(
      'invalid_public_key',
      verify(signedHeaders(), {}, [V.publicKey, undefined]),
    );
    expect(error.message).toContain('32 raw Ed25519 bytes');
    const none = await rejection('invalid_public_key', verify(signedHeaders(), {}, []));
    expect(none.message).toContain('no public key');
  });

  it('takes several keys as one comma-separated string, as TELNYX_PUBLIC_KEY holds them during a rotation', async () => {
    await verify(signedHeaders(), {}, `${V.otherPublicKey},${V.publicKey}`);
    await verify(signedHeaders(), {}, ` ${V.otherPublicKey} , ${V.publicKey} ,`);
    await rejection(
      'signature_mismatch',
      verify(signedHeaders(), {}, `${V.otherPublicKey},${V.otherPublicKey}`),
    );
    const none = await rejection('invalid_public_key', verify(signedHeaders(), {}, ' , '));
    expect(none.message).toContain('no public key');
  });

  it('says the signature does not match when it does not', async () => {
    const error = await rejection('signature_mismatch', verify(signedHeaders(), {}, V.otherPublicKey));
    expect(error.message).toContain('does not match');
  });
});

it('names its errors WebhookVerificationError, as logs and error trackers show them', async () => {
  const error = await verifyWebhookSignature(V.text.body, {}, V.publicKey).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(WebhookVerificationError);
  expect((error as Error).name).toBe('WebhookVerificationError');
  expect(String(error)).toMatch(/^WebhookVerificationError: missing_header: /);
});
