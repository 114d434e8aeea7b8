/**
 * The small syntax tree the guard emitter builds its code from: expressions and statements of
 * the few kinds a guard needs. Questions about code (is this a plain read, how does this negate,
 * does this need parentheses) are answered from the tree here and in print.ts, never by looking
 * at generated text.
 */

export type BinaryOp = '===' | '!==' | '<' | '<=' | '>' | '>=' | '+';

export type Expr =
  /** A name in scope: a parameter, local, helper or module constant. */
  | { kind: 'id'; name: string }
  /** JavaScript source of a literal, already escaped (`"a\"b"`, `-5`, `null`, `['x']`). */
  | { kind: 'literal'; text: string }
  /** Stands for the value being checked until a rendering decides where it is read from. */
  | { kind: 'subject' }
  /** `target.name`, `target["x-y"]`, or `target?.name` when `optional`. */
  | { kind: 'member'; target: Expr; name: string; optional: boolean }
  | { kind: 'index'; target: Expr; index: Expr }
  | { kind: 'call'; callee: Expr; args: Expr[] }
  | { kind: 'typeof'; operand: Expr }
  | { kind: 'not'; operand: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr }
  /** `a && b && c`: the operands in order, each kept as one group. */
  | { kind: 'logical'; op: '&&' | '||'; operands: Expr[] }
  | { kind: 'conditional'; test: Expr; then: Expr; otherwise: Expr }
  | { kind: 'increment'; name: string }
  /** `new Set<string>(…)`: a global constructor, an optional type argument, the arguments. */
  | { kind: 'new'; callee: string; typeArg?: string; args: Expr[] }
  | { kind: 'array'; elements: Expr[] }
  /** `expr as Type`, with the type written out. */
  | { kind: 'as'; expr: Expr; type: string };

export type Stmt =
  | { kind: 'expr'; expr: Expr }
  | { kind: 'declare'; keyword: 'const' | 'let'; name: string; type?: string; init: Expr }
  | { kind: 'if'; test: Expr; then: Stmt; otherwise?: Stmt }
  | { kind: 'block'; body: Stmt[] }
  | { kind: 'return'; value?: Expr }
  | { kind: 'continue' }
  | { kind: 'forIn'; key: string; object: Expr; body: Stmt[] }
  | { kind: 'forIndex'; index: string; array: Expr; body: Stmt[] }
  | { kind: 'switch'; on: Expr; cases: Array<{ test: Expr; body: Stmt }>; otherwise: Stmt };

export const SUBJECT: Expr = { kind: 'subject' };
export const id = (name: string): Expr => ({ kind: 'id', name });
export const lit = (text: string): Expr => ({ kind: 'literal', text });
export const TRUE = lit('true');
export const FALSE = lit('false');
export const NULL = lit('null');
export const UNDEFINED = lit('undefined');

export const member = (target: Expr, name: string, optional = false): Expr => ({
  kind: 'member',
  target,
  name,
  optional,
});
export const index = (target: Expr, at: Expr): Expr => ({ kind: 'index', target, index: at });
/** A call; a string callee is a name in scope (a helper, a guard function). */
export const call = (callee: string | Expr, ...args: Expr[]): Expr => ({
  kind: 'call',
  callee: typeof callee === 'string' ? id(callee) : callee,
  args,
});
export const newOf = (callee: string, typeArg: string | undefined, ...args: Expr[]): Expr =>
  typeArg === undefined ? { kind: 'new', callee, args } : { kind: 'new', callee, typeArg, args };
export const array = (elements: Expr[]): Expr => ({ kind: 'array', elements });
export const typeOf = (operand: Expr): Expr => ({ kind: 'typeof', operand });
export const binary = (op: BinaryOp, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right });
export const eq = (left: Expr, right: Expr) => binary('===', left, right);
export const ne = (left: Expr, right: Expr) => binary('!==', left, right);
/** `typeof x === 'string'`. */
export const isType = (x: Expr, type: string) => eq(typeOf(x), lit(`'${type}'`));
export const conditional = (test: Expr, then: Expr, otherwise: Expr): Expr => ({
  kind: 'conditional',
  test,
  then,
  otherwise,
});

/** The negation a person would write: `a !== b` for `a === b`, otherwise `!(…)`. */
export function not(e: Expr): Expr {
  if (e.kind === 'binary' && (e.op === '===' || e.op === '!=='))
    return { ...e, op: e.op === '===' ? '!==' : '===' };
  return { kind: 'not', operand: e };
}

/** All of `operands`, each one group; `true` for none. */
export function and(operands: Expr[]): Expr {
  if (operands.length === 0) return TRUE;
  return operands.length === 1 ? operands[0]! : { kind: 'logical', op: '&&', operands };
}

/** Any of `operands`, each one group; `false` for none. */
export function or(operands: Expr[]): Expr {
  if (operands.length === 0) return FALSE;
  return operands.length === 1 ? operands[0]! : { kind: 'logical', op: '||', operands };
}

/** The terms of a conjunction, so that joining several reads as one flat `a && b && c`. */
export function conjuncts(e: Expr): Expr[] {
  return e.kind === 'logical' && e.op === '&&' ? e.operands : [e];
}

/** A read that is cheap and safe to repeat inline: a name, or properties of one. */
export function isPlainRead(e: Expr): boolean {
  return e.kind === 'id' || (e.kind === 'member' && !e.optional && isPlainRead(e.target));
}

/** `e` with every `SUBJECT` replaced by `x`. */
export function fill(e: Expr, x: Expr): Expr {
  switch (e.kind) {
    case 'subject':
      return x;
    case 'member':
      return { ...e, target: fill(e.target, x) };
    case 'index':
      return { ...e, target: fill(e.target, x), index: fill(e.index, x) };
    case 'call':
      return { ...e, callee: fill(e.callee, x), args: e.args.map((a) => fill(a, x)) };
    case 'typeof':
    case 'not':
      return { ...e, operand: fill(e.operand, x) };
    case 'binary':
      return { ...e, left: fill(e.left, x), right: fill(e.right, x) };
    case 'logical':
      return { ...e, operands: e.operands.map((o) => fill(o, x)) };
    case 'conditional':
      return { ...e, test: fill(e.test, x), then: fill(e.then, x), otherwise: fill(e.otherwise, x) };
    default:
      return e;
  }
}

/** How many times `e` reads the subject. */
export function subjectUses(e: Expr): number {
  switch (e.kind) {
    case 'subject':
      return 1;
    case 'member':
    case 'typeof':
    case 'not':
      return subjectUses(e.kind === 'member' ? e.target : e.operand);
    case 'index':
      return subjectUses(e.target) + subjectUses(e.index);
    case 'call':
      return subjectUses(e.callee) + sum(e.args);
    case 'binary':
      return subjectUses(e.left) + subjectUses(e.right);
    case 'logical':
      return sum(e.operands);
    case 'conditional':
      return sum([e.test, e.then, e.otherwise]);
    default:
      return 0;
  }
}

const sum = (es: Expr[]) => es.reduce((n, e) => n + subjectUses(e), 0);
