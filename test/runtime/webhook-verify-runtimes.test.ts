/**
 * The verifier on runtimes without a usable `node:crypto` (edge runtimes, locked-down hosts): it
 * falls back to WebCrypto, and never passes a webhook it could not check. Each test loads a fresh
 * copy of the module, because the module remembers which crypto it found.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { V, now, signedHeaders } from './helpers/webhook-vectors.ts';

type Verifier = typeof import('../../runtime/webhook-verify.ts');

const original = Object.getOwnPropertyDescriptor(process, 'getBuiltinModule');

/** A fresh verifier module on a runtime whose `process.getBuiltinModule` is `replacement`. */
async function verifierOn(replacement: unknown): Promise<Verifier> {
  Object.defineProperty(process, 'getBuiltinModule', {
    value: replacement,
    configurable: true,
    writable: true,
  });
  vi.resetModules();
  return import('../../runtime/webhook-verify.ts');
}

afterEach(() => {
  if (original) Object.defineProperty(process, 'getBuiltinModule', original);
  vi.restoreAllMocks();
});

/** The reason a verification failed with; the fresh module has its own error class. */
const reasonOf = (pending: Promise<void>) =>
  pending.then(
    () => 'accepted',
    (error: { reason?: string }) => error.reason,
  );

const forged = signedHeaders(`A${V.text.signature.slice(1)}`);

describe.each([
  ['has no process.getBuiltinModule (edge runtimes)', undefined],
  [
    'throws when node:crypto is asked for',
    () => {
      throw new Error('module not allowed');
    },
  ],
  ['has no node:crypto module', () => undefined],
])('on a runtime that %s', (_label, replacement) => {
  it('verifies with WebCrypto: accepts the valid webhook, refuses the forged one', async () => {
    const { verifyWebhookSignature } = await verifierOn(replacement);
    const subtleVerify = vi.spyOn(globalThis.crypto.subtle, 'verify');
    expect(await reasonOf(verifyWebhookSignature(V.text.body, signedHeaders(), V.publicKey, { now }))).toBe(
      'accepted',
    );
    expect(await reasonOf(verifyWebhookSignature(V.text.body, forged, V.publicKey, { now }))).toBe(
      'signature_mismatch',
    );
    expect(subtleVerify).toHaveBeenCalledTimes(2);
  });

  it('refuses every webhook when told to use node:crypto anyway', async () => {
    const { verifyWebhookSignature } = await verifierOn(replacement);
    const pending = verifyWebhookSignature(V.text.body, signedHeaders(), V.publicKey, {
      now,
      engine: 'node',
    });
    expect(await reasonOf(pending)).toBe('signature_mismatch');
  });
});
