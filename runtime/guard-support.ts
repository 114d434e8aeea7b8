/**
 * Helpers shared by the generated guards. Hand-written runtime, copied verbatim into the package
 * as `src/core/guard-support.ts`; the guards emitter also imports it to know which helpers exist.
 *
 * Everything here is safe on hostile input: no assignment into checked values, own keys only,
 * bounded recursion, and messages quote at most a short preview of a value.
 */
import {
  type GuardOptions,
  type ValidationIssue,
  type ValidationResult,
  ValidationError,
} from './validation.js';

/** Guards stop descending recursive schemas (and deep-equality checks) past this depth. */
export const MAX_DEPTH = 256;

export const hasOwn = (target: object, key: string): boolean =>
  Object.prototype.hasOwnProperty.call(target, key);

/** A JSON object: not null and not an array. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A `null` the caller accepts in an optional field of something received (`strictNulls: false`):
 * Telnyx sends `null` there for "no value", and the types say `T | null`.
 */
export function nullAllowed(value: unknown, options: GuardOptions | undefined): boolean {
  return value === null && options?.strictNulls === false;
}

/** An optional property: left out, or a string. Small enough for V8 to inline at every use. */
export function optionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

/** An optional property: left out, or a boolean. */
export function optionalBoolean(value: unknown): boolean {
  return value === undefined || typeof value === 'boolean';
}

/**
 * One of an enum's `values`; with `strictEnums: false`, any string too (Telnyx adds values over
 * time, and this lets an older package read them). `options` is read only for a value not listed.
 */
export function inEnum(
  values: ReadonlySet<unknown>,
  value: unknown,
  options: GuardOptions | undefined,
): boolean {
  return values.has(value) || (options?.strictEnums === false && typeof value === 'string');
}

/** A value a file field accepts: bytes, a stream, text, or a `FileUpload` of them. */
export function isUploadable(value: unknown): boolean {
  if (isFileData(value)) return true;
  return typeof value === 'object' && value !== null && 'data' in value && isFileData(value.data);
}

export function isFileData(value: unknown): boolean {
  return (
    typeof value === 'string' ||
    value instanceof ArrayBuffer ||
    ArrayBuffer.isView(value) ||
    (typeof Blob !== 'undefined' && value instanceof Blob) ||
    (typeof ReadableStream !== 'undefined' && value instanceof ReadableStream)
  );
}

/** Own enumerable keys, counted without building an array. */
export function countKeys(value: Record<string, unknown>): number {
  let count = 0;
  for (const key in value) if (hasOwn(value, key)) count++;
  return count;
}

/** JSON Schema counts string length in code points; UTF-16 length is only a bound. */
export function codePointLength(s: string): number {
  let count = s.length;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

/** `s.length` counts UTF-16 units, at most twice the code points: decide cheaply when it can. */
export function hasMinLength(s: string, min: number): boolean {
  if (s.length < min) return false;
  return s.length >= 2 * min || codePointLength(s) >= min;
}

export function hasMaxLength(s: string, max: number): boolean {
  return s.length <= max || codePointLength(s) <= max;
}

/** The same rule as ajv (`value / divisor` is an integer), so float results agree. */
export function isMultipleOf(value: number, divisor: number): boolean {
  return Number.isInteger(value / divisor);
}

/** Index pair of the first two equal items (JSON equality), or undefined when all differ. */
export function findDuplicate(items: readonly unknown[]): [number, number] | undefined {
  for (let i = 1; i < items.length; i++) {
    for (let j = 0; j < i; j++) if (jsonEqual(items[j], items[i], 0)) return [j, i];
  }
  return undefined;
}

function jsonEqual(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || depth > MAX_DEPTH)
    return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i], depth + 1));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => hasOwn(right, key) && jsonEqual(left[key], right[key], depth + 1));
}

export { isDate, isDateTime, isEmail, isJsonPointer, isUri, isUuid } from './guard-formats.js';

// ---- What `validate…` and `assert…` do once `is…` said no: shared, so each guard stays short. ----

/**
 * A guard module's `check…` function. Each takes the parameters it needs in this order and
 * ignores the rest: `options` when an open enum is reachable, `depth` on a recursive schema.
 */
export type Check = (
  value: unknown,
  path: string,
  issues: ValidationIssue[],
  options: GuardOptions | undefined,
  depth: number,
) => void;

/** What `validate…` returns for a value `is…` rejected: every problem `check` finds. */
export function invalid(
  value: unknown,
  check: Check,
  options: GuardOptions | undefined,
): { ok: false; errors: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  check(value, '', issues, options, 0);
  return { ok: false, errors: issues };
}

/** What `assert…` throws for a value `is…` rejected; `subject` is the type's name. */
export function validationError(
  subject: string,
  value: unknown,
  check: Check,
  options: GuardOptions | undefined,
): ValidationError {
  return new ValidationError(subject, invalid(value, check, options).errors);
}

/**
 * The body of every `validate…`: `ok` is what `is…` said. The guard passes the verdict in as a
 * plain boolean instead of branching on `is…` itself, so the compiler never narrows `value` by
 * `is…`'s type predicate there: over a whole spec's thousands of guards, that narrowing was a
 * quarter of the types the checker built for the guards.
 */
