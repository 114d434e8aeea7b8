/**
 * The `check…` functions behind `validate…`: they run only after the fast `is…` said no, and
 * push every problem they find, each with a JSON pointer into the value, into `issues`.
 */
import type { ArrayNode, ObjectNode, SchemaNode, UnionNode } from '../../ir/types.js';
import { jsonLiteral, stringLiteral } from '../escape.js';
import { escapePointerToken } from '../../diagnostics.js';
import {
  constant,
  helper,
  hoistedName,
  localName,
  type ModuleContext,
  ownParams,
  passAlong,
  readProperty,
} from './context.js';
import { leafRules, negate } from './leaf.js';
import {
  discriminatorCases,
  knownKeys,
  matchExpr,
  nullAllowed,
  optionalHelper,
  SLOT,
  typeNameOf,
  upperFirstWords,
} from './match.js';

const COMPLEX = new Set(['object', 'array', 'union', 'allOf']);

/**
 * Statements that report the problems of `x` (found at pointer expression `path`) against
 * `node`. `when` is an extra condition for checking at all, e.g. `x !== undefined`.
 */
export function checkStmts(
  node: SchemaNode,
  x: string,
  path: string,
  hint: string,
  ctx: ModuleContext,
  when?: string,
): string[] {
  // A nullable complex node handles null inside its own function.
  const nullHandled = node.kind === 'null' || node.kind === 'unknown' || COMPLEX.has(node.kind);
  const conds = [when, node.nullable && !nullHandled ? `${x} !== null` : undefined].filter(
    (c) => c !== undefined,
  );
  const rules = leafRules(node, { x, path, hint }, ctx);
  if (rules && rules.length === 1)
    return [`if (${[...conds, negate(rules[0]!.ok)].join(' && ')}) issues.push(${rules[0]!.issue()});`];
  let lines: string[];
  if (rules) {
    const [type, ...rest] = rules;
    if (!type) return [];
    const others = rest.map((r) => `if (${negate(r.ok)}) issues.push(${r.issue()});`);
    lines = [`if (${negate(type.ok)}) issues.push(${type.issue()});`, ...elseBranch(others)];
  } else if (node.kind === 'ref') {
    lines = [
      `check${typeNameOf(node.schemaName, ctx)}(${[x, path, 'issues', passAlong(ctx, node.schemaName)].filter(Boolean).join(', ')});`,
    ];
  } else {
    lines = [`check${hoistCheck(node, hint, ctx)}(${x}, ${path}, issues${ownParams(ctx).passed});`];
  }
  if (conds.length === 0) return lines;
  return lines.length === 1
    ? [`if (${conds.join(' && ')}) ${lines[0]}`]
    : [`if (${conds.join(' && ')}) {`, ...lines, '}'];
}

/** `else stmt` for one statement, `else { … }` for several, nothing for none. */
function elseBranch(lines: string[]): string[] {
  if (lines.length === 0) return [];
  return lines.length === 1 ? [`else ${lines[0]}`] : ['else {', ...lines, '}'];
}

function hoistCheck(node: SchemaNode, hint: string, ctx: ModuleContext): string {
  const name = hoistedName(ctx, node, hint);
  if (!ctx.functions.check.has(name)) {
    const { declared } = ownParams(ctx);
    ctx.functions.check.set(name, ''); // reserves its place before the functions it calls
    const body = checkBody(node, name.slice(ctx.named.typeName.length), ctx).join('\n');
    ctx.functions.check.set(
      name,
      `function check${name}(value: unknown, path: string, issues: ValidationIssue[]${declared}): void {\n${body}\n}`,
    );
  }
  return name;
}

