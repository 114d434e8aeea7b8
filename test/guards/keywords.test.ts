/**
 * Example-based tests: each keyword's exact issues (path, keyword, message), strictEnums,
 * hostile input (`__proto__`, cycles, deep nesting) and the shape of the emitted modules.
 */
import { describe, expect, it } from 'vitest';
import { inlineGuards } from './inline-guards.ts';

const spec = inlineGuards({
  Thing: {
    type: 'object',
    additionalProperties: false,
    required: ['id'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      name: { type: 'string', minLength: 2, maxLength: 3, pattern: '^[a-z]+$' },
      count: { type: 'integer', minimum: 1, maximum: 10, format: 'int32' },
      ratio: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1, multipleOf: 0.25 },
      when: { type: 'string', format: 'date-time' },
      day: { type: 'string', format: 'date' },
      status: { type: 'string', enum: ['completed', 'call_hangup'] },
      maybe: { type: ['string', 'null'] },
      tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 2, uniqueItems: true },
      'a/b~c': { type: 'boolean' },
    },
  },
  Bag: { type: 'object', additionalProperties: { type: 'integer' }, minProperties: 1, maxProperties: 2 },
  Shape: {
    oneOf: [{ $ref: '#/components/schemas/Circle' }, { $ref: '#/components/schemas/Square' }],
    discriminator: { propertyName: 'kind', mapping: { circle: '#/components/schemas/Circle', square: '#/components/schemas/Square' } },
  },
  Circle: { type: 'object', required: ['kind', 'r'], properties: { kind: { type: 'string', enum: ['circle'] }, r: { type: 'number' } } },
  Square: { type: 'object', required: ['kind'], properties: { kind: { type: 'string', enum: ['square'] } } },
  Either: { anyOf: [{ type: 'string', minLength: 3 }, { type: 'integer' }] },
  Exactly: { oneOf: [{ type: 'number' }, { type: 'integer' }] },
  Both: { allOf: [{ type: 'object', required: ['a'] , properties: { a: { type: 'string' } } }, { type: 'object', required: ['b'], properties: { b: { type: 'string' } } }] },
  // An allOf beside an anyOf: both hold (the anyOf alone used to be read).
  Also: {
    allOf: [{ type: 'object', required: ['a'], properties: { a: { type: 'string' } } }],
    anyOf: [{ type: 'object', required: ['b'] }, { type: 'object', required: ['c'] }],
  },
  Tree: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Tree' } } } },
  Odd: { type: 'string', format: 'hostname' },
  Proto: { type: 'object', required: ['constructor'], properties: JSON.parse('{"constructor":{"type":"string"},"__proto__":{"type":"integer"}}') },
  // Recursive and with an open enum: options and depth travel together through the recursion.
  Chain: { type: 'object', properties: { status: { type: 'string', enum: ['on', 'off'] }, next: { $ref: '#/components/schemas/Chain' } } },
});

const thing = await spec.load('Thing');
const ID = '0ccc7b54-4df3-4bca-a65a-3da1ecc777f0';
const validate = (name: string, value: unknown, options?: object) => spec.load(name).then((m) => m[`validate${name}`]!(value, options));

