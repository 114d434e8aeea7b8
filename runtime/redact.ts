/**
 * Keeps the API key (and any other credential) out of error objects. Hand-written, copied verbatim into the generated
 * package as `core/redact.ts`.
 *
 * A server or a proxy may echo the request's `Authorization` header back, in its body or in its
 * headers, and errors end up in logs. So before an error leaves the client, every string it
 * carries (message, stack, parsed body, headers, request id, causes) has the key replaced.
 */

export const REDACTED = '[redacted]';

/** How deep nested objects and causes are searched: enough for any error body or cause chain. */
const MAX_DEPTH = 16;

/**
 * The credentials to hide: the API key, or every credential the client holds (longest first, so
 * that one which contains another is replaced whole). `''` and `[]` hide nothing.
 */
export type Secrets = string | readonly string[];

/** `text` with every occurrence of each secret replaced. */
export function redactText(text: string, secret: Secrets): string {
  if (typeof secret !== 'string') return secret.reduce((done, one) => redactText(done, one), text);
  return secret !== '' && text.includes(secret) ? text.split(secret).join(REDACTED) : text;
}

/**
 * The same headers, or a copy with the secret replaced in the values that contained it (a
 * response's `Headers` is immutable, so it cannot be changed in place).
 */
export function redactHeaders(headers: Headers, secret: Secrets): Headers {
  let leaks = false;
  headers.forEach((value) => {
    if (redactText(value, secret) !== value) leaks = true;
  });
  if (!leaks) return headers;
  const copy = new Headers();
  headers.forEach((value, name) => copy.append(name, redactText(value, secret)));
  return copy;
}

/**
 * Redacts `value` deeply and returns the result: strings are replaced, `Headers` copied, and
 * arrays, plain objects and errors changed in place (both keys and values), so the error keeps
 * its class and its identity. Objects of other classes are left alone: they are not ours.
 */
export function redactValue(value: unknown, secret: Secrets): unknown {
  return secret.length === 0 ? value : redactAt(value, secret, 0, new Set());
}

/**
 * Redacts an error before the client throws it: its message, stack and own properties (the
 * parsed body, headers, request id), and its `cause` chain unless `keepCause` is set (for a
 * cause that is the caller's own value, such as an abort reason, which is not ours to change).
 */
export function redactError<E>(error: E, secret: Secrets, options: { keepCause?: boolean } = {}): E {
  if (secret.length === 0 || !(error instanceof Error)) return error;
  const skip = new Set(options.keepCause ? ['cause'] : []);
  redactErrorAt(error, secret, 0, new Set(), skip);
  return error;
}

function redactAt(value: unknown, secret: Secrets, depth: number, seen: Set<object>): unknown {
  if (typeof value === 'string') return redactText(value, secret);
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH || seen.has(value)) return value;
  seen.add(value);
  if (value instanceof Headers) return redactHeaders(value, secret);
  if (value instanceof Error) redactErrorAt(value, secret, depth, seen, new Set());
  else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = redactAt(value[i], secret, depth + 1, seen);
  } else if (isPlainObject(value)) {
    redactPlainObject(value, secret, depth, seen);
  }
  return value;
}

function redactPlainObject(
  object: Record<string, unknown>,
  secret: Secrets,
  depth: number,
  seen: Set<object>,
): void {
  for (const key of Object.keys(object)) {
    const value = object[key];
    const clean = redactAt(value, secret, depth + 1, seen);
    const cleanKey = redactText(key, secret);
    if (clean === value && cleanKey === key) continue;
    if (cleanKey === key) {
      // An own property, even one named `__proto__` (JSON.parse makes those), so this is a
      // plain write and never changes the prototype.
      object[key] = clean;
    } else {
      delete object[key];
      object[cleanKey] = clean;
    }
  }
}

/** Own data properties, enumerable or not (`message`, `stack` and `cause` are not). */
function redactErrorAt(
  error: Error,
  secret: Secrets,
  depth: number,
  seen: Set<object>,
  skip: Set<string>,
): void {
  seen.add(error);
  for (const key of Object.getOwnPropertyNames(error)) {
    if (skip.has(key)) continue;
    const descriptor = Object.getOwnPropertyDescriptor(error, key);
    if (!descriptor || !('value' in descriptor)) continue;
    const clean = redactAt(descriptor.value, secret, depth + 1, seen);
    if (clean === descriptor.value) continue;
    try {
      Object.defineProperty(error, key, { ...descriptor, value: clean });
    } catch {
      // A frozen property of someone else's error: keep going with the rest.
    }
  }
  // Some engines keep `stack` as an accessor rather than an own data property.
  if (typeof error.stack === 'string' && redactText(error.stack, secret) !== error.stack) {
    try {
      error.stack = redactText(error.stack, secret);
    } catch {
      // Read-only stack: nothing more to do.
    }
  }
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
