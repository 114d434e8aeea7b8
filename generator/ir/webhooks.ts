/**
 * Webhook events from the spec's top-level `webhooks:` section (OpenAPI 3.1; `x-webhooks:` in 3.0
 * documents) and from the `callbacks` of its operations. Each is typed by
 * its JSON body's schema. The generated package routes a verified body by `data.event_type`, so a
 * webhook whose body lists those values (one, as in most of Telnyx's events, or several) is routed
 * to its type for each; one whose body does not is still typed, listed apart, and warned about.
 */
import type { Diagnostic } from '../core/diagnostics.js';
import { joinPointer } from '../core/diagnostics.js';
import { isObject, type Json, valueAt } from '../core/json.js';
import type { BuildContext } from './build.js';
import { nameSchema } from './operation-parts.js';
import { docsOf } from './schema.js';
import type { Docs, WebhookEvent } from './types.js';
import { readWebhookBody, type WebhookBody } from './webhook-body.js';

/** A webhook as read from the document, before its body has a name in the model. */
export interface WebhookSource {
  name: string;
  pointer: string;
  body: WebhookBody;
  docs: Docs;
}

/**
 * The document's map of webhooks and where it is: `webhooks` (OpenAPI 3.1), or `x-webhooks`, where
 * 3.0 documents such as GitHub's keep the same map (a common extension, as Redocly reads it).
 */
export function webhookMap(doc: Json): { key: string; map: Json } {
  if (isObject(doc.webhooks)) return { key: 'webhooks', map: doc.webhooks };
  if (isObject(doc['x-webhooks'])) return { key: 'x-webhooks', map: doc['x-webhooks'] };
  return { key: 'webhooks', map: {} };
}

export function findWebhooks(doc: Json, ctx: BuildContext): WebhookSource[] {
  const { key, map: webhooks } = webhookMap(doc);
  const sources: WebhookSource[] = [];
  for (const [name, rawItem] of Object.entries(webhooks)) {
    // An extension beside the webhooks (`x-sdk-exclude: true`); the lint step has said so.
    if (name.startsWith('x-') && !isObject(rawItem)) continue;
    const pointer = joinPointer(`#/${key}`, name);
    const item = ctx.resolve(rawItem);
    const source = isObject(item) ? readSource(name, item, pointer, pointer, ctx) : undefined;
    if (source) sources.push(source);
    else ctx.diagnostics.push(notGenerated('webhook-unrecognized', `webhook ${name}`, pointer));
  }
  return [...sources, ...callbackSources(doc, new Set(sources.map((s) => s.name)), ctx)];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * Each named callback of each operation, read like a webhook: its expression's POST delivers the
 * event. Telnyx repeats a callback on every operation that triggers it, so the first use of a name
 * counts (a `webhooks:` entry of that name wins over all). A callback of another shape is skipped
 * with a warning: it is documentation of the operation, not a promise of an event type.
 */
function callbackSources(doc: Json, known: Set<string>, ctx: BuildContext): WebhookSource[] {
  const sources: WebhookSource[] = [];
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = ctx.resolve(rawItem);
    for (const method of METHODS) {
      const op = isObject(item) ? item[method] : undefined;
      const callbacks = isObject(op) ? ctx.resolve(op.callbacks) : undefined;
      if (!isObject(callbacks)) continue;
      for (const [name, rawCallback] of Object.entries(callbacks)) {
        if (known.has(name)) continue;
        const at = joinPointer('#/paths', path, method, 'callbacks', name);
        const source = callbackSource(name, ctx.resolve(rawCallback), at, ctx);
        known.add(name);
        if (source) sources.push(source);
        else ctx.diagnostics.push(notGenerated('callback-unrecognized', `callback ${name}`, at));
      }
    }
  }
  return sources;
}

function callbackSource(
  name: string,
  callback: unknown,
  at: string,
  ctx: BuildContext,
): WebhookSource | undefined {
  const expressions = isObject(callback) ? Object.entries(callback) : [];
  if (expressions.length !== 1) return undefined;
  const [expression, rawItem] = expressions[0]!;
  const item = ctx.resolve(rawItem);
  const itemPointer = joinPointer(at, expression);
  return isObject(item)
    ? readSource(name, item, itemPointer, joinPointer(itemPointer, 'post'), ctx)
    : undefined;
}

/** `pointer` is where diagnostics and the model say the event is. */
function readSource(
  name: string,
  item: Json,
  itemPointer: string,
  pointer: string,
  ctx: BuildContext,
): WebhookSource | undefined {
  const { value: op, pointer: opPointer } = ctx.resolveAt(item.post, joinPointer(itemPointer, 'post'));
  if (!isObject(op)) return undefined;
  const body = readWebhookBody(op, opPointer, ctx);
  if (!body) return undefined;
  const docs = docsOf(op);
  if (typeof op.summary === 'string') docs.summary = op.summary;
  const data = body.dataSchemaName
    ? ctx.resolve({ $ref: joinPointer('#/components/schemas', body.dataSchemaName) })
    : undefined;
  if (isObject(data) && typeof data.title === 'string') docs.title = data.title;
  return { name, pointer, body, docs };
}

