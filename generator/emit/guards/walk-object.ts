/**
 * The walk's rules for an object: its type, each property, the keys it does not declare, and
 * its key count. Part of walk.ts, kept apart for size.
 */
import type { EvaluatedKeys, ObjectNode, Property, SchemaNode } from '../../ir/types.js';
import { stringLiteral } from '../escape.js';
import {
  and,
  array,
  binary,
  call,
  type Expr,
  id,
  index,
  isPlainRead,
  lit,
  member,
  newOf,
  not,
  or,
} from './ast.js';
import { constant, helper, type ModuleContext, readProperty } from './context.js';
import { isEmpty, type NodeRules, PATH, type PropertyRules, type Step, VALUE } from './rules.js';
import { childPath, countIssue, nodeRules, typeGate, upperFirstWords } from './walk.js';

export function objectSteps(node: ObjectNode, prefix: string, ctx: ModuleContext): Step[] {
  const steps: Step[] = [typeGate(ctx, call(helper(ctx, 'isObject'), VALUE), 'object', node)];
  for (const p of node.properties) steps.push({ kind: 'property', property: propertyRules(p, prefix, ctx) });
  steps.push(...extraKeys(node, prefix, ctx));
  for (const [keyword, op, limit] of [
    ['minProperties', '<', node.minProperties],
    ['maxProperties', '>', node.maxProperties],
  ] as const) {
    if (limit === undefined) continue;
    const count = call(helper(ctx, 'countKeys'), VALUE);
    steps.push({
      kind: 'fail',
      fails: binary(op, count, lit(String(limit))),
      issue: () => countIssue(ctx, keyword, limit, count),
    });
  }
  return steps;
}

function propertyRules(p: Property, prefix: string, ctx: ModuleContext): PropertyRules {
  const read = readProperty(ctx, VALUE, p.name);
  const rules = nodeRules(p.schema, `${prefix}${upperFirstWords(p.name)}`, ctx);
  const path = childPath(p.name);
  return {
    name: p.name,
    read,
    path,
    required: p.required,
    nullRefused: (x) => (p.receivedNull ? [not(call(helper(ctx, 'nullAllowed'), x, id('options')))] : []),
    rules,
    // `value.x` can be passed inline; the own-key read of `constructor` and the like is too long.
    shortcut: !p.required && isPlainRead(read) ? optionalShortcut(p.schema, rules) : undefined,
    rejectsUndefined: rejectsUndefined(p.schema, ctx),
    missing: () => call(helper(ctx, 'requiredIssue'), path, lit(stringLiteral(p.name))),
  };
}

/** `optionalString`/`optionalBoolean` for a string or boolean with no other keyword, not nullable. */
function optionalShortcut(node: SchemaNode, rules: NodeRules): PropertyRules['shortcut'] {
  const type = rules.kind === 'leaf' && rules.rules.length === 1 ? rules.rules[0] : undefined;
  if (node.nullable || !type) return undefined;
  // A file field's one rule is not a string check.
  if (node.kind === 'string' && !node.upload) return { helper: 'optionalString', type };
  return node.kind === 'boolean' ? { helper: 'optionalBoolean', type } : undefined;
}

/**
 * Whether the rules for `node` fail on `undefined` by themselves, so a required property needs
 * no separate check: every typed node does; a reference, union or allOf when its parts do.
 */
function rejectsUndefined(node: SchemaNode, ctx: ModuleContext, seen = new Set<string>()): boolean {
  switch (node.kind) {
    case 'unknown':
      return false;
    case 'ref': {
      const target = ctx.symbols.schemas.get(node.schemaName);
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

/** `additionalProperties`: own keys only, so inherited or `__proto__` keys cannot sneak in. */
function extraKeys(node: ObjectNode, prefix: string, ctx: ModuleContext): Step[] {
  const extra = node.additionalProperties;
  if (extra === true) return [];
  const known = knownKeys(node, prefix, ctx);
  const key = id('key');
  const own = call(helper(ctx, 'hasOwn'), VALUE, key);
  const declared = known && call(member(id(known), 'has'), key);
  const keyPath = () => binary('+', binary('+', PATH, lit("'/'")), call(helper(ctx, 'pointerToken'), key));
  const loop = (body: Step[]): Step[] => [
    { kind: 'loop', head: (stmts) => ({ kind: 'forIn', key: 'key', object: VALUE, body: stmts }), body },
  ];
  if (extra === false) {
    const fails = declared ? and([own, not(declared)]) : own;
    return loop([{ kind: 'fail', fails, issue: () => call(helper(ctx, 'additionalIssue'), keyPath(), key) }]);
  }
  const rules = nodeRules(extra, `${prefix}Extra`, ctx);
  if (isEmpty(rules)) return [];
  const skip: Expr = declared ? or([not(own), declared]) : not(own);
  return loop([
    { kind: 'same', stmt: { kind: 'if', test: skip, then: { kind: 'continue' } } },
    { kind: 'same', stmt: { kind: 'declare', keyword: 'const', name: 'item', init: index(VALUE, key) } },
    { kind: 'check', subject: id('item'), path: keyPath, rules },
  ]);
}

function knownKeys(node: ObjectNode, prefix: string, ctx: ModuleContext): string | undefined {
  if (node.properties.length === 0) return undefined;
  return keySet(
    `${prefix}Keys`,
    node.properties.map((p) => p.name),
    ctx,
  );
}

/** A module constant `new Set<string>([…keys])`; returns its name. */
function keySet(hint: string, keys: string[], ctx: ModuleContext): string {
  const elements = keys.map((key) => lit(stringLiteral(key)));
  return constant(ctx, `${ctx.named.typeName}${hint}`, newOf('Set', 'string', array(elements)));
}

/**
 * `unevaluatedProperties: false` on an allOf (see `EvaluatedKeys`): each own key of an object
 * value must be one that always counts as evaluated, or one of a variant that matches. Those
 * variants are matched once, before the loop over the keys.
 */
export function unevaluatedSteps(evaluated: EvaluatedKeys, prefix: string, ctx: ModuleContext): Step[] {
  const key = id('key');
  const has = (name: string) => call(member(id(name), 'has'), key);
  const steps: Step[] = [];
  const allowed: Expr[] = evaluated.keys.length
    ? [has(keySet(`${prefix}Evaluated`, evaluated.keys, ctx))]
    : [];
  evaluated.when.forEach(({ variant, keys }, i) => {
    const flag = `matches${i + 1}`;
    steps.push({ kind: 'flag', name: flag, rules: nodeRules(variant, `${prefix}Evaluates${i + 1}`, ctx) });
    allowed.push(
      keys === 'all' ? id(flag) : and([id(flag), has(keySet(`${prefix}Evaluated${i + 1}`, keys, ctx))]),
    );
  });
  const keyPath = () => binary('+', binary('+', PATH, lit("'/'")), call(helper(ctx, 'pointerToken'), key));
  steps.push({
    kind: 'loop',
    head: (body) => ({
      kind: 'if',
      test: call(helper(ctx, 'isObject'), VALUE),
      then: { kind: 'forIn', key: 'key', object: VALUE, body },
    }),
    body: [
      {
        kind: 'fail',
        fails: and([call(helper(ctx, 'hasOwn'), VALUE, key), ...allowed.map((a) => not(a))]),
        issue: () => call(helper(ctx, 'unevaluatedIssue'), keyPath(), key),
      },
    ],
  });
  return steps;
}
