/**
 * Lays out a guard module exactly as prettier would print it, from the module's tree rather
 * than its text: each construct becomes the same prettier `Doc` that prettier's estree printer
 * builds for it (group, indent, line …), and the doc printer does the rest. Only the constructs
 * guards use are covered, and each one only in the forms whose layout rules are mirrored here;
 * anything else throws `Unsupported`, and the module goes through prettier as before.
 * test/generator/guard-layout.test.ts holds every laid-out module to `prettier.format`.
 */
import { isIdentifier } from '../../core/names.js';
import { builders, type Doc, prettierNumber, prettierString, printDoc } from '../layout.js';
import type { BinaryOp, Expr, Stmt } from './ast.js';
import type { GuardFunction, Param } from './context.js';
import * as prettierDoc from 'prettier/doc';

const { conditionalGroup, fill, group, hardline, ifBreak, indent, indentIfBreak, join, line } = builders;
const { breakParent, lineSuffixBoundary, softline } = builders;
const { willBreak } = prettierDoc.utils;

/** `import { a, b } from 'from';` (`import type` when `typeOnly`); names as written (`type X`). */
export interface NamedImport {
  typeOnly?: boolean;
  names: string[];
  from: string;
}

export interface ModuleTree {
  imports: NamedImport[];
  constants: Array<[name: string, init: Expr]>;
  functions: GuardFunction[];
}

/** A construct whose prettier layout is not mirrored here. */
class Unsupported extends Error {}