export function validated(
  ok: boolean,
  value: unknown,
  check: Check,
  options: GuardOptions | undefined,
): ValidationResult<unknown> {
  return ok ? { ok: true, value } : invalid(value, check, options);
}

/** The body of every `assert…`: throws the `ValidationError` unless `ok` (see `validated`). */
export function assertValid(
  ok: boolean,
  subject: string,
  value: unknown,
  check: Check,
  options: GuardOptions | undefined,
): void {
  if (!ok) throw validationError(subject, value, check, options);
}

// ---- Issues: built only when a check fails, so the happy path allocates nothing. ----

/** A short, safe picture of a value for messages: strings are cut, containers not walked. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'an array';
  if (value === null || typeof value !== 'object')
    return typeof value === 'bigint' ? 'a bigint' : String(value);
  return 'an object';
}

/** RFC 6901: `~` → `~0`, `/` → `~1`. */
export function pointerToken(key: string): string {
  return key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;
}

const issue = (path: string, keyword: string, message: string): ValidationIssue => ({
  path,
  keyword,
  message,
});

function listValues(values: Iterable<unknown>): string {
  const all = [...values].map((v) => JSON.stringify(v));
  const shown = all.slice(0, 12).join(' | ');
  return all.length > 12 ? `${shown} | … (${all.length - 12} more)` : shown;
}

export const typeIssue = (path: string, expected: string, got: unknown) =>
  issue(path, 'type', `expected ${expected}, got ${describe(got)}`);

export const requiredIssue = (path: string, name: string) =>
  issue(path, 'required', `required property ${JSON.stringify(name)} is missing`);

export const enumIssue = (path: string, values: Iterable<unknown>, got: unknown) =>
  issue(path, 'enum', `expected one of ${listValues(values)}, got ${describe(got)}`);

export function discriminatorIssue(path: string, values: Iterable<unknown>, got: unknown): ValidationIssue {
  const found = got === undefined ? 'it is missing' : `got ${describe(got)}`;
  return issue(
    path,
    'discriminator',
    `expected one of ${listValues(values)} (selects the variant), ${found}`,
  );
}

const FORMATS: Record<string, string> = {
  uuid: 'a UUID',
  'date-time': 'an RFC 3339 date-time such as 2024-01-31T12:00:00Z',
  date: 'a date such as 2024-01-31',
  uri: 'an absolute URI',
  email: 'an email address',
  'json-pointer': 'a JSON pointer such as /a/b',
  int32: 'an integer in the int32 range',
  int64: 'an integer in the int64 range',
};

export const formatIssue = (
  path: string,
  format: 'uuid' | 'date-time' | 'date' | 'uri' | 'email' | 'json-pointer' | 'int32' | 'int64',
  got: unknown,
) => issue(path, 'format', `expected ${FORMATS[format]} (format ${format}), got ${describe(got)}`);

export const patternIssue = (path: string, pattern: RegExp, got: string) =>
  issue(path, 'pattern', `expected a string matching /${pattern.source}/, got ${describe(got)}`);

export function lengthIssue(
  path: string,
  keyword: 'minLength' | 'maxLength',
  limit: number,
  got: string,
): ValidationIssue {
  const bound = keyword === 'minLength' ? 'at least' : 'at most';
  return issue(path, keyword, `expected ${bound} ${limit} characters, got ${codePointLength(got)}`);
}

const COMPARISONS = { minimum: '>=', maximum: '<=', exclusiveMinimum: '>', exclusiveMaximum: '<' } as const;

export const rangeIssue = (path: string, keyword: keyof typeof COMPARISONS, limit: number, got: number) =>
  issue(path, keyword, `expected a number ${COMPARISONS[keyword]} ${limit}, got ${got}`);

export const multipleOfIssue = (path: string, divisor: number, got: number) =>
  issue(path, 'multipleOf', `expected a multiple of ${divisor}, got ${got}`);

export function countIssue(path: string, keyword: string, limit: number, got: number): ValidationIssue {
  const bound = keyword.startsWith('min') ? 'at least' : 'at most';
  const unit = keyword.endsWith('Items') ? 'items' : 'properties';
  return issue(path, keyword, `expected ${bound} ${limit} ${unit}, got ${got}`);
}

export const uniqueIssue = (path: string, [first, second]: [number, number]) =>
  issue(path, 'uniqueItems', `expected unique items, but items ${first} and ${second} are equal`);

export const additionalIssue = (path: string, key: string) =>
  issue(path, 'additionalProperties', `property ${describe(key)} is not allowed here`);

/** A key that no part of the schema that matched declares (`unevaluatedProperties: false`). */
export const unevaluatedIssue = (path: string, key: string) =>
  issue(path, 'unevaluatedProperties', `property ${describe(key)} is not allowed here`);

export function unionIssue(
  path: string,
  keyword: 'oneOf' | 'anyOf',
  labels: string,
  matches: number,
  got: unknown,
): ValidationIssue {
  if (matches === 0) return issue(path, keyword, `expected ${labels}, got ${describe(got)}`);
  return issue(path, keyword, `expected exactly one of ${labels} to match, but ${matches} do`);
}

export const depthIssue = (path: string) =>
  issue(path, 'maxDepth', `nested deeper than ${MAX_DEPTH} levels; not checked further`);
