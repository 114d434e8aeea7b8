/**
 * String formats the generated guards enforce. Copied into the package as
 * `src/core/guard-formats.ts` by `emitGuards`.
 *
 * Dates and UUIDs are the most common formats in webhook events, so they sit on the hot path.
 */

/*
 * The date and time patterns are built from named parts. Every repeat is spelled out (`\d\d\d\d`,
 * not `\d{4}`): V8 runs a counted repeat as a loop and a spelled-out one as straight-line code,
 * which beat a char-code loop and a lookup table (see bench/README.md). One regex call is
 * worth many `charCodeAt` reads, so the calendar, leap years included, is in the one regex, and
 * only a second of 60 reads characters after it. No captures, no splitting.
 */

/** A year divisible by 4 but not by 100, or by 400: `2024`, `2000`, `0000`; not `1900` or `2023`. */
const LEAP_YEAR = '(?:\\d\\d(?:[02468][48]|[13579][26]|[2468]0)|(?:[02468][048]|[13579][26])00)';

/** `MM-DD` for a day that exists in every year: 31-day months, 30-day months, February to the 28th. */
const MONTH_DAY =
  '(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))';

/** RFC 3339 `full-date` with a day that exists in that month, February 29th only in leap years. */
const FULL_DATE = `(?:\\d\\d\\d\\d-${MONTH_DAY}|${LEAP_YEAR}-02-29)`;

/**
 * RFC 3339 `T` `partial-time` `time-offset`. `T` and `Z` may be lower case (RFC 3339 §5.6 note);
 * the offset needs its colon, as the grammar says. Second 60 is left to `isLeapSecondInUtc`.
 */
const TIME =
  '[Tt](?:[01]\\d|2[0-3]):[0-5]\\d:(?:[0-5]\\d|60)(?:\\.\\d+)?(?:[Zz]|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)';

const DATE = new RegExp(`^${FULL_DATE}$`);
const DATE_TIME = new RegExp(`^${FULL_DATE}${TIME}$`);

/** `date`: RFC 3339 full-date, e.g. `2024-02-29`. */
export function isDate(s: string): boolean {
  return DATE.test(s);
}

/**
 * `date-time`: RFC 3339 `date-time`, e.g. `2024-02-29T23:59:60.5-08:00`. Second 60 (a leap
 * second) is accepted only when the time is 23:59 in UTC.
 */
export function isDateTime(s: string): boolean {
  // Position 17 is the seconds' first digit: '6' only for second 60.
  return DATE_TIME.test(s) && (s.charCodeAt(17) !== 54 || isLeapSecondInUtc(s));
}

/** Two ASCII digits at `start` as a number; the regex has already checked they are digits. */
const twoDigits = (s: string, start: number) =>
  (s.charCodeAt(start) - 48) * 10 + s.charCodeAt(start + 1) - 48;

/** Minutes past midnight in UTC must be 23:59 for a leap second (RFC 3339 §5.7). */
function isLeapSecondInUtc(s: string): boolean {
  const minutes = twoDigits(s, 11) * 60 + twoDigits(s, 14);
  const sign = s[s.length - 6];
  const offset =
    sign === '+' || sign === '-'
      ? (sign === '-' ? -1 : 1) * (twoDigits(s, s.length - 5) * 60 + twoDigits(s, s.length - 2))
      : 0;
  return (((minutes - offset) % 1440) + 1440) % 1440 === 1439;
}

const HEX = '[0-9a-fA-F]';
const UUID = new RegExp(
  `^${HEX.repeat(8)}-${HEX.repeat(4)}-${HEX.repeat(4)}-${HEX.repeat(4)}-${HEX.repeat(12)}$`,
);

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
