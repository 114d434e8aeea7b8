/**
 * The HTTP client the generated resource classes call. Hand-written, copied verbatim into the
 * generated package as `core/client-core.ts`.
 *
 * Runs on any runtime with the Fetch API (Node 18+, Deno, Bun, browsers, edge workers): it uses
 * only `fetch`, `Headers`, `Response`, `AbortController`, `crypto.randomUUID` and `setTimeout`.
 */
import { APIPromise, parseJsonBody, type RawResponse } from './api-promise.js';
import { APIError, TelnyxError, redactSecret } from './errors.js';
import { withIdempotencyKey } from './idempotency.js';
import { defaultBackoffMs, retryAfterFromHeaders, shouldRetryStatus, sleep } from './retry.js';
import { attemptOnce } from './transport.js';
import { ValidationError, type ValidationResult } from './validation.js';

export { APIPromise } from './api-promise.js';

export interface ClientOptions {
  /** Defaults to the `TELNYX_API_KEY` environment variable. */
  apiKey?: string | undefined;
  /** Defaults to `https://api.telnyx.com/v2`. */
  baseURL?: string | undefined;
  /** Milliseconds one attempt may take, body included. Defaults to 60 000. */
  timeout?: number | undefined;
  /** Retries after the first attempt. Defaults to 2. */
  maxRetries?: number | undefined;
  /** Any Fetch-API implementation. Defaults to the global `fetch`. */
  fetch?: typeof fetch | undefined;
  /** Sent with every request; per-call `headers` override them. */
  defaultHeaders?: Record<string, string> | undefined;
  /** Check params locally before sending. Defaults to `true`. */
  validate?: boolean | undefined;
}

/** Per-call overrides of the client options. */
export interface RequestOptions {
  timeout?: number | undefined;
  maxRetries?: number | undefined;
  signal?: AbortSignal | undefined;
  headers?: Record<string, string> | undefined;
  validate?: boolean | undefined;
}

/** Names the package in the `User-Agent` header. */
export interface ClientIdentity {
  packageName: string;
  packageVersion: string;
}

/** What the generated code knows about one operation. */
export interface OperationSpec {
  /** The body field Telnyx de-duplicates retries by (e.g. `command_id`), if the operation has one. */
  idempotencyField?: string | undefined;
  /** Local check of the body; skipped when `validate` is false. */
  validateBody?: ((body: unknown) => ValidationResult<unknown>) | undefined;
  /** Used in error messages, e.g. `calls.actions.startPlayback`. */
  operationName: string;
}

const DEFAULT_BASE_URL = 'https://api.telnyx.com/v2';
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_RETRIES = 2;

export class ClientCore {
  readonly baseURL: string;
  readonly timeout: number;
  readonly maxRetries: number;
  readonly validate: boolean;
  // Private (#) so the key never shows up in console.log(client) or JSON.stringify(client).
  readonly #apiKey: string;
  readonly #fetch: typeof fetch;
  /** Lower-cased names, so per-call headers replace them whatever their case. */
  readonly #baseHeaders: Record<string, string>;

  constructor(options: ClientOptions, identity: ClientIdentity) {
    const apiKey = options.apiKey ?? readEnv('TELNYX_API_KEY');
    if (!apiKey) {
      throw new TelnyxError(
        'Missing Telnyx API key: pass `apiKey` to the client or set the TELNYX_API_KEY environment variable.',
      );
    }
    this.#apiKey = apiKey;
    this.baseURL = (options.baseURL ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.timeout = checkCount('timeout', options.timeout ?? DEFAULT_TIMEOUT_MS);
    this.maxRetries = checkCount('maxRetries', options.maxRetries ?? DEFAULT_MAX_RETRIES);
    this.validate = options.validate ?? true;
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') {
      throw new TelnyxError('No global `fetch` in this runtime: pass the `fetch` option.');
    }
    this.#fetch = fetchImpl;
    this.#baseHeaders = mergeHeaders(
      {
        authorization: `Bearer ${apiKey}`,
        'content-type': 'application/json',
        accept: 'application/json',
        'user-agent': `${identity.packageName}/${identity.packageVersion}`,
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
    // The key is chosen once, before any attempt, so every retry carries the same one and
    // Telnyx runs the command at most once.
    const sent = withIdempotencyKey(body, spec.idempotencyField);
    const raw = this.#send('POST', url, sent === undefined ? undefined : JSON.stringify(sent), options);
    return new APIPromise<T>(raw, parseJsonBody);
  }

  /**
   * Wait before retry number `retriesDone + 1` when the server did not say how long to wait.
   * Protected so tests can shorten it; not meant to be overridden otherwise.
   */
  protected backoffMs(retriesDone: number): number {
    return defaultBackoffMs(retriesDone);
  }

  /** Sends the request, retrying what is worth retrying; throws an `APIError` on failure. */
  async #send(
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
          throw redactSecret(APIError.generate(response.status, bodyText, headers), this.#apiKey);
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

function readEnv(name: string): string | undefined {
  // `process` does not exist in browsers, Deno (without compat) or edge workers.
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.[name]?.trim() || undefined;
}

function checkCount(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new TelnyxError(`Option \`${name}\` must be a non-negative number, got ${value}.`);
  }
  return value;
}
