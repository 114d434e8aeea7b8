/**
 * The one walk over a named schema that decides what its guards check. It turns each schema node
 * into rules (rules.ts) exactly once; render-match.ts and render-check.ts then write those rules
 * as the `is…` and the `check…` functions. Nested objects, arrays and unions get functions of
 * their own, named here in the order the walk meets them.
 */
import { escapePointerToken } from '../../core/diagnostics.js';
import { pascalWords } from '../../core/names.js';
import type { AllOfNode, ArrayNode, SchemaNode } from '../../ir/types.js';
import { stringLiteral } from '../escape.js';
import { binary, call, type Expr, id, index, lit, member, not, type Stmt } from './ast.js';
import { helper, hoistedName, matchFunction, type ModuleContext, passAlong } from './context.js';
import { leafRules } from './leaf.js';
import { objectSteps, unevaluatedSteps } from './walk-object.js';
import { unionSteps } from './walk-union.js';
import {
  isEmpty,
  type NestedFunction,
  type NodeRules,
  PATH,
  type SchemaRules,
  type Step,
  VALUE,
} from './rules.js';

const COMPLEX = new Set(['object', 'array', 'union', 'allOf']);

/**
 * Rules for a value against `node`. `hint` is the node's place in the schema (`Payload`,
 * `PayloadItem`), which names its constants and, for a nested shape, its functions.
 */
export function nodeRules(node: SchemaNode, hint: string, ctx: ModuleContext): NodeRules {
  const rules = leafRules(node, hint, ctx);
  if (rules) return { kind: 'leaf', rules, orNull: node.nullable && node.kind !== 'null' };
  if (node.kind === 'ref') return schemaRules(node.schemaName, node.nullable, ctx);
  return { kind: 'nested', fn: nestedFunction(node, hint, ctx) };
}

/** A named schema's own guard functions. */
export function schemaRules(schemaName: string, orNull: boolean, ctx: ModuleContext): SchemaRules {
  const matchName = matchFunction(ctx, schemaName);
  return {
    kind: 'schema',
    orNull,
    matchName,
    checkName: ctx.symbols.schema(schemaName).check,
    args: passAlong(ctx, schemaName),
  };
}

function nestedFunction(node: SchemaNode, hint: string, ctx: ModuleContext): NestedFunction {
  const existing = ctx.nested.get(node);
  if (existing) return existing;
  const name = hoistedName(ctx, node, hint);
  // Registered before its body is walked, so that functions it needs come after it.
  const fn: NestedFunction = { name, body: [] };
  ctx.nested.set(node, fn);
  fn.body.push(...functionSteps(node, name.slice(ctx.named.typeName.length), ctx));
  return fn;
}

/**
 * The body of a function whose parameter `value`, found at `path`, is checked against `node`.
 * `prefix` is the node's place in the schema (`` for the schema itself).
 */
export function functionSteps(node: SchemaNode, prefix: string, ctx: ModuleContext): Step[] {
  if (!COMPLEX.has(node.kind))
    return [{ kind: 'check', subject: VALUE, path: () => PATH, rules: nodeRules(node, prefix, ctx) }];
  const steps: Step[] = node.nullable ? [{ kind: 'acceptNull' }] : [];
  switch (node.kind) {
    case 'object':
      return [...steps, ...objectSteps(node, prefix, ctx)];
    case 'array':
      return [...steps, ...arraySteps(node, prefix, ctx)];
    case 'union':
      return [...steps, ...unionSteps(node, prefix, ctx)];
    case 'allOf':
      return [...steps, ...allOfSteps(node, prefix, ctx)];
    default:
      return steps;
  }
}

/** Only schemas on a reference cycle can nest without bound; they stop at `MAX_DEPTH`. */
export function depthLimit(ctx: ModuleContext): Step[] {
  if (!ctx.facts.cyclic) return [];
  const fails = binary('>', id('depth'), id(helper(ctx, 'MAX_DEPTH')));
  return [{ kind: 'stop', fails, issue: () => call(helper(ctx, 'depthIssue'), PATH) }];
}

/** The first step of an object, array or union: the value has that JSON type, or nothing else is checked. */
export function typeGate(ctx: ModuleContext, ok: Expr, type: string, node: SchemaNode): Step {
  const expected = lit(`'${type}${node.nullable ? ' or null' : ''}'`);
  return { kind: 'stop', fails: not(ok), issue: () => call(helper(ctx, 'typeIssue'), PATH, expected, VALUE) };
}

/** `path + "/event_type"`: the pointer token is escaped here, once, at generation time. */
export const childPath = (name: string): Expr =>
  binary('+', PATH, lit(stringLiteral(`/${escapePointerToken(name)}`)));

export const countIssue = (ctx: ModuleContext, keyword: string, limit: number, got: Expr) =>
  call(helper(ctx, 'countIssue'), PATH, lit(`'${keyword}'`), lit(String(limit)), got);

function arraySteps(node: ArrayNode, prefix: string, ctx: ModuleContext): Step[] {
  const steps = [typeGate(ctx, call(member(id('Array'), 'isArray'), VALUE), 'array', node)];
  const length = member(VALUE, 'length');
  for (const [keyword, op, limit] of [
    ['minItems', '<', node.minItems],
    ['maxItems', '>', node.maxItems],
  ] as const) {
    if (limit !== undefined)
      steps.push({
        kind: 'fail',
        fails: binary(op, length, lit(String(limit))),
        issue: () => countIssue(ctx, keyword, limit, length),
      });
  }
  const items = nodeRules(node.items, `${prefix}Item`, ctx);
  if (!isEmpty(items)) {
    const item: Stmt = {
      kind: 'declare',
      keyword: 'const',
      name: 'item',
      type: 'unknown',
      init: index(VALUE, id('i')),
    };
    const path = () => binary('+', binary('+', PATH, lit("'/'")), id('i'));
    steps.push({
      kind: 'loop',
      head: (body) => ({ kind: 'forIndex', index: 'i', array: VALUE, body }),
      body: [
        { kind: 'same', stmt: item },
        { kind: 'check', subject: id('item'), path, rules: items },
      ],
    });
  }
  if (node.uniqueItems)
    steps.push({
      kind: 'duplicates',
      find: call(helper(ctx, 'findDuplicate'), VALUE),
      issue: (found) => call(helper(ctx, 'uniqueIssue'), PATH, found),
    });
  return steps;
}

function allOfSteps(node: AllOfNode, prefix: string, ctx: ModuleContext): Step[] {
  const parts = node.parts.map((part, i): Step => ({
    kind: 'check',
    subject: VALUE,
    path: () => PATH,
    rules: nodeRules(part, `${prefix}Part${i + 1}`, ctx),
  }));
  return node.unevaluated ? [...parts, ...unevaluatedSteps(node.unevaluated, prefix, ctx)] : parts;
}

export function upperFirstWords(wire: string): string {
  return pascalWords(wire) || 'Field';
}
