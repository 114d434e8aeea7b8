/**
 * The HTTP client the generated resource classes call. Hand-written, copied verbatim into the
 * generated package as `core/client-core.ts`.
 *
 * Runs on any runtime with the Fetch API (Node 18+, Deno, Bun, browsers, edge workers): it uses
 * only `fetch`, `Headers`, `Response`, `AbortController`, `TextDecoder`, `crypto.randomUUID`
 * and `setTimeout`.
 */
import { APIPromise, type RawResponse } from './api-promise.js';
import { type AppliedAuth, applyAuth, headerOf, type AuthScheme, type SecurityRequirements } from './auth.js';
import { APIError, APIUserAbortError, TelnyxError } from './errors.js';
import {
  checkByteLimit,
  missingApiKey,
  resolveOptions,
  type ClientDefaults,
  type ClientOptions,
  type OperationSpec,
  type RequestOptions,
  type RequestSpec,
} from './client-options.js';
import { Page, PagePromise, type PageScheme } from './pagination.js';
import { type PreparedRequest, prepareRequest } from './prepare-request.js';
import { readResponse } from './read-response.js';
import { encodeBody } from './request-body.js';
import { appendQuery } from './request-params.js';
import { redactError } from './redact.js';
import { defaultBackoffMs, retryAfterFromHeaders, shouldRetryStatus, sleep } from './retry.js';
import { attemptOnce } from './transport.js';

export { APIPromise } from './api-promise.js';
export { Page, PagePromise, type PageScheme } from './pagination.js';
export { encodePathParam } from './request-params.js';
export { toFile, type FileData, type FileUpload, type Uploadable } from './request-body.js';

export type {
  ClientDefaults,
  ClientOptions,
  OperationSpec,
  RequestOptions,
  RequestSpec,
  ResponseKind,
} from './client-options.js';

export class ClientCore {
  readonly baseURL: string;
  readonly timeout: number;
  readonly maxRetries: number;
  readonly validate: boolean;
  readonly maxResponseBytes: number;
  // Private (#) so the key never shows up in console.log(client) or JSON.stringify(client).
  // '' when there is none: then secured requests fail, but webhooks still work.
  readonly #apiKey: string;
  readonly #apiKeyEnv: string | undefined;
  /** Per-scheme credentials (`credentials`), which come before the API key. */
  readonly #credentials: Readonly<Record<string, string | undefined>>;
  /** Every credential, hidden in errors (redact.ts); longest first. */
  readonly #secrets: readonly string[];
  readonly #authSchemes: Readonly<Record<string, AuthScheme>>;
  readonly #security: SecurityRequirements;
  readonly #fetch: typeof fetch;
  /** Lower-cased names, so per-call headers replace them whatever their case. */
  readonly #baseHeaders: Record<string, string>;
  /** Lower-cased names of `defaultHeaders`: a credential header set there is left as it is. */
  readonly #ownHeaders: ReadonlySet<string>;

