/**
 * What the guards check, decided once per schema node (walk.ts) and written out twice: as the
 * `is…`/`match…` functions that return false at the first failure (render-match.ts), and as the
 * `check…` functions that push an issue for every failure (render-check.ts). Everything here is
 * about the value and its keywords; nothing here says how a failure is reported.
 */
import { type Expr, id, type Stmt } from './ast.js';

/** The checked value and its JSON pointer inside a generated function (their parameters). */
export const VALUE = id('value');
export const PATH = id('path');

/** One keyword of a leaf: `ok` (over `SUBJECT`) holds when the value passes. */
export interface Rule {
  ok: Expr;
  /** The `ValidationIssue` for a failure at `path`; built only when a `check…` reports it. */
  issue: (path: Expr) => Expr;
}

/**
 * What a value must satisfy to match one schema node, wherever the value is read from:
 * inline rules for a leaf, the guard of a named schema, or a function of its own for an
 * object, array, union or allOf (which then accepts `null` itself when nullable).
 */
export type NodeRules = LeafRules | SchemaRules | { kind: 'nested'; fn: NestedFunction };

export interface LeafRules {
  kind: 'leaf';
  rules: Rule[];
  /** Nullable: `null` passes without the rules. */
  orNull: boolean;
}

/** A named schema: its `is…`/`match…` and `check…` functions, and what they take after the value. */
export interface SchemaRules {
  kind: 'schema';
  /** Nullable: `null` passes without calling the guard. */
  orNull: boolean;
  matchName: string;
  checkName: string;
  args: Expr[];
}

/** A hoisted `match<Name>`/`check<Name>` pair, checking its parameter `value` at `path`. */
export interface NestedFunction {
  name: string;
  body: Step[];
}

/** A node with nothing to check (`{}`): no code at all is written for it. */
export const isEmpty = (rules: NodeRules): boolean => rules.kind === 'leaf' && rules.rules.length === 0;

/** One property of an object, read from `value`. */
export interface PropertyRules {
  /** The name on the wire. */
  name: string;
  read: Expr;
  path: Expr;
  required: boolean;
  /**
   * Conditions that hold unless `x` is a `null` the caller accepts: a received optional field
   * may be `null` under `strictNulls: false` (`nullAllowed(x, options)`); none for other fields.
   */
  nullRefused: (x: Expr) => Expr[];
  rules: NodeRules;
  /**
   * A bare optional string or boolean, which one support helper call checks; `type` is its
   * only rule.
   */
  shortcut: { helper: 'optionalString' | 'optionalBoolean'; type: Rule } | undefined;
  /** The rules fail on `undefined` by themselves, so a missing required value needs no test. */
  rejectsUndefined: boolean;
  missing: () => Expr;
}

/** One step of a function body, in order. */
export type Step =
  /** A failure here ends the function: the value's type is wrong, or it nests too deep. */
  | { kind: 'stop'; fails: Expr; issue: () => Expr }
  /** A failure here is reported, and checking goes on. */
  | { kind: 'fail'; fails: Expr; issue: () => Expr }
  /** A nullable object, array or union: `null` is valid, and nothing else applies to it. */
  | { kind: 'acceptNull' }
  | { kind: 'property'; property: PropertyRules }
  /**
   * `subject` against a node: an item, an extra key, an allOf part, a leaf schema. `path` is
   * its JSON pointer, built (like the issues) only when a `check…` reports it.
   */
  | { kind: 'check'; subject: Expr; path: () => Expr; rules: NodeRules }
  /** Steps repeated for each key or item; `head` wraps them in the loop statement. */
  | { kind: 'loop'; head: (body: Stmt[]) => Stmt; body: Step[] }
  /** A statement both renderings write alike (a local, a `continue`). */
  | { kind: 'same'; stmt: Stmt }
  /** `if (value matches rules) counter++`, for `oneOf`. */
  | { kind: 'count'; counter: string; rules: NodeRules }
  /** `const name = value matches rules`, for a later step to read. */
  | { kind: 'flag'; name: string; rules: NodeRules }
  /** The function's final answer: the value is valid when `ok` holds. */
  | { kind: 'verdict'; ok: Expr; issue: () => Expr }
  /** `anyOf`: the value is valid when it matches one of `variants`. */
  | { kind: 'anyOf'; variants: NodeRules[]; issue: () => Expr }
  /** `uniqueItems`: `find` returns the first pair of equal items, or undefined. */
  | { kind: 'duplicates'; find: Expr; issue: (found: Expr) => Expr }
  /** A discriminated union: the value of `on` picks the named schema the value must match. */
  | {
      kind: 'switch';
      on: Expr;
      cases: Array<{ value: Expr; rules: SchemaRules }>;
      issue: (got: Expr) => Expr;
    };
