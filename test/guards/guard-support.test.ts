/**
 * The helpers every generated guard calls, on their own: the decisions they make for a guard
 * (lengths in code points, JSON equality for uniqueItems, enums, nulls, own keys) and the
 * messages a caller reads in a ValidationError. Straight from `runtime/`, no generator.
 */
import { describe, expect, it } from 'vitest';
import * as g from '../../runtime/guard-support.ts';
import { ValidationError, type ValidationIssue } from '../../runtime/validation.ts';

describe('what a guard accepts', () => {
  it('counts string length in code points: an emoji is one character for minLength and maxLength', () => {
    expect(g.hasMaxLength('😀😀', 2)).toBe(true);
    expect(g.hasMaxLength('ab😀', 3)).toBe(true);
    expect(g.hasMaxLength('😀😀😀', 2)).toBe(false);
    expect(g.hasMaxLength('abc', 2)).toBe(false);
    expect(g.hasMinLength('😀😀', 2)).toBe(true);
    expect(g.hasMinLength('😀', 2)).toBe(false);
    expect(g.hasMinLength('a😀', 3)).toBe(false);
    expect(g.hasMinLength('ab', 2)).toBe(true);
    expect(g.hasMinLength('a', 2)).toBe(false);
    expect(g.hasMinLength('', 0)).toBe(true);
  });

  it('counts a lone or reversed surrogate as one character each, like JSON Schema validators do', () => {
    expect(g.codePointLength('a😀b')).toBe(3);
    expect(g.codePointLength('\ud83d')).toBe(1);
    expect(g.codePointLength('a\ud83d')).toBe(2);
    expect(g.codePointLength('\ude00\ud83d')).toBe(2);
    expect(g.codePointLength('\ud83d\ud83d\ude00')).toBe(2);
    expect(g.codePointLength('\ud83da')).toBe(2);
    // The edges of both surrogate ranges pair up; the units just outside them do not.
    expect(g.codePointLength('\ud800\udc00\udbff\udfff')).toBe(2);
    expect(g.codePointLength('\ud7ff\udc00')).toBe(2);
    expect(g.codePointLength('\udc00\udc00')).toBe(2);
    expect(g.codePointLength('\ud800\ue000')).toBe(2);
    expect(g.codePointLength('\ud800\udbff')).toBe(2);
  });

  it('finds equal items for uniqueItems by JSON equality, objects in any key order included', () => {
    expect(g.findDuplicate([1, 2, 1])).toEqual([0, 2]);
    expect(g.findDuplicate([{ a: 1, b: [2, { c: 3 }] }, { x: 0 }, { b: [2, { c: 3 }], a: 1 }])).toEqual([
      0, 2,
    ]);
    expect(
      g.findDuplicate([
        [1, [2]],
        [1, [2]],
      ]),
    ).toEqual([0, 1]);
    expect(g.findDuplicate([null, null])).toEqual([0, 1]);
    expect(g.findDuplicate([{}, {}])).toEqual([0, 1]);
    expect(g.findDuplicate([[], []])).toEqual([0, 1]);
  });

  it('does not call different items equal', () => {
    const distinct: unknown[][] = [
      [],
      [1],
      [1, '1'],
      [{ a: 1 }, { a: 2 }],
      [{ a: 1 }, { a: 1, b: 2 }],
      [{ a: 1, b: 2 }, { a: 1 }],
      [{ a: 1 }, { b: 1 }],
      [{ a: undefined }, { b: undefined }],
      [[1], [1, 2]],
      [
        [1, 2],
        [2, 1],
      ],
      [{}, []],
      [[], {}],
      [null, {}],
      [{}, null],
      [0, null],
      [{ 0: 'x' }, ['x']],
      [['x'], { 0: 'x' }],
      [['x'], { 0: 'x', length: 1 }],
      [{ 0: 'x', length: 1 }, ['x']],
      [{}, 1],
      [1, {}],
      [[], ''],
      ['', []],
      // A JavaScript caller's array may hold undefined; once is not a duplicate.
      [1, undefined],
    ];
    for (const items of distinct) expect(g.findDuplicate(items), JSON.stringify(items)).toBeUndefined();
  });

  it('compares nested items only to a bounded depth, so hostile input cannot overflow the stack', () => {
    const nest = (depth: number): unknown => {
      let value: unknown = 1;
      for (let i = 0; i < depth; i++) value = [value];
      return value;
    };
    expect(g.findDuplicate([nest(g.MAX_DEPTH), nest(g.MAX_DEPTH)])).toEqual([0, 1]);
    expect(g.findDuplicate([nest(100_000), nest(100_000)])).toBeUndefined();
    const nestObjects = (depth: number): unknown => {
      let value: unknown = 1;
      for (let i = 0; i < depth; i++) value = { a: value };
      return value;
    };
    expect(g.findDuplicate([nestObjects(g.MAX_DEPTH), nestObjects(g.MAX_DEPTH)])).toEqual([0, 1]);
    expect(g.findDuplicate([nestObjects(100_000), nestObjects(100_000)])).toBeUndefined();
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    const other: unknown[] = [];
    other.push(other);
    expect(() => g.findDuplicate([cyclic, other])).not.toThrow();
  });

  it('accepts enum values, and with strictEnums: false any string too', () => {
    const values = new Set(['on', 'off']);
    expect(g.inEnum(values, 'on', undefined)).toBe(true);
    expect(g.inEnum(values, 'dim', undefined)).toBe(false);
    expect(g.inEnum(values, 'dim', {})).toBe(false);
    expect(g.inEnum(values, 'dim', { strictEnums: true })).toBe(false);
    expect(g.inEnum(values, 'dim', { strictEnums: false })).toBe(true);
    expect(g.inEnum(values, 3, { strictEnums: false })).toBe(false);
  });

  it('accepts null in an optional received field only when the caller asked for strictNulls: false', () => {
    expect(g.nullAllowed(null, { strictNulls: false })).toBe(true);
    expect(g.nullAllowed(null, undefined)).toBe(false);
    expect(g.nullAllowed(null, {})).toBe(false);
    expect(g.nullAllowed(null, { strictNulls: true })).toBe(false);
    expect(g.nullAllowed(undefined, { strictNulls: false })).toBe(false);
    expect(g.nullAllowed(0, { strictNulls: false })).toBe(false);
  });

  it('treats optional strings and booleans as absent or of that type', () => {
    expect([undefined, 'x', ''].map(g.optionalString)).toEqual([true, true, true]);
    expect([null, 1, true].map(g.optionalString)).toEqual([false, false, false]);
    expect([undefined, true, false].map(g.optionalBoolean)).toEqual([true, true, true]);
    expect([null, 'true', 0].map(g.optionalBoolean)).toEqual([false, false, false]);
  });

  it('sees only own keys, never inherited ones', () => {
    const inherited = Object.create({ a: 1 }) as Record<string, unknown>;
    inherited['b'] = 2;
    expect(g.hasOwn(inherited, 'a')).toBe(false);
    expect(g.hasOwn(inherited, 'b')).toBe(true);
    expect(g.hasOwn({}, 'toString')).toBe(false);
    expect(g.countKeys(inherited)).toBe(1);
    expect(g.countKeys({})).toBe(0);
    expect(g.countKeys({ x: 1, y: undefined })).toBe(2);
  });

  it('takes an object to be neither null nor an array', () => {
    expect([{}, Object.create(null)].map(g.isObject)).toEqual([true, true]);
    expect([null, [], 'x', 1, undefined].map(g.isObject)).toEqual([false, false, false, false, false]);
  });

  it('decides multipleOf as ajv does, so both accept the same floats', () => {
    expect(g.isMultipleOf(0.75, 0.25)).toBe(true);
    expect(g.isMultipleOf(0.3, 0.25)).toBe(false);
    expect(g.isMultipleOf(9, 3)).toBe(true);
    expect(g.isMultipleOf(10, 3)).toBe(false);
  });
});