function notGenerated(code: string, what: string, pointer: string): Diagnostic {
  return {
    code,
    severity: 'warning',
    pointer,
    message: `${what} is not generated: it needs a POST with a JSON request body`,
  };
}

/**
 * The events of the model, each body named (an inline body is lifted to a name of its own, which
 * is why this runs after `alwaysPresent` is known). An event type two webhooks both list is routed
 * to the first, in spec order.
 */
export function nameWebhooks(sources: WebhookSource[], ctx: BuildContext): WebhookEvent[] {
  const routed = new Map<string, string>();
  return sources.map((source) => {
    const { name, body, pointer, docs } = source;
    const schemaName =
      body.schemaName ?? nameSchema(body.schema, `${name}WebhookBody`, body.pointer, ctx, true);
    const routes = (body.eventTypes ?? []).filter((type) => {
      const first = routed.get(type);
      if (first === undefined) return routed.set(type, name);
      ctx.diagnostics.push(
        warning(
          pointer,
          `webhook ${name} lists event type ${type}, already routed to webhook ${first}; only ${first} gets it`,
        ),
      );
      return false;
    });
    const eventType = routes.length === 1 && body.eventTypes?.length === 1 ? routes[0]! : name;
    if (body.unrouted)
      ctx.diagnostics.push(
        warning(
          pointer,
          `webhook ${name}: ${body.unrouted}; typed by its body schema ${schemaName}, listed in WebhookBodies, not routed by unwrapWebhook`,
        ),
      );
    else if (routes.length > 1)
      ctx.diagnostics.push(
        warning(
          pointer,
          `webhook ${name} has ${routes.length} data.event_type values (${routes.join(', ')}); each is routed to ${schemaName}`,
        ),
      );
    return {
      name,
      eventType,
      routes,
      schemaName,
      dataSchemaName: body.dataSchemaName,
      docs: { ...docs },
      pointer,
    };
  });
}

function warning(pointer: string, message: string): Diagnostic {
  return { code: 'webhook-interpreted', severity: 'warning', pointer, message };
}

/**
 * The properties Telnyx always sends though the spec marks them optional (naming config
 * `webhooks.alwaysPresent`, paths relative to each routed event's body, e.g. `data.event_type`),
 * as the JSON pointers the model builds them at. The model makes them required, which is what
 * lets `event_type` narrow the event union. Read from the document before any schema is built,
 * so the model is complete when built. Events not routed by `data.event_type` are left alone.
 */
export function alwaysPresentPointers(
  sources: WebhookSource[],
  paths: string[],
  ctx: BuildContext,
): Set<string> {
  const pointers = new Set<string>();
  for (const source of sources) {
    if (!source.body.eventTypes) continue;
    for (const path of paths) {
      let at = source.body.pointer;
      const tokens = path.split('.');
      for (const [i, token] of tokens.entries()) {
        const declared = declaredAt(at, token, ctx);
        if (declared === undefined) {
          ctx.diagnostics.push({
            code: 'always-present-missing',
            severity: 'error',
            pointer: source.pointer,
            message: `webhook ${source.name} has no property ${tokens.slice(0, i + 1).join('.')} (from naming config webhooks.alwaysPresent)`,
          });
          break;
        }
        at = declared;
        pointers.add(at);
      }
    }
  }
  return pointers;
}

/**
 * The pointer of property `name` of the schema at `pointer`, following `$ref`s and looking into
 * `allOf` members (the first that declares it), or undefined when none does.
 */
function declaredAt(pointer: string, name: string, ctx: BuildContext): string | undefined {
  const at = followRefs(pointer, ctx);
  const schema = valueAt(ctx.doc, at);
  if (!isObject(schema)) return undefined;
  if (isObject(schema.properties) && Object.hasOwn(schema.properties, name))
    return joinPointer(at, 'properties', name);
  const parts = Array.isArray(schema.allOf) ? schema.allOf : [];
  for (const [i, part] of parts.entries()) {
    // valueAt does not step into arrays, so an inline member is read here and a $ref followed.
    const found =
      isObject(part) && typeof part.$ref === 'string'
        ? declaredAt(part.$ref, name, ctx)
        : isObject(part) && isObject(part.properties) && Object.hasOwn(part.properties, name)
          ? joinPointer(at, 'allOf', String(i), 'properties', name)
          : undefined;
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Where a chain of `$ref`s starting at `pointer` ends (a cycle stops after 20 hops). */
function followRefs(pointer: string, ctx: BuildContext): string {
  let at = pointer;
  for (let hops = 0; hops < 20; hops++) {
    const schema = valueAt(ctx.doc, at);
    if (!isObject(schema) || typeof schema.$ref !== 'string' || !schema.$ref.startsWith('#/')) return at;
    at = schema.$ref;
  }
  return at;
}
