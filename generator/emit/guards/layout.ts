/**
 * Lays out a guard module exactly as prettier would print it, from the module's tree rather
 * than its text: each construct becomes the same prettier `Doc` that prettier's estree printer
 * builds for it (group, indent, line …), and the doc printer does the rest. Only the constructs
 * guards use are covered, and each one only in the forms whose layout rules are mirrored here;
 * anything else throws `Unsupported`, and the module goes through prettier as before. This file
 * has the module and its statements; layout-expr.ts the expressions.
 * test/generator/guard-layout.test.ts holds every laid-out module to `prettier.format`.
 */
import { builders, type Doc, flatLine, prettierString, printDoc } from '../layout.js';
import type { Expr, Stmt } from './ast.js';
import type { GuardFunction, Param } from './context.js';
import { binaryishDoc, exprDoc, isBinaryish, isStringLiteral, Unsupported } from './layout-expr.js';

const { group, hardline, ifBreak, indent, indentIfBreak, join, line, lineSuffixBoundary, softline } = builders;

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
    blockDoc(f.body, 0),
  ];
}

function paramDoc([name, type]: Param): Doc {
  const parts = type.split(' | ');
  if (parts.length === 1) return `${name}: ${type}`;
  // A union type annotation: it would break before each `|`, indented.
  return [name, ': ', group(indent([ifBreak([line, '| ']), join([line, '| '], parts)]))];
}

// --- Statements -----------------------------------------------------------------------------

/** A block owned by a statement `level` indents deep: its statements are one level deeper. */
function blockDoc(body: Stmt[], level: number): Doc {
  if (body.length === 0) return '{}';
  return ['{', indent([hardline, join(hardline, body.map((s) => lineStmtDoc(s, level + 1)))]), hardline, '}'];
}

/** A statement that starts a line `level` indents deep: as one line of text when it prints as one. */
function lineStmtDoc(s: Stmt, level: number): Doc {
  const doc = stmtDoc(s, level);
  return flatLine(doc, level) ?? doc;
}

function stmtDoc(s: Stmt, level: number): Doc {
  switch (s.kind) {
    case 'expr':
      return [exprDoc(s.expr, 'statement'), ';'];
    case 'declare':
      return declarationDoc(s.keyword, s.name, s.type, s.init, true);
    case 'if':
      return ifDoc(s, level);
    case 'block':
      return blockDoc(s.body, level);
    case 'return':
      return s.value ? ['return ', returnArgument(s.value), ';'] : 'return;';
    case 'continue':
      return 'continue;';
    case 'forIn':
      return ['for (', declarationDoc('const', s.key, undefined, undefined, false), ' in ', exprDoc(s.object, 'other'), ') ', blockDoc(s.body, level)];
    case 'forIndex': {
      const i = { kind: 'id', name: s.index } as const;
      const init = declarationDoc('let', s.index, undefined, { kind: 'literal', text: '0' }, false);
      const test = binaryishDoc({ kind: 'binary', op: '<', left: i, right: { kind: 'member', target: s.array, name: 'length', optional: false } }, 'for');
      const loop = group([indent([softline, init, ';', line, test, ';', line, `${s.index}++`]), softline]);
      return ['for (', loop, ') ', blockDoc(s.body, level)];
    }
    case 'switch': {
      const head = group(['switch (', indent([softline, exprDoc(s.on, 'other')]), softline, ')']);
      // Case labels sit one level in, their statements two.
      const clause = (label: Doc, body: Stmt): Doc =>
        body.kind === 'block'
          ? [label, ' ', blockDoc(body.body, level + 1)]
          : [label, indent([hardline, lineStmtDoc(body, level + 2)])];
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
function ifDoc(s: Stmt & { kind: 'if' }, level: number): Doc {
  const test = isNegatedChain(s.test)
    ? exprDoc(s.test, 'if')
    : group([indent([softline, exprDoc(s.test, 'if')]), softline]);
  const opening = group(['if (', test, ')', clause(s.then, false, level)]);
  if (!s.otherwise) return opening;
  const blockThen = s.then.kind === 'block';
  return [opening, blockThen ? ' ' : hardline, 'else', group(clause(s.otherwise, true, level))];
}

/** The body of an `if` or `else`: a block or `else if` after a space, anything else indented. */
function clause(body: Stmt, isElse: boolean, level: number): Doc {
  if (body.kind === 'block' || (isElse && body.kind === 'if')) return [' ', stmtDoc(body, level)];
  return indent([line, stmtDoc(body, level + 1)]);
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
