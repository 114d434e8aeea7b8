/**
 * The format checks case by case: date-time (one regex for the calendar, arithmetic only for
 * second 60), date (the day must exist, leap years by the Gregorian rule) and uuid.
 */
import { describe, expect, it } from 'vitest';
import { isDate, isDateTime, isUuid } from '../../runtime/guard-formats.ts';

const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const pad = (n: number, width: number) => String(n).padStart(width, '0');

describe('isDateTime (RFC 3339)', () => {
  it.each([
    '2018-02-02T22:25:27.521992Z',
    '2024-02-29T23:59:59+05:30',
    '2024-02-29t00:00:00z',
    '2000-02-29T00:00:00Z', // divisible by 400: a leap year
    '0000-02-29T00:00:00Z', // year 0 too
    '2024-12-31T23:59:59.123456789+14:00',
    '2024-01-31T12:00:00-00:00',
    '2016-12-31T23:59:60Z', // a leap second at 23:59 UTC
    '2016-12-31T15:59:60-08:00', // the same instant in another offset
  ])('accepts %s', (s) => expect(isDateTime(s)).toBe(true));

  it.each([
    '2023-02-29T10:00:00Z', // not a leap year
    '1900-02-29T10:00:00Z', // divisible by 100, not 400
    '2100-02-29T10:00:00Z',
    '2024-02-30T00:00:00Z',
    '2024-06-31T00:00:00Z',
    '2024-01-32T00:00:00Z',
    '2024-01-00T00:00:00Z',
    '2024-01-01T00:00:00Z\n',
    ' 2024-01-01T00:00:00Z',
    '2024-01-01T00:00:60Z', // second 60 at midnight UTC
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
    expect([isDate('2024-02-29T00:00:00Z'), isDate(' 2024-02-29'), isDate('2024-02-29\n')]).toStrictEqual([false, false, false]);
  });

  // The calendar lives in a regex (leap years included), so compare it with arithmetic everywhere.
  it('agrees with the Gregorian rule on every year from 0000 to 9999', () => {
    const wrong: string[] = [];
    for (let year = 0; year <= 9999; year++) {
      for (const [month, day] of [[2, 28], [2, 29], [2, 30], [1, 31], [4, 30], [4, 31], [12, 31], [11, 31], [6, 0]]) {
        const date = `${pad(year, 4)}-${pad(month!, 2)}-${pad(day!, 2)}`;
        const exists = day! >= 1 && day! <= (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month!]!);
        if (isDate(date) !== exists || isDateTime(`${date}T12:00:00Z`) !== exists) wrong.push(date);
      }
    }
    expect(wrong).toStrictEqual([]);
  });

  it('agrees with the day count of every month of a leap and a common year', () => {
    for (const year of [2023, 2024]) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 0; day <= 32; day++) {
          const last = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month]!;
          expect(isDate(`${year}-${pad(month, 2)}-${pad(day, 2)}`), `${year}-${month}-${day}`).toBe(day >= 1 && day <= last);
        }
      }
    }
  });
});

describe('isUuid', () => {
  it.each([
    '0ccc7b54-4df3-4bca-a65a-3da1ecc777f0',
    '0CCC7B54-4DF3-4BCA-A65A-3DA1ECC777F0',
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-FFFF-ffff-FFFF-ffffffffffff',
  ])('accepts %s', (s) => expect(isUuid(s)).toBe(true));

  it.each([
    '',
    'urn:uuid:0ccc7b54-4df3-4bca-a65a-3da1ecc777f0',
    '0ccc7b54-4df3-4bca-a65a-3da1ecc777f',
    '0ccc7b54-4df3-4bca-a65a-3da1ecc777f00',
    '0ccc7b544-df3-4bca-a65a-3da1ecc777f0',
    '0ccc7b54-4df3-4bca-a65a_3da1ecc777f0',
    '0ccc7b54-4df3-4bca-a65a-3da1ecc777g0',
    '0ccc7b54-4df3-4bca-a65a-3da1ecc777f\n',
    '0ccc7b54 4df3 4bca a65a 3da1ecc777f0',
    '０ccc7b54-4df3-4bca-a65a-3da1ecc777f0', // a full-width digit
    '{0ccc7b54-4df3-4bca-a65a-3da1ecc777f}',
  ])('rejects %j', (s) => expect(isUuid(s)).toBe(false));
});
