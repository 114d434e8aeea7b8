/**
 * The walk's rules for a union: a discriminated one switches on its property to the variant's
 * guard; any other counts (`oneOf`) or tries (`anyOf`) the variants' yes/no answers. Part of
 * walk.ts, kept apart for size.
 */
import type { SchemaNode, UnionNode } from '../../ir/types.js';
import { jsonLiteral, stringLiteral } from '../escape.js';
import { array, binary, call, type Expr, id, lit } from './ast.js';
import { constant, helper, type ModuleContext, readProperty, typeNameOf } from './context.js';
import { PATH, type Step, VALUE } from './rules.js';
import { childPath, nodeRules, schemaRules, typeGate, upperFirstWords } from './walk.js';

export function unionSteps(node: UnionNode, prefix: string, ctx: ModuleContext): Step[] {
  const cases = discriminatorCases(node);
  if (node.discriminator && cases.length > 0) {
    const { propertyName } = node.discriminator;
    // Listed in the issue only: a module constant, made when a `check…` first reports it.
    const values = () =>
      constant(
        ctx,
        `${prefix}${upperFirstWords(propertyName)}Values`,
        array(cases.map((c) => lit(jsonLiteral(c.value)))),
      );
    return [
      typeGate(ctx, call(helper(ctx, 'isObject'), VALUE), 'object', node),
      {
        kind: 'switch',
        on: readProperty(ctx, VALUE, propertyName),
        cases: cases.map((c) => ({
          value: lit(jsonLiteral(c.value)),
          rules: schemaRules(c.schemaName, false, ctx),
        })),
        issue: (got) => call(helper(ctx, 'discriminatorIssue'), childPath(propertyName), id(values()), got),
      },
    ];
  }
  const variants = node.variants.map((v, i) => nodeRules(v, `${prefix}Variant${i + 1}`, ctx));
  const labels = lit(stringLiteral(node.variants.map((v) => label(v, ctx)).join(' | ')));
  const issue = (matches: Expr) => () =>
    call(helper(ctx, 'unionIssue'), PATH, lit(`'${node.mode}'`), labels, matches, VALUE);
  if (node.mode === 'anyOf') return [{ kind: 'anyOf', variants, issue: issue(lit('0')) }];
  const matches = id('matches');
  return [
    { kind: 'same', stmt: { kind: 'declare', keyword: 'let', name: 'matches', init: lit('0') } },
    ...variants.map((rules): Step => ({ kind: 'count', counter: 'matches', rules })),
    { kind: 'verdict', ok: binary('===', matches, lit('1')), issue: issue(matches) },
  ];
}

/** Mapping entries that name one of the union's variants (the IR reports the others). */
function discriminatorCases(node: UnionNode): Array<{ value: string; schemaName: string }> {
  const refs = new Set(node.variants.flatMap((v) => (v.kind === 'ref' ? [v.schemaName] : [])));
  return (node.discriminator?.mapping ?? []).filter((m) => refs.has(m.schemaName));
}

/** How a union variant is named in messages: its type name, JSON type or values. */
function label(node: SchemaNode, ctx: ModuleContext): string {
  if (node.kind === 'ref') return typeNameOf(node.schemaName, ctx);
  if (node.kind === 'enum') return node.values.map((v) => JSON.stringify(v)).join(' | ');
  if (node.kind === 'union' || node.kind === 'allOf') return 'a combined schema';
  return node.kind === 'unknown' ? 'any value' : node.kind;
}