/** Statements of a function checking its parameter `value`, found at pointer `path`. */
export function checkBody(node: SchemaNode, prefix: string, ctx: ModuleContext): string[] {
  if (!COMPLEX.has(node.kind)) return checkStmts(node, 'value', 'path', prefix, ctx);
  const lines = node.nullable ? ['if (value === null) return;'] : [];
  switch (node.kind) {
    case 'object':
      return [...lines, ...objectBody(node, prefix, ctx)];
    case 'array':
      return [...lines, ...arrayBody(node, prefix, ctx)];
    case 'union':
      return [...lines, ...unionBody(node, prefix, ctx)];
    case 'allOf':
      return [
        ...lines,
        ...node.parts.flatMap((p, i) => checkStmts(p, 'value', 'path', `${prefix}Part${i + 1}`, ctx)),
      ];
    default:
      return lines;
  }
}

const typeCheck = (ctx: ModuleContext, test: string, expected: string, node: SchemaNode) =>
  `if (!${test}) {\nissues.push(${helper(ctx, 'typeIssue')}(path, '${expected}${node.nullable ? ' or null' : ''}', value));\nreturn;\n}`;

/** `path + "/event_type"`: the pointer token is escaped here, once, at generation time. */
const childPath = (name: string) => `path + ${stringLiteral(`/${escapePointerToken(name)}`)}`;

function objectBody(node: ObjectNode, prefix: string, ctx: ModuleContext): string[] {
  const lines = [typeCheck(ctx, `${helper(ctx, 'isObject')}(value)`, 'object', node)];
  const taken = new Set<string>();
  for (const p of node.properties) {
    const hint = `${prefix}${upperFirstWords(p.name)}`;
    const read = readProperty(ctx, 'value', p.name);
    // Optional, not nullable, and only a type to check: `is…` uses `optionalString` there too.
    const simple = !p.required && !p.schema.nullable && !read.startsWith('(');
    const rules = simple ? leafRules(p.schema, { x: SLOT, path: '', hint }, ctx) : undefined;
    const optional = rules?.length === 1 ? optionalHelper(rules[0]!.ok) : undefined;
    if (optional) {
      // The same helper `is…` uses; the property is read again only to report it.
      const type = optional === 'optionalString' ? 'string' : 'boolean';
      const orNull = p.receivedNull ? ` && !${nullAllowed(ctx, read)}` : '';
      lines.push(
        `if (!${helper(ctx, optional)}(${read})${orNull}) issues.push(${helper(ctx, 'typeIssue')}(${childPath(p.name)}, '${type}', ${read}));`,
      );
      continue;
    }
    const local = localName(p.name, taken);
    const inner = checkStmts(
      p.schema,
      local,
      childPath(p.name),
      hint,
      ctx,
      p.required
        ? undefined
        : `${local} !== undefined${p.receivedNull ? ` && !${nullAllowed(ctx, local)}` : ''}`,
    );
    if (inner.length === 0 && !p.required) continue;
    lines.push(`const ${local} = ${read};`);
    if (!p.required) lines.push(...inner);
    else {
      const missing = `issues.push(${helper(ctx, 'requiredIssue')}(${childPath(p.name)}, ${stringLiteral(p.name)}));`;
      lines.push(`if (${local} === undefined) ${missing}`, ...elseBranch(inner));
    }
  }
  lines.push(...extraKeys(node, prefix, ctx));
  for (const keyword of ['minProperties', 'maxProperties'] as const) {
    const limit = node[keyword];
    if (limit === undefined) continue;
    const count = `${helper(ctx, 'countKeys')}(value)`;
    lines.push(
      `if (${count} ${keyword === 'minProperties' ? '<' : '>'} ${limit}) issues.push(${helper(ctx, 'countIssue')}(path, '${keyword}', ${limit}, ${count}));`,
    );
  }
  return lines;
}

function extraKeys(node: ObjectNode, prefix: string, ctx: ModuleContext): string[] {
  const extra = node.additionalProperties;
  if (extra === true) return [];
  const known = knownKeys(node, prefix, ctx);
  const hasOwn = helper(ctx, 'hasOwn');
  const keyPath = `path + '/' + ${helper(ctx, 'pointerToken')}(key)`;
  if (extra === false) {
    const test = `${hasOwn}(value, key)${known ? ` && !${known}.has(key)` : ''}`;
    return [
      'for (const key in value) {',
      `if (${test}) issues.push(${helper(ctx, 'additionalIssue')}(${keyPath}, key));`,
      '}',
    ];
  }
  const inner = checkStmts(extra, 'item', keyPath, `${prefix}Extra`, ctx);
  if (inner.length === 0) return [];
  return [
    'for (const key in value) {',
    `if (!${hasOwn}(value, key)${known ? ` || ${known}.has(key)` : ''}) continue;`,
    'const item = value[key];',
    ...inner,
    '}',
  ];
}

