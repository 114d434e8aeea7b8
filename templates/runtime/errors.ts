/**
 * Error classes thrown by the client. Hand-written, copied verbatim into the generated package
 * as `core/errors.ts`.
 *
 * Every error the client throws for a failed request is an `APIError`, so one `catch` with
 * `instanceof APIError` covers HTTP failures, dropped connections, timeouts and aborts alike.
 * The names and the class tree follow the official `telnyx` package so code can move between
 * the two without rewriting its error handling.
 */

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
   * and the class is still chosen from the status alone.
   */
  static generate(status: number, bodyText: string, headers: Headers): APIError<number> {
    const error = parseErrorBody(bodyText);
    const message = describeHttpError(status, error, bodyText, headers.get('x-request-id'));
    const ErrorClass = errorClassForStatus(status);
    return new ErrorClass(status, error, message, headers);
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
    // Set after super() so runtimes that predate the ErrorOptions argument still get it.
    if (options.cause !== undefined) Object.defineProperty(this, 'cause', { value: options.cause });
  }
}

/** No response arrived within the `timeout` option (after all retries). */
export class APIConnectionTimeoutError extends APIConnectionError {
  constructor(options: { message?: string } = {}) {
    super({ message: options.message ?? 'Request timed out.' });
  }
}

/** The caller's `signal` aborted the request. Never retried. */
export class APIUserAbortError extends APIError<undefined> {
  constructor(options: { message?: string } = {}) {
    super(undefined, undefined, options.message ?? 'Request was aborted.', undefined);
  }
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

/**
 * Replaces every occurrence of `secret` in the error's message. The client calls this before
 * throwing, because a server (or a proxy) may echo request headers back in its error body and
 * error messages end up in logs.
 */
export function redactSecret<E extends Error>(error: E, secret: string): E {
  if (secret.length > 0 && error.message.includes(secret)) {
    error.message = error.message.split(secret).join('[redacted]');
  }
  return error;
}
