/**
 * Schemas with a `type` (or none at all): string, number and integer with their bounds, boolean,
 * null, array and object. 3.1 type arrays with several types become a union of single types.
 */
import { joinPointer } from '../core/diagnostics.js';
import { isObject, type Json } from '../core/json.js';
import { CONSTRAINTS, docsOf, report, type SchemaContext, toSchemaNode } from './schema.js';
import type { Docs, SchemaNode } from './types.js';

export function typedNode(schema: Json, pointer: string, ctx: SchemaContext): SchemaNode {
  const types = typeList(schema);
  const nonNull = types.filter((t) => t !== 'null');
  const nullable = types.includes('null') || schema.nullable === true;
  const docs = docsOf(schema);
  if (nonNull.length === 0) {
    if (types.includes('null')) return { kind: 'null', pointer, nullable: true, docs };
    // No `type`: infer from the keywords present, as JSON Schema applies them.
    const inferred =
      'properties' in schema || 'additionalProperties' in schema
        ? 'object'
        : 'items' in schema
          ? 'array'
          : undefined;
    if (!inferred) {
      // `{maxLength: 5}` applies to strings only and lets every other value through; the model
      // has no node for "a string this long, or anything but a string", so it reads any value.
      const unchecked = CONSTRAINTS.filter((k) => k in schema);
      if (unchecked.length > 0)
        report(
          ctx,
          'keywords-without-type',
          `${unchecked.join(', ')} with no type to apply to: read as any value, not checked`,
          pointer,
          'warning',
        );
      return { kind: 'unknown', pointer, nullable: true, docs };
    }
    return singleType(inferred, schema, pointer, ctx, nullable, docs);
  }
  if (nonNull.length === 1) return singleType(nonNull[0]!, schema, pointer, ctx, nullable, docs);
  const variants = nonNull.map((t) => singleType(t, schema, pointer, ctx, false, {}));
  return { kind: 'union', mode: 'anyOf', pointer, nullable, docs, variants };
}

function singleType(
  type: string,
  schema: Json,
  pointer: string,
  ctx: SchemaContext,
  nullable: boolean,
  docs: Docs,
): SchemaNode {
  const base = { pointer, nullable, docs };
  const num = (k: string) => (typeof schema[k] === 'number' ? { [k]: schema[k] as number } : {});
  switch (type) {
    case 'string':
      return {
        kind: 'string',
        ...base,
        ...str(schema, 'format'),
        // A file field of something sent (multipart uploads): the client takes bytes, not text.
        ...(schema.format === 'binary' && ctx.receiving !== true ? { upload: true } : {}),
        ...num('minLength'),
        ...num('maxLength'),
        ...str(schema, 'pattern'),
      };
    case 'number':
    case 'integer':
      return {
        kind: type,
        ...base,
        ...str(schema, 'format'),
        ...inclusiveBounds(schema),
        ...num('multipleOf'),
        ...exclusiveBounds(schema),
      };
    case 'boolean':
      return { kind: 'boolean', ...base };
    case 'array':
      return {
        kind: 'array',
        ...base,
        ...num('minItems'),
        ...num('maxItems'),
        ...(schema.uniqueItems === true ? { uniqueItems: true } : {}),
        items:
          'items' in schema
            ? toSchemaNode(schema.items, joinPointer(pointer, 'items'), ctx)
            : { kind: 'unknown', pointer, nullable: true, docs: {} },
      };
    case 'object':
      return objectNode(schema, base, ctx);
    default:
      report(ctx, 'type-unknown', `unknown type ${JSON.stringify(type)}`, joinPointer(pointer, 'type'));
      return { kind: 'unknown', ...base };
  }
}

function objectNode(
  schema: Json,
  base: { pointer: string; nullable: boolean; docs: Docs },
  ctx: SchemaContext,
): SchemaNode {
  const required = new Set(
    Array.isArray(schema.required) ? schema.required.filter((r) => typeof r === 'string') : [],
  );
  const props = isObject(schema.properties) ? schema.properties : {};
  const properties = Object.entries(props).map(([name, s]) => {
    const at = joinPointer(base.pointer, 'properties', name);
    const node = toSchemaNode(s, at, ctx);
    const isRequired = required.has(name) || ctx.alwaysPresent?.has(at) === true;
    const receivedNull = ctx.receiving === true && !isRequired && !node.nullable;
    return { name, required: isRequired, receivedNull, schema: node, pointer: at };
  });
  // JSON Schema requires such a property to be present, whatever its value: a `oneOf` variant
  // often names one that the object around it declares (Telnyx's `required: [Url]`), and the
  // intersection with that object then gives it its type.
  const requiredPointer = joinPointer(base.pointer, 'required');
  for (const name of required) {
    if (Object.hasOwn(props, name)) continue;
    report(
      ctx,
      'required-undeclared',
      `required property ${name} is not declared in properties; read as required, with any value`,
      requiredPointer,
      'warning',
    );
    const schema: SchemaNode = { kind: 'unknown', pointer: requiredPointer, nullable: true, docs: {} };
    properties.push({ name, required: true, receivedNull: false, schema, pointer: requiredPointer });
  }
  const ap = schema.additionalProperties;
  const additionalProperties =
    ap === undefined || ap === true
      ? true
      : ap === false
        ? false
        : toSchemaNode(ap, joinPointer(base.pointer, 'additionalProperties'), ctx);
  const num = (k: string) => (typeof schema[k] === 'number' ? { [k]: schema[k] as number } : {});
  return {
    kind: 'object',
    ...base,
    properties,
    additionalProperties,
    ...num('minProperties'),
    ...num('maxProperties'),
  };
}

/**
 * 3.0's `exclusiveMinimum: true` turns `minimum` into an exclusive bound: it is no longer
 * inclusive. A 3.1 document that still writes the boolean is read the same way (the lint step
 * warns, `exclusive-bound-boolean`).
 */
function inclusiveBounds(schema: Json) {
  const out: { minimum?: number; maximum?: number } = {};
  for (const [bound, ex] of [
    ['minimum', 'exclusiveMinimum'],
    ['maximum', 'exclusiveMaximum'],
  ] as const) {
    const turnedExclusive = schema[ex] === true;
    if (typeof schema[bound] === 'number' && !turnedExclusive) out[bound] = schema[bound] as number;
  }
  return out;
}

/**
 * 3.1 has numeric exclusive bounds; 3.0 has booleans that make `minimum`/`maximum` exclusive,
 * read in either dialect.
 */
function exclusiveBounds(schema: Json) {
  const out: { exclusiveMinimum?: number; exclusiveMaximum?: number } = {};
  for (const [ex, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    const v = schema[ex];
    if (typeof v === 'number') out[ex] = v;
    else if (v === true && typeof schema[bound] === 'number') out[ex] = schema[bound] as number;
  }
  return out;
}

export function typeList(schema: Json): string[] {
  if (typeof schema.type === 'string') return [schema.type];
  return Array.isArray(schema.type) ? schema.type.filter((t): t is string => typeof t === 'string') : [];
}

const str = (schema: Json, k: string) => (typeof schema[k] === 'string' ? { [k]: schema[k] as string } : {});
