/**
 * A call turned into what is sent, before anything is sent: the params split by location, the
 * path, params and body validated, the idempotency key added, the query string and `Cookie`
 * header built. Hand-written, copied verbatim into the generated package as
 * `core/prepare-request.ts`.
 */
import type { RequestOptions, RequestSpec } from './client-options.js';
import { TelnyxError } from './errors.js';
import { withIdempotencyKey } from './idempotency.js';
import { type BodyVariant, chooseVariant, RAW_BODY_KEY } from './request-body.js';
import { cookieHeader, splitParams, withQuery } from './request-params.js';
import { ValidationError, type ValidationResult } from './validation.js';

export interface PreparedRequest {
  /** The path with its query string, relative to the client's base URL. */
  url: string;
  headers: Record<string, string>;
  variant: BodyVariant | undefined;
  /** The body's fields; undefined when nothing is sent. */
  body: Record<string, unknown> | undefined;
}

/**
 * Splits, validates and encodes everything that can be checked before sending, and throws the
 * first problem found. `validateByDefault` is the client's `validate`; `options.validate` wins.
 */
export function prepareRequest(
  spec: RequestSpec,
  given: object | undefined,
  options: RequestOptions,
  validateByDefault: boolean,
): PreparedRequest {
  // Generated params types are interfaces; read here as the plain objects they are.
  const params = given as Record<string, unknown> | undefined;
  const validate = options.validate ?? validateByDefault;
  if (validate && spec.validatePath)
    check(spec.validatePath, spec.pathParams ?? {}, `${spec.operationName} path`);
  const path = typeof spec.path === 'function' ? spec.path() : spec.path;
  const split = splitParams(spec.params ?? [], params);
  if (validate && spec.validateParams) {
    const values = Object.fromEntries(
      (spec.params ?? []).filter((p) => params?.[p.name] !== undefined).map((p) => [p.name, params![p.name]]),
    );
    check(spec.validateParams, values, `${spec.operationName} params`);
  }
  const variant = spec.body?.length ? chooseVariant(spec.body, split.rest, options.contentType) : undefined;
  if (validate && variant?.whole) {
    const given = split.rest[RAW_BODY_KEY];
    if (given !== undefined) {
      if (variant.validate) check(variant.validate, given, `${spec.operationName} body`);
    } else if (variant.whole === 'required')
      throw new TelnyxError(`${spec.operationName} needs a request body: pass it as \`${RAW_BODY_KEY}\`.`);
    unknownParams(
      spec,
      Object.keys(split.rest).filter((k) => k !== RAW_BODY_KEY),
    );
  } else if (validate && variant?.validate) {
    check(variant.validate, split.rest, `${spec.operationName} params`);
  } else if (validate && !variant) {
    unknownParams(spec, Object.keys(split.rest));
  }
  // The key is chosen once, before any attempt, so every retry carries the same one and
  // Telnyx runs the command at most once.
  // No params at all and no key to add: a JSON operation sends no body, not `{}`. A whole body
  // (not an object) has no field to carry the key, and is sent only when given.
  let body: Record<string, unknown> | undefined = split.rest;
  if (variant?.whole) {
    if (split.rest[RAW_BODY_KEY] === undefined) body = undefined;
  } else if (variant?.kind === 'json') {
    body = withIdempotencyKey(params === undefined ? undefined : split.rest, spec.idempotencyField);
  }
  const cookie = cookieHeader(split.cookies);
  return {
    url: withQuery(path, split.query),
    headers: cookie === undefined ? split.headers : { ...split.headers, cookie },
    variant,
    body,
  };
}

/** Refuses params that are neither a parameter nor the body, rather than drop them. */
function unknownParams(spec: RequestSpec, names: string[]): void {
  if (names.length === 0) return;
  const quoted = names.map((k) => JSON.stringify(k)).join(', ');
  throw new TelnyxError(`${spec.operationName} takes no parameter named ${quoted}.`);
}

/** Runs one local check; its issues become a `ValidationError` about `subject`. */
function check(
  validate: (value: unknown) => ValidationResult<unknown>,
  value: unknown,
  subject: string,
): void {
  const result = validate(value);
  if (!result.ok) throw new ValidationError(subject, result.errors);
}
