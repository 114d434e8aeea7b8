/**
 * Writes the rules as the yes/no checks behind `is…`: one boolean pass that returns false at
 * the first failure and allocates nothing. Leaf rules become one inline condition; a nested
 * shape becomes a call to its `match…` function, written here the first time it is needed.
 */
import {
  and,
  call,
  conjuncts,
  eq,
  type Expr,
  FALSE,
  fill,
  id,
  isPlainRead,
  ne,
  not,
  NULL,
  or,
  type Stmt,
  SUBJECT,
  subjectUses,
  TRUE,
  UNDEFINED,
} from './ast.js';
import { helper, localName, type ModuleContext, ownParams } from './context.js';
import {
  isEmpty,
  type NestedFunction,
  type NodeRules,
  type PropertyRules,
  type Step,
  VALUE,
} from './rules.js';

const returns = (value: Expr): Stmt => ({ kind: 'return', value });
const failIf = (test: Expr): Stmt => ({ kind: 'if', test, then: returns(FALSE) });

/** Boolean expression: does `x` match `rules`? */
export function matchExpr(rules: NodeRules, x: Expr, ctx: ModuleContext): Expr {
  switch (rules.kind) {
    case 'leaf': {
      if (rules.rules.length === 0) return TRUE;
      const all = and(rules.rules.flatMap((r) => conjuncts(fill(r.ok, x))));
      return rules.orNull ? or([eq(x, NULL), all]) : all;
    }
    case 'schema': {
      const test = call(rules.matchName, x, ...rules.args);
      return rules.orNull ? or([eq(x, NULL), test]) : test;
    }
    case 'nested':
      return call(`match${writeMatchFunction(rules.fn, ctx)}`, x, ...ownParams(ctx).passed);
  }
}

function writeMatchFunction(fn: NestedFunction, ctx: ModuleContext): string {
  if (!ctx.functions.match.has(fn.name)) {
    ctx.functions.match.set(fn.name, undefined); // keeps its place before the functions it calls
    const body = matchStmts(fn.body, ctx);
    ctx.functions.match.set(fn.name, {
      exported: false,
      name: `match${fn.name}`,
      params: [['value', 'unknown'], ...ownParams(ctx).declared],
      returns: 'boolean',
      body,
    });
  }
  return fn.name;
}

/**
 * A function body. It ends with `return <condition>` when its last steps are conditions on the
 * whole value (a leaf schema, allOf parts, a union's verdict), and with `return true` otherwise.
 */
export function matchStmts(steps: Step[], ctx: ModuleContext): Stmt[] {
  const taken = new Set<string>();
  let end = steps.length;
  while (end > 0 && isCondition(steps[end - 1]!)) end--;
  const stmts = steps.slice(0, end).flatMap((s) => stepStmts(s, taken, ctx));
  if (steps.at(-1)?.kind === 'switch') return stmts; // every case returns
  const last = steps.slice(end).map((s) => conditionOf(s, ctx));
  return [...stmts, returns(last.length > 0 ? and(last) : TRUE)];
}

const isCondition = (s: Step) => s.kind === 'check' || s.kind === 'verdict' || s.kind === 'anyOf';

/** The condition a `check`, `verdict` or `anyOf` step sets on the value. */
function conditionOf(step: Step, ctx: ModuleContext): Expr {
  switch (step.kind) {
    case 'check':
      return matchExpr(step.rules, step.subject, ctx);
    case 'verdict':
      return step.ok;
    case 'anyOf':
      return or(step.variants.map((v) => matchExpr(v, VALUE, ctx)));
    default:
      throw new Error(`guard emitter: a ${step.kind} step is not a condition`);
  }
}

function stepStmts(step: Step, taken: Set<string>, ctx: ModuleContext): Stmt[] {
  switch (step.kind) {
    case 'stop':
    case 'fail':
      return [failIf(step.fails)];
    case 'acceptNull':
      return [{ kind: 'if', test: eq(VALUE, NULL), then: returns(TRUE) }];
    case 'property':
      return propertyStmts(step.property, taken, ctx);
    case 'check':
    case 'verdict':
    case 'anyOf':
      return [failIf(not(conditionOf(step, ctx)))];
    case 'loop':
    case 'same':
    case 'count':
    case 'flag':
      return sharedStmts(step, (s) => stepStmts(s, taken, ctx), ctx);
    case 'duplicates':
      return [failIf(ne(step.find, UNDEFINED))];
    case 'switch': {
      const cases = step.cases.map((c) => ({ test: c.value, body: returns(matchExpr(c.rules, VALUE, ctx)) }));
      return [{ kind: 'switch', on: step.on, cases, otherwise: returns(FALSE) }];
    }
  }
}

/**
 * The steps both renderings write the same way: a loop around the steps of its body, a statement
 * as it stands, a counter of the values that match, and a flag set to whether the value matches.
 */
export function sharedStmts(
  step: Step & { kind: 'loop' | 'same' | 'count' | 'flag' },
  recurse: (step: Step) => Stmt[],
  ctx: ModuleContext,
): Stmt[] {
  if (step.kind === 'loop') return [step.head(step.body.flatMap(recurse))];
  if (step.kind === 'same') return [step.stmt];
  const matches = matchExpr(step.rules, VALUE, ctx);
  if (step.kind === 'flag') return [{ kind: 'declare', keyword: 'const', name: step.name, init: matches }];
  return [countStmt(step.counter, matches)];
}

/** `if (test) counter++;`, written alike by both renderings. */

const countStmt = (counter: string, test: Expr): Stmt => ({
  kind: 'if',
  test,
  then: { kind: 'expr', expr: { kind: 'increment', name: counter } },
});

/**
 * One property. A test that reads the value once is applied to the property read itself
 * (`if (typeof value.voice !== 'string')`); otherwise the value goes into a local first.
 */
function propertyStmts(p: PropertyRules, taken: Set<string>, ctx: ModuleContext): Stmt[] {
  if (p.shortcut)
    return [failIf(and([not(call(helper(ctx, p.shortcut.helper), p.read)), ...p.nullRefused(p.read)]))];
  if (isEmpty(p.rules)) return p.required ? [failIf(eq(p.read, UNDEFINED))] : [];
  const test = matchExpr(p.rules, SUBJECT, ctx);
  // Undefined fails the test anyway, so the read needs no separate check.
  if (p.required && p.rejectsUndefined && isPlainRead(p.read) && subjectUses(test) === 1)
    return [failIf(not(fill(test, p.read)))];
  const name = localName(p.name, taken);
  const local = id(name);
  const declare: Stmt = { kind: 'declare', keyword: 'const', name, init: p.read };
  const fails = not(fill(test, local));
  if (!p.required) return [declare, failIf(and([ne(local, UNDEFINED), ...p.nullRefused(local), fails]))];
  return [declare, failIf(p.rejectsUndefined ? fails : or([eq(local, UNDEFINED), fails]))];
}
