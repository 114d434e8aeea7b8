/**
 * diffModels on a small inline spec, data we receive (responses, webhooks), where the class of
 * enum, union and optionality changes flips; and layout-only changes, which must report nothing.
 */
import { describe, expect, it } from 'vitest';
import { diffModels } from '../../generator/diff/diff.ts';
import {
  addVariantC,
  baseSpec,
  diffAfter,
  EVENT,
  json,
  type Json,
  model,
  OP,
  payload,
  ref,
  removeVariantB,
  schemas,
  summary,
  type Summary,
} from '../fixtures/diff/inline-spec.ts';

const status = (s: Json) => schemas(s).Res.properties.data.properties.status;
const field = (s: Json, name: string) => payload(s).properties[name];
const atEvent = (path: string) => ({ side: 'webhook', subject: EVENT, path }) as const;

describe('diffModels: response and webhook side (data we receive)', () => {
  const cases: Array<[string, (s: Json) => void, Summary]> = [
    [
      'response enum value added',
      (s) => status(s).enum.push('failed'),
      { kind: 'enum-value-added', class: 'narrowing', side: 'response', subject: OP, path: 'data.status' },
    ],
    [
      'response enum value removed',
      (s) => status(s).enum.pop(),
      { kind: 'enum-value-removed', class: 'breaking', side: 'response', subject: OP, path: 'data.status' },
    ],
    [
      'webhook enum value added',
      (s) => field(s, 'state').enum.push('z'),
      { kind: 'enum-value-added', class: 'narrowing', ...atEvent('data.payload.state') },
    ],
    [
      'webhook variant added',
      (s) => addVariantC(field(s, 'kind')),
      { kind: 'variant-added', class: 'narrowing', ...atEvent('data.payload.kind') },
    ],
    [
      'webhook variant removed',
      (s) => removeVariantB(field(s, 'kind')),
      { kind: 'variant-removed', class: 'breaking', ...atEvent('data.payload.kind') },
    ],
    [
      'webhook field removed',
      (s) => delete payload(s).properties.note,
      { kind: 'field-removed', class: 'breaking', ...atEvent('data.payload.note') },
    ],
    [
      'webhook field added',
      (s) => (payload(s).properties.extra = { type: 'string' }),
      { kind: 'field-added', class: 'compatible', ...atEvent('data.payload.extra') },
    ],
    [
      'webhook field became optional',
      (s) => (payload(s).required = []),
      { kind: 'field-optional', class: 'breaking', ...atEvent('data.payload.reason') },
    ],
    [
      'webhook field became required',
      (s) => payload(s).required.push('note'),
      { kind: 'field-required', class: 'compatible', ...atEvent('data.payload.note') },
    ],
    [
      'webhook field became nullable',
      (s) => (field(s, 'note').type = ['string', 'null']),
      { kind: 'nullable-added', class: 'breaking', ...atEvent('data.payload.note') },
    ],
    [
      'webhook field narrowed to an enum',
      (s) => (field(s, 'note').enum = ['n']),
      { kind: 'type-changed', class: 'compatible', ...atEvent('data.payload.note') },
    ],
  ];
  it.each(cases)('%s', (_name, edit, expected) => {
    expect(diffAfter(edit).map(summary)).toEqual([expected]);
  });
});

describe('diffModels: layout-only changes report nothing', () => {
  it('an inline property moved to a named schema', () => {
    expect(
      diffAfter((s) => {
        schemas(s).Mode = schemas(s).Req.properties.mode;
        schemas(s).Req.properties.mode = ref('Mode');
      }),
    ).toEqual([]);
  });

  it('a response moved to components/responses', () => {
    expect(
      diffAfter((s) => {
        s.components.responses = { Ok: { description: 'ok', ...json(ref('Res')) } };
        s.paths['/things/{id}/do'].post.responses['200'] = { $ref: '#/components/responses/Ok' };
      }),
    ).toEqual([]);
  });

  it('an object split into allOf parts', () => {
    expect(
      diffAfter((s) => {
        const { name, ...rest } = schemas(s).Req.properties;
        schemas(s).Named = { type: 'object', required: ['name'], properties: { name } };
        schemas(s).Req = { allOf: [ref('Named'), { type: 'object', properties: rest }] };
      }),
    ).toEqual([]);
  });

  it('recursive schemas terminate and report a change once', () => {
    const tree = (extra: Json) => (s: Json) => {
      schemas(s).Node = {
        type: 'object',
        properties: { children: { type: 'array', items: ref('Node') }, ...extra },
      };
      schemas(s).Req.properties.tree = ref('Node');
    };
    const before = baseSpec();
    tree({})(before);
    const after = baseSpec();
    tree({ label: { type: 'string' } })(after);
    expect(diffModels(model(before), model(after)).map(summary)).toEqual([
      { kind: 'field-added', class: 'compatible', side: 'request', subject: OP, path: 'tree.label' },
    ]);
  });
});
