/**
 * The guard emitter's syntax tree and printer (generator/emit/guards/ast.ts, print.ts): printed
 * code must mean exactly the tree it came from. A property test builds random expressions,
 * evaluates each tree directly, and compares with what JavaScript makes of the printed text;
 * a missing pair of parentheses regroups an operand and changes the value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  and,
  binary,
  type BinaryOp,
  conditional,
  eq,
  type Expr,
  fill,
  id,
  isPlainRead,
  lit,
  member,
  not,
  or,
  SUBJECT,
  subjectUses,
  typeOf,
} from '../../generator/emit/guards/ast.ts';
import { printExpr, printStmts } from '../../generator/emit/guards/print.ts';

const NAMES = ['a', 'b', 'c'] as const;
const LITERALS = ['0', '1', '-1', 'true', 'false', 'null', 'undefined', "'1'", "'x'"];
const OPS: BinaryOp[] = ['===', '!==', '<', '<=', '>', '>=', '+'];

const expr: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...NAMES).map(id),
    fc.constantFrom(...LITERALS).map(lit),
    tie('e').map(not),
    tie('e').map(typeOf),
    fc.tuple(fc.constantFrom(...OPS), tie('e'), tie('e')).map(([op, l, r]) => binary(op, l, r)),
    fc.array(tie('e'), { minLength: 2, maxLength: 3 }).map(and),
    fc.array(tie('e'), { minLength: 2, maxLength: 3 }).map(or),
    fc.tuple(tie('e'), tie('e'), tie('e')).map(([t, y, n]) => conditional(t, y, n)),
  ),
})).e;

type Env = Record<(typeof NAMES)[number], unknown>;

/** What the tree means, computed without printing it. */
function evaluate(e: Expr, env: Env): unknown {
  switch (e.kind) {
    case 'id':
      return env[e.name as keyof Env];
    case 'literal':
      return { '0': 0, '1': 1, '-1': -1, true: true, false: false, null: null, "'1'": '1', "'x'": 'x' }[
        e.text
      ];
    case 'not':
      return !evaluate(e.operand, env);
    case 'typeof':
      return typeof evaluate(e.operand, env);
    case 'binary':
      return applyBinary(e.op, evaluate(e.left, env), evaluate(e.right, env));
    case 'logical':
      return e.operands.reduce<unknown>(
        (acc, o, i) =>
          i === 0 ? evaluate(o, env) : e.op === '&&' ? acc && evaluate(o, env) : acc || evaluate(o, env),
        undefined,
      );
    case 'conditional':
      return evaluate(e.test, env) ? evaluate(e.then, env) : evaluate(e.otherwise, env);
    default:
      throw new Error(`not generated: ${e.kind}`);
  }
}

function applyBinary(op: BinaryOp, l: any, r: any): unknown {
  switch (op) {
    case '===':
      return l === r;
    case '!==':
      return l !== r;
    case '<':
      return l < r;
    case '<=':
      return l <= r;
    case '>':
      return l > r;
    case '>=':
      return l >= r;
    case '+':
      return l + r;
  }
}

const values = fc.constantFrom<unknown>(0, 1, -1, true, false, null, undefined, '1', 'x');

describe('guard printer', () => {
  it('prints code that evaluates like the tree it came from', () => {
    fc.assert(
      fc.property(expr, values, values, values, (e, a, b, c) => {
        const printed = printExpr(e);
        const run = new Function('a', 'b', 'c', `return ${printed};`) as (...v: unknown[]) => unknown;
        expect(run(a, b, c), printed).toStrictEqual(evaluate(e, { a, b, c }));
      }),
      { seed: 15, numRuns: 2000 },
    );
  });

  it('keeps an equal-precedence group on the right, and only there', () => {
    const [a, b, c] = NAMES.map(id) as [Expr, Expr, Expr];
    expect(printExpr(and([and([a, b]), c]))).toBe('a && b && c');
    expect(printExpr(and([a, and([b, c])]))).toBe('a && (b && c)');
    expect(printExpr(or([a, and([b, c])]))).toBe('a || b && c');
    expect(printExpr(and([a, or([b, c])]))).toBe('a && (b || c)');
    expect(printExpr(binary('+', a, binary('+', b, c)))).toBe('a + (b + c)');
    expect(printExpr(not(binary('<', a, b)))).toBe('!(a < b)');
    expect(printExpr(not(member(a, 'x')))).toBe('!a.x');
  });

  it('negates an equality by flipping it', () => {
    expect(printExpr(not(eq(typeOf(id('x')), lit("'string'"))))).toBe("typeof x !== 'string'");
    expect(printExpr(not(not(eq(id('x'), lit('null')))))).toBe('x === null');
  });

  it('puts a conditional read in parentheses where an operator would take part of it', () => {
    const own = conditional(id('ok'), member(id('v'), 'constructor'), lit('undefined'));
    expect(isPlainRead(own)).toBe(false);
    expect(isPlainRead(member(member(id('v'), 'a'), 'b-c'))).toBe(true);
    expect(printExpr(eq(own, lit('undefined')))).toBe('(ok ? v.constructor : undefined) === undefined');
    expect(printStmts([{ kind: 'declare', keyword: 'const', name: 'x', init: own }])).toBe(
      'const x = ok ? v.constructor : undefined;',
    );
  });

  it('fills the subject in wherever a test reads it, and counts the reads', () => {
    const test = and([eq(typeOf(SUBJECT), lit("'number'")), binary('>=', SUBJECT, lit('1'))]);
    expect(subjectUses(test)).toBe(2);
    expect(printExpr(fill(test, member(id('value'), 'n')))).toBe(
      "typeof value.n === 'number' && value.n >= 1",
    );
    expect(() => printExpr(test)).toThrow(/subject/);
  });
});
