/**
 * SchemaNode → TypeScript type text. Shared by the schema types and by any emitter that needs
 * to name a type, so a schema reads the same everywhere.
 */
import type { Symbols } from '../../ir/symbols.js';
import type { ObjectNode, Property, SchemaNode, UnionNode } from '../../ir/types.js';
import { jsonLiteral, propertyKey } from '../escape.js';
import { docLines } from '../docs.js';

export interface TypeContext {
  symbols: Symbols;
}

export function typeExpression(node: SchemaNode, ctx: TypeContext): string {
  const base = baseType(node, ctx);
  return node.nullable && node.kind !== 'null' && node.kind !== 'unknown' ? orNull(base) : base;
}

/** A property's value type: `T | null` where Telnyx sends `null` for a received optional field. */
export function propertyType(p: Property, ctx: TypeContext): string {
  const type = typeExpression(p.schema, ctx);
  return p.receivedNull ? orNull(type) : type;
}

function orNull(type: string): string {
  return /\bnull$/.test(type) ? type : `${group(type)} | null`;
}

function baseType(node: SchemaNode, ctx: TypeContext): string {
  switch (node.kind) {
    case 'ref':
      return ctx.symbols.schema(node.schemaName).type;
    case 'string':
      return node.upload ? 'Uploadable' : 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'unknown':
      return 'unknown';
    case 'enum':
      return node.values.map(jsonLiteral).join(' | ') || 'never';
    case 'array':
      return `Array<${typeExpression(node.items, ctx)}>`;
    case 'object':
      return objectLiteralType(node, ctx);
    case 'union':
      return unionType(node, ctx);
    case 'allOf':
      return node.parts.map((p) => group(typeExpression(p, ctx))).join(' & ') || 'unknown';
  }
}

/** Inline object types keep their property docs, so nested payload fields are documented too. */
export function objectLiteralType(node: ObjectNode, ctx: TypeContext): string {
  const members = node.properties.map((p) => {
    const doc = docLines(p.schema);
    const comment = doc.length ? `/**\n${doc.map((l) => ` * ${l}`).join('\n')}\n */\n` : '';
    return `${comment}${propertyKey(p.name)}${p.required ? '' : '?'}: ${propertyType(p, ctx)};`;
  });
  const index = indexSignature(node, ctx);
  if (index) members.push(index);
  return members.length
    ? `{\n${members.join('\n')}\n}`
    : node.additionalProperties === false
      ? 'Record<string, never>'
      : 'Record<string, unknown>';
}

export function indexSignature(node: ObjectNode, ctx: TypeContext): string | undefined {
  if (typeof node.additionalProperties !== 'object') return undefined;
  // An index signature must accept every declared property's type too.
  const value = node.properties.length ? 'unknown' : typeExpression(node.additionalProperties, ctx);
  return `[key: string]: ${value};`;
}

/**
 * A discriminated `oneOf` becomes a union whose members each carry their literal discriminant;
 * a variant that does not declare it as a single-value enum gets it added by intersection.
 */
function unionType(node: UnionNode, ctx: TypeContext): string {
  if (!node.discriminator)
    return node.variants.map((v) => group(typeExpression(v, ctx))).join(' | ') || 'never';
  const { propertyName, mapping } = node.discriminator;
  return mapping
    .map(({ value, schemaName }) => {
      const { type: typeName, schema } = ctx.symbols.schema(schemaName);
      return declaresLiteral(schema.schema, propertyName, value)
        ? typeName
        : `(${typeName} & { ${propertyKey(propertyName)}: ${jsonLiteral(value)} })`;
    })
    .join(' | ');
}

function declaresLiteral(schema: SchemaNode | undefined, property: string, value: string): boolean {
  if (schema?.kind !== 'object') return false;
  const prop = schema.properties.find((p) => p.name === property);
  return (
    !!prop?.required &&
    prop.schema.kind === 'enum' &&
    prop.schema.values.length === 1 &&
    prop.schema.values[0] === value
  );
}

/** Parenthesizes a union or intersection so it can sit inside another one. */
function group(type: string): string {
  return hasTopLevelOperator(type) ? `(${type})` : type;
}

/**
 * True when `|` or `&` joins the type at its outermost level: not inside braces, brackets,
 * parentheses or angle brackets, a string literal or a comment. `{ a: 1 } | { b: 2 }` has one;
 * `{ a: 1 | 2 }` and `(A | B)[]` do not.
 */
function hasTopLevelOperator(type: string): boolean {
  let depth = 0;
  for (let i = 0; i < type.length; i++) {
    const c = type[i]!;
    if (c === "'" || c === '"') i = endOfString(type, i);
    else if (c === '/' && (type[i + 1] === '*' || type[i + 1] === '/')) i = endOfComment(type, i);
    else if ('{[(<'.includes(c)) depth++;
    else if ('}])>'.includes(c) && type[i - 1] !== '=') depth--;
    else if ((c === '|' || c === '&') && depth === 0) return true;
  }
  return false;
}

/** The index of the last character of the comment opening at `start`. */
function endOfComment(type: string, start: number): number {
  const block = type[start + 1] === '*';
  const end = block ? type.indexOf('*/', start + 2) : type.indexOf('\n', start);
  return end < 0 ? type.length : block ? end + 1 : end;
}

/** The index of the quote that closes the string literal opening at `start`. */
function endOfString(type: string, start: number): number {
  for (let i = start + 1; i < type.length; i++) {
    if (type[i] === '\\') i++;
    else if (type[i] === type[start]) return i;
  }
  return type.length;
}
