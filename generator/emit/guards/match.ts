/**
 * The yes/no checks behind `is…`: one boolean pass that returns at the first failure and
 * allocates nothing. Leaf checks are inlined; nested objects, arrays and unions get `match…`
 * functions of their own.
 */
import type { ArrayNode, ObjectNode, SchemaNode, UnionNode } from '../../ir/types.js';
import { jsonLiteral, stringLiteral } from '../escape.js';
import {
  constant,
  helper,
  hoistedName,
  localName,
  matchFunction,
  type ModuleContext,
  ownParams,
  passAlong,
  readProperty,
} from './context.js';
import { leafRules, negate } from './leaf.js';

/** Boolean expression: does `x` match `node`? Nested shapes become calls to hoisted functions. */
export function matchExpr(node: SchemaNode, x: string, hint: string, ctx: ModuleContext): string {
  const rules = leafRules(node, { x, path: '', hint }, ctx);
  if (rules) {
    const all = rules.map((r) => r.ok).join(' && ');
    if (all === '') return 'true';
    return node.nullable && node.kind !== 'null' ? `(${x} === null || (${all}))` : all;
  }
  if (node.kind === 'ref') {
    const call = `${matchFunction(ctx, node.schemaName)}(${[x, passAlong(ctx, node.schemaName)].filter(Boolean).join(', ')})`;
    return node.nullable ? `(${x} === null || ${call})` : call;
  }
  const name = hoistedName(ctx, node, hint);
  if (!ctx.functions.match.has(name)) {
    const { declared } = ownParams(ctx);
    ctx.functions.match.set(name, ''); // reserves its place before the functions it calls
    const body = matchBody(node, name.slice(ctx.named.typeName.length), ctx).join('\n');
    ctx.functions.match.set(name, `function match${name}(value: unknown${declared}): boolean {\n${body}\n}`);
  }
  return `match${name}(${x}${ownParams(ctx).passed})`;
}

export function typeNameOf(schemaName: string, ctx: ModuleContext): string {
  return ctx.schemas.get(schemaName)?.typeName ?? schemaName;
}

/**
 * Statements of a function whose parameter `value` is checked against `node`. `prefix` is the
 * node's place in the schema (`Payload`, `PayloadItem`, `` for the schema itself), naming helpers.
 */
export function matchBody(node: SchemaNode, prefix: string, ctx: ModuleContext): string[] {
  if (node.kind !== 'object' && node.kind !== 'array' && node.kind !== 'union' && node.kind !== 'allOf') {
    return [`return ${matchExpr(node, 'value', prefix, ctx)};`];
  }
  const lines = node.nullable ? ['if (value === null) return true;'] : [];
  switch (node.kind) {
    case 'object':
      return [...lines, ...objectBody(node, prefix, ctx)];
    case 'array':
      return [...lines, ...arrayBody(node, prefix, ctx)];
    case 'union':
      return [...lines, ...unionBody(node, prefix, ctx)];
    case 'allOf': {
      const parts = node.parts.map((p, i) => `(${matchExpr(p, 'value', `${prefix}Part${i + 1}`, ctx)})`);
      return [...lines, `return ${parts.join(' && ') || 'true'};`];
    }
  }
}

function objectBody(node: ObjectNode, prefix: string, ctx: ModuleContext): string[] {
  const lines = [`if (!${helper(ctx, 'isObject')}(value)) return false;`];
  const taken = new Set<string>();
  for (const p of node.properties) {
    const read = readProperty(ctx, 'value', p.name);
    const test = matchExpr(p.schema, SLOT, `${prefix}${upperFirstWords(p.name)}`, ctx);
    // `value.x` can be read inline; the own-key read of `constructor` and the like is too long.
    const plain = !read.startsWith('(');
    if (!p.required) {
      if (test === 'true') continue;
      const optional = plain ? optionalHelper(test) : undefined;
      if (optional) {
        const orNull = p.receivedNull ? ` && !${nullAllowed(ctx, read)}` : '';
        lines.push(`if (!${helper(ctx, optional)}(${read})${orNull}) return false;`);
        continue;
      }
      const local = localName(p.name, taken);
      const orNull = p.receivedNull ? ` && !${nullAllowed(ctx, local)}` : '';
      lines.push(
        `const ${local} = ${read};`,
        `if (${local} !== undefined${orNull} && ${negate(fill(test, local))}) return false;`,
      );
    } else if (test === 'true') {
      lines.push(`if (${read} === undefined) return false;`);
    } else if (rejectsUndefined(p.schema, ctx) && plain && test.split(SLOT).length === 2) {
      // Used once, and undefined fails the test anyway: `if (typeof value.voice !== 'string')`.
      lines.push(`if (${negate(fill(test, read))}) return false;`);
    } else {
      const local = localName(p.name, taken);
      const missing = rejectsUndefined(p.schema, ctx) ? '' : `${local} === undefined || `;
      lines.push(`const ${local} = ${read};`, `if (${missing}${negate(fill(test, local))}) return false;`);
    }
  }
  lines.push(...extraKeys(node, prefix, ctx));
  if (node.minProperties !== undefined)
    lines.push(`if (${helper(ctx, 'countKeys')}(value) < ${node.minProperties}) return false;`);
  if (node.maxProperties !== undefined)
    lines.push(`if (${helper(ctx, 'countKeys')}(value) > ${node.maxProperties}) return false;`);
  lines.push('return true;');
  return lines;
}

