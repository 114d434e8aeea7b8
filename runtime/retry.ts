/**
 * When to retry a failed request and how long to wait first. Hand-written, copied verbatim into
 * the generated package as `core/retry.ts`. Pure functions, apart from `sleep`.
 */
import { errorForAbortedSignal } from './abort.js';

const INITIAL_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;
/** A server-requested wait longer than this is ignored: the default backoff is used instead. */
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Whether a response with a failing status is worth sending again. The server can decide with
 * the non-standard `x-should-retry: true|false` header; otherwise request timeouts (408), lock
 * conflicts (409), rate limits (429) and server errors (>= 500) are retried. Other 4xx mean the
 * request itself is wrong, so sending it again would fail the same way.
 */
export function shouldRetryStatus(status: number, headers: Headers): boolean {
  const override = headers.get('x-should-retry');
  if (override === 'true') return true;
  if (override === 'false') return false;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * The wait the server asked for via `retry-after-ms` (milliseconds) or `retry-after` (seconds or
 * an HTTP date), or `undefined` when it asked for none, or for something outside (0, 60 s].
 */
export function retryAfterFromHeaders(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = parseFloat(headers.get('retry-after-ms') ?? '');
  if (isReasonableWait(ms)) return ms;

  const retryAfter = headers.get('retry-after');
  if (retryAfter === null) return undefined;
  const seconds = Number(retryAfter.trim());
  const wait = Number.isNaN(seconds) ? Date.parse(retryAfter) - now : seconds * 1000;
  return isReasonableWait(wait) ? wait : undefined;
}

function isReasonableWait(ms: number): boolean {
  return Number.isFinite(ms) && ms > 0 && ms <= MAX_RETRY_AFTER_MS;
}

/**
 * Exponential backoff: 0.5 s before the first retry, doubling, capped at 8 s, minus up to 25 %
 * random jitter so many clients failing together do not retry in lockstep.
 * `retriesDone` counts retries already made (0 before the first retry).
 */
export function defaultBackoffMs(retriesDone: number, random: () => number = Math.random): number {
  const base = Math.min(INITIAL_DELAY_MS * 2 ** retriesDone, MAX_DELAY_MS);
  return base * (1 - random() * 0.25);
}

/**
 * Waits `ms`, rejecting as soon as `signal` aborts, with the error an abort during the request
 * would give (`APIUserAbortError`, or `APIConnectionTimeoutError` for a signal that timed out).
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(errorForAbortedSignal(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      // `signal` is set: this listener is only added to it.
      reject(errorForAbortedSignal(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
