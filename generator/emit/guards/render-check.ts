/**
 * Writes the rules as the `check…` functions behind `validate…`: they run only after the fast
 * `is…` said no, and push every problem they find, each with a JSON pointer into the value, into
 * `issues`. Which variants of a union match is a yes/no question, answered with `match…` calls.
 */
import {
  and,
  call,
  eq,
  type Expr,
  fill,
  id,
  member,
  ne,
  not,
  NULL,
  or,
  type Stmt,
  UNDEFINED,
} from './ast.js';
import { helper, localName, type ModuleContext, ownParams } from './context.js';
import { matchExpr, sharedStmts } from './render-match.js';
import {
  type LeafRules,
  type NestedFunction,
  type NodeRules,
  PATH,
  type PropertyRules,
  type Step,
  VALUE,
} from './rules.js';

const ISSUES = id('issues');
const push = (issue: Expr): Stmt => ({ kind: 'expr', expr: call(member(ISSUES, 'push'), issue) });
const when = (test: Expr, then: Stmt, otherwise?: Stmt): Stmt =>
  otherwise ? { kind: 'if', test, then, otherwise } : { kind: 'if', test, then };

/**
 * Statements as the body of an `if` or `else`: a lone statement that fits one line stands
 * alone; an `if` with an `else` or a braced body of its own, or several statements, get braces.
 */
function branch(stmts: Stmt[]): Stmt {
  const single = stmts.length === 1 ? stmts[0]! : undefined;
  return single && fitsOneLine(single) ? single : { kind: 'block', body: stmts };
}

const fitsOneLine = (s: Stmt): boolean =>
  s.kind !== 'block' && (s.kind !== 'if' || (s.otherwise === undefined && fitsOneLine(s.then)));

/** The call that reports `x` (at `path`) against a named schema or a nested shape. */
function checkCall(rules: Exclude<NodeRules, LeafRules>, x: Expr, path: Expr, ctx: ModuleContext): Expr {
  if (rules.kind === 'schema') return call(rules.checkName, x, path, ISSUES, ...rules.args);
  return call(`check${writeCheckFunction(rules.fn, ctx)}`, x, path, ISSUES, ...ownParams(ctx).passed);
}

function writeCheckFunction(fn: NestedFunction, ctx: ModuleContext): string {
  if (!ctx.functions.check.has(fn.name)) {
    ctx.functions.check.set(fn.name, undefined); // keeps its place before the functions it calls
    const body = checkStmts(fn.body, ctx);
    ctx.functions.check.set(fn.name, {
      exported: false,
      name: `check${fn.name}`,
      params: [['value', 'unknown'], ['path', 'string'], ['issues', 'ValidationIssue[]'], ...ownParams(ctx).declared],
      returns: 'void',
      body,
    });
  }
  return fn.name;
}

/**
 * Statements that report the problems of `x` (found at `path`) against `rules`, checked only
 * when all of `conds` hold. The type comes first; the other keywords only once it is right.
 */
function reportStmts(rules: NodeRules, x: Expr, path: Expr, ctx: ModuleContext, conds: Expr[] = []): Stmt[] {
  if (rules.kind !== 'nested' && rules.orNull) conds = [...conds, ne(x, NULL)];
  if (rules.kind !== 'leaf') return guarded(conds, [{ kind: 'expr', expr: checkCall(rules, x, path, ctx) }]);
  const [type, ...rest] = rules.rules.map((r) => ({
    fails: not(fill(r.ok, x)),
    issue: () => fill(r.issue(path), x),
  }));
  if (!type) return [];
  if (rest.length === 0) return [when(and([...conds, type.fails]), push(type.issue()))];
  const others = rest.map((r) => when(r.fails, push(r.issue())));
  return guarded(conds, [when(type.fails, push(type.issue()), branch(others))]);
}

const guarded = (conds: Expr[], stmts: Stmt[]): Stmt[] =>
  conds.length === 0 ? stmts : [when(and(conds), branch(stmts))];

/** A function body: every step, reporting each failure. */
export function checkStmts(steps: Step[], ctx: ModuleContext): Stmt[] {
  const taken = new Set<string>();
  return steps.flatMap((s) => stepStmts(s, taken, ctx));
}

function stepStmts(step: Step, taken: Set<string>, ctx: ModuleContext): Stmt[] {
  switch (step.kind) {
    case 'stop':
      return [when(step.fails, { kind: 'block', body: [push(step.issue()), { kind: 'return' }] })];
    case 'fail':
      return [when(step.fails, push(step.issue()))];
    case 'acceptNull':
      return [when(eq(VALUE, NULL), { kind: 'return' })];
    case 'property':
      return propertyStmts(step.property, taken, ctx);
    case 'check':
      return reportStmts(step.rules, step.subject, step.path(), ctx);
    case 'loop':
    case 'same':
    case 'count':
    case 'flag':
      return sharedStmts(step, (s) => stepStmts(s, taken, ctx), ctx);
    case 'verdict':
      return [when(not(step.ok), push(step.issue()))];
    case 'anyOf':
      return [when(not(or(step.variants.map((v) => matchExpr(v, VALUE, ctx)))), push(step.issue()))];
    case 'duplicates': {
      const found = id('duplicate');
      return [
        { kind: 'declare', keyword: 'const', name: 'duplicate', init: step.find },
        when(found, push(step.issue(found))),
      ];
    }
    case 'switch':
      return switchStmts(step, ctx);
  }
}

/** The discriminator goes into a local: an unknown value is reported as it was found. */
function switchStmts(step: Step & { kind: 'switch' }, ctx: ModuleContext): Stmt[] {
  const kind = id('kind');
  const cases = step.cases.map((c): { test: Expr; body: Stmt } => ({
    test: c.value,
    body: { kind: 'return', value: checkCall(c.rules, VALUE, PATH, ctx) },
  }));
  return [
    { kind: 'declare', keyword: 'const', name: 'kind', init: step.on },
    { kind: 'switch', on: kind, cases, otherwise: push(step.issue(kind)) },
  ];
}

/**
 * One property. A bare optional string or boolean is checked with the same helper `is…` uses
 * and read again only to report it; anything else is read into a local once.
 */
function propertyStmts(p: PropertyRules, taken: Set<string>, ctx: ModuleContext): Stmt[] {
  if (p.shortcut) {
    const fails = and([not(call(helper(ctx, p.shortcut.helper), p.read)), ...p.nullRefused(p.read)]);
    return [when(fails, push(fill(p.shortcut.type.issue(p.path), p.read)))];
  }
  const name = localName(p.name, taken);
  const local = id(name);
  const present = p.required ? [] : [ne(local, UNDEFINED), ...p.nullRefused(local)];
  const inner = reportStmts(p.rules, local, p.path, ctx, present);
  if (inner.length === 0 && !p.required) return [];
  const declare: Stmt = { kind: 'declare', keyword: 'const', name, init: p.read };
  if (!p.required) return [declare, ...inner];
  const otherwise = inner.length > 0 ? branch(inner) : undefined;
  return [declare, when(eq(local, UNDEFINED), push(p.missing()), otherwise)];
}
