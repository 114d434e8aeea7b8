/**
 * The model of the shapes Telnyx's whole spec has and its voice-media fragment has not: webhooks
 * with several event types or none, and schema names that collide. Exact literals, small specs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readmeView } from '../../generator/emit/package/readme.ts';
import { buildModel } from '../../generator/ir/build.ts';
import type { NamingConfig } from '../../generator/ir/naming-config.ts';
import { RUNTIME_NAMES, TEMPLATE_NAMES } from '../../generator/ir/reserved-names.ts';
import { ROOT } from '../helpers/generate.ts';

const naming: NamingConfig = {
  package: {
    name: 'p',
    version: '0.0.0',
    description: 'd',
    clientClass: 'C',
    apiKeyEnv: 'K',
    publicKeyEnv: 'P',
  },
  operations: {},
  webhooks: { alwaysPresent: ['data', 'data.event_type'] },
};

const post = (schema: unknown) => ({
  post: {
    requestBody: { content: { 'application/json': { schema } } },
    responses: { '200': { description: 'ok' } },
  },
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const enumOf = (...values: string[]) => ({ type: 'string', enum: values });
const withData = (data: unknown) => ({ type: 'object', properties: { data } });

function modelOf(webhooks: Record<string, unknown>, schemas: Record<string, unknown>) {
  const document = {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    webhooks,
    components: { schemas },
  };
  return buildModel({ document, naming, specFile: 't.yaml', specHash: 'x' });
}

describe('webhooks of every shape', () => {
  const { model, diagnostics } = modelOf(
    {
      one: post(ref('OneEvent')),
      several: post(ref('SeveralEvent')),
      'fax.delivered': post(
        withData({ type: 'object', properties: { event_type: enumOf('fax.delivered') } }),
      ),
      topLevel: post(ref('TopLevelEvent')),
      plain: post(withData({ type: 'object', properties: { event_type: { type: 'string' } } })),
      noData: post({ type: 'object', properties: { status: { type: 'string' } } }),
      again: post(ref('OneEvent')),
      noBody: { post: { responses: { '200': { description: 'ok' } } } },
    },
    {
      OneEvent: withData(ref('One')),
      One: { type: 'object', properties: { event_type: enumOf('one.happened') } },
      SeveralEvent: withData({
        allOf: [ref('Base'), { properties: { event_type: enumOf('a.sent', 'a.done') } }],
      }),
      Base: { type: 'object', properties: { id: { type: 'string' } } },
      TopLevelEvent: { type: 'object', properties: { event_type: enumOf('top.level') } },
    },
  );

  it('routes each listed data.event_type value to its body type, and types the rest by their body', () => {
    expect(
      model.webhooks.map((w) => [w.name, w.eventType, w.routes, w.schemaName, w.dataSchemaName]),
    ).toStrictEqual([
      ['one', 'one.happened', ['one.happened'], 'OneEvent', 'One'],
      ['several', 'several', ['a.sent', 'a.done'], 'SeveralEvent', undefined],
      ['fax.delivered', 'fax.delivered', ['fax.delivered'], 'fax.deliveredWebhookBody', undefined],
      ['topLevel', 'topLevel', [], 'TopLevelEvent', undefined],
      ['plain', 'plain', [], 'plainWebhookBody', undefined],
      ['noData', 'noData', [], 'noDataWebhookBody', undefined],
      ['again', 'again', [], 'OneEvent', 'One'],
    ]);
  });

  it('lists a webhook with several event types under all of them in the package README', () => {
    const withCommand = buildModel({
      document: {
        openapi: '3.1.0',
        info: { title: 't', version: '1' },
        paths: {
          '/things': {
            post: { operationId: 'Send', description: 'Sends.\n\n**Expected Webhooks:**\n\n- `a.done`', responses: { '204': { description: 'ok' } } },
          },
        },
        webhooks: { several: post(ref('SeveralEvent')) },
        components: { schemas: { SeveralEvent: withData({ type: 'object', properties: { event_type: enumOf('a.sent', 'a.done') } }) } },
      },
      naming,
      specFile: 't.yaml',
      specHash: 'x',
    }).model;
    const view = readmeView(withCommand);
    expect(view.events).toStrictEqual([
      { eventTypes: '`a.sent`, `a.done`', schemaType: 'SeveralEvent', triggeredBy: '`client.things.create()`' },
    ]);
    expect(view.resources[0]!.methods[0]!.webhooks).toBe('`a.done`');
  });

  it('reads a 3.0 document\'s x-webhooks as its webhooks, and their bodies as received', () => {
    const { model, diagnostics } = buildModel({
      document: {
        openapi: '3.0.3',
        info: { title: 't', version: '1' },
        paths: {},
        'x-webhooks': { 'push-created': post(ref('PushEvent')) },
        components: { schemas: { PushEvent: { type: 'object', properties: { ref: { type: 'string' } } } } },
      },
      naming,
      specFile: 't.yaml',
      specHash: 'x',
    });
    expect(model.webhooks.map((w) => [w.name, w.schemaName, w.routes])).toStrictEqual([['push-created', 'PushEvent', []]]);
    expect(diagnostics.map((d) => d.pointer)).toContain('#/x-webhooks/push-created');
    const push = model.schemas.find((s) => s.name === 'PushEvent')!.schema;
    expect(push.kind === 'object' && push.properties[0]!.receivedNull, 'an optional field Telnyx-style senders may fill with null').toBe(true);
  });

  it('says what it interpreted, once per webhook, and skips only what has no JSON body', () => {
    expect(diagnostics.map((d) => [d.code, d.severity, d.pointer, d.message])).toStrictEqual([
      [
        'webhook-unrecognized',
        'warning',
        '#/webhooks/noBody',
        'webhook noBody is not generated: it needs a POST with a JSON request body',
      ],
      [
        'webhook-interpreted',
        'warning',
        '#/webhooks/several',
        'webhook several has 2 data.event_type values (a.sent, a.done); each is routed to SeveralEvent',
      ],
      [
        'webhook-interpreted',
        'warning',
        '#/webhooks/topLevel',
        'webhook topLevel: its event type (top.level) is at the top of the body, not at data.event_type, where the package routes events; typed by its body schema TopLevelEvent, listed in WebhookBodies, not routed by unwrapWebhook',
      ],
      [
        'webhook-interpreted',
        'warning',
        '#/webhooks/plain',
        'webhook plain: its data.event_type is not a list of values (enum or const), so any string may come; typed by its body schema plainWebhookBody, listed in WebhookBodies, not routed by unwrapWebhook',
      ],
      [
        'webhook-interpreted',
        'warning',
        '#/webhooks/noData',
        'webhook noData: its body has no data property, so no data.event_type; typed by its body schema noDataWebhookBody, listed in WebhookBodies, not routed by unwrapWebhook',
      ],
      [
        'webhook-interpreted',
        'warning',
        '#/webhooks/again',
        'webhook again lists event type one.happened, already routed to webhook one; only one gets it',
      ],
    ]);
  });

  it('makes the always-present fields required in routed events, inline ones too, and leaves the others alone', () => {
    const fax = model.schemas.find((s) => s.name === 'fax.deliveredWebhookBody')!.schema;
    const plain = model.schemas.find((s) => s.name === 'plainWebhookBody')!.schema;
    const required = (node: typeof fax) =>
      node.kind === 'object' ? node.properties.map((p) => [p.name, p.required]) : [];
    expect(required(fax)).toStrictEqual([['data', true]]);
    expect(required(plain)).toStrictEqual([['data', false]]);
  });
});

describe('schema names that become one TypeScript name', () => {
  const { model, diagnostics } = modelOf(
    {},
    {
      CountryCode: { type: 'string' },
      country_code: { type: 'integer' },
      CountryCode2: { type: 'boolean' },
      countryCODE: { type: 'number' },
    },
  );

  it('gives the later one the first free numbered name, deterministically, with a warning', () => {
    expect(model.schemas.map((s) => [s.name, s.typeName])).toStrictEqual(
      [
        ['CountryCode', 'CountryCode'],
        ['country_code', 'CountryCode3'],
        ['CountryCode2', 'CountryCode2'],
        ['countryCODE', 'CountryCODE4'],
      ].sort((a, b) => (a[1]! < b[1]! ? -1 : 1)),
    );
    expect(diagnostics.map((d) => [d.code, d.severity, d.pointer, d.message])).toStrictEqual([
      [
        'name-collision',
        'warning',
        '#/components/schemas/country_code',
        'schema country_code would be the TypeScript name CountryCode, already schema CountryCode; it is generated as CountryCode3',
      ],
      [
        'name-collision',
        'warning',
        '#/components/schemas/countryCODE',
        'schema countryCODE would be the TypeScript name CountryCODE, already schema CountryCode; it is generated as CountryCODE4',
      ],
    ]);
  });
});

describe('names generated code already uses', () => {
  it('are not taken by schemas: globals, runtime names, guard helpers and resource classes', () => {
    const document = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/oauth/grants': { get: { operationId: 'a', responses: { '204': { description: 'ok' } } } },
        '/oauth_grants': { get: { operationId: 'b', responses: { '204': { description: 'ok' } } } },
      },
      components: {
        schemas: Object.fromEntries(
          ['Record', 'NotFoundError', 'Object', 'WebhookEvent', 'OauthGrants', 'C', 'CCore'].map((n) => [
            n,
            { type: 'string' },
          ]),
        ),
      },
    };
    const { model, diagnostics } = buildModel({ document, naming, specFile: 't.yaml', specHash: 'x' });
    expect(model.schemas.map((s) => [s.name, s.typeName])).toStrictEqual([
      ['C', 'C2'],
      ['CCore', 'CCore2'],
      ['NotFoundError', 'NotFoundError2'],
      ['OauthGrants', 'OauthGrants3'],
      ['Object', 'Object2'],
      ['Record', 'Record2'],
      ['WebhookEvent', 'WebhookEvent2'],
    ]);
    expect(model.operations.map((o) => o.resource).sort()).toStrictEqual(['oauth.grants', 'oauthGrants2']);
    expect(diagnostics.filter((d) => d.code === 'name-collision').map((d) => d.message)).toContain(
      'resources oauth.grants and oauthGrants would both be the class OauthGrants; oauthGrants is generated as oauthGrants2',
    );
  });

  it('are listed in full: every capitalized export of runtime/ and every name the webhooks template declares', () => {
    const exported = (text: string) =>
      [
        ...text.matchAll(
          /^export (?:declare )?(?:abstract )?(?:class|interface|type|function|const|let|enum) ([A-Za-z_$][\w$]*)/gm,
        ),
      ].map((m) => m[1]!);
    const runtime = readdirSync(join(ROOT, 'runtime'))
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => exported(readFileSync(join(ROOT, 'runtime', f), 'utf8')));
    const wanted = runtime.flatMap((name) => {
      const helper = /^(?:is|validate|assert|check|match)([A-Z]\w*)$/.exec(name);
      return helper ? [helper[1]!] : /^[A-Z]/.test(name) ? [name] : [];
    });
    expect(wanted.filter((n) => !RUNTIME_NAMES.includes(n))).toStrictEqual([]);
    const template = exported(readFileSync(join(ROOT, 'templates/webhooks.ts.hbs'), 'utf8')).filter((n) =>
      /^[A-Z]/.test(n),
    );
    expect(template.filter((n) => !TEMPLATE_NAMES.includes(n))).toStrictEqual([]);
  });
});
