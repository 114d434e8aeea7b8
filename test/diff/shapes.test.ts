/**
 * Exact expectations for the shapes issue #16 found spec:diff (or the generator under it) getting
 * wrong on Telnyx's history: a discriminator over enums, exported names that disappear, an enum
 * re-spread over a union, a field removed from an open schema.
 */
import { describe, expect, it } from 'vitest';
import { diffModels } from '../../generator/diff/diff.ts';
import { buildModel } from '../../generator/ir/build.ts';
import type { UnionNode } from '../../generator/ir/types.ts';
import { generateFromText, tempDir, typecheck, writeFiles } from '../helpers/generate.ts';
import {
  baseSpec,
  EVENT,
  type Json,
  model,
  OP,
  payload,
  ref,
  schemas,
  summary,
  naming,
} from '../fixtures/diff/inline-spec.ts';
import { stringify } from 'yaml';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';

const req = (s: Json) => schemas(s).Req;

/** `Req.lang`: Google-style and Telnyx-style language enums under Telnyx's engine discriminator. */
function withLanguages(s: Json, lang: Json): Json {
  schemas(s).LangA = { type: 'string', enum: ['en-US', 'de-DE'] };
  schemas(s).LangB = { type: 'string', enum: ['en', 'de'] };
  req(s).properties.lang = lang;
  return s;
}
const engines = {
  propertyName: 'engine',
  mapping: { A: '#/components/schemas/LangA', B: '#/components/schemas/LangB' },
};
const discriminated = () => ({ oneOf: [ref('LangA'), ref('LangB')], discriminator: engines });

describe('a discriminator over enums is ignored, with a warning', () => {
  const direct = withLanguages(baseSpec(), discriminated());
  // The same shape one step down: an `anyOf` whose variant is the discriminated `oneOf`.
  const nested = withLanguages(baseSpec(), { anyOf: [ref('Langs'), { type: 'string', enum: ['fr'] }] });
  schemas(nested).Langs = discriminated();

  it('the model has a plain union there, and says why at the discriminator', () => {
    for (const [spec, schema, at] of [
      [direct, 'Req', '#/components/schemas/Req/properties/lang/discriminator'],
      [nested, 'Langs', '#/components/schemas/Langs/discriminator'],
    ] as const) {
      const built = buildModel({ document: spec, naming: naming, specFile: 'x.yaml', specHash: '' });
      expect(built.diagnostics).toEqual([
        {
          code: 'discriminator-ignored',
          severity: 'warning',
          pointer: at,
          message:
            'discriminator engine ignored: variant 0 is not an object, so it cannot carry the property',
        },
      ]);
      const node = built.model.schemas.find((s) => s.name === schema)!.schema;
      const union = (
        node.kind === 'object' ? node.properties.find((p) => p.name === 'lang')!.schema : node
      ) as UnionNode;
      expect(union.kind).toBe('union');
      expect(union.discriminator).toBeUndefined();
    }
  });

  it('a discriminator over objects is kept', () => {
    const built = buildModel({ document: baseSpec(), naming: naming, specFile: 'x.yaml', specHash: '' });
    const settings = built.model.schemas.find((s) => s.name === 'Req')!.schema;
    expect(settings.kind === 'object' && settings.properties[3]!.schema).toMatchObject({
      kind: 'union',
      discriminator: { propertyName: 'type' },
    });
  });

  it('the package compiles a plain language string, and the warning has its line', async () => {
    const result = await generateFromText(stringify(nested), 'langs.yaml', stringify(naming));
    const warning = result.diagnostics.find((d) => d.code === 'discriminator-ignored');
    expect(warning).toMatchObject({
      file: 'langs.yaml',
      line: expect.any(Number),
      column: expect.any(Number),
    });
    expect(result.files).not.toEqual([]);
    const dir = tempDir('enum-union');
    writeFiles(dir, result.files);
    writeFileSync(
      join(dir, 'src/use.ts'),
      [
        "import type { Req } from './index.js';",
        "export const google: Req = { name: 'n', lang: 'en-US' };",
        "export const telnyx: Req = { name: 'n', lang: 'de' };",
        "export const other: Req = { name: 'n', lang: 'fr' };",
        '// @ts-expect-error not one of the languages',
        "export const wrong: Req = { name: 'n', lang: 'xx' };",
      ].join('\n'),
    );
    const check = typecheck(dir);
    expect(check.output).toBe('');
    expect(check.code).toBe(0);
  });

  it('spec:diff: an enum that becomes such a union gains values, nothing breaks', () => {
    const before = withLanguages(baseSpec(), ref('LangA'));
    const changes = diffModels(model(before), model(withLanguages(baseSpec(), discriminated())));
    expect(changes.map(summary)).toEqual([
      { kind: 'enum-value-added', class: 'compatible', side: 'request', subject: OP, path: 'lang' },
      { kind: 'enum-value-added', class: 'compatible', side: 'request', subject: OP, path: 'lang' },
    ]);
    expect(changes.map((c) => c.after)).toEqual(['en', 'de']);
  });
});

