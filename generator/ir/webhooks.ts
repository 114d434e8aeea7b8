/**
 * Webhook events from the spec's top-level `webhooks:` section (OpenAPI 3.1) and from the
 * `callbacks` of its operations (how OpenAPI 3.0 specs carry the same events). Each event's body
 * schema is a wrapper `{ data: <Event> }` whose `data.event_type` has a single enum value: that
 * value names the event and discriminates the union of all events.
 */
import { joinPointer } from '../core/diagnostics.js';
import type { BuildContext } from './build.js';
import { docsOf } from './schema.js';
import type { WebhookEvent } from './types.js';
import { isObject, type Json, valueAt } from '../core/json.js';

export function findWebhooks(doc: Json, ctx: BuildContext): WebhookEvent[] {
  const webhooks = isObject(doc.webhooks) ? doc.webhooks : {};
  const events: WebhookEvent[] = [];
  for (const [name, rawItem] of Object.entries(webhooks)) {
    const pointer = joinPointer('#/webhooks', name);
    const op = isObject(rawItem) ? ctx.resolve(rawItem.post) : undefined;
    const event = isObject(op) ? readEvent(name, op, pointer, ctx) : undefined;
    if (event) events.push(event);
    else {
      ctx.diagnostics.push({
        code: 'webhook-unrecognized',
        severity: 'error',
        pointer,
        message: `webhook ${name} must be a POST whose JSON body is a $ref to a schema with data.event_type as a single-value enum`,
      });
    }
  }
  return [...events, ...callbackEvents(doc, new Set(events.map((e) => e.name)), ctx)];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * Each named callback of each operation, read like a webhook: its expression's POST delivers the
 * event. Telnyx repeats a callback on every operation that triggers it, so the first use of a name
 * counts (a `webhooks:` entry of that name wins over all). A callback of another shape is skipped
 * with a warning: it is documentation of the operation, not a promise of an event type.
 */
function callbackEvents(doc: Json, known: Set<string>, ctx: BuildContext): WebhookEvent[] {
  const events: WebhookEvent[] = [];
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
        const event = callbackEvent(name, ctx.resolve(rawCallback), at, ctx);
        known.add(name);
        if (event) events.push(event);
        else
          ctx.diagnostics.push({
            code: 'callback-unrecognized',
            severity: 'warning',
            pointer: at,
            message: `callback ${name} is not read as a webhook event: it needs one POST whose JSON body is a $ref to a schema with data.event_type as a single-value enum`,
          });
      }
    }
  }
  return events;
}

function callbackEvent(
  name: string,
  callback: unknown,
  at: string,
  ctx: BuildContext,
): WebhookEvent | undefined {
  const expressions = isObject(callback) ? Object.entries(callback) : [];
  if (expressions.length !== 1) return undefined;
  const [expression, rawItem] = expressions[0]!;
  const item = ctx.resolve(rawItem);
  const op = isObject(item) ? ctx.resolve(item.post) : undefined;
  return isObject(op) ? readEvent(name, op, joinPointer(at, expression, 'post'), ctx) : undefined;
}

function readEvent(name: string, op: Json, pointer: string, ctx: BuildContext): WebhookEvent | undefined {
  const body = ctx.resolve(op.requestBody);
  const content = isObject(body) && isObject(body.content) ? body.content['application/json'] : undefined;
  const wrapperRef = isObject(content) && isObject(content.schema) ? content.schema.$ref : undefined;
  const schemaName = typeof wrapperRef === 'string' ? ctx.schemaNameOfRef(wrapperRef) : undefined;
  const wrapper = schemaName ? ctx.resolve({ $ref: wrapperRef }) : undefined;
  const dataRef =
    isObject(wrapper) && isObject(wrapper.properties) && isObject(wrapper.properties.data)
      ? wrapper.properties.data.$ref
      : undefined;
  const dataSchemaName = typeof dataRef === 'string' ? ctx.schemaNameOfRef(dataRef) : undefined;
  const data = dataSchemaName ? ctx.resolve({ $ref: dataRef }) : undefined;
  const eventTypeSchema =
    isObject(data) && isObject(data.properties) ? data.properties.event_type : undefined;
  const values = isObject(eventTypeSchema) && Array.isArray(eventTypeSchema.enum) ? eventTypeSchema.enum : [];
  const eventType = values.length === 1 && typeof values[0] === 'string' ? values[0] : undefined;
  if (!schemaName || !dataSchemaName || !eventType) return undefined;
  const docs = docsOf(op);
  if (typeof op.summary === 'string') docs.summary = op.summary;
  if (isObject(data) && typeof data.title === 'string') docs.title = data.title;
  return { name, eventType, schemaName, dataSchemaName, docs, pointer };
}

/**
 * The properties Telnyx always sends though the spec marks them optional (naming config
 * `webhooks.alwaysPresent`, paths relative to each event's wrapper schema, e.g. `data.event_type`),
 * as the JSON pointers the model builds them at. The model makes them required, which is what
 * lets `event_type` narrow the event union. Read from the document before any schema is built,
 * so the model is complete when built.
 */
export function alwaysPresentPointers(events: WebhookEvent[], paths: string[], ctx: BuildContext): Set<string> {
  const pointers = new Set<string>();
  for (const event of events) {
    for (const path of paths) {
      let at = joinPointer('#/components/schemas', event.schemaName);
      const tokens = path.split('.');
      for (const [i, token] of tokens.entries()) {
        at = followRefs(at, ctx);
        const schema = valueAt(ctx.doc, at);
        if (!isObject(schema) || !isObject(schema.properties) || !Object.hasOwn(schema.properties, token)) {
          ctx.diagnostics.push({
            code: 'always-present-missing',
            severity: 'error',
            pointer: event.pointer,
            message: `webhook ${event.name} has no property ${tokens.slice(0, i + 1).join('.')} (from naming config webhooks.alwaysPresent)`,
          });
          break;
        }
        at = joinPointer(at, 'properties', token);
        pointers.add(at);
      }
    }
  }
  return pointers;
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

