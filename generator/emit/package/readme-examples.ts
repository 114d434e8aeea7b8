/**
 * Example calls for the package's README, in code: path arguments and the params object filled
 * with the spec's own example values, placeholders (`'<name>'`) of the right type where a required
 * value has none, and a file where a field takes one.
 */
import type { Symbols } from '../../ir/symbols.js';
import type { ObjectNode, Operation, SchemaNode } from '../../ir/types.js';
import { jsonLiteral, propertyKey, stringLiteral } from '../escape.js';
import { pathArgExample } from './path-args.js';

/** What a file field holds in examples; examples that use it import `openAsBlob`. */
export const FILE_EXPRESSION = "await openAsBlob('path/to/file')";
/** How deep examples follow nested schemas: enough for filters such as `created_at.gte`. */
const MAX_DEPTH = 4;

/** `client.x.y(pathArgs, params, options)` with the spec's example values. */
export function callCode(op: Operation, symbols: Symbols, options?: string): string {
  const args = pathArgs(op, symbols);
  const params = paramsExample(op, symbols);
  if (params) args.push(params);
  if (options) args.push(...(params || !takesParams(op) ? [] : ['undefined']), options);
  return `client.${op.resource}.${op.methodName}(${args.join(', ')})`;
}

function pathArgs(op: Operation, symbols: Symbols): string[] {
  return op.pathParams.map((p) => pathArgExample(p, symbols));
}

function takesParams(op: Operation): boolean {
  return op.params.length > 0 || op.body !== undefined;
}

/** The JSON body sent as an example of choosing the content type. */
export function contentTypeCall(op: Operation, symbols: Symbols): string {
  const json = op.body?.variants.find((v) => v.kind === 'json') ?? op.body?.variants[0];
  const schema = json?.schemaName ? symbols.schema(json.schemaName).schema.schema : undefined;
  const example = (schema && exampleOf(schema, symbols, 0)) ?? (json?.whole ? 'null' : '{}');
  const params = json?.whole ? `{ body: ${example} }` : example;
  const args = [...pathArgs(op, symbols), params];
  return `client.${op.resource}.${op.methodName}(${args.join(', ')}, { contentType: ${stringLiteral(json?.contentType ?? '')} })`;
}

/**
 * The params object: required query/header/cookie values and body fields (or one optional one),
 * from the body variant that carries a file when there is one, so uploads show a file.
 */
export function paramsExample(op: Operation, symbols: Symbols, queryOnly = false): string | undefined {
  const variants = op.body?.variants ?? [];
  const variant = variants.find((v) => v.kind === 'multipart') ?? variants[0];
  const body = variant?.schemaName ? symbols.schema(variant.schemaName).schema.schema : undefined;
  const fields: string[] = [];
  const required = op.params.filter((p) => p.required);
  for (const p of required.length ? required : op.params) {
    const value = exampleOf(p.schema, symbols, 0);
    if (value !== undefined) fields.push(`${propertyKey(p.name)}: ${value}`);
    if (!required.length && fields.length) break;
  }
  if (queryOnly) return fields.length ? `{ ${fields.join(', ')} }` : undefined;
  // The body's own example first, as a whole: its fields show what a typical call sends.
  const whole = body?.docs.example;
  const bodyValue = variant?.whole && body ? exampleOf(body, symbols, 0) : undefined;
  const bodyFields =
    bodyValue !== undefined
      ? [`body: ${bodyValue}`]
      : body?.kind === 'object'
        ? objectFields(body, symbols, 0, isRecord(whole) ? whole : {})
        : [];
  fields.push(...bodyFields);
  return fields.length ? `{ ${fields.join(', ')} }` : undefined;
}

/** Code for an example value of `node`: the spec's example, else one built from its parts. */
function exampleOf(node: SchemaNode, symbols: Symbols, depth: number): string | undefined {
  // A file field's example is text such as "string($binary)"; a file is what it takes.
  if (isFile(node)) return FILE_EXPRESSION;
  if (node.docs.example !== undefined) return jsonLiteral(node.docs.example);
  if (depth > MAX_DEPTH) return undefined;
  switch (node.kind) {
    case 'ref':
      return exampleOf(symbols.schema(node.schemaName).schema.schema, symbols, depth + 1);
    case 'enum':
      return node.values.length ? jsonLiteral(node.values[0]) : undefined;
    case 'object': {
      const fields = objectFields(node, symbols, depth + 1);
      return fields.length ? `{ ${fields.join(', ')} }` : undefined;
    }
    default:
      return undefined;
  }
}

/** The required fields with values (placeholders where the spec has none), or one optional field. */
function objectFields(
  node: ObjectNode,
  symbols: Symbols,
  depth: number,
  whole: Record<string, unknown> = {},
): string[] {
  const valueOf = (p: ObjectNode['properties'][number]) =>
    Object.hasOwn(whole, p.name) && !isFile(p.schema) ? jsonLiteral(whole[p.name]) : exampleOf(p.schema, symbols, depth);
  const required = node.properties.filter((p) => p.required);
  if (required.length)
    return required.map(
      (p) => `${propertyKey(p.name)}: ${valueOf(p) ?? placeholder(p.name, p.schema, symbols)}`,
    );
  const inWhole = node.properties.filter((p) => Object.hasOwn(whole, p.name));
  for (const p of [...inWhole, ...node.properties]) {
    const value = valueOf(p);
    if (value !== undefined) return [`${propertyKey(p.name)}: ${value}`];
  }
  return [];
}

/** A value of the right type for a required field the spec gives no example for. */
function placeholder(name: string, node: SchemaNode, symbols: Symbols): string {
  if (node.kind === 'number' || node.kind === 'integer') return String(node.minimum ?? 1);
  if (node.kind === 'boolean') return 'true';
  if (node.kind === 'array')
    return `[${exampleOf(node.items, symbols, MAX_DEPTH) ?? placeholder(name, node.items, symbols)}]`;
  if (node.kind === 'ref') return placeholder(name, symbols.schema(node.schemaName).schema.schema, symbols);
  return stringLiteral(`<${name}>`);
}

function isFile(node: SchemaNode): boolean {
  return node.kind === 'string' && node.upload === true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
