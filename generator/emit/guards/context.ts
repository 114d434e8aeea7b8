/**
 * State for writing one guard module: the names it has taken, the module-level constants it
 * needs (enum sets, compiled patterns), what it imports, and the diagnostics it reported.
 */
import type { Diagnostic } from '../../core/diagnostics.js';
import { camelWords, isReservedWord, toTypeName } from '../../core/names.js';
import type { Symbols } from '../../ir/symbols.js';
import type { NamedSchema, SchemaNode } from '../../ir/types.js';
import type { SchemaFacts } from './analysis.js';
import { stringLiteral } from '../escape.js';
import * as support from '../../../runtime/guard-support.js';
import { binary, call, conditional, type Expr, id, index, lit, member, type Stmt, UNDEFINED } from './ast.js';
import { printExpr } from './print.js';
import type { NestedFunction } from './rules.js';

/** Parameter and local names the generated functions use themselves. */
const FIXED_NAMES = [
  'value',
  'path',
  'issues',
  'strict',
  'depth',
  'options',
  'matches',
  'i',
  'item',
  'key',
  'result',
  'duplicate',
  'kind',
];

/** What the modules of one model share. */
export interface ModelScope {
  allFacts: ReadonlyMap<string, SchemaFacts>;
  /** Names of every schema's type and guards (a nested function's name must not take one). */
  symbols: Symbols;
  /** Enum nodes with an exported value list in `schemas.ts`, to its name (see enum-values.ts). */
  enumValueNames: ReadonlyMap<SchemaNode, string>;
  diagnostics: Diagnostic[];
}

export interface ModuleContext extends ModelScope {
  named: NamedSchema;
  facts: SchemaFacts;
  /** Named schemas whose guards this module calls (imported unless it is this one). */
  usedSchemas: Set<string>;
  /** Support helpers used, imported from `../core/guard-support.js`. */
  supportImports: Set<string>;
  /** Those value lists this module uses, imported from `../schemas.js`. */
  schemaValueImports: Set<string>;
  /** Module-level `const NAME = …;` initializers, by name. */
  constants: Map<string, Expr>;
  /** Base name (e.g. `CallPlaybackEndedPayload`) chosen for each hoisted node. */
  hoistedNames: Map<SchemaNode, string>;
  /** The hoisted function pair for each nested object, array, union or allOf node. */
  nested: Map<SchemaNode, NestedFunction>;
  /**
   * Local functions written so far, by name, in the order they were first needed (`undefined`
   * holds a function's place while its body is being written).
   */
  functions: { match: Map<string, GuardFunction | undefined>; check: Map<string, GuardFunction | undefined> };
}

/** A parameter: its name (with `?` when optional) and its type, as written. */
export type Param = readonly [name: string, type: string];

/** One function of a guard module, kept as a tree until the module is printed. */
export interface GuardFunction {
  /** The text of its one-line JSDoc comment, between `/** ` and ` *\/`. */
  doc?: string;
  exported: boolean;
  name: string;
  params: Param[];
  /** The return type as written (`value is Foo`, `void`). */
  returns: string;
  body: Stmt[];
}

export function createContext(named: NamedSchema, scope: ModelScope): ModuleContext {
  // Field by field rather than `...scope`: with the spread, every later `ctx.…` read was slower.
  return {
    allFacts: scope.allFacts,
    symbols: scope.symbols,
    enumValueNames: scope.enumValueNames,
    diagnostics: scope.diagnostics,
    named,
    facts: scope.allFacts.get(named.name)!,
    usedSchemas: new Set(),
    supportImports: new Set(),
    schemaValueImports: new Set(),
    constants: new Map(),
    hoistedNames: new Map(),
    nested: new Map(),
    functions: { match: new Map(), check: new Map() },
  };
}

/** Marks a support helper as used (so it gets imported) and returns its name. */
export function helper(ctx: ModuleContext, name: keyof typeof support): string {
  ctx.supportImports.add(name);
  return name;
}

/** The `Foo` in `matchFoo`/`checkFoo` for a nested node, e.g. `CallPlaybackEndedPayload`. */
export function hoistedName(ctx: ModuleContext, node: SchemaNode, hint: string): string {
  const existing = ctx.hoistedNames.get(node);
  if (existing) return existing;
  const taken = new Set(ctx.hoistedNames.values());
  const base = `${ctx.named.typeName}${hint}`;
  let name = base;
  for (let n = 2; taken.has(name) || ctx.symbols.typeNames.has(name); n++) name = `${base}${n}`;
  ctx.hoistedNames.set(node, name);
  return name;
}

