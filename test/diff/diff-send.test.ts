/**
 * diffModels on a small inline spec, data we send: one change at a time with its kind and class;
 * plus operations and webhook events coming and going.
 */
import { describe, expect, it } from 'vitest';
import { diffModels } from '../../generator/diff/diff.ts';
import {
  addPathParam,
  addVariantC,
  baseSpec,
  diffAfter,
  EVENT,
  type Json,
  model,
  OP,
  removeVariantB,
  schemas,
  summary,
  type Summary,
} from '../fixtures/diff/inline-spec.ts';

const req = (s: Json) => schemas(s).Req;
const prop = (s: Json, name: string) => req(s).properties[name];

describe('diffModels: request side (data we send)', () => {
  const cases: Array<[string, (s: Json) => void, Omit<Summary, 'side' | 'subject'>]> = [
    [
      // The schema stays open: a value that still carries `mode` is accepted by the server.
      'field removed from an open schema',
      (s) => delete req(s).properties.mode,
      { kind: 'field-removed', class: 'compatible', path: 'mode' },
    ],
    [
      'optional field added',
      (s) => (req(s).properties.extra = { type: 'string' }),
      { kind: 'field-added', class: 'compatible', path: 'extra' },
    ],
    [
      'required field added',
      (s) => {
        req(s).properties.extra = { type: 'string' };
        req(s).required.push('extra');
      },
      { kind: 'field-added', class: 'breaking', path: 'extra' },
    ],
    [
      'field became required',
      (s) => req(s).required.push('mode'),
      { kind: 'field-required', class: 'breaking', path: 'mode' },
    ],
    [
      'field became optional',
      (s) => (req(s).required = []),
      { kind: 'field-optional', class: 'compatible', path: 'name' },
    ],
    [
      'enum value added',
      (s) => prop(s, 'mode').enum.push('c'),
      { kind: 'enum-value-added', class: 'compatible', path: 'mode' },
    ],
    [
      'enum value removed',
      (s) => prop(s, 'mode').enum.pop(),
      { kind: 'enum-value-removed', class: 'breaking', path: 'mode' },
    ],
    [
      'variant added',
      (s) => addVariantC(prop(s, 'settings')),
      { kind: 'variant-added', class: 'compatible', path: 'settings' },
    ],
    [
      'variant removed',
      (s) => removeVariantB(prop(s, 'settings')),
      { kind: 'variant-removed', class: 'breaking', path: 'settings' },
    ],
    [
      'type changed',
      (s) => (prop(s, 'name').type = 'integer'),
      { kind: 'type-changed', class: 'breaking', path: 'name' },
    ],
    [
      'integer widened to number',
      (s) => (prop(s, 'count').type = 'number'),
      { kind: 'type-changed', class: 'compatible', path: 'count' },
    ],
    [
      'enum widened to string',
      (s) => delete prop(s, 'mode').enum,
      { kind: 'type-changed', class: 'compatible', path: 'mode' },
    ],
    [
      'default changed',
      (s) => (prop(s, 'count').default = 2),
      { kind: 'default-changed', class: 'compatible', path: 'count' },
    ],
    [
      'maximum lowered',
      (s) => (prop(s, 'count').maximum = 5),
      { kind: 'constraint-tightened', class: 'breaking', path: 'count' },
    ],
    [
      'maximum raised',
      (s) => (prop(s, 'count').maximum = 20),
      { kind: 'constraint-loosened', class: 'compatible', path: 'count' },
    ],
    [
      'became nullable',
      (s) => (prop(s, 'name').type = ['string', 'null']),
      { kind: 'nullable-added', class: 'compatible', path: 'name' },
    ],
    [
      'description changed',
      (s) => (prop(s, 'name').description = 'Whom.'),
      { kind: 'docs-changed', class: 'compatible', path: 'name' },
    ],
  ];
  it.each(cases)('%s', (_name, edit, expected) => {
    expect(diffAfter(edit).map(summary)).toEqual([{ side: 'request', subject: OP, ...expected }]);
  });

  it('a field removed from a closed schema is breaking: the server rejects a value that still has it', () => {
    const closed = baseSpec();
    req(closed).additionalProperties = false;
    const after = structuredClone(closed);
    delete req(after).properties.mode;
    expect(diffModels(model(closed), model(after)).map(summary)).toEqual([
      { kind: 'field-removed', class: 'breaking', side: 'request', subject: OP, path: 'mode' },
    ]);
  });

  it('a shared schema is reported at every place the client meets it', () => {
    expect(diffAfter((s) => delete schemas(s).B.properties.x).map(summary)).toEqual([
      { kind: 'field-removed', class: 'compatible', side: 'request', subject: OP, path: 'settings[B].x' },
      {
        kind: 'field-removed',
        class: 'breaking',
        side: 'webhook',
        subject: EVENT,
        path: 'data.payload.kind[B].x',
      },
    ]);
  });

  it('a path parameter added is breaking (a new positional argument)', () => {
    expect(diffAfter(addPathParam).map(summary)).toEqual([
      { kind: 'endpoint-changed', class: 'compatible', side: 'operation', subject: OP, path: '' },
      { kind: 'path-param-added', class: 'breaking', side: 'request', subject: OP, path: '{other}' },
    ]);
  });

  it('reports the new-side pointer, and for a removal where it was in the old spec', () => {
    const [added] = diffAfter((s) => addVariantC(prop(s, 'settings')));
    expect(added).toMatchObject({
      pointer: '#/components/schemas/Req/properties/settings/oneOf/2',
      after: 'c',
      message: 'variant `c` (`C`) added',
    });
    const [removed] = diffAfter((s) => delete req(s).properties.mode);
    expect(removed).toMatchObject({ pointer: '#/components/schemas/Req/properties/mode' });
    expect(removed).not.toHaveProperty('oldPointer');
    const [variant] = diffAfter((s) => removeVariantB(prop(s, 'settings')));
    expect(variant).toMatchObject({
      kind: 'variant-removed',
      pointer: '#/components/schemas/Req/properties/settings/oneOf/1',
      message: 'variant `b` (`B`) removed',
    });
  });
});

describe('diffModels: operations and webhook events', () => {
  it('an operation removed is breaking, added is compatible', () => {
    const removed = diffAfter((s) => delete s.paths['/things/{id}/do']);
    expect(removed.map(summary)).toEqual([
      { kind: 'operation-removed', class: 'breaking', side: 'operation', subject: OP, path: '' },
    ]);
    const added = diffModels(model({ ...baseSpec(), paths: {} }), model(baseSpec()));
    expect(added.map(summary)).toEqual([
      { kind: 'operation-added', class: 'compatible', side: 'operation', subject: OP, path: '' },
    ]);
  });

  it('a webhook event removed is breaking, added is narrowing (an exhaustive switch over event types stops compiling)', () => {
    const removed = diffAfter((s) => delete s.webhooks.thingHappened);
    expect(removed.map(summary)).toEqual([
      { kind: 'webhook-removed', class: 'breaking', side: 'webhook', subject: EVENT, path: '' },
    ]);
    const added = diffModels(model({ ...baseSpec(), webhooks: {} }), model(baseSpec()));
    expect(added.map(summary)).toEqual([
      { kind: 'webhook-added', class: 'narrowing', side: 'webhook', subject: EVENT, path: '' },
    ]);
  });
});
