/**
 * The promise type every client method returns. Hand-written, copied verbatim into the
 * generated package as `core/api-promise.ts`.
 */
import { TelnyxError } from './errors.js';
import { redactText, type Secrets } from './redact.js';

/** A finished HTTP exchange: the response and its body, already read as text. */
export interface RawResponse {
  response: Response;
  bodyText: string;
  /** The body was left unread for the caller to stream; `bodyText` is empty. */
  streamed?: boolean | undefined;
}

/**
 * A `Promise` of the parsed response body that can also hand out the HTTP response:
 *
 * ```ts
 * const data = await client.calls.answer(id, params);
 * const { data, response, requestId } = await client.calls.answer(id, params).withResponse();
 * ```
 *
 * The request is sent once, when the method is called. Awaiting the promise, calling
 * `withResponse()` and calling `asResponse()` all share that one request, in any order and any
 * number of times; the body is parsed at most once.
 */
export class APIPromise<T> extends Promise<T> {
  readonly #raw: Promise<RawResponse>;
  readonly #parse: (raw: RawResponse) => T;
  #parsed: Promise<T> | undefined;

  // `then`, `catch` and `finally` below return plain promises, so derived promises never go
  // through this class's constructor (whose signature is not an executor's).
  // Stryker disable next-line BlockStatement: a species of undefined also falls back to Promise
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  constructor(raw: Promise<RawResponse>, parse: (raw: RawResponse) => T) {
    // The base promise is a placeholder; every way of reading the result goes through #raw.
    super((resolve) => resolve(undefined as T));
    this.#raw = raw;
    this.#parse = parse;
  }

  /** A promise that fails with `error` without sending anything, e.g. on invalid params. */
  static rejected<T>(error: unknown): APIPromise<T> {
    return new APIPromise<T>(Promise.reject(error), () => {
      throw error;
    });
  }

  /** The parsed body together with the response and its `x-request-id`. */
  async withResponse(): Promise<{ data: T; response: Response; requestId: string | null }> {
    const [data, raw] = await Promise.all([this.#parsedOnce(), this.#raw]);
    const response = rebuildResponse(raw);
    return { data, response, requestId: response.headers.get('x-request-id') };
  }

  /** The HTTP response, without parsing the body. */
  async asResponse(): Promise<Response> {
    return rebuildResponse(await this.#raw);
  }

  override then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#parsedOnce().then(onFulfilled, onRejected);
  }

  override catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.#parsedOnce().catch(onRejected);
  }

  override finally(onFinally?: (() => void) | null): Promise<T> {
    return this.#parsedOnce().finally(onFinally);
  }

  #parsedOnce(): Promise<T> {
    this.#parsed ??= this.#raw.then(this.#parse);
    return this.#parsed;
  }
}

/**
 * The client reads the body inside the request's timeout (so a server that stalls mid-body
 * still times out), which consumes the original `Response`. Callers get an equivalent response
 * whose body is readable again.
 */
function rebuildResponse({ response, bodyText, streamed }: RawResponse): Response {
  if (streamed) return response;
  const hasBody = bodyText !== '' && response.status !== 204 && response.status !== 304;
  return new Response(hasBody ? bodyText : null, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/**
 * Parses a success body as JSON; an empty body (e.g. 204) gives `undefined`. When the body holds
 * `secret` (the API key), the parser's own error, which quotes a piece of the body, is not kept
 * as the cause: the piece could be part of the key.
 */
export function parseJsonBody<T>({ response, bodyText }: RawResponse, secret: Secrets = ''): T {
  if (bodyText.trim() === '') return undefined as T;
  try {
    return JSON.parse(bodyText) as T;
  } catch (syntaxError) {
    const id = response.headers.get('x-request-id');
    const cause = redactText(bodyText, secret) !== bodyText ? undefined : syntaxError;
    throw new TelnyxError(
      `Response (status ${response.status}${id ? `, request id: ${id}` : ''}) is not valid JSON.`,
      cause === undefined ? undefined : { cause },
    );
  }
}
