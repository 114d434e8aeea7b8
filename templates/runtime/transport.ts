/**
 * One HTTP attempt with a timeout: no retries, no status handling. Hand-written, copied verbatim
 * into the generated package as `core/transport.ts`.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError } from './errors.js';
import type { RawResponse } from './api-promise.js';

export interface AttemptInput {
  fetch: typeof fetch;
  url: string;
  init: { method: string; headers: Record<string, string>; body?: string };
  timeoutMs: number;
  /** The caller's signal; aborting it aborts the attempt. */
  signal: AbortSignal | undefined;
}

/** Either a response (any status) or the connection error to retry or throw. */
export type AttemptOutcome = { ok: true; raw: RawResponse } | { ok: false; error: APIConnectionError };

/**
 * Sends the request once and reads the whole body, all inside `timeoutMs`, so a server that
 * stalls after the headers still times out. Throws only `APIUserAbortError` (never retried);
 * other failures come back as an outcome so the caller can retry them.
 */
export async function attemptOnce(input: AttemptInput): Promise<AttemptOutcome> {
  const { signal } = input;
  if (signal?.aborted) throw new APIUserAbortError();

  // One controller per attempt, fed by both our timer and the caller's signal.
  // (AbortSignal.any would do this, but it is missing from Node 18 and some edge runtimes.)
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, input.timeoutMs);
  const forwardAbort = (): void => controller.abort();
  signal?.addEventListener('abort', forwardAbort, { once: true });

  try {
    // `call(undefined, ...)`: some runtimes' fetch throws when called as a method of another object.
    const response = await input.fetch.call(undefined, input.url, {
      ...input.init,
      signal: controller.signal,
    });
    const bodyText = await response.text();
    return { ok: true, raw: { response, bodyText } };
  } catch (cause) {
    if (signal?.aborted) throw new APIUserAbortError();
    if (timedOut || looksLikeTimeout(cause)) {
      return { ok: false, error: new APIConnectionTimeoutError() };
    }
    return { ok: false, error: new APIConnectionError({ cause }) };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forwardAbort);
  }
}

/**
 * Runtimes report their own connect timeouts only in the message, e.g. undici's
 * "Connect Timeout Error" or Deno's "Operation timed out".
 */
function looksLikeTimeout(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined;
  return /timed? ?out/i.test(`${String(error)} ${String(cause ?? '')}`);
}
