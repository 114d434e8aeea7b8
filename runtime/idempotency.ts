/**
 * Idempotency keys for retried commands. Hand-written, copied verbatim into the generated
 * package as `core/idempotency.ts`.
 *
 * Telnyx ignores a repeated `command_id` on the same call, so a command retried after a timeout
 * (where the first attempt may have reached Telnyx) runs at most once, provided every attempt
 * carries the same key.
 */

/** A copy of `body` with a fresh key in `field`, unless the caller already set one. */
export function withIdempotencyKey(
  body: Record<string, unknown> | undefined,
  field: string | undefined,
): Record<string, unknown> | undefined {
  if (field === undefined || body?.[field] !== undefined) return body;
  return { ...body, [field]: randomUUID() };
}

function randomUUID(): string {
  const webCrypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (webCrypto?.randomUUID) return webCrypto.randomUUID();
  // Node 18 has no global `crypto`. An idempotency key needs uniqueness, not secrecy, so a
  // Math.random v4 UUID (122 random bits) is good enough there.
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const r = (Math.random() * 16) | 0;
    return (c === 'x' ? r : (r & 0x3) | 0x8).toString(16);
  });
}
