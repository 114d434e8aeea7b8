/**
 * Error classes thrown by the client. Hand-written, copied verbatim into the generated package
 * as `core/errors.ts`.
 *
 * Every error the client throws for a failed request is an `APIError`, so one `catch` with
 * `instanceof APIError` covers HTTP failures, dropped connections, timeouts and aborts alike.
 * The names and the class tree follow the official `telnyx` package so code can move between
 * the two without rewriting its error handling.
 */
import { redactHeaders, redactText, redactValue, type Secrets } from './redact.js';

/** One entry of Telnyx's error body (`call-control_Error` in the OpenAPI spec). */
export interface TelnyxErrorObject {
  code: string;
  title: string;
  detail?: string;
  source?: { pointer?: string; parameter?: string };
  meta?: Record<string, unknown>;
}

/** Telnyx's error body (`call-control_Errors` in the OpenAPI spec). */
export interface TelnyxErrorBody {
  errors: TelnyxErrorObject[];
}

/** Base class of everything this package throws on purpose. */
export class TelnyxError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A request failed: the server answered with an error status, or no answer came at all. */
export class APIError<TStatus extends number | undefined = number | undefined> extends TelnyxError {
  /** HTTP status, or `undefined` when no response arrived (connection error, timeout, abort). */
  readonly status: TStatus;
  /** Response headers, or `undefined` when no response arrived. */
  readonly headers: Headers | undefined;
  /** The parsed error body when it has Telnyx's `{ errors: [...] }` shape, else `undefined`. */
  readonly error: TelnyxErrorBody | undefined;
  /** The `x-request-id` response header: quote it to Telnyx support. */
  readonly requestId: string | null;

  constructor(
    status: TStatus,
    error: TelnyxErrorBody | undefined,
    message: string,
    headers: Headers | undefined,
  ) {
    super(message);
    this.status = status;
    this.error = error;
    this.headers = headers;
    this.requestId = headers?.get('x-request-id') ?? null;
  }

  /** The error entries of the body; empty when the body had none or was not JSON. */
  get errors(): readonly TelnyxErrorObject[] {
    return this.error?.errors ?? [];
  }

  /**
   * Builds the error for an HTTP response with a failing status, picking the subclass from the
   * status. `bodyText` is the raw body: it may be empty or not JSON at all (a proxy's HTML page),
   * and the class is still chosen from the status alone. `secret` (the credentials) is replaced in
   * the body and headers before anything is built from them, so no excerpt can cut it in half.
   */
  static generate(
    status: number,
    bodyText: string,
    headers: Headers,
    secret: Secrets = '',
  ): APIError<number> {
    const text = redactText(bodyText, secret);
    const safeHeaders = redactHeaders(headers, secret);
    const error = redactValue(parseErrorBody(text), secret) as TelnyxErrorBody | undefined;
    const message = describeHttpError(status, error, text, safeHeaders.get('x-request-id'));
    const ErrorClass = errorClassForStatus(status);
    return new ErrorClass(status, error, message, safeHeaders);
  }
}

export class BadRequestError extends APIError<number> {}
export class AuthenticationError extends APIError<number> {}
export class PermissionDeniedError extends APIError<number> {}
export class NotFoundError extends APIError<number> {}
export class ConflictError extends APIError<number> {}
export class UnprocessableEntityError extends APIError<number> {}
export class RateLimitError extends APIError<number> {}
export class InternalServerError extends APIError<number> {}

/** No response arrived: DNS failure, refused or dropped connection, TLS error, ... */
export class APIConnectionError extends APIError<undefined> {
  constructor(options: { message?: string; cause?: unknown } = {}) {
    super(undefined, undefined, options.message ?? 'Connection error.', undefined);
    setCause(this, options.cause);
  }
}

/**
 * No response arrived within the `timeout` option (after all retries), or the caller's
 * `signal` timed out (`AbortSignal.timeout(ms)`; then `cause` is its `TimeoutError` and the
 * request is not retried, since that deadline is over for every attempt).
 */
export class APIConnectionTimeoutError extends APIConnectionError {
  constructor(options: { message?: string; cause?: unknown } = {}) {
    super({ message: options.message ?? 'Request timed out.', cause: options.cause });
  }
}

/** The caller's `signal` aborted the request; `cause` is the abort reason. Never retried. */
export class APIUserAbortError extends APIError<undefined> {
  constructor(options: { message?: string; cause?: unknown } = {}) {
    super(undefined, undefined, options.message ?? 'Request was aborted.', undefined);
    setCause(this, options.cause);
  }
}

/**
 * The response body was larger than `maxResponseBytes`, so the client stopped reading it
 * (or, when `content-length` announced it, did not start) and closed the connection. Never
 * retried: another attempt would most likely download the same oversized body again, and after
 * a success status the action has already run. `status` and `headers` are the response's.
 */
export class ResponseTooLargeError extends APIError<number> {
  /** The limit that was exceeded, in bytes. */
  readonly maxResponseBytes: number;

  constructor(status: number, headers: Headers, maxResponseBytes: number) {
    const id = headers.get('x-request-id');
    super(
      status,
      undefined,
      `Response body (status ${status}${id ? `, request id: ${id}` : ''}) is larger than ` +
        `maxResponseBytes (${maxResponseBytes} bytes); it was not read.`,
      headers,
    );
    this.maxResponseBytes = maxResponseBytes;
  }
}

/**
 * Set after super() so runtimes that predate the ErrorOptions argument still get it; writable
 * and non-enumerable like a native `cause`.
 */
function setCause(error: Error, cause: unknown): void {
  if (cause !== undefined)
    Object.defineProperty(error, 'cause', { value: cause, writable: true, configurable: true });
}

type HttpErrorClass = new (
  status: number,
  error: TelnyxErrorBody | undefined,
  message: string,
  headers: Headers,
) => APIError<number>;

const CLASS_BY_STATUS: Record<number, HttpErrorClass> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

function errorClassForStatus(status: number): HttpErrorClass {
  if (status >= 500) return InternalServerError;
  return CLASS_BY_STATUS[status] ?? APIError;
}

/** Returns the body only when it has the documented `{ errors: [{ title, ... }] }` shape. */
function parseErrorBody(text: string): TelnyxErrorBody | undefined {
  // Stryker disable next-line ConditionalExpression,MethodExpression,StringLiteral: a speed path; JSON.parse refuses blank text too
  if (text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const errors = (parsed as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return undefined;
  const wellFormed = errors.every((e) => typeof e === 'object' && e !== null);
  return wellFormed ? (parsed as TelnyxErrorBody) : undefined;
}

/** e.g. `422 Invalid value: audio_url must be a URL (request id: 7f3e...)`. */
function describeHttpError(
  status: number,
  error: TelnyxErrorBody | undefined,
  bodyText: string,
  requestId: string | null,
): string {
  const first = error?.errors[0];
  let summary: string;
  if (first) {
    const title = first.title ?? first.code ?? 'error';
    summary = first.detail ? `${title}: ${first.detail}` : String(title);
    const more = (error?.errors.length ?? 1) - 1;
    if (more > 0) summary += ` (and ${more} more error${more === 1 ? '' : 's'})`;
  } else if (bodyText.trim() === '') {
    summary = 'status code (no body)';
  } else {
    // Not Telnyx's shape (often a proxy or load balancer page): show a short excerpt.
    const excerpt = bodyText.trim().replace(/\s+/g, ' ').slice(0, 200);
    summary = `status code, body: ${excerpt}`;
  }
  const id = requestId ? ` (request id: ${requestId})` : '';
  return `${status} ${summary}${id}`;
}
