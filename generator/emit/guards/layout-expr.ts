/**
 * The expressions of guard code as prettier `Doc`s, for layout.ts: names, literals in prettier's
 * spelling, member reads, calls and their arguments, arrays, and chains of operators, whose
 * grouping, indentation and parentheses follow prettier's binaryish printer. Part of layout.ts,
 * kept apart for size.
 */
import * as prettierDoc from 'prettier/doc';
import { isIdentifier } from '../../core/names.js';
import { builders, type Doc, prettierNumber, prettierString } from '../layout.js';
import type { Expr } from './ast.js';
import { OPERATOR_PRECEDENCE } from './print.js';

const { breakParent, conditionalGroup, fill, group, ifBreak, indent, join, line, softline } = builders;
const { willBreak } = prettierDoc.utils;

/** A construct whose prettier layout is not mirrored here: its module goes through prettier. */
export class Unsupported extends Error {}

/**
 * Where an expression sits, for the few layouts that depend on it: a chain of operators is laid
 * out differently in an `if` test, after `!`, in a `return`, a loop test or an initializer.
 */
export type Place = 'if' | 'unary' | 'return' | 'for' | 'declarator' | 'statement' | 'other';

export const isBinaryish = (e: Expr): e is Expr & { kind: 'binary' | 'logical' } =>
  e.kind === 'binary' || (e.kind === 'logical' && e.operands.length >= 2);
export const isStringLiteral = (e: Expr) => e.kind === 'literal' && /^["']/.test(e.text);
const isNumberLiteral = (e: Expr) => e.kind === 'literal' && /^-?[0-9.]/.test(e.text);

export function exprDoc(e: Expr, place: Place): Doc {
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

const PRECEDENCE: Record<string, number> = OPERATOR_PRECEDENCE;
const EQUALITY = new Set(['===', '!==']);

/** Whether `a op1 b op2 c` prints as one flat chain (equality operators do not chain). */
const flattens = (parentOp: string, op: string) =>
  PRECEDENCE[parentOp] === PRECEDENCE[op] && !(EQUALITY.has(parentOp) && EQUALITY.has(op));

/**
 * A chain of operators in the layout prettier gives it at `place`: each operator ends a line
 * when the chain breaks; the operands after the first are indented except where the place
 * indents already (a `return`'s parentheses, a loop test, an initializer after `=`).
 */
export function binaryishDoc(e: Expr & { kind: 'binary' | 'logical' }, place: Place | Chain['type']): Doc {
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