describe('keywords', () => {
  it('accepts a valid value, allocating only the result', () => {
    const value = { id: ID, name: 'ab', count: 3, ratio: 0.5, when: '2024-02-29T23:59:60.5-00:00'.replace('60.5-00:00', '59Z'), day: '2024-02-29', status: 'completed', maybe: null, tags: ['x'], 'a/b~c': true };
    expect(thing.isThing!(value)).toBe(true);
    expect(thing.validateThing!(value)).toStrictEqual({ ok: true, value });
  });

  it('reports every problem with its pointer, keyword and message', () => {
    const value = { name: 'ABCD', count: 11.5, ratio: 0.3, when: '2023-02-29T10:00:00Z', day: '2024-13-01', status: 'done', maybe: 5, tags: ['x', 'x', 'y'], 'a/b~c': 1, extra: 1 };
    expect(thing.validateThing!(value)).toStrictEqual({ ok: false, errors: [
      { path: '/id', keyword: 'required', message: 'required property "id" is missing' },
      { path: '/name', keyword: 'maxLength', message: 'expected at most 3 characters, got 4' },
      { path: '/name', keyword: 'pattern', message: 'expected a string matching /^[a-z]+$/, got "ABCD"' },
      { path: '/count', keyword: 'type', message: 'expected integer, got 11.5' },
      { path: '/ratio', keyword: 'multipleOf', message: 'expected a multiple of 0.25, got 0.3' },
      { path: '/when', keyword: 'format', message: 'expected an RFC 3339 date-time such as 2024-01-31T12:00:00Z (format date-time), got "2023-02-29T10:00:00Z"' },
      { path: '/day', keyword: 'format', message: 'expected a date such as 2024-01-31 (format date), got "2024-13-01"' },
      { path: '/status', keyword: 'enum', message: 'expected one of "completed" | "call_hangup", got "done"' },
      { path: '/maybe', keyword: 'type', message: 'expected string or null, got 5' },
      { path: '/tags', keyword: 'maxItems', message: 'expected at most 2 items, got 3' },
      { path: '/tags', keyword: 'uniqueItems', message: 'expected unique items, but items 0 and 1 are equal' },
      { path: '/a~1b~0c', keyword: 'type', message: 'expected boolean, got 1' },
      { path: '/extra', keyword: 'additionalProperties', message: 'property "extra" is not allowed here' },
    ] });
  });

  it('checks ranges, int32, code-point lengths and items', () => {
    expect(thing.validateThing!({ id: 'urn:uuid:' + ID, count: 2 ** 31, ratio: 1, name: '😀', tags: [] })).toStrictEqual({ ok: false, errors: [
      { path: '/id', keyword: 'format', message: 'expected a UUID (format uuid), got "urn:uuid:0ccc7b54-4df3-4bca-a65a-3da1ecc…"' },
      { path: '/name', keyword: 'minLength', message: 'expected at least 2 characters, got 1' },
      { path: '/name', keyword: 'pattern', message: 'expected a string matching /^[a-z]+$/, got "😀"' },
      { path: '/count', keyword: 'format', message: 'expected an integer in the int32 range (format int32), got 2147483648' },
      { path: '/count', keyword: 'maximum', message: 'expected a number <= 10, got 2147483648' },
      { path: '/ratio', keyword: 'exclusiveMaximum', message: 'expected a number < 1, got 1' },
      { path: '/tags', keyword: 'minItems', message: 'expected at least 1 items, got 0' },
    ] });
  });

  it('checks additionalProperties schemas and property counts', async () => {
    expect(await validate('Bag', {})).toStrictEqual({ ok: false, errors: [{ path: '', keyword: 'minProperties', message: 'expected at least 1 properties, got 0' }] });
    expect(await validate('Bag', { a: 1, 'x/y': 'no', c: 3 })).toStrictEqual({ ok: false, errors: [
      { path: '/x~1y', keyword: 'type', message: 'expected integer, got "no"' },
      { path: '', keyword: 'maxProperties', message: 'expected at most 2 properties, got 3' },
    ] });
  });

  it('dispatches on the discriminator and names the allowed values', async () => {
    expect(await validate('Shape', { kind: 'circle', r: 1 })).toStrictEqual({ ok: true, value: { kind: 'circle', r: 1 } });
    expect(await validate('Shape', { kind: 'circle' })).toStrictEqual({ ok: false, errors: [{ path: '/r', keyword: 'required', message: 'required property "r" is missing' }] });
    expect(await validate('Shape', { kind: 'hexagon' })).toStrictEqual({ ok: false, errors: [
      { path: '/kind', keyword: 'discriminator', message: 'expected one of "circle" | "square" (selects the variant), got "hexagon"' },
    ] });
    expect(await validate('Shape', {})).toStrictEqual({ ok: false, errors: [
      { path: '/kind', keyword: 'discriminator', message: 'expected one of "circle" | "square" (selects the variant), it is missing' },
    ] });
    expect(await validate('Shape', 42)).toStrictEqual({ ok: false, errors: [{ path: '', keyword: 'type', message: 'expected object, got 42' }] });
  });

  it('enforces anyOf, oneOf (exactly one) and allOf', async () => {
    expect(await validate('Either', 'ab')).toStrictEqual({ ok: false, errors: [{ path: '', keyword: 'anyOf', message: 'expected string | integer, got "ab"' }] });
    expect((await validate('Either', 7)) as { ok: boolean }).toMatchObject({ ok: true });
    expect(await validate('Exactly', 2)).toStrictEqual({ ok: false, errors: [{ path: '', keyword: 'oneOf', message: 'expected exactly one of number | integer to match, but 2 do' }] });
    expect(await validate('Both', { a: 'x' })).toStrictEqual({ ok: false, errors: [{ path: '/b', keyword: 'required', message: 'required property "b" is missing' }] });
    expect(await validate('Also', { b: 1 })).toStrictEqual({ ok: false, errors: [{ path: '/a', keyword: 'required', message: 'required property "a" is missing' }] });
    expect((await validate('Also', { a: 'x' })) as { ok: boolean }).toMatchObject({ ok: false });
    expect((await validate('Also', { a: 'x', c: 1 })) as { ok: boolean }).toMatchObject({ ok: true });
  });
});