function arrayBody(node: ArrayNode, prefix: string, ctx: ModuleContext): string[] {
  const lines = [typeCheck(ctx, 'Array.isArray(value)', 'array', node)];
  const count = () => helper(ctx, 'countIssue');
  if (node.minItems !== undefined)
    lines.push(
      `if (value.length < ${node.minItems}) issues.push(${count()}(path, 'minItems', ${node.minItems}, value.length));`,
    );
  if (node.maxItems !== undefined)
    lines.push(
      `if (value.length > ${node.maxItems}) issues.push(${count()}(path, 'maxItems', ${node.maxItems}, value.length));`,
    );
  const inner = checkStmts(node.items, 'item', "path + '/' + i", `${prefix}Item`, ctx);
  if (inner.length)
    lines.push('for (let i = 0; i < value.length; i++) {', 'const item: unknown = value[i];', ...inner, '}');
  if (node.uniqueItems) {
    lines.push(
      `const duplicate = ${helper(ctx, 'findDuplicate')}(value);`,
      `if (duplicate) issues.push(${helper(ctx, 'uniqueIssue')}(path, duplicate));`,
    );
  }
  return lines;
}

function unionBody(node: UnionNode, prefix: string, ctx: ModuleContext): string[] {
  const cases = discriminatorCases(node);
  if (node.discriminator && cases.length > 0) {
    const { propertyName } = node.discriminator;
    const values = constant(
      ctx,
      `${prefix}${upperFirstWords(propertyName)}Values`,
      `[${cases.map((c) => jsonLiteral(c.value)).join(', ')}]`,
    );
    return [
      typeCheck(ctx, `${helper(ctx, 'isObject')}(value)`, 'object', node),
      `const kind = ${readProperty(ctx, 'value', propertyName)};`,
      'switch (kind) {',
      ...cases.map(
        (c) =>
          `case ${jsonLiteral(c.value)}: return ${checkStmts({ kind: 'ref', schemaName: c.schemaName, nullable: false, pointer: node.pointer, docs: {} }, 'value', 'path', '', ctx)[0]!.replace(/;$/, '')};`,
      ),
      `default: issues.push(${helper(ctx, 'discriminatorIssue')}(${childPath(propertyName)}, ${values}, kind));`,
      '}',
    ];
  }
  // Which variants match is a yes/no question: the fast match functions answer it.
  const tests = node.variants.map((v, i) => matchExpr(v, 'value', `${prefix}Variant${i + 1}`, ctx));
  const labels = stringLiteral(node.variants.map((v) => label(v, ctx)).join(' | '));
  const report = (matches: string) =>
    `issues.push(${helper(ctx, 'unionIssue')}(path, '${node.mode}', ${labels}, ${matches}, value));`;
  if (node.mode === 'anyOf')
    return [`if (!(${tests.map((t) => `(${t})`).join(' || ') || 'false'})) ${report('0')}`];
  return [
    'let matches = 0;',
    ...tests.map((t) => `if (${t}) matches++;`),
    `if (matches !== 1) ${report('matches')}`,
  ];
}

/** How a union variant is named in messages: its type name, JSON type or values. */
function label(node: SchemaNode, ctx: ModuleContext): string {
  if (node.kind === 'ref') return typeNameOf(node.schemaName, ctx);
  if (node.kind === 'enum') return node.values.map((v) => JSON.stringify(v)).join(' | ');
  if (node.kind === 'union' || node.kind === 'allOf') return 'a combined schema';
  return node.kind === 'unknown' ? 'any value' : node.kind;
}
