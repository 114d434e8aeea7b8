/**
 * The HTTP client the generated resource classes call. Hand-written, copied verbatim into the
 * generated package as `core/client-core.ts`.
 *
 * Runs on any runtime with the Fetch API (Node 18+, Deno, Bun, browsers, edge workers): it uses
 * only `fetch`, `Headers`, `Response`, `AbortController`, `TextDecoder`, `crypto.randomUUID`
 * and `setTimeout`.
 */
import { APIPromise, parseJsonBody, type RawResponse } from './api-promise.js';
import { APIError, APIUserAbortError, TelnyxError } from './errors.js';
import {
  checkByteLimit,
  missingApiKey,
  resolveOptions,
  type ClientDefaults,
  type ClientOptions,
  type OperationSpec,
  type RequestOptions,
} from './client-options.js';
import { withIdempotencyKey } from './idempotency.js';
import { redactError } from './redact.js';
import { defaultBackoffMs, retryAfterFromHeaders, shouldRetryStatus, sleep } from './retry.js';
import { attemptOnce } from './transport.js';
import { ValidationError } from './validation.js';

export { APIPromise } from './api-promise.js';

export type { ClientDefaults, ClientOptions, OperationSpec, RequestOptions } from './client-options.js';

export class ClientCore {
  readonly baseURL: string;
  readonly timeout: number;
  readonly maxRetries: number;
  readonly validate: boolean;
  readonly maxResponseBytes: number;
  // Private (#) so the key never shows up in console.log(client) or JSON.stringify(client).
  // '' when there is none: then requests fail, but webhooks still work.
  readonly #apiKey: string;
  readonly #apiKeyEnv: string | undefined;
  readonly #fetch: typeof fetch;
  /** Lower-cased names, so per-call headers replace them whatever their case. */
  readonly #baseHeaders: Record<string, string>;

  constructor(options: ClientOptions, defaults: ClientDefaults) {
    const resolved = resolveOptions(options, defaults);
    this.#apiKeyEnv = defaults.apiKeyEnv;
    const apiKey = resolved.apiKey;
    this.#apiKey = apiKey;
    this.#fetch = resolved.fetch;
    this.baseURL = resolved.baseURL;
    this.timeout = resolved.timeout;
    this.maxRetries = resolved.maxRetries;
    this.validate = resolved.validate;
    this.maxResponseBytes = resolved.maxResponseBytes;
    this.#baseHeaders = mergeHeaders(
      {
        ...(apiKey === '' ? {} : { authorization: `Bearer ${apiKey}` }),
        'content-type': 'application/json',
        accept: 'application/json',
        'user-agent': `${defaults.packageName}/${defaults.packageVersion}`,
      },
      options.defaultHeaders,
    );
  }

  /** Used by generated actions: POST a JSON body to `path` (relative to `baseURL`). */
  post<T>(
    path: string | (() => string),
    body: Record<string, unknown> | undefined,
    spec: OperationSpec,
    options: RequestOptions = {},
  ): APIPromise<T> {
    let url: string;
    try {
      // Generated code passes a function so that a bad path parameter (an empty call control
      // id) rejects the returned promise like every other error, instead of throwing.
      url = typeof path === 'function' ? path() : path;
    } catch (error) {
      return APIPromise.rejected(error);
    }
    if ((options.validate ?? this.validate) && spec.validateBody) {
      const result = spec.validateBody(body);
      if (!result.ok) {
        // Nothing is sent: the server would reject these params anyway, with a vaguer message.
        return APIPromise.rejected(new ValidationError(`${spec.operationName} params`, result.errors));
      }
    }
    // Checked here rather than in the constructor, so that a client used only for webhooks
    // needs no API key; nothing is sent without one.
    if (this.#apiKey === '') return APIPromise.rejected(new TelnyxError(missingApiKey(this.#apiKeyEnv)));
    // The key is chosen once, before any attempt, so every retry carries the same one and
    // Telnyx runs the command at most once.
    const sent = withIdempotencyKey(body, spec.idempotencyField);
    const raw = this.#send('POST', url, sent === undefined ? undefined : JSON.stringify(sent), options);
    const secret = this.#apiKey;
    return new APIPromise<T>(raw, (response) => {
      try {
        return parseJsonBody<T>(response, secret);
      } catch (error) {
        throw redactError(error, secret);
      }
    });
  }

  /**
   * Wait before retry number `retriesDone + 1` when the server did not say how long to wait.
   * Protected so tests can shorten it; not meant to be overridden otherwise.
   */
  protected backoffMs(retriesDone: number): number {
    return defaultBackoffMs(retriesDone);
  }

  /**
   * Sends the request, retrying what is worth retrying; throws an `APIError` on failure, with
   * the API key redacted from everything it carries (see redact.ts).
   */
  async #send(
    method: string,
    path: string,
    body: string | undefined,
    options: RequestOptions,
  ): Promise<RawResponse> {
    try {
      return await this.#sendWithRetries(method, path, body, options);
    } catch (error) {
      // A user abort's cause is the caller's own abort reason: handed back as it was given.
      throw redactError(error, this.#apiKey, { keepCause: error instanceof APIUserAbortError });
    }
  }

  async #sendWithRetries(
    method: string,
    path: string,
    body: string | undefined,
    options: RequestOptions,
  ): Promise<RawResponse> {
    const maxRetries = options.maxRetries ?? this.maxRetries;
    const init = {
      method,
      headers: options.headers ? mergeHeaders(this.#baseHeaders, options.headers) : this.#baseHeaders,
      ...(body === undefined ? {} : { body }),
    };
    const attemptInput = {
      fetch: this.#fetch,
      url: this.baseURL + path,
      init,
      timeoutMs: options.timeout ?? this.timeout,
      maxResponseBytes:
        options.maxResponseBytes === undefined
          ? this.maxResponseBytes
          : checkByteLimit(options.maxResponseBytes),
      signal: options.signal,
    };
    for (let retriesDone = 0; ; retriesDone++) {
      const outcome = await attemptOnce(attemptInput);
      const canRetry = retriesDone < maxRetries;
      if (outcome.ok && outcome.raw.response.ok) return outcome.raw;

      let headers: Headers | undefined;
      if (outcome.ok) {
        const { response, bodyText } = outcome.raw;
        headers = response.headers;
        if (!canRetry || !shouldRetryStatus(response.status, headers)) {
          throw APIError.generate(response.status, bodyText, headers, this.#apiKey);
        }
      } else if (!canRetry) {
        throw outcome.error;
      }
      const wait = retryAfterFromHeaders(headers) ?? this.backoffMs(retriesDone);
      await sleep(wait, options.signal);
    }
  }
}

/**
 * Encodes one path parameter. Empty or non-string values throw before anything is sent: they
 * would otherwise produce a different URL (`/calls//actions/answer`) and a confusing 404.
 */
export function encodePathParam(name: string, value: string): string {
  if (typeof value !== 'string') {
    throw new TelnyxError(`Path parameter \`${name}\` must be a string, got ${typeof value}.`);
  }
  if (value === '') {
    throw new TelnyxError(`Path parameter \`${name}\` must not be empty.`);
  }
  return encodeURIComponent(value);
}

function mergeHeaders(
  base: Record<string, string>,
  extra: Record<string, string> | undefined,
): Record<string, string> {
  const merged = { ...base };
  for (const [name, value] of Object.entries(extra ?? {})) merged[name.toLowerCase()] = value;
  return merged;
}