describe('strictEnums', () => {
  const value = { id: ID, status: 'call_forwarded' };
  it('rejects unknown enum strings by default and accepts them with strictEnums: false', () => {
    expect(thing.isThing!(value)).toBe(false);
    expect(thing.isThing!(value, { strictEnums: true })).toBe(false);
    expect(thing.isThing!(value, { strictEnums: false })).toBe(true);
    expect(thing.validateThing!(value, { strictEnums: false })).toStrictEqual({ ok: true, value });
    // Only strings: a number is still wrong.
    expect(thing.isThing!({ id: ID, status: 3 }, { strictEnums: false })).toBe(false);
  });
});

describe('assert', () => {
  it('returns for a valid value and throws a ValidationError listing every issue otherwise', () => {
    expect(thing.assertThing!({ id: ID })).toBeUndefined();
    let thrown: unknown;
    try {
      thing.assertThing!({ name: 5, extra: 1 });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).name).toBe('ValidationError');
    expect((thrown as { issues: unknown }).issues).toStrictEqual([
      { path: '/id', keyword: 'required', message: 'required property "id" is missing' },
      { path: '/name', keyword: 'type', message: 'expected string, got 5' },
      { path: '/extra', keyword: 'additionalProperties', message: 'property "extra" is not allowed here' },
    ]);
    expect((thrown as Error).message).toContain('Thing is not valid:\n  /id: required property "id" is missing');
    expect(() => thing.assertThing!({ id: ID, status: 'standby' })).toThrow('/status: expected one of "completed" | "call_hangup", got "standby"');
    expect(thing.assertThing!({ id: ID, status: 'standby' }, { strictEnums: false })).toBeUndefined();
  });
});

describe('a recursive schema with an open enum', () => {
  it('passes strictEnums down every level and reports where the unknown value is', async () => {
    const chain = await spec.load('Chain');
    const value = { status: 'on', next: { next: { status: 'standby' } } };
    expect(chain.isChain!(value)).toBe(false);
    expect(chain.isChain!(value, { strictEnums: false })).toBe(true);
    expect(chain.validateChain!(value)).toStrictEqual({ ok: false, errors: [
      { path: '/next/next/status', keyword: 'enum', message: 'expected one of "on" | "off", got "standby"' },
    ] });
    expect(chain.validateChain!(value, { strictEnums: false })).toStrictEqual({ ok: true, value });
    // Not a string: wrong with strictEnums off too.
    expect(chain.validateChain!({ next: { status: 1 } }, { strictEnums: false })).toStrictEqual({ ok: false, errors: [
      { path: '/next/status', keyword: 'enum', message: 'expected one of "on" | "off", got 1' },
    ] });
  });

  it('still stops a cycle at the depth limit', async () => {
    const chain = await spec.load('Chain');
    const cyclic: Record<string, unknown> = { status: 'off' };
    cyclic.next = cyclic;
    expect(chain.isChain!(cyclic, { strictEnums: false })).toBe(false);
    const result = chain.validateChain!(cyclic, { strictEnums: false }) as { ok: false; errors: Array<{ keyword: string }> };
    expect(result.errors.map((e) => e.keyword)).toStrictEqual(['maxDepth']);
  });
});

