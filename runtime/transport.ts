/**
 * One HTTP attempt with a timeout and a cap on the body size: no retries, no status handling.
 * Hand-written, copied verbatim into the generated package as `core/transport.ts`.
 */
import { errorForAbortedSignal } from './abort.js';
import { APIConnectionError, APIConnectionTimeoutError, ResponseTooLargeError } from './errors.js';
import type { RawResponse } from './api-promise.js';

export interface AttemptInput {
  fetch: typeof fetch;
  url: string;
  init: { method: string; headers: Record<string, string>; body?: BodyInit };
  timeoutMs: number;
  /** The most body bytes to read; a longer body ends in `ResponseTooLargeError`. */
  maxResponseBytes: number;
  /** The caller's signal; aborting it aborts the attempt. */
  signal: AbortSignal | undefined;
  /**
   * Leave a successful response's body unread, for the caller to stream (downloads): the
   * timeout then covers the headers only, and the caller's signal still aborts the body.
   */
  stream?: boolean | undefined;
}

/** Either a response (any status) or the connection error to retry or throw. */
export type AttemptOutcome = { ok: true; raw: RawResponse } | { ok: false; error: APIConnectionError };

/**
 * Sends the request once and reads the whole body, all inside `timeoutMs`, so a server that
 * stalls after the headers still times out. Throws the errors that are never retried: the
 * caller's abort (`APIUserAbortError`, or `APIConnectionTimeoutError` for a signal that timed
 * out) and `ResponseTooLargeError`. Other failures come back as an outcome so the caller can
 * retry them.
 */
export async function attemptOnce(input: AttemptInput): Promise<AttemptOutcome> {
  const { signal } = input;
  if (signal?.aborted) throw errorForAbortedSignal(signal);

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
  let streaming = false;

  try {
    // `call(undefined, ...)`: some runtimes' fetch throws when called as a method of another object.
    const response = await input.fetch.call(undefined, input.url, {
      ...input.init,
      signal: controller.signal,
    });
    if (input.stream && response.ok) {
      streaming = true;
      return { ok: true, raw: { response, bodyText: '', streamed: true } };
    }
    const bodyText = await readBodyText(response, input.maxResponseBytes, controller);
    return { ok: true, raw: { response, bodyText } };
  } catch (cause) {
    if (cause instanceof ResponseTooLargeError) throw cause;
    if (signal?.aborted) throw errorForAbortedSignal(signal);
    if (timedOut || looksLikeTimeout(cause)) {
      return { ok: false, error: new APIConnectionTimeoutError() };
    }
    return { ok: false, error: new APIConnectionError({ cause }) };
  } finally {
    clearTimeout(timer);
    // A streamed body is still being read by the caller, whose signal must still reach it.
    if (!streaming) signal?.removeEventListener('abort', forwardAbort);
  }
}

/**
 * Reads the body as UTF-8 text, holding at most `maxBytes` of it. A declared `content-length`
 * over the limit fails before reading; otherwise the stream is read chunk by chunk and cancelled
 * as soon as it passes the limit (a `content-length` is not trusted alone: a compressed body
 * grows when decoded). Either way the attempt's controller is aborted, so the connection is
 * closed instead of the rest of the body being downloaded.
 */
async function readBodyText(
  response: Response,
  maxBytes: number,
  controller: AbortController,
): Promise<string> {
  const tooLarge = (): ResponseTooLargeError => {
    controller.abort();
    return new ResponseTooLargeError(response.status, response.headers, maxBytes);
  };
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  const body = response.body;
  if (!body || typeof body.getReader !== 'function') {
    // A `fetch` option whose responses have no Web stream (e.g. node-fetch 2): the body can only
    // be read whole, and is checked afterwards.
    const text = await response.text();
    if (new TextEncoder().encode(text).byteLength > maxBytes) throw tooLarge();
    return text;
  }
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return decodeUtf8(chunks, total);
}

/** Decodes the chunks as `Response.text()` does: UTF-8, a leading BOM dropped. */
function decodeUtf8(chunks: Uint8Array[], total: number): string {
  if (chunks.length === 1 && chunks[0]) return new TextDecoder().decode(chunks[0]);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/**
 * Runtimes report their own connect timeouts only in the message, e.g. undici's
 * "Connect Timeout Error" or Deno's "Operation timed out".
 */
function looksLikeTimeout(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined;
  return /timed? ?out/i.test(`${String(error)} ${String(cause ?? '')}`);
}
