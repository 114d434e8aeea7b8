/**
 * The idempotency key (`command_id`) added to retried commands: added only where the operation
 * names a field and the caller left it unset, as a copy, from `crypto.randomUUID` where there is
 * one and from a random v4 UUID built by hand where there is none (Node 18 has no global crypto).
 * The same key on every retry is tested against a real server in client.test.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withIdempotencyKey } from '../../runtime/idempotency.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('withIdempotencyKey', () => {
  it('returns the body itself when the operation has no key field, or the caller set one', () => {
    const body = { audio_url: 'a' };
    expect(withIdempotencyKey(body, undefined)).toBe(body);
    expect(withIdempotencyKey(undefined, undefined)).toBeUndefined();
    const own = { command_id: 'mine' };
    expect(withIdempotencyKey(own, 'command_id')).toBe(own);
  });

  it('adds a fresh key to a copy, and to an operation that has no body', () => {
    const body = { audio_url: 'a' };
    const sent = withIdempotencyKey(body, 'command_id');
    expect(sent).toEqual({ audio_url: 'a', command_id: expect.stringMatching(UUID_V4) });
    expect(body).toEqual({ audio_url: 'a' });
    expect(withIdempotencyKey(undefined, 'command_id')).toEqual({
      command_id: expect.stringMatching(UUID_V4),
    });
    // A key set to `undefined` (an optional field passed through) counts as unset.
    expect(withIdempotencyKey({ command_id: undefined }, 'command_id')?.['command_id']).toMatch(UUID_V4);
  });

  it('uses crypto.randomUUID where the runtime has it', () => {
    vi.stubGlobal('crypto', { randomUUID: () => 'from-web-crypto' });
    expect(withIdempotencyKey({}, 'command_id')).toEqual({ command_id: 'from-web-crypto' });
  });

  it('builds a random v4 UUID itself where there is no crypto.randomUUID', () => {
    for (const missing of [undefined, {}]) {
      vi.stubGlobal('crypto', missing);
      const keys = Array.from({ length: 50 }, () => withIdempotencyKey({}, 'command_id')?.['command_id']);
      for (const key of keys) expect(key).toMatch(UUID_V4);
      expect(new Set(keys).size).toBe(50);
    }
  });

  it('takes each hex digit from Math.random, and the variant digit from its low two bits', () => {
    vi.stubGlobal('crypto', undefined);
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    expect(withIdempotencyKey({}, 'k')).toEqual({ k: 'ffffffff-ffff-4fff-bfff-ffffffffffff' });
    vi.spyOn(Math, 'random').mockReturnValue(0.4); // 6.4 → 6: variant (6 & 3) | 8 = 0xa
    expect(withIdempotencyKey({}, 'k')).toEqual({ k: '66666666-6666-4666-a666-666666666666' });
  });
});
