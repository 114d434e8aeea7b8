/**
 * diffModels(old, new): the API changes a user of the generated package sees. Operations are
 * matched by the method users call (`calls.actions.speak`), webhooks by event type; each side of
 * each operation is walked from its root schema, so a change is reported where the client meets it;
 * last, the exported type names that are gone (exports.ts).
 */
import { symbolsOf } from '../ir/symbols.js';
import type { Model, NamedSchema, Operation, SchemaNode, WebhookEvent } from '../ir/types.js';
import { type DiffContext, report } from './context.js';
import { diffExports } from './exports.js';
import { diffNodes } from './nodes.js';
import type { ApiChange, ChangeSide } from './types.js';

interface Pair {
  oldSchemas: ReadonlyMap<string, NamedSchema>;
  newSchemas: ReadonlyMap<string, NamedSchema>;
  out: ApiChange[];
}

export function diffModels(oldModel: Model, newModel: Model): ApiChange[] {
  const pair: Pair = { oldSchemas: byName(oldModel), newSchemas: byName(newModel), out: [] };
  diffOperations(pair, oldModel.operations, newModel.operations);
  diffWebhooks(pair, oldModel.webhooks, newModel.webhooks);
  return [...pair.out, ...diffExports(oldModel, newModel, pair.out)];
}

const byName = (model: Model) => symbolsOf(model).schemas;
const opName = (op: Operation) => `${op.resource}.${op.methodName}`;

function context(pair: Pair, subject: ApiChange['subject'], side: ChangeSide): DiffContext {
  const ctx: DiffContext = {
    ...pair,
    subject,
    side,
    visited: new Set(),
    recurse: (a, b, path) => diffNodes(ctx, a, b, path),
  };
  return ctx;
}

/** A root schema as a use of its name, so the walk treats it like any other `$ref`. */
function rootNode(schemas: ReadonlyMap<string, NamedSchema>, name: string): SchemaNode {
  return {
    kind: 'ref',
    schemaName: name,
    pointer: schemas.get(name)?.pointer ?? '#',
    nullable: false,
    docs: {},
  };
}

function diffOperations(pair: Pair, before: Operation[], after: Operation[]): void {
  const oldByName = new Map(before.map((op) => [opName(op), op]));
  const newNames = new Set(after.map(opName));
  for (const b of after) {
    const a = oldByName.get(opName(b));
    const subject = { type: 'operation', name: opName(b) } as const;
    const endpoint = `${b.httpMethod.toUpperCase()} ${b.path}`;
    if (a) diffOperation(pair, a, b);
    else
      report(
        context(pair, subject, 'operation'),
        'operation-added',
        { path: '', pointer: b.pointer },
        `operation added (${endpoint})`,
      );
  }
  for (const a of before) {
    if (newNames.has(opName(a))) continue;
    const ctx = context(pair, { type: 'operation', name: opName(a) }, 'operation');
    report(
      ctx,
      'operation-removed',
      { path: '', pointer: '#/paths', oldPointer: a.pointer },
      `operation removed (${a.httpMethod.toUpperCase()} ${a.path})`,
    );
  }
}

function diffOperation(pair: Pair, a: Operation, b: Operation): void {
  const subject = { type: 'operation', name: opName(b) } as const;
  if (a.httpMethod !== b.httpMethod || a.path !== b.path) {
    const [from, to] = [a, b].map((op) => `${op.httpMethod.toUpperCase()} ${op.path}`);
    report(
      context(pair, subject, 'operation'),
      'endpoint-changed',
      { path: '', pointer: b.pointer, oldPointer: a.pointer, before: from, after: to },
      `endpoint changed from \`${from}\` to \`${to}\``,
    );
  }
  const request = context(pair, subject, 'request');
  diffPathParams(request, a, b);
  diffParams(request, a, b);
  diffBody(request, a, b);
  diffRoot(
    context(pair, subject, 'response'),
    a.responseSchemaName,
    b.responseSchemaName,
    b.pointer,
    'response',
  );
  diffRoot(
    context(pair, subject, 'error-response'),
    a.errorSchemaName,
    b.errorSchemaName,
    b.pointer,
    'error response',
  );
}

