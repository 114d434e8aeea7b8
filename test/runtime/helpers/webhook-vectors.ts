/**
 * The committed webhook vectors (`test/fixtures/webhooks/vectors.json`, signed once with
 * node:crypto) and small helpers around them, for the verifier's tests.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { decodeBase64 } from '../../../runtime/base64.ts';
import {
  WebhookVerificationError,
  type WebhookVerificationReason,
} from '../../../runtime/webhook-verify.ts';

export const V = JSON.parse(
  readFileSync(new URL('../../fixtures/webhooks/vectors.json', import.meta.url), 'utf8'),
) as {
  publicKey: string;
  privateKeyPkcs8: string;
  otherPublicKey: string;
  nowMs: number;
  text: { timestamp: string; body: string; signature: string };
  bytes: { timestamp: string; bodyBase64: string; signature: string };
};

/** The clock the vectors were signed for: 42 s after their timestamp. */
export const now = (): number => V.nowMs;

/** The two signature headers of the text vector, either one replaceable. */
export const signedHeaders = (signature = V.text.signature, timestamp = V.text.timestamp) => ({
  'telnyx-signature-ed25519': signature,
  'telnyx-timestamp': timestamp,
});

/** The private key behind `V.publicKey`, for signing other bodies. */
export const vectorSigningKey = (): Promise<CryptoKey> =>
  crypto.subtle.importKey('pkcs8', decodeBase64(V.privateKeyPkcs8)!, { name: 'Ed25519' }, false, ['sign']);

/** Awaits a verification expected to fail and returns its error, checked to carry `reason`. */
export async function rejection(
  reason: WebhookVerificationReason,
  pending: Promise<unknown>,
): Promise<WebhookVerificationError> {
  const error = await pending.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebhookVerificationError);
  expect((error as WebhookVerificationError).reason).toBe(reason);
  return error as WebhookVerificationError;
}
