/**
 * What a webhook's body says about the event it carries: which schema types it, and which
 * `data.event_type` values (the field the generated package routes by) it can have. Telnyx writes
 * that field as a one-value enum in most events, as several values in some (`deliveryUpdate`:
 * `message.sent` or `message.finalized`), as any string, at the top of the body, or not at all.
 */
import { joinPointer } from '../core/diagnostics.js';
import { isObject, type Json } from '../core/json.js';
import type { BuildContext } from './build.js';

export interface WebhookBody {
  /** The JSON body's schema as written (a `$ref` or inline) and where it is. */
  schema: unknown;
  pointer: string;
  /** The component the body is a `$ref` to, when it is one. */
  schemaName: string | undefined;
  /** The component `data` is a `$ref` to, when it is one. */
  dataSchemaName: string | undefined;
  /** The `data.event_type` values the schema allows, when they are a list of strings. */
  eventTypes: string[] | undefined;
  /** Why there are none, in words for a warning; undefined when there are. */
  unrouted: string | undefined;
}

/** The JSON request body of a webhook's POST operation, or undefined when it has none. */
export function readWebhookBody(op: Json, opPointer: string, ctx: BuildContext): WebhookBody | undefined {
  const { value: body, pointer: bodyAt } = ctx.resolveAt(op.requestBody, joinPointer(opPointer, 'requestBody'));
  const content = isObject(body) && isObject(body.content) ? body.content : {};
  const mediaType = Object.keys(content).find((t) => /^application\/(.+\+)?json\b/i.test(t));
  const media = mediaType === undefined ? undefined : content[mediaType];
  if (!isObject(media) || media.schema === undefined) return undefined;
  const schema = media.schema;
  const pointer = joinPointer(bodyAt, 'content', mediaType!, 'schema');
  const data = propertyOf(schema, 'data', ctx);
  const top = propertyOf(schema, 'event_type', ctx);
  const eventType = data === undefined ? undefined : propertyOf(data, 'event_type', ctx);
  const eventTypes = stringValues(eventType, ctx);
  return {
    schema,
    pointer,
    schemaName: refName(schema, ctx),
    dataSchemaName: data === undefined ? undefined : refName(data, ctx),
    eventTypes: eventTypes?.length ? eventTypes : undefined,
    unrouted: eventTypes?.length ? undefined : whyUnrouted(data, eventType, stringValues(top, ctx)),
  };
}

function whyUnrouted(data: unknown, eventType: unknown, topLevel: string[] | undefined): string {
  if (topLevel?.length)
    return `its event type (${topLevel.join(', ')}) is at the top of the body, not at data.event_type, where the package routes events`;
  if (data === undefined) return 'its body has no data property, so no data.event_type';
  if (eventType === undefined) return 'its data has no event_type property';
  return 'its data.event_type is not a list of values (enum or const), so any string may come';
}

/** The component a schema is exactly a `$ref` to, or undefined. */
function refName(schema: unknown, ctx: BuildContext): string | undefined {
  return isObject(schema) && typeof schema.$ref === 'string' ? ctx.schemaNameOfRef(schema.$ref) : undefined;
}

/**
 * The schema of a property, looked up through `$ref`s and into `allOf` members (the first
 * that declares it), or undefined when no part of the schema declares it.
 */
function propertyOf(schema: unknown, name: string, ctx: BuildContext, depth = 0): unknown {
  const s = ctx.resolve(schema);
  if (!isObject(s) || depth > 32) return undefined;
  if (isObject(s.properties) && Object.hasOwn(s.properties, name)) return s.properties[name];
  for (const part of Array.isArray(s.allOf) ? s.allOf : []) {
    const found = propertyOf(part, name, ctx, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The string values an `enum` or `const` allows, in spec order; undefined for any other schema. */
function stringValues(schema: unknown, ctx: BuildContext): string[] | undefined {
  const s = ctx.resolve(schema);
  if (!isObject(s)) return undefined;
  const values = Array.isArray(s.enum) ? s.enum : 'const' in s ? [s.const] : undefined;
  if (!values) return undefined;
  const strings = values.filter((v): v is string => typeof v === 'string');
  return strings.filter((v, i) => strings.indexOf(v) === i);
}
