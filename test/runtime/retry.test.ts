/**
 * The retry policy on its own terms: which statuses are sent again, how long the server may ask
 * us to wait, the default backoff, and the wait itself. Time is faked where a wait is involved,
 * so nothing here sleeps and nothing asserts a duration measured on this machine.
 */
import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { APIUserAbortError } from '../../runtime/errors.ts';
import { defaultBackoffMs, retryAfterFromHeaders, shouldRetryStatus, sleep } from '../../runtime/retry.ts';

const NOW = Date.parse('2025-01-01T00:00:00Z');
const waitFor = (headers: Record<string, string>) => retryAfterFromHeaders(new Headers(headers), NOW);

afterEach(() => {
  vi.useRealTimers();
});

describe('which failed responses are retried', () => {
  it.each([408, 409, 429, 500, 502, 503, 504, 599])(
    'retries %i: the same request can succeed later (timeout, lock conflict, rate limit, server error)',
    (status) => {
      expect(shouldRetryStatus(status, new Headers())).toBe(true);
    },
  );

  it.each([400, 401, 403, 404, 410, 422, 499])(
    'does not retry %i: the request itself is wrong and would fail the same way again',
    (status) => {
      expect(shouldRetryStatus(status, new Headers())).toBe(false);
    },
  );

  it('lets the server decide with x-should-retry, in both directions', () => {
    expect(shouldRetryStatus(400, new Headers({ 'x-should-retry': 'true' }))).toBe(true);
    expect(shouldRetryStatus(503, new Headers({ 'x-should-retry': 'false' }))).toBe(false);
  });

  it('ignores an x-should-retry value other than exactly true or false', () => {
    for (const value of ['TRUE', 'False', 'yes', '1', '']) {
      const headers = new Headers({ 'x-should-retry': value });
      expect(shouldRetryStatus(400, headers), value).toBe(false);
      expect(shouldRetryStatus(503, headers), value).toBe(true);
    }
  });
});

describe('how long the server asked us to wait', () => {
  it('takes retry-after-ms in milliseconds, fractions included', () => {
    expect(waitFor({ 'retry-after-ms': '250' })).toBe(250);
    expect(waitFor({ 'retry-after-ms': '0.5' })).toBe(0.5);
  });

  it('prefers retry-after-ms over retry-after when both are usable', () => {
    expect(waitFor({ 'retry-after-ms': '250', 'retry-after': '3' })).toBe(250);
  });

  it('falls back to retry-after when retry-after-ms is unusable', () => {
    for (const ms of ['soon', '0', '-5', '60001', 'Infinity', '']) {
      expect(waitFor({ 'retry-after-ms': ms, 'retry-after': '3' }), ms).toBe(3_000);
    }
  });

  it('takes retry-after in seconds, with surrounding spaces and fractions', () => {
    expect(waitFor({ 'retry-after': '3' })).toBe(3_000);
    expect(waitFor({ 'retry-after': ' 2 ' })).toBe(2_000);
    expect(waitFor({ 'retry-after': '1.5' })).toBe(1_500);
  });

  it('honours a wait of exactly 60 s, however it is written, and nothing longer', () => {
    expect(waitFor({ 'retry-after': '60' })).toBe(60_000);
    expect(waitFor({ 'retry-after-ms': '60000' })).toBe(60_000);
    expect(waitFor({ 'retry-after': 'Wed, 01 Jan 2025 00:01:00 GMT' })).toBe(60_000);
    expect(waitFor({ 'retry-after': '60.001' })).toBeUndefined();
    expect(waitFor({ 'retry-after': '61' })).toBeUndefined();
    expect(waitFor({ 'retry-after': 'Wed, 01 Jan 2025 00:01:01 GMT' })).toBeUndefined();
  });

  it('takes retry-after as an HTTP date, counted from now', () => {
    expect(waitFor({ 'retry-after': 'Wed, 01 Jan 2025 00:00:05 GMT' })).toBe(5_000);
    expect(
      retryAfterFromHeaders(new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:05 GMT' }), NOW + 1_000),
    ).toBe(4_000);
  });

  it('counts an HTTP date from the real clock when no time is given', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const headers = new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:05 GMT' });
    expect(retryAfterFromHeaders(headers)).toBe(5_000);
  });

  it('asks for no particular wait when there is nothing sensible to honour', () => {
    expect(retryAfterFromHeaders(undefined, NOW)).toBeUndefined();
    expect(waitFor({})).toBeUndefined();
    for (const value of ['0', '-1', '', 'soon', 'NaN', 'Infinity', 'Tue, 31 Dec 2024 23:59:59 GMT']) {
      expect(waitFor({ 'retry-after': value }), value).toBeUndefined();
    }
  });
});

describe('default backoff', () => {
  const noJitter = () => 0;
  const fullJitter = () => 1;

  it('starts at 0.5 s and doubles with each retry, up to 8 s', () => {
    const waits = [0, 1, 2, 3, 4, 5, 10, 100].map((retriesDone) => defaultBackoffMs(retriesDone, noJitter));
    expect(waits).toEqual([500, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000, 8_000]);
  });

  it('takes off up to a quarter at random, so clients failing together spread out', () => {
    expect(defaultBackoffMs(0, fullJitter)).toBe(375);
    expect(defaultBackoffMs(0, () => 0.5)).toBe(437.5);
    expect(defaultBackoffMs(10, fullJitter)).toBe(6_000);
  });

  it('uses Math.random when no random source is given', () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    try {
      expect(defaultBackoffMs(1)).toBe(750);
    } finally {
      vi.restoreAllMocks();
    }
  });
});

describe('waiting between attempts', () => {
  /** Whether `promise` has settled once every pending callback has run (without moving time). */
  async function outcome(promise: Promise<void>): Promise<'resolved' | 'pending' | unknown> {
    const pending = new Promise<'pending'>((resolve) => setImmediate(() => resolve('pending')));
    return Promise.race([
      promise.then(
        () => 'resolved' as const,
        (error: unknown) => error,
      ),
      pending,
    ]);
  }
  const fakeTimers = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });

  it('waits the given time and then resolves, with or without a signal', async () => {
    fakeTimers();
    const plain = sleep(1_000);
    const withSignal = sleep(1_000, new AbortController().signal);
    vi.advanceTimersByTime(999);
    expect(await outcome(plain)).toBe('pending');
    expect(await outcome(withSignal)).toBe('pending');
    vi.advanceTimersByTime(1);
    expect(await outcome(plain)).toBe('resolved');
    expect(await outcome(withSignal)).toBe('resolved');
  });

  it('stops waiting at once when the caller aborts, instead of waiting out the backoff', async () => {
    fakeTimers();
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    expect(await outcome(waiting)).toBe('pending');
    controller.abort();
    expect(await outcome(waiting)).toBeInstanceOf(APIUserAbortError);
    // Nothing is left scheduled that would keep the process alive for the rest of the minute.
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not start waiting when the signal has already aborted', async () => {
    fakeTimers();
    const waiting = sleep(60_000, AbortSignal.abort());
    expect(await outcome(waiting)).toBeInstanceOf(APIUserAbortError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('leaves no listener behind on a long-lived signal, whether the wait ends or is aborted', async () => {
    fakeTimers();
    const controller = new AbortController();
    for (let i = 0; i < 3; i++) {
      const waiting = sleep(10, controller.signal);
      vi.advanceTimersByTime(10);
      await waiting;
    }
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    const aborted = sleep(10, controller.signal);
    controller.abort();
    await expect(aborted).rejects.toBeInstanceOf(APIUserAbortError);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
