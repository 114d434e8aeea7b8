/**
 * Prints the guard syntax tree as TypeScript source. Parentheses come from the tree: an operand
 * is wrapped only where JavaScript's precedence would otherwise group it differently, so the
 * printed code means exactly the tree. This flat text is what a module falls back to when
 * layout.ts cannot lay it out in prettier's style; the pipeline's prettier formats it then.
 */
import { propertyAccess } from '../escape.js';
import type { BinaryOp, Expr, Stmt } from './ast.js';

/** JavaScript's binding strength for each kind of expression (higher binds tighter). */
const PRIMARY = 20;
const POSTFIX_ACCESS = 17; // member access, index, call
const UNARY = 14;
/** The binding strength of each operator the guards use; layout-expr.ts reads it too. */
export const OPERATOR_PRECEDENCE = {
  '+': 11,
  '<': 9,
  '<=': 9,
  '>': 9,
  '>=': 9,
  '===': 8,
  '!==': 8,
  '&&': 4,
  '||': 3,
} as const satisfies Record<BinaryOp | '&&' | '||', number>;
const BINARY: Record<BinaryOp, number> = OPERATOR_PRECEDENCE;
const LOGICAL = OPERATOR_PRECEDENCE;
const CONDITIONAL = 2;
/** Inside an argument list or an initializer, where only a comma would need wrapping. */
const ASSIGNMENT = 2;

function precedence(e: Expr): number {
  switch (e.kind) {
    case 'literal':
      return e.text.startsWith('-') ? UNARY : PRIMARY;
    case 'member':
    case 'index':
    case 'call':
    case 'new':
      return POSTFIX_ACCESS;
    case 'as':
      return BINARY['<'];
    case 'increment':
      return UNARY + 1;
    case 'typeof':
    case 'not':
      return UNARY;
    case 'binary':
      return BINARY[e.op];
    case 'logical':
      return LOGICAL[e.op];
    case 'conditional':
      return CONDITIONAL;
    default:
      return PRIMARY;
  }
}

/** `e`, in parentheses when it binds less tightly than `min` requires. */
function operand(e: Expr, min: number): string {
  const text = printExpr(e);
  return precedence(e) < min ? `(${text})` : text;
}

export function printExpr(e: Expr): string {
  switch (e.kind) {
    case 'id':
      return e.name;
    case 'literal':
      return e.text;
    case 'subject':
      throw new Error('guard emitter: a test was printed before its subject was filled in');
    case 'member': {
      const target = operand(e.target, POSTFIX_ACCESS);
      return e.optional ? `${target}?.${e.name}` : propertyAccess(target, e.name);
    }
    case 'index':
      return `${operand(e.target, POSTFIX_ACCESS)}[${printExpr(e.index)}]`;
    case 'call':
      return `${operand(e.callee, POSTFIX_ACCESS)}(${e.args.map((a) => operand(a, ASSIGNMENT)).join(', ')})`;
    case 'typeof':
      return `typeof ${operand(e.operand, UNARY)}`;
    case 'not':
      return `!${operand(e.operand, UNARY)}`;
    case 'binary': {
      // Left-associative: an equal-precedence operand on the right keeps its own group.
      const p = BINARY[e.op];
      return `${operand(e.left, p)} ${e.op} ${operand(e.right, p + 1)}`;
    }
    case 'logical': {
      const p = LOGICAL[e.op];
      return e.operands.map((o, i) => operand(o, i === 0 ? p : p + 1)).join(` ${e.op} `);
    }
    case 'conditional':
      return `${operand(e.test, CONDITIONAL + 1)} ? ${operand(e.then, ASSIGNMENT)} : ${operand(e.otherwise, ASSIGNMENT)}`;
    case 'increment':
      return `${e.name}++`;
    case 'new':
      return `new ${e.callee}${e.typeArg ? `<${e.typeArg}>` : ''}(${e.args.map((a) => operand(a, ASSIGNMENT)).join(', ')})`;
    case 'array':
      return `[${e.elements.map((a) => operand(a, ASSIGNMENT)).join(', ')}]`;
    case 'as':
      return `${operand(e.expr, BINARY['<'])} as ${e.type}`;
  }
}

/** Statements, one per line (an `if` with a braced body or an `else` takes several). */
export function printStmts(stmts: Stmt[]): string {
  return stmts.map(printStmt).join('\n');
}

function printStmt(s: Stmt): string {
  switch (s.kind) {
    case 'expr':
      return `${printExpr(s.expr)};`;
    case 'declare':
      return `${s.keyword} ${s.name}${s.type ? `: ${s.type}` : ''} = ${operand(s.init, ASSIGNMENT)};`;
    case 'if': {
      const head = `if (${printExpr(s.test)}) ${printStmt(s.then)}`;
      return s.otherwise ? `${head}\nelse ${printStmt(s.otherwise)}` : head;
    }
    case 'block':
      return `{\n${printStmts(s.body)}\n}`;
    case 'return':
      return s.value ? `return ${printExpr(s.value)};` : 'return;';
    case 'continue':
      return 'continue;';
    case 'forIn':
      return `for (const ${s.key} in ${printExpr(s.object)}) {\n${printStmts(s.body)}\n}`;
    case 'forIndex': {
      const i = s.index;
      return `for (let ${i} = 0; ${i} < ${operand(s.array, POSTFIX_ACCESS)}.length; ${i}++) {\n${printStmts(s.body)}\n}`;
    }
    case 'switch': {
      const cases = s.cases.map((c) => `case ${printExpr(c.test)}: ${printStmt(c.body)}`);
      return `switch (${printExpr(s.on)}) {\n${[...cases, `default: ${printStmt(s.otherwise)}`].join('\n')}\n}`;
    }
  }
}