describe('exported type names', () => {
  it('a renamed schema is a removed export (breaking); where it was used, a compatible rename', () => {
    const after = baseSpec();
    schemas(after).Bee = schemas(after).B;
    delete schemas(after).B;
    req(after).properties.settings.oneOf[1] = ref('Bee');
    req(after).properties.settings.discriminator.mapping.b = '#/components/schemas/Bee';
    payload(after).properties.kind = structuredClone(req(after).properties.settings);
    const changes = diffModels(model(baseSpec()), model(after));
    expect(changes.map(summary)).toEqual([
      { kind: 'type-renamed', class: 'compatible', side: 'request', subject: OP, path: 'settings[Bee]' },
      {
        kind: 'type-renamed',
        class: 'compatible',
        side: 'webhook',
        subject: EVENT,
        path: 'data.payload.kind[Bee]',
      },
      { kind: 'type-removed', class: 'breaking', side: 'export', subject: 'B', path: '' },
    ]);
    expect(changes[2]).toEqual({
      kind: 'type-removed',
      class: 'breaking',
      subject: { type: 'type', name: 'B' },
      side: 'export',
      path: '',
      pointer: '#/components/schemas/B',
      before: 'B',
      message: 'exported type `B` removed, with its guards; where it was used, the type is now `Bee`',
    });
  });

  it('an unused schema that goes is reported too: someone may import it', () => {
    const after = baseSpec();
    delete schemas(after).C;
    expect(diffModels(model(baseSpec()), model(after)).map(summary)).toEqual([
      { kind: 'type-removed', class: 'breaking', side: 'export', subject: 'C', path: '' },
    ]);
  });
});

describe('an enum re-spread over a union', () => {
  const split = () => ({
    anyOf: [
      { type: 'string', enum: ['a'] },
      { type: 'string', enum: ['b'] },
    ],
  });

  it('with the same values, either way, is one compatible note', () => {
    const after = baseSpec();
    req(after).properties.mode = split();
    for (const [from, to, message] of [
      [baseSpec(), after, 'one enum became a union of 2 enums with the same 2 values'],
      [after, baseSpec(), 'a union of 2 enums became one enum with the same 2 values'],
    ] as const) {
      const changes = diffModels(model(from), model(to));
      expect(changes.map(summary)).toEqual([
        { kind: 'type-changed', class: 'compatible', side: 'request', subject: OP, path: 'mode' },
      ]);
      expect(changes[0]!.message).toBe(message);
    }
  });

  it('with more values: sent, compatible; received, narrowing; fewer: breaking both ways', () => {
    const wider = baseSpec();
    req(wider).properties.mode = { anyOf: [{ enum: ['a', 'c'] }, { enum: ['b'] }] };
    payload(wider).properties.state = { anyOf: [{ enum: ['x'] }, { enum: ['y', 'z'] }] };
    expect(
      diffModels(model(baseSpec()), model(wider)).map((c) => [c.kind, c.class, c.path, c.after]),
    ).toEqual([
      ['enum-value-added', 'compatible', 'mode', 'c'],
      ['enum-value-added', 'narrowing', 'data.payload.state', 'z'],
    ]);
    expect(
      diffModels(model(wider), model(baseSpec())).map((c) => [c.kind, c.class, c.path, c.before]),
    ).toEqual([
      ['enum-value-removed', 'breaking', 'mode', 'c'],
      ['enum-value-removed', 'breaking', 'data.payload.state', 'z'],
    ]);
  });
});

describe('a field removed from a schema that stays open', () => {
  it('is compatible for what we send and breaking for what we read', () => {
    const after = baseSpec();
    delete req(after).properties.count;
    delete payload(after).properties.note;
    const changes = diffModels(model(baseSpec()), model(after));
    expect(changes.map(summary)).toEqual([
      { kind: 'field-removed', class: 'compatible', side: 'request', subject: OP, path: 'count' },
      {
        kind: 'field-removed',
        class: 'breaking',
        side: 'webhook',
        subject: EVENT,
        path: 'data.payload.note',
      },
    ]);
    expect(changes.map((c) => [c.pointer, c.message])).toEqual([
      ['#/components/schemas/Req/properties/count', 'field `count` removed (other fields are still allowed)'],
      [
        '#/components/schemas/Thing/properties/payload/properties/note',
        'field `note` removed (other fields are still allowed)',
      ],
    ]);
  });
});

describe('query parameters', () => {
  const withQuery = (params: Json[]) => {
    const s = baseSpec();
    s.paths['/things/{id}/do'].post.parameters.push(...params);
    return s;
  };
  const q = (name: string, required = false, schema: Json = { type: 'string' }) => ({ name, in: 'query', required, schema });

  it('a new required query parameter is breaking, a new optional one compatible, a removed one reported', () => {
    const before = model(withQuery([q('a')]));
    const after = model(withQuery([q('a'), q('b', true), q('c')]));
    const changes = diffModels(before, after).map((c) => [c.kind, c.path, c.class]);
    expect(changes).toEqual(
      expect.arrayContaining([
        ['field-added', 'b', 'breaking'],
        ['field-added', 'c', 'compatible'],
      ]),
    );
    const removed = diffModels(after, before).map((c) => [c.kind, c.path]);
    expect(removed).toEqual(expect.arrayContaining([expect.arrayContaining(['b']), expect.arrayContaining(['c'])]));
  });

  it('a query parameter narrowed to fewer values is breaking for callers', () => {
    const before = model(withQuery([q('mode', false, { type: 'string', enum: ['x', 'y'] })]));
    const after = model(withQuery([q('mode', false, { type: 'string', enum: ['x'] })]));
    expect(diffModels(before, after).map((c) => [c.kind, c.path, c.class])).toEqual([['enum-value-removed', 'mode', 'breaking']]);
  });

  it('an operation that gains its first parameter reports it', () => {
    const changes = diffModels(model(baseSpec()), model(withQuery([q('page', true, { type: 'integer' })])));
    expect(changes.map((c) => [c.kind, c.path, c.class])).toEqual([['field-added', 'page', 'breaking']]);
  });
});
