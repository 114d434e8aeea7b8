/**
 * Parameter serialisation in each OpenAPI style the runtime supports, value by value: arrays and
 * objects in query, header and cookie parameters, each scalar type, dates, and what is refused.
 * Written from the mutation run of request-params.ts (bench/MUTATION.md): each case here is a
 * shape that no other test sent.
 */
import { describe, expect, it } from 'vitest';
import { TelnyxError } from '../../runtime/errors.ts';
import {
  encodePathParam,
  queryPairs,
  queryString,
  splitParams,
  type ParamSpec,
} from '../../runtime/request-params.ts';

const query = (name: string, extra: Partial<ParamSpec> = {}): ParamSpec => ({ name, in: 'query', ...extra });

describe('query arrays', () => {
  it('repeat the name by default (form, exploded)', () => {
    expect(queryPairs(query('tag'), ['a', 'b'])).toEqual([
      ['tag', 'a'],
      ['tag', 'b'],
    ]);
    expect(queryPairs(query('tag', { style: 'form' }), ['a', 'b'])).toEqual([
      ['tag', 'a'],
      ['tag', 'b'],
    ]);
  });

  it('join with commas in form style when explode is false', () => {
    expect(queryPairs(query('tag', { explode: false }), ['a', 'b'])).toEqual([['tag', 'a,b']]);
  });

  it('join with a space or a pipe in the delimited styles, which do not explode by default', () => {
    expect(queryPairs(query('tag', { style: 'spaceDelimited' }), ['a', 'b'])).toEqual([['tag', 'a b']]);
    expect(queryPairs(query('tag', { style: 'pipeDelimited' }), ['a', 'b'])).toEqual([['tag', 'a|b']]);
  });

  it('repeat the name in the delimited styles too when exploded, as OpenAPI writes them', () => {
    for (const style of ['spaceDelimited', 'pipeDelimited'] as const) {
      expect(queryPairs(query('tag', { style, explode: true }), ['a', 'b'])).toEqual([
        ['tag', 'a'],
        ['tag', 'b'],
      ]);
    }
  });
});

describe('query objects', () => {
  it('become one pair per defined field in form style, and one comma list when not exploded', () => {
    const value = { a: 1, skip: undefined, b: 'x' };
    expect(queryPairs(query('o'), value)).toEqual([
      ['a', '1'],
      ['b', 'x'],
    ]);
    expect(queryPairs(query('o', { explode: false }), value)).toEqual([['o', 'a,1,b,x']]);
  });

  it('stay one parameter in the delimited styles, which do not explode by default', () => {
    const names = (style: ParamSpec['style']) =>
      queryPairs(query('o', { style }), { a: 1, b: 2 }).map(([name]) => name);
    expect(names('spaceDelimited')).toEqual(['o']);
    expect(names('pipeDelimited')).toEqual(['o']);
    // Exploded (which OpenAPI leaves undefined for them), they explode as form does.
    expect(queryPairs(query('o', { style: 'pipeDelimited', explode: true }), { a: 1 })).toEqual([['a', '1']]);
  });

  it('name the field in the error when one of them is not a scalar', () => {
    expect(() => queryPairs(query('o'), { a: {} })).toThrow(
      'Parameter `o.a` must be a string, number or boolean, got object.',
    );
  });

  it('are bracketed names in deepObject style, arrays inside as repeated `name[]`, undefined fields left out', () => {
    const value = { content_type: ['audio/wav', 'audio/mp3'], created_at: { gte: '2024' }, gone: undefined };
    expect(queryPairs(query('filter', { style: 'deepObject' }), value)).toEqual([
      ['filter[content_type][]', 'audio/wav'],
      ['filter[content_type][]', 'audio/mp3'],
      ['filter[created_at][gte]', '2024'],
    ]);
    expect(queryPairs(query('ids', { style: 'deepObject' }), [1, 2])).toEqual([
      ['ids[]', '1'],
      ['ids[]', '2'],
    ]);
  });
});

describe('scalars', () => {
  it('send numbers, booleans and bigints as their text, null as empty, a Date as ISO 8601', () => {
    const spec = query('v');
    expect(queryPairs(spec, 2.5)).toEqual([['v', '2.5']]);
    expect(queryPairs(spec, false)).toEqual([['v', 'false']]);
    expect(queryPairs(spec, 10n)).toEqual([['v', '10']]);
    expect(queryPairs(spec, null)).toEqual([['v', '']]);
    const date = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(queryPairs(spec, date)).toEqual([['v', '2024-01-02T03:04:05.000Z']]);
    // A Date inside an object is one value, not taken apart into its (no) fields.
    expect(queryPairs(query('f', { style: 'deepObject' }), { at: date })).toEqual([
      ['f[at]', '2024-01-02T03:04:05.000Z'],
    ]);
  });

  it('refuse anything else with the parameter name and the type found', () => {
    expect(() => queryPairs(query('v'), Symbol('s'))).toThrow(TelnyxError);
    expect(() => queryPairs(query('v'), () => 1)).toThrow(
      'Parameter `v` must be a string, number or boolean, got function.',
    );
  });
});

