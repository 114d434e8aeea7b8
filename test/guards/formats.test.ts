/** The date-time fast path (regex, then arithmetic for day 29-31 and second 60), case by case. */
import { describe, expect, it } from 'vitest';
import { isDate, isDateTime } from '../../templates/runtime/guard-formats.ts';

describe('isDateTime (RFC 3339)', () => {
  it.each([
    '2018-02-02T22:25:27.521992Z',
    '2024-02-29T23:59:59+05:30',
    '2024-02-29t00:00:00z',
    '2000-02-29T00:00:00Z', // divisible by 400: a leap year
    '2024-01-31T12:00:00-00:00',
    '2016-12-31T23:59:60Z', // a leap second at 23:59 UTC
    '2016-12-31T15:59:60-08:00', // the same instant in another offset
  ])('accepts %s', (s) => expect(isDateTime(s)).toBe(true));

  it.each([
    '2023-02-29T10:00:00Z', // not a leap year
    '1900-02-29T10:00:00Z', // divisible by 100, not 400
    '2024-04-31T00:00:00Z',
    '2024-13-01T00:00:00Z',
    '2024-00-10T00:00:00Z',
    '2024-01-01T24:00:00Z',
    '2024-01-01T23:60:00Z',
    '2016-12-31T23:58:60Z', // second 60 but not at 23:59 UTC
    '2016-12-31T23:59:60+01:00', // 22:59 UTC
    '2024-01-01T00:00:00.Z',
    '2024-01-01T00:00:00+0100',
    '2024-01-01T00:00:00+24:00',
    '2024-01-01 00:00:00Z',
    '2024-01-01T00:00:00',
    '２０２４-01-01T00:00:00Z',
    '',
  ])('rejects %s', (s) => expect(isDateTime(s)).toBe(false));
});

describe('isDate', () => {
  it('checks the day exists in the month', () => {
    expect([isDate('2024-02-29'), isDate('2023-02-29'), isDate('2024-06-31'), isDate('2024-6-30')]).toStrictEqual([true, false, false, false]);
  });
});
