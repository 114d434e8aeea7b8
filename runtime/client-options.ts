/**
 * The client's options, their defaults and their checks. Hand-written, copied verbatim into the
 * generated package as `core/client-options.ts`.
 */
import type { AuthScheme, SecurityRequirements } from './auth.js';
import { TelnyxError } from './errors.js';
import type { BodyVariant } from './request-body.js';
import type { ParamSpec } from './request-params.js';
import type { ValidationResult } from './validation.js';

/** `Scheme`: the names of the spec's security schemes, the keys of `credentials`. */
export interface ClientOptions<Scheme extends string = string> {
  /**
   * Defaults to the package's API-key environment variable (`TELNYX_API_KEY` for Telnyx's), read
   * when the client is built. It is the credential of every security scheme `credentials` does
   * not name (for HTTP basic, give `user:password`). Only requests that the spec secures need
   * it: a client used only for webhooks can be built without one.
   */
  apiKey?: string | undefined;
  /**
   * A credential per security scheme, by the scheme's name in the spec, for an API that asks for
   * several at once (a key and an app id, say).
   */
  credentials?: Readonly<Partial<Record<Scheme, string>>> | undefined;
  /** Defaults to the spec's first server, e.g. `https://api.telnyx.com/v2`. */
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
  /**
   * The largest response body read, in bytes; a larger one ends in `ResponseTooLargeError`.
   * Defaults to 8 MiB. `Infinity` turns the limit off.
   */
  maxResponseBytes?: number | undefined;
}

/** Per-call overrides of the client options. */
export interface RequestOptions {
  timeout?: number | undefined;
  maxRetries?: number | undefined;
  maxResponseBytes?: number | undefined;
  signal?: AbortSignal | undefined;
  headers?: Record<string, string> | undefined;
  validate?: boolean | undefined;
  /** For an operation that accepts several body content types: the one to send. */
  contentType?: string | undefined;
}

/** What the generated client knows from the spec and the naming config. */
export interface ClientDefaults {
  /** With `packageVersion`, names the package in the `User-Agent` header. */
  packageName: string;
  packageVersion: string;
  /** Used when no `baseURL` option is given: the spec's first server. */
  baseURL: string;
  /** Read for the API key when no `apiKey` option is given; none is read when absent. */
  apiKeyEnv?: string | undefined;
  /** The spec's security schemes that the client can apply, by name. */
  authSchemes: Readonly<Record<string, AuthScheme>>;
  /** The document's security requirements: what an operation without its own needs. */
  security: SecurityRequirements;
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

/** How the response body is read. */
export type ResponseKind = 'json' | 'text' | 'binary' | 'empty';

/** Everything a generated method tells the client about one call. */
export interface RequestSpec extends OperationSpec {
  method: string;
  /** A function, so that a bad path parameter rejects the returned promise instead of throwing. */
  path: string | (() => string);
  /** The keys of the params object that are query, header or cookie parameters. */
  params?: readonly ParamSpec[] | undefined;
  /** Local check of the parameters (not the body); skipped when `validate` is false. */
  validateParams?: ((params: unknown) => ValidationResult<unknown>) | undefined;
  /** The path parameters by wire name, for `validatePath`. */
  pathParams?: Readonly<Record<string, unknown>> | undefined;
  /** Local check of `pathParams` (a format, a pattern, an enum); skipped when `validate` is false. */
  validatePath?: ((pathParams: unknown) => ValidationResult<unknown>) | undefined;
  /** The content types the body may take, in the spec's order; absent: no body. */
  body?: readonly BodyVariant[] | undefined;
  /** How to read a successful response; `json` when absent. */
  response?: ResponseKind | undefined;
  /** The `Accept` header, when the JSON the operation returns is not plain `application/json`. */
  accept?: string | undefined;
  /** The operation's own security requirements, when they differ from the document's. */
  security?: SecurityRequirements | undefined;
}

/** The options with their defaults filled in and checked. `apiKey` is `''` when there is none. */
export interface ResolvedOptions {
  apiKey: string;
  baseURL: string;
  timeout: number;
  maxRetries: number;
  fetch: typeof fetch;
  validate: boolean;
  maxResponseBytes: number;
}

/** What a request without an API key rejects with: how to give one. */
export function missingApiKey(apiKeyEnv: string | undefined, schemes: readonly string[] = []): string {
  const orEnv = apiKeyEnv === undefined ? '' : ` or set the ${apiKeyEnv} environment variable`;
  // One scheme needs no naming; for several, each can also have its own credential.
  const each =
    schemes.length > 1 ? ` (or \`credentials\` for each of the security schemes ${schemes.join(', ')})` : '';
  return `Missing API key: pass \`apiKey\` to the client${orEnv}${each}.`;
}

export function resolveOptions(options: ClientOptions, defaults: ClientDefaults): ResolvedOptions {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') {
    throw new TelnyxError('No global `fetch` in this runtime: pass the `fetch` option.');
  }
  return {
    apiKey:
      options.apiKey ?? (defaults.apiKeyEnv === undefined ? undefined : readEnv(defaults.apiKeyEnv)) ?? '',
    baseURL: (options.baseURL ?? defaults.baseURL).replace(/\/+$/, ''),
    timeout: checkCount('timeout', options.timeout ?? 60_000),
    maxRetries: checkCount('maxRetries', options.maxRetries ?? 2),
    fetch: fetchImpl,
    validate: options.validate ?? true,
    maxResponseBytes: checkByteLimit(options.maxResponseBytes ?? 8 * 1024 * 1024),
  };
}

/** A byte limit: a non-negative number, or `Infinity` for none. */
export function checkByteLimit(value: number): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw new TelnyxError(`Option \`maxResponseBytes\` must be a non-negative number, got ${value}.`);
  }
  return value;
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
