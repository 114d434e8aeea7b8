/**
 * What the runtime webhook tests share: a hand-written decoder for one event type (standing in
 * for the generated guards), the binding generated code would pass, a body builder, a key pair,
 * and a way to catch the WebhookVerificationError a promise rejects with.
 */
import { afterEach, beforeAll, expect, vi } from 'vitest';
import { generateWebhookKeyPair, type WebhookKeyPair } from '../../../runtime/testing.ts';
import type { ValidationResult } from '../../../runtime/validation.ts';
import type { EventDecoder } from '../../../runtime/webhook-unwrap.ts';
import { WebhookVerificationError } from '../../../runtime/webhook-verify.ts';

/**
 * call.initiated: payload.call_control_id must be a string (or null with `strictNulls: false`);
 * `state` is a closed enum unless `strictEnums: false`. Option defaults as in generated guards.
 */
export const decodeCallInitiated: EventDecoder = (value, options): ValidationResult<unknown> => {
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
export const binding = {
  decoders: { 'call.initiated': decodeCallInitiated },
  publicKeyEnv: 'TELNYX_PUBLIC_KEY',
};

export const event = (type: string, payload: object = { call_control_id: 'v3:abc', state: 'parked' }) =>
  JSON.stringify({ data: { event_type: type, id: 'e1', payload, record_type: 'event' }, meta: {} });

export async function reasonOf(promise: Promise<unknown>): Promise<WebhookVerificationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebhookVerificationError);
  return error as WebhookVerificationError;
}

/**
 * A key pair for the calling test file, made before its tests run; mocks and environment stubs
 * are undone after each test.
 */
export function testKeyPair(): WebhookKeyPair {
  const keys = {} as WebhookKeyPair;
  beforeAll(async () => {
    Object.assign(keys, await generateWebhookKeyPair());
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });
  return keys;
}