  constructor(options: ClientOptions, defaults: ClientDefaults) {
    const resolved = resolveOptions(options, defaults);
    this.#apiKeyEnv = defaults.apiKeyEnv;
    const apiKey = resolved.apiKey;
    this.#apiKey = apiKey;
    this.#credentials = { ...options.credentials };
    this.#secrets = secretsOf([apiKey, ...Object.values(this.#credentials)]);
    this.#authSchemes = defaults.authSchemes;
    this.#security = defaults.security;
    this.#fetch = resolved.fetch;
    this.baseURL = resolved.baseURL;
    this.timeout = resolved.timeout;
    this.maxRetries = resolved.maxRetries;
    this.validate = resolved.validate;
    this.maxResponseBytes = resolved.maxResponseBytes;
    this.#baseHeaders = mergeHeaders(
      { accept: 'application/json', 'user-agent': `${defaults.packageName}/${defaults.packageVersion}` },
      options.defaultHeaders,
    );
    this.#ownHeaders = new Set(Object.keys(options.defaultHeaders ?? {}).map((name) => name.toLowerCase()));
  }

  /**
   * Used by generated methods: one call described by `spec`, with the caller's params object
   * (parameters and body fields by wire name). Every failure, a bad path parameter or invalid
   * params included, rejects the returned promise; nothing is sent for invalid params.
   */
  request<T>(spec: RequestSpec, params: object | undefined, options: RequestOptions = {}): APIPromise<T> {
    const { raw, parse } = this.#call(spec, params, options);
    return new APIPromise<T>(raw, parse as (raw: RawResponse) => T);
  }

  /**
   * Used by generated list methods: `request` whose result is a page that knows how to fetch
   * the next one (`scheme`), with the same options.
   */
  requestPage<Body, Item>(
    spec: RequestSpec,
    params: object | undefined,
    scheme: PageScheme,
    options: RequestOptions = {},
  ): PagePromise<Body, Item> {
    const { raw, parse } = this.#call(spec, params, options);
    const fetchPage = (next: Record<string, unknown>) =>
      this.requestPage<Body, Item>(spec, next, scheme, options);
    return new PagePromise<Body, Item>(
      raw,
      (response) =>
        new Page<Body, Item>(parse(response) as Body, response.response, { ...params }, scheme, fetchPage),
    );
  }

  /** The request, sent now, and how to read its response; a local failure is a rejected request. */
  #call(
    spec: RequestSpec,
    params: object | undefined,
    options: RequestOptions,
  ): { raw: Promise<RawResponse>; parse: (raw: RawResponse) => unknown } {
    const kind = spec.response ?? 'json';
    const secrets = this.#secrets;
    const parse = (response: RawResponse): unknown => readResponse(kind, response, secrets);
    let prepared: PreparedRequest;
    let auth: AppliedAuth;
    try {
      prepared = prepareRequest(spec, params, options, this.validate);
      // Checked here rather than in the constructor, so that a client used only for webhooks
      // needs no API key; nothing is sent without the credentials the operation needs.
      const applied = applyAuth(spec.security ?? this.#security, this.#authSchemes, (scheme) =>
        this.#credentialFor(scheme),
      );
      if ('missing' in applied) throw new TelnyxError(missingApiKey(this.#apiKeyEnv, applied.missing));
      auth = applied;
    } catch (error) {
      return { raw: Promise.reject(error), parse };
    }
    const raw = (async () => {
      const { variant, body } = prepared;
      const encoded = variant && body ? await encodeBody(variant, body) : undefined;
      const headers: Record<string, string> = { ...prepared.headers };
      for (const [name, value] of Object.entries(auth.headers)) {
        if (this.#ownHeaders.has(name)) continue;
        // A cookie parameter and an API key in a cookie share the one header.
        headers[name] = name === 'cookie' && headers.cookie ? `${headers.cookie}; ${value}` : value;
      }
      if (encoded?.contentType !== undefined) headers['content-type'] = encoded.contentType;
      if (kind !== 'json') headers.accept = '*/*';
      else if (spec.accept !== undefined) headers.accept = spec.accept;
      const sendOptions = { ...options, headers: { ...headers, ...options.headers } };
      const url = appendQuery(prepared.url, auth.query.join('&'));
      return this.#send(spec.method, url, encoded?.body, sendOptions, kind === 'binary');
    })();
    return { raw, parse };
  }

  /**
   * The credential for a security scheme: its own from `credentials`, else the API key, else
   * the header the caller set in `defaultHeaders` for it (which is then sent as it is).
   */
  #credentialFor(scheme: string): string | undefined {
    const own = Object.hasOwn(this.#credentials, scheme) ? this.#credentials[scheme] : undefined;
    if (own || this.#apiKey) return own || this.#apiKey;
    const header = headerOf(this.#authSchemes[scheme]);
    return header !== undefined && this.#ownHeaders.has(header) ? this.#baseHeaders[header] : undefined;
  }

  /** POST a JSON body to `path`: `request` for the common case of a call control command. */
  post<T>(
    path: string | (() => string),
    body: Record<string, unknown> | undefined,
    spec: OperationSpec,
    options: RequestOptions = {},
  ): APIPromise<T> {
    const json = { contentType: 'application/json', kind: 'json' as const, validate: spec.validateBody };
    return this.request<T>({ ...spec, method: 'POST', path, body: [json] }, body, options);
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
    body: BodyInit | undefined,
    options: RequestOptions,
    stream: boolean,
  ): Promise<RawResponse> {
    try {
      return await this.#sendWithRetries(method, path, body, options, stream);
    } catch (error) {
      // A user abort's cause is the caller's own abort reason: handed back as it was given.
      throw redactError(error, this.#secrets, { keepCause: error instanceof APIUserAbortError });
    }
  }

  async #sendWithRetries(
    method: string,
    path: string,
    body: BodyInit | undefined,
    options: RequestOptions,
    stream: boolean,
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
      stream,
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
          throw APIError.generate(response.status, bodyText, headers, this.#secrets);
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
 * The credentials to hide in errors, longest first, each also as a query string carries it
 * (percent-encoded), since a server may echo the URL.
 */
function secretsOf(credentials: ReadonlyArray<string | undefined>): string[] {
  const all = new Set<string>();
  for (const one of credentials) {
    if (!one) continue;
    all.add(one);
    all.add(encodeURIComponent(one));
  }
  return [...all].sort((a, b) => b.length - a.length);
}

function mergeHeaders(
  base: Record<string, string>,
  extra: Record<string, string> | undefined,
): Record<string, string> {
  const merged = { ...base };
  for (const [name, value] of Object.entries(extra ?? {})) merged[name.toLowerCase()] = value;
  return merged;
}