describe('headers and cookies', () => {
  it('write an object header as `k,v` pairs, or `k=v` when exploded', () => {
    const specs: ParamSpec[] = [
      { name: 'X-Plain', in: 'header' },
      { name: 'X-Exploded', in: 'header', explode: true },
    ];
    const value = { a: 1, b: 'x', gone: undefined };
    expect(splitParams(specs, { 'X-Plain': value, 'X-Exploded': value }).headers).toEqual({
      'x-plain': 'a,1,b,x',
      'x-exploded': 'a=1,b=x',
    });
  });

  it('name the field of an object header that is not a scalar', () => {
    const specs: ParamSpec[] = [{ name: 'X-O', in: 'header' }];
    expect(() => splitParams(specs, { 'X-O': { a: [] } })).toThrow(
      'Parameter `X-O.a` must be a string, number or boolean, got object.',
    );
  });

  it('refuse a NUL or a lone carriage return in a header value', () => {
    const specs: ParamSpec[] = [{ name: 'X-T', in: 'header' }];
    expect(() => splitParams(specs, { 'X-T': 'a\0b' })).toThrow(
      'Header parameter `X-T` must not contain line breaks.',
    );
    expect(() => splitParams(specs, { 'X-T': 'a\rb' })).toThrow(/line breaks/);
  });

  it('send a cookie array as one cookie per value, whatever style the spec gave (cookies are form)', () => {
    const specs: ParamSpec[] = [
      { name: 'c', in: 'cookie' },
      { name: 'd', in: 'cookie', style: 'deepObject' },
    ];
    const split = splitParams(specs, { c: ['1', '2'], d: { k: 'v' } });
    expect(split.cookies).toEqual([
      ['c', '1'],
      ['c', '2'],
      ['k', 'v'],
    ]);
  });
});

describe('queryString', () => {
  it('joins pairs with `&`', () => {
    expect(
      queryString([
        ['a', '1'],
        ['b', '2'],
      ]),
    ).toBe('?a=1&b=2');
  });
});

describe('encodePathParam', () => {
  it('percent-encodes a string, so a slash cannot change the path', () => {
    expect(encodePathParam('id', 'a/b c')).toBe('a%2Fb%20c');
    // `:` and `@` may stand in a path segment as they are (RFC 3986's pchar); every `:` and `@`.
    expect(encodePathParam('id', 'v3:a:b@c@d?e#f')).toBe('v3:a:b@c@d%3Fe%23f');
    expect(encodePathParam('id', 7)).toBe('7');
    // A boolean path parameter (mcw.edu's `{includeChildren}`) is written as JSON writes it.
    expect(encodePathParam('id', true)).toBe('true');
    expect(encodePathParam('id', false)).toBe('false');
  });

  it('refuses a number that is not finite, an empty string and anything else', () => {
    expect(() => encodePathParam('id', Number.NaN)).toThrow(
      'Path parameter `id` must be a string, got number.',
    );
    expect(() => encodePathParam('id', Number.POSITIVE_INFINITY)).toThrow(/must be a string, got number/);
    expect(() => encodePathParam('id', '')).toThrow('Path parameter `id` must not be empty.');
    expect(() => encodePathParam('id', undefined as never)).toThrow(
      'Path parameter `id` must be a string, got undefined.',
    );
  });

  it('joins an array with commas, each item encoded on its own (style simple)', () => {
    expect(encodePathParam('ids', ['victoria', 'central'])).toBe('victoria,central');
    expect(encodePathParam('ids', ['a,b', 'c/d', 7, false])).toBe('a%2Cb,c%2Fd,7,false');
    expect(encodePathParam('ids', ['only'])).toBe('only');
  });

  it('refuses an empty array, and names the item that is not a usable value', () => {
    expect(() => encodePathParam('ids', [])).toThrow('Path parameter `ids` must not be an empty array.');
    expect(() => encodePathParam('ids', ['a', ''])).toThrow('Path parameter `ids[1]` must not be empty.');
    expect(() => encodePathParam('ids', ['a', { b: 1 }] as never)).toThrow(
      'Path parameter `ids[1]` must be a string, got object.',
    );
    expect(() => encodePathParam('ids', [Number.NaN] as never)).toThrow(
      'Path parameter `ids[0]` must be a string, got number.',
    );
  });
});