/** The module's text in prettier's layout, or `undefined` when it holds a construct not covered. */
export function layOutModule(tree: ModuleTree): string | undefined {
  try {
    const sections: Doc[] = [];
    if (tree.imports.length > 0) sections.push(join(hardline, tree.imports.map(importDoc)));
    if (tree.constants.length > 0)
      sections.push(join(hardline, tree.constants.map(([name, init]) => declarationDoc('const', name, undefined, init, true))));
    sections.push(...tree.functions.map(functionDoc));
    // Prettier keeps one blank line where the source had one: between the sections here.
    return printDoc([join([hardline, hardline], sections), hardline]);
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}

/** `export { a, b } from './X.js';` lines, as the guards' index module has them. */
export function layOutReExports(lines: Array<{ names: string[]; from: string }>): string {
  return printDoc([join(hardline, lines.map((l) => ['export ', specifiers(l.names), ' from ', quoted(l.from), ';'])), hardline]);
}

// --- Module level ---------------------------------------------------------------------------

function importDoc(i: NamedImport): Doc {
  return ['import', i.typeOnly ? ' type' : '', ' ', specifiers(i.names), ' from ', quoted(i.from), ';'];
}

/** `{ a }` stays on one line whatever its length; two or more names break one a line. */
function specifiers(names: string[]): Doc {
  if (names.length === 1) return ['{ ', names[0]!, ' }'];
  return group(['{', indent([line, join([',', line], names)]), ifBreak(','), line, '}']);
}

const quoted = (text: string): string => prettierString(`'${text.replace(/['\\]/g, '\\$&')}'`);

/** A JSDoc line prettier keeps as it is: one line, which `*` continuation lines would re-indent. */
function commentDoc(text: string): Doc {
  if (/[\n\r\u2028\u2029]/.test(text)) throw new Unsupported('a comment of several lines');
  return [`/** ${text} */`, hardline];
}

function functionDoc(f: GuardFunction): Doc {
  const params: Doc = [
    '(',
    indent([softline, join([',', line], f.params.map(paramDoc))]),
    ifBreak(','),
    softline,
    ')',
  ];
  // Prettier groups a single parameter on its own only before an object return type: never here.
  const signature = group([params, ': ', f.returns]);
  return [
    f.doc === undefined ? '' : commentDoc(f.doc),
    f.exported ? 'export ' : '',
    'function ',
    f.name,
    signature,
    ' ',
    blockDoc(f.body),
  ];
}

function paramDoc([name, type]: Param): Doc {
  const parts = type.split(' | ');
  if (parts.length === 1) return `${name}: ${type}`;
  // A union type annotation: it would break before each `|`, indented.
  return [name, ': ', group(indent([ifBreak([line, '| ']), join([line, '| '], parts)]))];
}

// --- Statements -----------------------------------------------------------------------------

function blockDoc(body: Stmt[]): Doc {
  if (body.length === 0) return '{}';
  return ['{', indent([hardline, join(hardline, body.map(stmtDoc))]), hardline, '}'];
}

function stmtDoc(s: Stmt): Doc {
  switch (s.kind) {
    case 'expr':
      return [exprDoc(s.expr, 'statement'), ';'];
    case 'declare':
      return declarationDoc(s.keyword, s.name, s.type, s.init, true);
    case 'if':
      return ifDoc(s);
    case 'block':
      return blockDoc(s.body);
    case 'return':
      return s.value ? ['return ', returnArgument(s.value), ';'] : 'return;';
    case 'continue':
      return 'continue;';
    case 'forIn':
      return ['for (', declarationDoc('const', s.key, undefined, undefined, false), ' in ', exprDoc(s.object, 'other'), ') ', blockDoc(s.body)];
    case 'forIndex': {
      const i = { kind: 'id', name: s.index } as const;
      const init = declarationDoc('let', s.index, undefined, { kind: 'literal', text: '0' }, false);
      const test = binaryishDoc({ kind: 'binary', op: '<', left: i, right: { kind: 'member', target: s.array, name: 'length', optional: false } }, 'for');
      const loop = group([indent([softline, init, ';', line, test, ';', line, `${s.index}++`]), softline]);
      return ['for (', loop, ') ', blockDoc(s.body)];
    }
    case 'switch': {
      const head = group(['switch (', indent([softline, exprDoc(s.on, 'other')]), softline, ')']);
      const clause = (label: Doc, body: Stmt): Doc =>
        body.kind === 'block' ? [label, ' ', blockDoc(body.body)] : [label, indent([hardline, stmtDoc(body)])];
      const cases = s.cases.map((c) => clause(['case ', exprDoc(c.test, 'other'), ':'], c.body));
      return [head, ' {', indent([hardline, join(hardline, [...cases, clause('default:', s.otherwise)])]), hardline, '}'];
    }
  }
}

/**
 * `if (test) then` with an optional `else`: a braced body stays on the line, any other breaks
 * onto the next line when the whole does not fit. The test breaks inside its parentheses,
 * except a `!(a && b)`, whose own parentheses do that.
 */
function ifDoc(s: Stmt & { kind: 'if' }): Doc {
  const test = isNegatedChain(s.test)
    ? exprDoc(s.test, 'if')
    : group([indent([softline, exprDoc(s.test, 'if')]), softline]);
  const opening = group(['if (', test, ')', clause(s.then, false)]);
  if (!s.otherwise) return opening;
  const blockThen = s.then.kind === 'block';
  return [opening, blockThen ? ' ' : hardline, 'else', group(clause(s.otherwise, true))];
}

/** The body of an `if` or `else`: a block or `else if` after a space, anything else indented. */
function clause(body: Stmt, isElse: boolean): Doc {
  if (body.kind === 'block' || (isElse && body.kind === 'if')) return [' ', stmtDoc(body)];
  return indent([line, stmtDoc(body)]);
}

const isNegatedChain = (e: Expr): boolean =>
  e.kind === 'not' &&
  (e.operand.kind === 'logical' || (e.operand.kind === 'not' && e.operand.operand.kind === 'logical'));

/** A `return` argument: a chain of operators breaks inside parentheses of its own. */
function returnArgument(e: Expr): Doc {
  if (!isBinaryish(e)) return exprDoc(e, 'other');
  return group([ifBreak('('), indent([softline, binaryishDoc(e, 'return')]), softline, ifBreak(')')]);
}

/**
 * `const name = init;` in the layout prettier picks for the initializer: a chain of operators, a
 * string or a plain read (`value.x`, `f(value)`) breaks after `=` first; a number never does;
 * anything else (`new Set(…)`, arrays) breaks inside itself first ("fluid").
 */
function declarationDoc(keyword: string, name: string, type: string | undefined, init: Expr | undefined, semicolon: boolean): Doc {
  const left = type === undefined ? name : [name, ': ', type];
  if (init === undefined) return group([keyword, ' ', left]);
  const right = isBinaryish(init) ? binaryishDoc(init, 'declarator') : exprDoc(init, 'other');
  let declarator: Doc;
  if (isBinaryish(init) || isStringLiteral(init) || isPoorlyBreakableChain(init, false)) {
    declarator = group([group(left), ' =', group(indent([line, right]))]);
  } else if (init.kind === 'literal' && /^([0-9]|true$|false$)/.test(init.text)) {
    declarator = group([group(left), ' =', ' ', right]);
  } else {
    const id = Symbol('assignment');
    declarator = group([group(left), ' =', group(indent(line), { id }), lineSuffixBoundary, indentIfBreak(right, { groupId: id })]);
  }
  return group([keyword, ' ', declarator, semicolon ? ';' : '']);
}

/** Member reads and calls with at most one short argument, down to a name: nothing in them breaks well. */
function isPoorlyBreakableChain(e: Expr, deep: boolean): boolean {
  switch (e.kind) {
    case 'id':
      return deep;
    case 'member':
      return isPoorlyBreakableChain(e.target, true);
    case 'index':
      return isPoorlyBreakableChain(e.target, true);
    case 'call': {
      if (e.args.length > 1) return false;
      const [arg] = e.args;
      // Prettier's "lone short argument" test, for the only case guards write: a short name.
      if (arg && !(arg.kind === 'id' && arg.name.length <= 10)) throw new Unsupported('a call initializer');
      return isPoorlyBreakableChain(e.callee, true);
    }
    default:
      return false;
  }
}

// --- Expressions ----------------------------------------------------------------------------

/**
 * Where an expression sits, for the few layouts that depend on it: a chain of operators is laid
 * out differently in an `if` test, after `!`, in a `return`, a loop test or an initializer.
 */
type Place = 'if' | 'unary' | 'return' | 'for' | 'declarator' | 'statement' | 'other';

const isBinaryish = (e: Expr): e is Expr & { kind: 'binary' | 'logical' } =>
  e.kind === 'binary' || (e.kind === 'logical' && e.operands.length >= 2);
const isStringLiteral = (e: Expr) => e.kind === 'literal' && /^["']/.test(e.text);
const isNumberLiteral = (e: Expr) => e.kind === 'literal' && /^-?[0-9.]/.test(e.text);

function exprDoc(e: Expr, place: Place): Doc {
  switch (e.kind) {
    case 'id':
      return e.name;
    case 'literal':
      return literalDoc(e.text);
    case 'member':
      return [plainTarget(e.target), e.optional ? '?.' : '', lookup(e.name, e.optional)];
    case 'index':
      return [plainTarget(e.target), group(['[', indent([softline, exprDoc(e.index, 'other')]), softline, ']'])];
    case 'call':
      return callDoc(e.callee, e.args);
    case 'new':
      return ['new ', e.callee, e.typeArg === undefined ? '' : `<${e.typeArg}>`, argumentsDoc(e.args)];
    case 'array':
      return arrayDoc(e.elements);
    case 'typeof':
      return ['typeof ', unaryOperand(e.operand)];
    case 'not':
      return ['!', unaryOperand(e.operand)];
    case 'binary':
    case 'logical':
      // A chain of one (`and([x])` returns `x`, so this is only ever a lone operand).
      if (e.kind === 'logical' && e.operands.length === 1) return exprDoc(e.operands[0]!, place);
      return binaryishDoc(e as Expr & { kind: 'binary' | 'logical' }, place);
    case 'as':
      return [exprDoc(e.expr, 'other'), ' as ', e.type];
    case 'increment':
      return `${e.name}++`;
    default:
      throw new Unsupported(`a ${e.kind} expression`);
  }
}

/** The object of a member read or call: guards only ever read from a name. */
function plainTarget(e: Expr): string {
  if (e.kind !== 'id') throw new Unsupported('a member of a member');
  return e.name;
}

/** `.name`, or `['x-y']` for a key that is not an identifier. */
function lookup(name: string, optional: boolean): Doc {
  if (isIdentifier(name) && name !== '__proto__') return optional ? name : `.${name}`;
  if (optional) throw new Unsupported('an optional computed member');
  return group(['[', indent([softline, prettierString(JSON.stringify(name))]), softline, ']']);
}

function unaryOperand(e: Expr): Doc {
  if (!isBinaryish(e)) {
    if (e.kind === 'conditional' || e.kind === 'as') throw new Unsupported('a unary operand in parentheses');
    return exprDoc(e, 'other');
  }
  return ['(', binaryishDoc(e, 'unary'), ')'];
}

function literalDoc(text: string): Doc {
  if (/^["']/.test(text)) return prettierString(text);
  const number = /^(-?)([0-9][0-9.e+-]*)$/.exec(text);
  if (number) return `${number[1]}${prettierNumber(number[2]!)}`;
  if (['null', 'true', 'false', 'undefined'].includes(text)) return text;
  throw new Unsupported(`the literal ${text}`);
}

/**
 * A call. On a method (`issues.push(…)`, `Number.isInteger(…)`) prettier's member-chain printer
 * keeps a chain of one call on one group; a plain function call is its name and arguments.
 */
function callDoc(callee: Expr, args: Expr[]): Doc {
  if (callee.kind === 'id') return [callee.name, argumentsDoc(args)];
  if (callee.kind === 'member' && !callee.optional && isIdentifier(callee.name))
    return group([plainTarget(callee.target), '.', callee.name, argumentsDoc(args)]);
  throw new Unsupported('a call on a computed callee');
}

/**
 * Arguments break one a line with a trailing comma; a last argument that is an array "hugs"
 * the parentheses instead when it can (`new Set([` … `])`), as prettier tries first.
 */
function argumentsDoc(args: Expr[]): Doc {
  if (args.length === 0) return '()';
  const printed = args.map((a, i) => (i === args.length - 1 ? argumentDoc(a) : [argumentDoc(a), ',', line]));
  const allBrokenOut = () => group(['(', indent([line, ...printed]), ',', line, ')'], { shouldBreak: true });
  const last = args.at(-1)!;
  const before = args.at(-2);
  const hugsLast =
    last.kind === 'array' &&
    last.elements.length > 0 &&
    before?.kind !== 'array' &&
    !(args.length > 1 && isConcise(last.elements));
  if (!hugsLast) return group(['(', indent([softline, ...printed]), ifBreak(','), softline, ')']);
  const head = printed.slice(0, -1);
  if (head.some(willBreak)) return allBrokenOut();
  const hugged = argumentDoc(last);
  if (willBreak(hugged))
    return [breakParent, conditionalGroup([['(', ...head, group(hugged, { shouldBreak: true }), ')'], allBrokenOut()])];
  return conditionalGroup([
    ['(', ...head, hugged, ')'],
    ['(', ...head, group(hugged, { shouldBreak: true }), ')'],
    allBrokenOut(),
  ]);
}

function argumentDoc(e: Expr): Doc {
  if (e.kind === 'conditional' || e.kind === 'as') throw new Unsupported(`a ${e.kind} argument`);
  return exprDoc(e, 'other');
}

/** Numbers only: prettier fills as many as fit on each line. */
const isConcise = (elements: Expr[]): boolean => elements.length > 0 && elements.every(isNumberLiteral);

function arrayDoc(elements: Expr[]): Doc {
  if (elements.length === 0) return '[]';
  for (const e of elements)
    if (e.kind !== 'literal' || /^[[{]/.test(e.text)) throw new Unsupported('an array of other than plain values');
  const id = Symbol('array');
  if (isConcise(elements)) {
    const parts: Doc[] = [];
    elements.forEach((e, i) => {
      const last = i === elements.length - 1;
      parts.push([exprDoc(e, 'other'), last ? ifBreak(',', '', { groupId: id }) : ',']);
      if (!last) parts.push(line);
    });
    return group(['[', indent([softline, fill(parts)]), softline, ']'], { id });
  }
  const items = join([',', line], elements.map((e) => group(exprDoc(e, 'other'))));
  return group(['[', indent([softline, items, ifBreak(',')]), softline, ']'], { id });
}

// --- Operator chains ------------------------------------------------------------------------

type Chain = { type: 'logical' | 'binary'; op: string; left: Expr; right: Expr };

/** A chain as prettier's tree has it: `a && b && c` is `(a && b) && c`. */
function split(e: Expr & { kind: 'binary' | 'logical' }): Chain {
  if (e.kind === 'binary') return { type: 'binary', op: e.op, left: e.left, right: e.right };
  const left: Expr = e.operands.length === 2 ? e.operands[0]! : { ...e, operands: e.operands.slice(0, -1) };
  return { type: 'logical', op: e.op, left, right: e.operands.at(-1)! };
}

const typeOfExpr = (e: Expr) => (isBinaryish(e) ? (e.kind === 'binary' ? 'binary' : 'logical') : e.kind);

const PRECEDENCE: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '===': 3,
  '!==': 3,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '+': 5,
} satisfies Record<BinaryOp | '&&' | '||', number>;
const EQUALITY = new Set(['===', '!==']);

/** Whether `a op1 b op2 c` prints as one flat chain (equality operators do not chain). */
const flattens = (parentOp: string, op: string) =>
  PRECEDENCE[parentOp] === PRECEDENCE[op] && !(EQUALITY.has(parentOp) && EQUALITY.has(op));

/**
 * A chain of operators in the layout prettier gives it at `place`: each operator ends a line
 * when the chain breaks; the operands after the first are indented except where the place
 * indents already (a `return`'s parentheses, a loop test, an initializer after `=`).
 */
function binaryishDoc(e: Expr & { kind: 'binary' | 'logical' }, place: Place | Chain['type']): Doc {
  const parts = chainParts(e, place, place === 'if');
  if (place === 'if') return parts;
  if (place === 'unary') return group([indent([softline, ...parts]), softline]);
  if (place === 'return' || place === 'for' || place === 'declarator') return group(parts);
  return group([parts[0]!, indent(parts.slice(1))]);
}

/** `parentType` is the kind of what holds the chain: another chain's type, or a place. */
function chainParts(e: Expr & { kind: 'binary' | 'logical' }, parentType: string, insideIf: boolean): Doc[] {
  const node = split(e);
  const left = node.left;
  const parts: Doc[] =
    isBinaryish(left) && flattens(node.op, split(left).op)
      ? chainParts(left, node.type, insideIf)
      : [group(operandDoc(left, node, 'left'))];
  let right: Doc = [node.op, line, operandDoc(node.right, node, 'right')];
  const grouped =
    !(insideIf && node.type === 'logical') &&
    parentType !== node.type &&
    typeOfExpr(left) !== node.type &&
    typeOfExpr(node.right) !== node.type;
  if (grouped) right = group(right);
  parts.push(' ', right);
  return parts;
}

/** An operand of a chain, in the parentheses prettier adds (mixed `&&`/`||` always get them). */
function operandDoc(e: Expr, parent: Chain, side: 'left' | 'right'): Doc {
  if (!isBinaryish(e)) {
    if (e.kind === 'conditional' || e.kind === 'as') throw new Unsupported(`a ${e.kind} operand`);
    return exprDoc(e, 'other');
  }
  const op = split(e).op;
  const p = PRECEDENCE[parent.op]!;
  const q = PRECEDENCE[op]!;
  const mixedLogical = parent.type === 'logical' && e.kind === 'logical' && op !== parent.op;
  const parens = p > q || (p === q && (side === 'right' || !flattens(parent.op, op))) || mixedLogical;
  const doc = binaryishDoc(e, parent.type);
  return parens ? ['(', doc, ')'] : doc;
}
