/**
 * String formats the generated guards enforce. Copied into the package as
 * `src/core/guard-formats.ts` by `emitGuards`.
 *
 * Dates are the most common format in webhook events, so they sit on the hot path: a regex
 * without captures for the shape, then arithmetic on character codes, never string splitting.
 */

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `count` ASCII digits starting at `start`, as a number; -1 when any is missing or not a digit. */
function digits(s: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const digit = s.charCodeAt(i) - 48;
    // Written as a negation so NaN (index past the end) fails too.
    if (!(digit >= 0 && digit <= 9)) return -1;
    n = n * 10 + digit;
  }
  return n;
}

const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

/** RFC 3339 `full-date` at `start`: `YYYY-MM-DD` with a day that exists in that month. */
function isFullDate(s: string, start: number): boolean {
  const year = digits(s, start, 4);
  const month = digits(s, start + 5, 2);
  const day = digits(s, start + 8, 2);
  if (year < 0 || s[start + 4] !== '-' || s[start + 7] !== '-' || month < 1 || month > 12 || day < 1)
    return false;
  return day <= (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month]!);
}

/** `date`: RFC 3339 full-date. */
export function isDate(s: string): boolean {
  return s.length === 10 && isFullDate(s, 0);
}

/**
 * `date-time`: RFC 3339 `date-time`, e.g. `2024-02-29T23:59:60.5-08:00`. `T` and `Z` may be
 * lower case (RFC 3339 §5.6 note); the offset needs its colon, as the grammar says. Second 60
 * (a leap second) is accepted only when the time is 23:59 in UTC.
 *
 * One regex does the shape and every field range but the day of the month; V8 compiles it to
 * machine code, so this is the fast path. Day 29-31 and second 60 are checked by arithmetic.
 */
const DATE_TIME =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])[Tt](?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d+)?(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

export function isDateTime(s: string): boolean {
  if (!DATE_TIME.test(s)) return false;
  if (digits(s, 8, 2) > 28 && !isFullDate(s, 0)) return false;
  return s.charCodeAt(17) !== 54 /* '6': second 60 */ || isLeapSecondInUtc(s);
}

/** Minutes past midnight in UTC must be 23:59 for a leap second (RFC 3339 §5.7). */
function isLeapSecondInUtc(s: string): boolean {
  const minutes = digits(s, 11, 2) * 60 + digits(s, 14, 2);
  const sign = s[s.length - 6];
  const offset =
    sign === '+' || sign === '-'
      ? (sign === '-' ? -1 : 1) * (digits(s, s.length - 5, 2) * 60 + digits(s, s.length - 2, 2))
      : 0;
  return (((minutes - offset) % 1440) + 1440) % 1440 === 1439;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/** `uuid`: the RFC 9562 string form (8-4-4-4-12 hex digits, any case, no `urn:uuid:` prefix). */
export function isUuid(s: string): boolean {
  return s.length === 36 && UUID.test(s);
}

/**
 * `uri`: an absolute URI per RFC 3986: a scheme, then only URI characters (no spaces or
 * controls) with well-formed percent escapes. The parts after the scheme are not parsed.
 */
const URI = /^[a-z][a-z0-9+.-]*:(?:[a-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9a-f]{2})*$/iu;

export function isUri(s: string): boolean {
  return URI.test(s);
}

/** `email`: RFC 5321 mailbox with a dot-atom local part and a host name of letter/digit labels. */
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/iu;

export function isEmail(s: string): boolean {
  return EMAIL.test(s);
}

/** `json-pointer`: RFC 6901, `~` only as `~0` or `~1`. */
const JSON_POINTER = /^(?:\/(?:[^~/]|~[01])*)*$/u;

export function isJsonPointer(s: string): boolean {
  return JSON_POINTER.test(s);
}