function diffPathParams(ctx: DiffContext, a: Operation, b: Operation): void {
  const before = new Map(a.pathParams.map((p) => [p.name, p]));
  const afterNames = new Set(b.pathParams.map((p) => p.name));
  for (const pb of b.pathParams) {
    const pa = before.get(pb.name);
    const path = `{${pb.name}}`;
    if (pa) ctx.recurse(pa.schema, pb.schema, path);
    else
      report(
        ctx,
        'path-param-added',
        { path, pointer: pb.schema.pointer },
        `path parameter \`${pb.name}\` added`,
      );
  }
  for (const pa of a.pathParams) {
    if (!afterNames.has(pa.name))
      report(
        ctx,
        'path-param-removed',
        { path: `{${pa.name}}`, pointer: b.pointer, oldPointer: pa.schema.pointer },
        `path parameter \`${pa.name}\` removed`,
      );
  }
}

function diffBody(ctx: DiffContext, a: Operation, b: Operation): void {
  if (a.body && b.body) {
    if (a.body.required !== b.body.required) {
      report(
        ctx,
        b.body.required ? 'body-required' : 'body-optional',
        { path: '', pointer: b.pointer },
        `request body became ${b.body.required ? 'required' : 'optional'}`,
      );
    }
    if (a.body.schemaName && b.body.schemaName)
      ctx.recurse(rootNode(ctx.oldSchemas, a.body.schemaName), rootNode(ctx.newSchemas, b.body.schemaName), '');
  } else if (b.body) {
    // The caller must now pass something when the body is required or has required fields.
    const required = b.body.required || b.body.hasRequiredFields;
    report(
      ctx,
      'body-added',
      { path: '', pointer: b.pointer, detail: { required } },
      `${required ? 'required' : 'optional'} request body added`,
    );
  } else if (a.body) {
    report(
      ctx,
      'body-removed',
      { path: '', pointer: b.pointer, oldPointer: a.pointer },
      'request body removed',
    );
  }
}

/**
 * Query, header and cookie parameters: their params objects compared like a body, so a new
 * required parameter is breaking and a new optional one compatible. An operation without any
 * reads as an empty open object.
 */
function diffParams(ctx: DiffContext, a: Operation, b: Operation): void {
  if (!a.paramsSchemaName && !b.paramsSchemaName) return;
  const none = (pointer: string): SchemaNode => ({ kind: 'object', properties: [], additionalProperties: true, pointer, nullable: false, docs: {} });
  const before = a.paramsSchemaName ? rootNode(ctx.oldSchemas, a.paramsSchemaName) : none(a.pointer);
  const after = b.paramsSchemaName ? rootNode(ctx.newSchemas, b.paramsSchemaName) : none(b.pointer);
  ctx.recurse(before, after, '');
}

function diffRoot(
  ctx: DiffContext,
  before: string | undefined,
  after: string | undefined,
  pointer: string,
  what: string,
): void {
  if (before && after) ctx.recurse(rootNode(ctx.oldSchemas, before), rootNode(ctx.newSchemas, after), '');
  else if (after) report(ctx, 'response-added', { path: '', pointer }, `${what} body added`);
  else if (before) report(ctx, 'response-removed', { path: '', pointer }, `${what} body removed`);
}

function diffWebhooks(pair: Pair, before: WebhookEvent[], after: WebhookEvent[]): void {
  const oldByType = new Map(before.map((w) => [w.eventType, w]));
  const newTypes = new Set(after.map((w) => w.eventType));
  for (const b of after) {
    const a = oldByType.get(b.eventType);
    const ctx = context(pair, { type: 'webhook', name: b.eventType }, 'webhook');
    if (a) ctx.recurse(rootNode(pair.oldSchemas, a.schemaName), rootNode(pair.newSchemas, b.schemaName), '');
    else
      report(ctx, 'webhook-added', { path: '', pointer: b.pointer }, `webhook event added (\`${b.name}\`)`);
  }
  for (const a of before) {
    if (newTypes.has(a.eventType)) continue;
    const ctx = context(pair, { type: 'webhook', name: a.eventType }, 'webhook');
    report(
      ctx,
      'webhook-removed',
      { path: '', pointer: '#/webhooks', oldPointer: a.pointer },
      `webhook event removed (\`${a.name}\`)`,
    );
  }
}
