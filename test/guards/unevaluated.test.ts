/**
 * `unevaluatedProperties` and composed keywords side by side (an `allOf` beside an `anyOf`), held
 * to ajv's draft 2020-12 reading. For each schema, every combination of a small pool of keys and
 * values (each key absent or given one of its candidates) goes through the generated `is…` and
 * `validate…` and through ajv, and all three must give the same verdict. A few exact issues and
 * the refusals are checked by example.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { inlineGuards } from './inline-guards.ts';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const schemas = {
  // Bump.sh's train-travel example: a payment source is a card or a bank account, nothing else.
  // Neither variant requires `object`, so a value can match both, and then both evaluate.
  Source: {
    unevaluatedProperties: false,
    anyOf: [
      {
        title: 'Card',
        properties: {
          object: { type: 'string', const: 'card' },
          number: { type: 'string' },
          cvc: { type: 'integer' },
        },
        required: ['number', 'cvc'],
      },
      {
        title: 'Bank',
        type: 'object',
        properties: {
          object: { type: 'string', const: 'bank_account' },
          number: { type: 'string' },
          sort_code: { type: 'string' },
        },
        required: ['number', 'sort_code'],
      },
    ],
  },
  // oneOf: only the one variant that matches evaluates; own properties always do.
  OneSource: {
    type: 'object',
    properties: { amount: { type: 'number' } },
    unevaluatedProperties: false,
    oneOf: [
      { properties: { iban: { type: 'string' } }, required: ['iban'] },
      { properties: { card: { type: 'string' } }, required: ['card'] },
    ],
  },
  Base: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
  // Keys through allOf and a $ref count too.
  Extended: { allOf: [ref('Base')], properties: { name: { type: 'string' } }, unevaluatedProperties: false },
  Sibling: {
    $ref: '#/components/schemas/Base',
    properties: { note: { type: 'string' } },
    unevaluatedProperties: false,
  },
  // Own properties only: the same as additionalProperties: false.
  Plain: { type: 'object', properties: { a: { type: 'string' } }, unevaluatedProperties: false },
  // A variant with additionalProperties evaluates every key when it matches.
  Loose: {
    unevaluatedProperties: false,
    properties: { a: { type: 'string' } },
    anyOf: [
      { properties: { b: { type: 'string' } }, required: ['b'] },
      {
        properties: { c: { type: 'string' } },
        required: ['c'],
        additionalProperties: { type: ['string', 'integer'] },
      },
    ],
  },
  Open: { allOf: [ref('Base')], unevaluatedProperties: {} },
  // Not unevaluatedProperties: an allOf beside an anyOf, where both must hold.
  Both: {
    allOf: [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }],
    anyOf: [
      { properties: { b: { type: 'string' } }, required: ['b'] },
      { properties: { c: { type: 'string' } }, required: ['c'] },
    ],
  },
};

/** Candidate values per key; each combination takes each key absent or with one candidate. */
const POOL: Record<string, Record<string, unknown[]>> = {
  Source: {
    object: ['card', 'bank_account'],
    number: ['4242'],
    cvc: [123, 'x'],
    sort_code: ['01'],
    extra: [1],
  },
  OneSource: { amount: [5, 'x'], iban: ['DE'], card: ['4242'], extra: [1] },
  Extended: { id: ['i', 7], name: ['n'], extra: [1] },
  Sibling: { id: ['i'], note: ['n', 2], extra: [1] },
  Plain: { a: ['x', 1], b: ['y'] },
  Loose: { a: ['x'], b: ['y'], c: ['z'], d: ['w', 1, true] },
  Open: { id: ['i'], extra: [1] },
  Both: { a: ['x', 1], b: ['y'], c: ['z'], d: [1] },
};

function combinations(pool: Record<string, unknown[]>): Array<Record<string, unknown>> {
  let values: Array<Record<string, unknown>> = [{}];
  for (const [key, candidates] of Object.entries(pool))
    values = values.flatMap((value) => [value, ...candidates.map((c) => ({ ...value, [key]: c }))]);
  return values;
}

/**
 * ajv over the same schemas, with the one reading the generator adds (as in ajv-oracle.ts): a
 * schema with `properties` and no `type` is an object, so a string does not match the card.
 */
function ajvFor(name: string) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const $defs = JSON.parse(JSON.stringify(schemas).replaceAll('#/components/schemas/', '#/$defs/'), (_, v) =>
    v && typeof v === 'object' && 'properties' in v && !('type' in v) ? { type: 'object', ...v } : v,
  );
  return ajv.compile({ $defs, $ref: `#/$defs/${name}` });
}

const spec = inlineGuards(schemas);

describe('unevaluatedProperties and composed keywords agree with ajv (draft 2020-12)', () => {
  it('generates without diagnostics', () => {
    expect(spec.diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
  });

  it.each(Object.keys(POOL))('%s: every combination of the key pool', async (name) => {
    const guards = await spec.load(name);
    const ajv = ajvFor(name);
    const values: unknown[] = [...combinations(POOL[name]!), null, 'text', 42, []];
    const disagreements = values.flatMap((value) => {
      const expected = ajv(value);
      const is = guards[`is${name}`]!(value);
      const validated = (guards[`validate${name}`]!(value) as { ok: boolean }).ok;
      return is === expected && validated === expected ? [] : [{ value, expected, is, validated }];
    });
    expect(disagreements).toStrictEqual([]);
    // The pool reaches both verdicts, so a guard that always says yes (or no) fails.
    const verdicts = new Set(values.map((value) => ajv(value)));
    expect(verdicts).toStrictEqual(new Set([true, false]));
  });

  it('names the key no matching part declares, at its pointer', async () => {
    const { validateSource } = await spec.load('Source');
    const { validateExtended } = await spec.load('Extended');
    // sort_code is no string, so only the card matches, and the card does not declare it.
    expect(validateSource!({ number: '4242', cvc: 123, sort_code: 5 })).toStrictEqual({
      ok: false,
      errors: [
        {
          path: '/sort_code',
          keyword: 'unevaluatedProperties',
          message: 'property "sort_code" is not allowed here',
        },
      ],
    });
    // Both variants match, so the keys of both are evaluated.
    expect(validateSource!({ number: '4242', cvc: 123, sort_code: '01' })).toMatchObject({ ok: true });
    expect(validateExtended!({ id: 'i', name: 'n', 'a/b': 1 })).toStrictEqual({
      ok: false,
      errors: [
        { path: '/a~1b', keyword: 'unevaluatedProperties', message: 'property "a/b" is not allowed here' },
      ],
    });
  });
});

describe('unevaluatedProperties the generator cannot read', () => {
  it('refuses a schema in its place, and keys that hang on a nested anyOf, at their pointers', () => {
    const refused = inlineGuards({
      Schema: {
        type: 'object',
        properties: { a: { type: 'string' } },
        unevaluatedProperties: { type: 'string' },
      },
      Nested: {
        unevaluatedProperties: false,
        allOf: [
          { anyOf: [{ properties: { a: { type: 'string' } } }, { properties: { b: { type: 'string' } } }] },
        ],
      },
    });
    expect(
      refused.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.pointer, d.message]),
    ).toStrictEqual([
      [
        'keyword-unsupported',
        '#/components/schemas/Schema/unevaluatedProperties',
        'unevaluatedProperties given as a schema is not supported by the generator',
      ],
      [
        'keyword-unsupported',
        '#/components/schemas/Nested/unevaluatedProperties',
        'unevaluatedProperties over an anyOf or oneOf nested in a part or variant is not supported by the generator',
      ],
    ]);
  });
});