/** `nullAllowed(x, options)`: the caller accepts `null` in a received optional field. */
export const nullAllowed = (ctx: ModuleContext, x: string) => `${helper(ctx, 'nullAllowed')}(${x}, options)`;

/** Stands for the checked value while a test is written, then becomes a local or a property read. */
export const SLOT = '@value';

export const fill = (test: string, x: string) => test.split(SLOT).join(x);

/**
 * Whether the test for `node` fails on `undefined` by itself, so a required property needs no
 * separate check: every typed node does; a reference, union or allOf when its parts do.
 */
export function rejectsUndefined(node: SchemaNode, ctx: ModuleContext, seen = new Set<string>()): boolean {
  switch (node.kind) {
    case 'unknown':
      return false;
    case 'ref': {
      const target = ctx.schemas.get(node.schemaName);
      if (!target || seen.has(node.schemaName)) return false;
      seen.add(node.schemaName);
      return rejectsUndefined(target.schema, ctx, seen);
    }
    case 'union':
      return node.variants.length > 0 && node.variants.every((v) => rejectsUndefined(v, ctx, seen));
    case 'allOf':
      return node.parts.some((p) => rejectsUndefined(p, ctx, seen));
    default:
      return true;
  }
}

/** `optionalString`/`optionalBoolean` when the test is the bare type check they make. */
export function optionalHelper(test: string): 'optionalString' | 'optionalBoolean' | undefined {
  if (test === `typeof ${SLOT} === 'string'`) return 'optionalString';
  if (test === `typeof ${SLOT} === 'boolean'`) return 'optionalBoolean';
  return undefined;
}

/** `additionalProperties`: own keys only, so inherited or `__proto__` keys cannot sneak in. */
function extraKeys(node: ObjectNode, prefix: string, ctx: ModuleContext): string[] {
  const extra = node.additionalProperties;
  if (extra === true) return [];
  const known = knownKeys(node, prefix, ctx);
  const hasOwn = helper(ctx, 'hasOwn');
  if (extra === false)
    return [
      `for (const key in value) {`,
      `if (${hasOwn}(value, key)${known ? ` && !${known}.has(key)` : ''}) return false;`,
      '}',
    ];
  const test = matchExpr(extra, 'item', `${prefix}Extra`, ctx);
  if (test === 'true') return [];
  return [
    `for (const key in value) {`,
    `if (!${hasOwn}(value, key)${known ? ` || ${known}.has(key)` : ''}) continue;`,
    `const item = value[key];`,
    `if (${negate(test)}) return false;`,
    '}',
  ];
}

export function knownKeys(node: ObjectNode, prefix: string, ctx: ModuleContext): string | undefined {
  if (node.properties.length === 0) return undefined;
  return constant(
    ctx,
    `${ctx.named.typeName}${prefix}Keys`,
    `new Set<string>([${node.properties.map((p) => stringLiteral(p.name)).join(', ')}])`,
  );
}

function arrayBody(node: ArrayNode, prefix: string, ctx: ModuleContext): string[] {
  const lines = ['if (!Array.isArray(value)) return false;'];
  if (node.minItems !== undefined) lines.push(`if (value.length < ${node.minItems}) return false;`);
  if (node.maxItems !== undefined) lines.push(`if (value.length > ${node.maxItems}) return false;`);
  const test = matchExpr(node.items, 'item', `${prefix}Item`, ctx);
  if (test !== 'true')
    lines.push(
      'for (let i = 0; i < value.length; i++) {',
      'const item: unknown = value[i];',
      `if (${negate(test)}) return false;`,
      '}',
    );
  if (node.uniqueItems) lines.push(`if (${helper(ctx, 'findDuplicate')}(value) !== undefined) return false;`);
  lines.push('return true;');
  return lines;
}

function unionBody(node: UnionNode, prefix: string, ctx: ModuleContext): string[] {
  const mapping = discriminatorCases(node);
  if (node.discriminator && mapping.length > 0) {
    const cases = mapping.map(
      (m) =>
        `case ${jsonLiteral(m.value)}: return ${matchExpr({ kind: 'ref', schemaName: m.schemaName, nullable: false, pointer: node.pointer, docs: {} }, 'value', '', ctx)};`,
    );
    return [
      `if (!${helper(ctx, 'isObject')}(value)) return false;`,
      `switch (${readProperty(ctx, 'value', node.discriminator.propertyName)}) {`,
      ...cases,
      'default: return false;',
      '}',
    ];
  }
  const tests = node.variants.map((v, i) => matchExpr(v, 'value', `${prefix}Variant${i + 1}`, ctx));
  if (node.mode === 'anyOf') return [`return ${tests.map((t) => `(${t})`).join(' || ') || 'false'};`];
  return ['let matches = 0;', ...tests.map((t) => `if (${t}) matches++;`), 'return matches === 1;'];
}

/** Mapping entries that name one of the union's variants (the IR reports the others). */
export function discriminatorCases(node: UnionNode): Array<{ value: string; schemaName: string }> {
  const refs = new Set(node.variants.flatMap((v) => (v.kind === 'ref' ? [v.schemaName] : [])));
  return (node.discriminator?.mapping ?? []).filter((m) => refs.has(m.schemaName));
}

export function upperFirstWords(wire: string): string {
  const words = wire.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('') || 'Field';
}