/** Reads a property; names that also live on `Object.prototype` (`constructor`, `__proto__`) must be own. */
export function readProperty(ctx: ModuleContext, target: Expr, name: string): Expr {
  if (!(name in Object.prototype)) return member(target, name);
  const key = lit(stringLiteral(name));
  return conditional(call(helper(ctx, 'hasOwn'), target, key), index(target, key), UNDEFINED);
}

/** Adds a module-level constant under a readable UPPER_SNAKE name and returns that name. */
export function constant(ctx: ModuleContext, hint: string, initializer: Expr): string {
  const text = printExpr(initializer);
  for (const [name, init] of ctx.constants) if (printExpr(init) === text) return name;
  const base =
    hint
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/[^A-Za-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .toUpperCase() || 'VALUE';
  const safe = /^[0-9]/.test(base) ? `_${base}` : base;
  let name = safe;
  for (let n = 2; ctx.constants.has(name); n++) name = `${safe}_${n}`;
  ctx.constants.set(name, initializer);
  return name;
}

/** A camelCase local for a wire name, kept clear of every other name in the module. */
export function localName(wire: string, taken: Set<string>): string {
  const camel = camelWords(wire);
  let base = camel === '' || /^[0-9]/.test(camel) ? `field${toTypeName(camel || 'value')}` : camel;
  // Module-level names are helpers and `match…`/`check…`/`is…` functions: a trailing `_` keeps a local apart.
  const clashes =
    FIXED_NAMES.includes(base) ||
    isReservedWord(base) ||
    base in support ||
    /^(match|check|is|validate|assert)[A-Z0-9_]/.test(base);
  if (clashes) base = `${base}_`;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
  taken.add(name);
  return name;
}

/** Reports a keyword or format the guard cannot enforce (the walk meets each node once). */
export function warnUnenforced(
  ctx: ModuleContext,
  code: 'format-unenforced' | 'keyword-unenforced',
  node: SchemaNode,
  message: string,
): void {
  ctx.diagnostics.push({ code, severity: 'warning', pointer: node.pointer, message });
}

/**
 * The function that answers yes/no for a named schema: its public `is…`, which other guards call
 * too, or for a recursive schema the `match…` behind it, which also takes the depth.
 */
export function matchFunction(ctx: ModuleContext, schemaName: string): string {
  const names = ctx.symbols.schema(schemaName);
  return ctx.allFacts.get(schemaName)?.deep ? names.match : names.is;
}

/** How one guard module imports another: `./CallPlaybackEnded.js`. */
export function siblingModule(symbols: Symbols, schemaName: string): string {
  const module = symbols.schema(schemaName).guardModule;
  return `./${module.slice(module.lastIndexOf('/') + 1)}.js`;
}

export function typeNameOf(schemaName: string, ctx: ModuleContext): string {
  return ctx.symbols.schema(schemaName).type;
}

/** Arguments after the value for calling a named schema's `is…`/`match…`/`check…` functions. */
export function passAlong(ctx: ModuleContext, target: string): Expr[] {
  ctx.usedSchemas.add(target);
  const facts = ctx.allFacts.get(target);
  const args: Expr[] = [];
  if (facts && takesOptions(facts)) args.push(id('options'));
  if (facts?.deep) args.push(binary('+', id('depth'), lit('1')));
  return args;
}

/**
 * Whether a guard's functions take the caller's `options` along: when an open enum is reachable
 * (`strictEnums`), and on a recursive schema, so that `depth` always comes right after `options`.
 * The shared `invalid` helper (guard-support.ts) calls every `check…` as
 * `(value, path, issues, options, depth)`; each takes what it needs and ignores the rest.
 */
export function takesOptions(facts: SchemaFacts): boolean {
  return facts.strict || facts.deep;
}

/** This module's own extra parameters (`options`, `depth`), for its functions and calls between them. */
export function ownParams(ctx: ModuleContext): { declared: Param[]; passed: Expr[] } {
  if (ctx.facts.deep)
    return {
      declared: [
        ['options', 'GuardOptions | undefined'],
        ['depth', 'number'],
      ],
      passed: [id('options'), id('depth')],
    };
  if (takesOptions(ctx.facts)) return { declared: [['options?', 'GuardOptions']], passed: [id('options')] };
  return { declared: [], passed: [] };
}
