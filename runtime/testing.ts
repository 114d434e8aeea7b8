/**
 * Test helpers for code that receives Telnyx webhooks: make a key pair and sign bodies exactly
 * the way Telnyx does, so handlers can be tested end to end without Telnyx. Hand-written, copied
 * verbatim into the generated package as `core/testing.ts` (exposed as the `/testing` entry).
 *
 * WebCrypto only, so it runs wherever the verifier runs (Node 18+, Deno, Bun, edge runtimes).
 */
import { encodeBase64 } from './base64.js';

/**
 * WebCrypto's `CryptoKey`, reached through `crypto.subtle`: Node's own types declare the global
 * `crypto` but no global `CryptoKey`, so naming it directly fails to compile without the DOM lib.
 */
type WebCryptoKey = Parameters<typeof globalThis.crypto.subtle.sign>[1];

export interface WebhookKeyPair {
  /** Base64 of the 32 raw public-key bytes: the format Mission Control shows and the verifier takes. */
  publicKey: string;
  /**
   * A WebCrypto Ed25519 private key, usable with `signWebhook` only. It is a `CryptoKey` rather
   * than a string so it cannot be pasted into configuration by mistake.
   */
  privateKey: WebCryptoKey;
}

/** A type alias, not an interface, so it is assignable to header records and `HeadersInit`. */
export type WebhookSignatureHeaders = {
  'telnyx-signature-ed25519': string;
  'telnyx-timestamp': string;
};

/** A fresh Ed25519 key pair for tests. */
export async function generateWebhookKeyPair(): Promise<WebhookKeyPair> {
  const pair = (await globalThis.crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const raw = new Uint8Array(await globalThis.crypto.subtle.exportKey('raw', pair.publicKey));
  return { publicKey: encodeBase64(raw), privateKey: pair.privateKey };
}

/**
 * The headers Telnyx would send with `rawBody`: an Ed25519 signature over
 * `${timestamp}|${rawBody}` (UTF-8; a byte body is appended as is). `timestamp` is unix seconds
 * and defaults to now.
 */
export async function signWebhook(
  rawBody: string | Uint8Array,
  privateKey: WebCryptoKey,
  timestamp: number = Math.floor(Date.now() / 1000),
): Promise<WebhookSignatureHeaders> {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new RangeError('timestamp must be a whole number of unix seconds');
  }
  const encoder = new TextEncoder();
  const prefix = encoder.encode(`${timestamp}|`);
  const body = typeof rawBody === 'string' ? encoder.encode(rawBody) : rawBody;
  const message = new Uint8Array(prefix.length + body.length);
  message.set(prefix);
  message.set(body, prefix.length);
  const signature = await globalThis.crypto.subtle.sign({ name: 'Ed25519' }, privateKey, message);
  return {
    'telnyx-signature-ed25519': encodeBase64(new Uint8Array(signature)),
    'telnyx-timestamp': String(timestamp),
  };
}