describe('hostile input', () => {
  it('treats an own __proto__ key as an extra property and pollutes nothing', () => {
    const value = JSON.parse(`{"id":"${ID}","__proto__":{"polluted":true}}`);
    expect(thing.validateThing!(value)).toStrictEqual({ ok: false, errors: [{ path: '/__proto__', keyword: 'additionalProperties', message: 'property "__proto__" is not allowed here' }] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads spec properties named like Object.prototype members only when they are own', async () => {
    const proto = await spec.load('Proto');
    expect(proto.isProto!({})).toBe(false);
    expect(proto.validateProto!({})).toStrictEqual({ ok: false, errors: [{ path: '/constructor', keyword: 'required', message: 'required property "constructor" is missing' }] });
    expect(proto.isProto!({ constructor: 'x' })).toBe(true);
    expect(proto.isProto!(JSON.parse('{"constructor":"x","__proto__":1}'))).toBe(true);
    expect(proto.validateProto!(JSON.parse('{"constructor":"x","__proto__":"no"}'))).toStrictEqual({ ok: false, errors: [
      { path: '/__proto__', keyword: 'type', message: 'expected integer, got "no"' },
    ] });
  });

  it('stops deep and cyclic values on a recursive schema with an issue', async () => {
    const tree = await spec.load('Tree');
    const cyclic: { children: unknown[] } = { children: [] };
    cyclic.children.push(cyclic);
    expect(tree.isTree!(cyclic)).toBe(false);
    const result = tree.validateTree!(cyclic) as { ok: false; errors: Array<{ keyword: string; path: string }> };
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.keyword).toBe('maxDepth');
    expect(result.errors[0]!.path.startsWith('/children/0/children/0')).toBe(true);
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { children: [deep] };
    expect(tree.isTree!(deep)).toBe(false);
    let ok: unknown = {};
    for (let i = 0; i < 200; i++) ok = { children: [ok] };
    expect(tree.isTree!(ok)).toBe(true);
  });

  it('quotes only a short preview of a huge string', async () => {
    const result = (await validate('Either', 'x'.repeat(0) + 'ab')) as { ok: false; errors: Array<{ message: string }> };
    expect(result.errors[0]!.message.length).toBeLessThan(100);
    const huge = thing.validateThing!({ id: ID, status: 'y'.repeat(10_000_000) }) as { ok: false; errors: Array<{ message: string }> };
    expect(huge.errors[0]!.message.length).toBeLessThan(120);
  });
});

describe('emitted modules', () => {
  const text = (name: string) => spec.files.find((f) => f.path === `src/guards/${name}.ts`)!.content;

  it('import only the guards they reference (tree-shakable)', () => {
    const guardImports = (name: string) => text(name).split('\n').filter((l) => l.startsWith('import') && l.includes("from './"));
    expect(guardImports('Shape')).toStrictEqual([
      "import { checkCircle, isCircle } from './Circle.js';",
      "import { checkSquare, isSquare } from './Square.js';",
    ]);
    expect(guardImports('Thing')).toStrictEqual([]);
    expect(guardImports('Tree')).toStrictEqual([]);
  });

  it('compile patterns once at module level with the u flag, and never use eval', () => {
    expect(text('Thing')).toContain(`const NAME_PATTERN = new RegExp('^[a-z]+$', 'u');`);
    for (const f of spec.files) expect(f.content).not.toMatch(/\beval\(|new Function/);
  });

  it('warn about formats they cannot enforce', () => {
    expect(spec.diagnostics.filter((d) => d.code === 'format-unenforced')).toStrictEqual([
      { code: 'format-unenforced', severity: 'warning', pointer: '#/components/schemas/Odd', message: 'format "hostname" on a string is not checked by the guards' },
    ]);
  });
});

describe('keywords beside a composition, and keywords with no type', () => {
  const composed = inlineGuards({
    // optimade (APIs.guru): uniqueItems beside an anyOf of an array and null.
    Unique: { anyOf: [{ type: 'array', items: { type: 'string' } }, { type: 'null' }], uniqueItems: true },
    Text: { type: 'string' },
    // peertube (APIs.guru): maxLength beside an allOf whose part is a string.
    Short: { allOf: [{ $ref: '#/components/schemas/Text' }], maxLength: 3 },
    Untyped: { maxLength: 3 },
    Mixed: { anyOf: [{ type: 'string' }, {}], maxLength: 3 },
  });
  const is = async (name: string, value: unknown) => (await composed.load(name))[`is${name}`]!(value);

  it('take the type the parts give, and hold', async () => {
    expect(await Promise.all([['a', 'b'], ['a', 'a'], null, 'ab'].map((v) => is('Unique', v)))).toStrictEqual([true, false, true, false]);
    expect(await Promise.all(['abc', 'abcd', 7].map((v) => is('Short', v)))).toStrictEqual([true, false, false]);
  });

  it('with no type to go by, read any value and say so', async () => {
    const warned = composed.diagnostics.filter((d) => d.code === 'keywords-without-type');
    expect(warned.map((d) => [d.severity, d.pointer, d.message])).toStrictEqual([
      ['warning', '#/components/schemas/Untyped', 'maxLength with no type to apply to: read as any value, not checked'],
      ['warning', '#/components/schemas/Mixed', 'maxLength with no type to apply to: read as any value, not checked'],
    ]);
    expect(await is('Untyped', 'abcd')).toBe(true);
  });
});
