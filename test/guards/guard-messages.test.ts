/**
 * What a caller reads when a guard says no: each issue's pointer, keyword and message, built by
 * the shared helpers in `runtime/guard-support.ts`, and how `validate…`/`assert…` wrap
 * them. Messages are part of the package's output, so they are checked word for word.
 */
import { describe, expect, it } from 'vitest';
import * as g from '../../runtime/guard-support.ts';
import { ValidationError, type ValidationIssue } from '../../runtime/validation.ts';

const messageOf = (issue: ValidationIssue) => issue.message;

describe('describing the value that was found', () => {
  it('quotes strings, cutting those longer than 40 characters', () => {
    const forty = 'x'.repeat(40);
    expect(messageOf(g.typeIssue('', 'integer', forty))).toBe(`expected integer, got "${forty}"`);
    expect(messageOf(g.typeIssue('', 'integer', `${forty}yz`))).toBe(`expected integer, got "${forty}…"`);
    expect(messageOf(g.typeIssue('', 'integer', 'a"b'))).toBe('expected integer, got "a\\"b"');
  });

  it('names containers without walking them, and writes other values as they are', () => {
    const got = (value: unknown) =>
      messageOf(g.typeIssue('', 'string', value)).replace('expected string, got ', '');
    expect([[1, 2], { a: 1 }, null, undefined, 1.5, true, 10n].map(got)).toEqual([
      'an array',
      'an object',
      'null',
      'undefined',
      '1.5',
      'true',
      'a bigint',
    ]);
  });
});

