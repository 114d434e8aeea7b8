/**
 * Which error a request ended by the caller's `signal` becomes. Hand-written, copied verbatim into
 * the generated package as `core/abort.ts`; internal to the client, not exported by the package.
 */
import { APIConnectionTimeoutError, APIUserAbortError } from './errors.js';

/**
 * The error for a request ended by the caller's signal: a timeout when the signal's reason is a
 * `TimeoutError` (what `AbortSignal.timeout(ms)` gives), otherwise a user abort.
 */
export function errorForAbortedSignal(signal: AbortSignal): APIUserAbortError | APIConnectionTimeoutError {
  const reason: unknown = signal.reason;
  const isTimeout =
    typeof reason === 'object' && reason !== null && (reason as Error).name === 'TimeoutError';
  return isTimeout
    ? new APIConnectionTimeoutError({ cause: reason })
    : new APIUserAbortError({ cause: reason });
}