describe('issues', () => {
  it('point at the value with the keyword that failed', () => {
    expect(g.typeIssue('/a/0', 'string', 1)).toEqual({
      path: '/a/0',
      keyword: 'type',
      message: 'expected string, got 1',
    });
    expect(g.requiredIssue('/data', 'id')).toEqual({
      path: '/data',
      keyword: 'required',
      message: 'required property "id" is missing',
    });
    expect(g.additionalIssue('/x', 'extra')).toEqual({
      path: '/x',
      keyword: 'additionalProperties',
      message: 'property "extra" is not allowed here',
    });
    expect(g.unevaluatedIssue('/x', 'extra')).toEqual({
      path: '/x',
      keyword: 'unevaluatedProperties',
      message: 'property "extra" is not allowed here',
    });
    expect(g.uniqueIssue('/tags', [0, 2])).toEqual({
      path: '/tags',
      keyword: 'uniqueItems',
      message: 'expected unique items, but items 0 and 2 are equal',
    });
    expect(g.depthIssue('/a')).toEqual({
      path: '/a',
      keyword: 'maxDepth',
      message: 'nested deeper than 256 levels; not checked further',
    });
  });

  it('list up to 12 allowed values, then say how many more there are', () => {
    expect(messageOf(g.enumIssue('', ['a', 'b'], 'c'))).toBe('expected one of "a" | "b", got "c"');
    const twelve = Array.from({ length: 12 }, (_, i) => i);
    expect(messageOf(g.enumIssue('', twelve, 99))).toBe(`expected one of ${twelve.join(' | ')}, got 99`);
    const fourteen = Array.from({ length: 14 }, (_, i) => i);
    expect(messageOf(g.enumIssue('', fourteen, 99))).toBe(
      `expected one of ${twelve.join(' | ')} | … (2 more), got 99`,
    );
    expect(g.enumIssue('/s', ['a'], 'b').keyword).toBe('enum');
  });

  it('say whether a discriminator is missing or has an unknown value', () => {
    expect(g.discriminatorIssue('/kind', ['circle', 'square'], undefined)).toEqual({
      path: '/kind',
      keyword: 'discriminator',
      message: 'expected one of "circle" | "square" (selects the variant), it is missing',
    });
    expect(messageOf(g.discriminatorIssue('/kind', ['circle'], 'oval'))).toBe(
      'expected one of "circle" (selects the variant), got "oval"',
    );
  });

  it('describe every string format the guards check', () => {
    const formats = {
      uuid: 'a UUID',
      'date-time': 'an RFC 3339 date-time such as 2024-01-31T12:00:00Z',
      date: 'a date such as 2024-01-31',
      uri: 'an absolute URI',
      email: 'an email address',
      'json-pointer': 'a JSON pointer such as /a/b',
      int32: 'an integer in the int32 range',
      int64: 'an integer in the int64 range',
    } as const;
    for (const [format, description] of Object.entries(formats)) {
      expect(g.formatIssue('/f', format as keyof typeof formats, 'x')).toEqual({
        path: '/f',
        keyword: 'format',
        message: `expected ${description} (format ${format}), got "x"`,
      });
    }
  });

  it('show the pattern, the length bound in characters and the number bound', () => {
    expect(g.patternIssue('/n', /^[a-z]+$/, 'A')).toEqual({
      path: '/n',
      keyword: 'pattern',
      message: 'expected a string matching /^[a-z]+$/, got "A"',
    });
    expect(g.lengthIssue('/n', 'minLength', 2, '😀')).toEqual({
      path: '/n',
      keyword: 'minLength',
      message: 'expected at least 2 characters, got 1',
    });
    expect(messageOf(g.lengthIssue('/n', 'maxLength', 2, 'a😀b'))).toBe(
      'expected at most 2 characters, got 3',
    );
    const range = (keyword: 'minimum' | 'maximum' | 'exclusiveMinimum' | 'exclusiveMaximum') =>
      g.rangeIssue('/r', keyword, 1, 5);
    expect(range('minimum')).toEqual({
      path: '/r',
      keyword: 'minimum',
      message: 'expected a number >= 1, got 5',
    });
    expect(messageOf(range('maximum'))).toBe('expected a number <= 1, got 5');
    expect(messageOf(range('exclusiveMinimum'))).toBe('expected a number > 1, got 5');
    expect(messageOf(range('exclusiveMaximum'))).toBe('expected a number < 1, got 5');
    expect(g.multipleOfIssue('/r', 0.25, 0.3)).toEqual({
      path: '/r',
      keyword: 'multipleOf',
      message: 'expected a multiple of 0.25, got 0.3',
    });
  });

  it('count items or properties with the right bound', () => {
    expect(g.countIssue('/l', 'minItems', 1, 0)).toEqual({
      path: '/l',
      keyword: 'minItems',
      message: 'expected at least 1 items, got 0',
    });
    expect(messageOf(g.countIssue('/l', 'maxItems', 2, 3))).toBe('expected at most 2 items, got 3');
    expect(messageOf(g.countIssue('/o', 'minProperties', 1, 0))).toBe(
      'expected at least 1 properties, got 0',
    );
    expect(messageOf(g.countIssue('/o', 'maxProperties', 2, 3))).toBe('expected at most 2 properties, got 3');
  });

  it('say how many branches of a union matched: none, or more than one', () => {
    expect(g.unionIssue('/u', 'anyOf', 'string or integer', 0, true)).toEqual({
      path: '/u',
      keyword: 'anyOf',
      message: 'expected string or integer, got true',
    });
    expect(g.unionIssue('/u', 'oneOf', 'number or integer', 2, 1)).toEqual({
      path: '/u',
      keyword: 'oneOf',
      message: 'expected exactly one of number or integer to match, but 2 do',
    });
  });

  it('escape keys into JSON pointer tokens (RFC 6901)', () => {
    expect(['plain', 'a/b', '~', '/', '~1', 'a~/b', '//'].map(g.pointerToken)).toEqual([
      'plain',
      'a~1b',
      '~0',
      '~1',
      '~01',
      'a~0~1b',
      '~1~1',
    ]);
  });
});

describe('validate… and assert… for a rejected value', () => {
  const check: g.Check = (value, path, issues, options, depth) => {
    issues.push({ path, keyword: 'seen', message: JSON.stringify({ value, options, depth }) });
    issues.push(g.typeIssue(`${path}/x`, 'string', 1));
  };

  it('return every issue the check finds, starting at the root with depth 0', () => {
    expect(g.invalid('v', check, { strictEnums: false })).toEqual({
      ok: false,
      errors: [
        { path: '', keyword: 'seen', message: '{"value":"v","options":{"strictEnums":false},"depth":0}' },
        { path: '/x', keyword: 'type', message: 'expected string, got 1' },
      ],
    });
  });

  it('throw a ValidationError naming the type and listing the issues', () => {
    const error = g.validationError('Thing', 'v', check, undefined);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toEqual(g.invalid('v', check, undefined).errors);
    expect(error.message).toContain('Thing is not valid:');
    expect(error.message).toContain('/x: expected string, got 1');
  });
});
