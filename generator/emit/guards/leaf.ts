/**
 * Checks for leaf schemas (string, number, integer, boolean, null, enum) as a list of rules:
 * a condition that holds when the value is fine, and the issue to report when it does not.
 * The `is…` guards join the conditions with `&&`; the `validate…` guards report each failure.
 * The first rule is always the type check; the others run only once the type is right.
 */
import type { EnumNode, NumberNode, SchemaNode, StringNode } from '../../ir/types.js';
import { jsonLiteral, stringLiteral } from '../escape.js';
import { constant, helper, type ModuleContext, warnUnenforced } from './context.js';
import { isOpenableEnum } from './analysis.js';

export interface Rule {
  /** Boolean expression, true when the value passes. */
  ok: string;
  /** Expression building the `ValidationIssue` for a failure; a thunk so that only the
   *  helpers `validate…` really uses get imported. */
  issue: () => string;
}

export interface Leaf {
  /** Variable holding the value. */
  x: string;
  /** Expression for the value's JSON pointer. */
  path: string;
  /** Base for constant names, e.g. the property name. */
  hint: string;
}

/** Rules for a leaf node; `undefined` for nodes that need functions of their own. */
export function leafRules(node: SchemaNode, leaf: Leaf, ctx: ModuleContext): Rule[] | undefined {
  const { x, path } = leaf;
  switch (node.kind) {
    case 'string':
      return stringRules(node, leaf, ctx);
    case 'number':
    case 'integer':
      return numberRules(node, leaf, ctx);
    case 'boolean':
      return [
        {
          ok: `typeof ${x} === 'boolean'`,
          issue: () => `${helper(ctx, 'typeIssue')}(${path}, ${expectedType(node)}, ${x})`,
        },
      ];
    case 'null':
      return [{ ok: `${x} === null`, issue: () => `${helper(ctx, 'typeIssue')}(${path}, 'null', ${x})` }];
    case 'enum':
      return [enumRule(node, leaf, ctx)];
    case 'unknown':
      return [];
    default:
      return undefined;
  }
}

/**
 * `!(cond)`, written the way a person would when `cond` is one equality:
 * `typeof x !== 'string'` rather than `!(typeof x === 'string')`.
 */
export function negate(cond: string): string {
  const equality =
    /^((?:typeof )?[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\["(?:[^"\\]|\\.)*"\])*) === ('[a-z]+'|"(?:[^"\\]|\\.)*"|-?[\w.+-]+)$/.exec(
      cond,
    );
  return equality ? `${equality[1]} !== ${equality[2]}` : `!(${cond})`;
}

/** `'string'`, or `'string or null'` when null is accepted too, as a literal for messages. */
function expectedType(node: SchemaNode): string {
  return `'${node.kind}${node.nullable ? ' or null' : ''}'`;
}

/** Enum values a value of the declared type can take (`type: integer` cannot be 1.5). */
function possibleValues(node: EnumNode): EnumNode['values'] {
  const fits = (v: unknown) =>
    v === null ||
    node.baseType === undefined ||
    (node.baseType === 'integer' ? Number.isInteger(v) : typeof v === node.baseType);
  return node.values.filter(fits);
}

function enumRule(node: EnumNode, { x, path, hint }: Leaf, ctx: ModuleContext): Rule {
  const values = possibleValues(node);
  const list = `[${values.map(jsonLiteral).join(', ')}]`;
  const single = values.length === 1;
  // Build the set from the list schemas.ts exports, unless the guard must drop values of the wrong type.
  const exported = values.length === node.values.length ? ctx.enumValueNames.get(node) : undefined;
  if (exported && !single) ctx.schemaValueImports.add(exported);
  const set = single ? list : constant(ctx, `${hint}Values`, `new Set<unknown>(${exported ?? list})`);
  const test =
    values.length === 0 ? 'false' : single ? `${x} === ${jsonLiteral(values[0])}` : `${set}.has(${x})`;
  // `strictEnums: false` lets unknown strings through: Telnyx adds values to its enums over time.
  const open = isOpenableEnum(node);
  const ok =
    open && values.length > 1
      ? `${helper(ctx, 'inEnum')}(${set}, ${x}, options)`
      : open
        ? `(${test} || (options?.strictEnums === false && typeof ${x} === 'string'))`
        : test;
  return { ok, issue: () => `${helper(ctx, 'enumIssue')}(${path}, ${set}, ${x})` };
}

/** String formats the guards enforce, and the support helper that checks each. */
const STRING_FORMATS: Record<
  string,
  'isUuid' | 'isDateTime' | 'isDate' | 'isUri' | 'isEmail' | 'isJsonPointer'
> = {
  uuid: 'isUuid',
  'date-time': 'isDateTime',
  date: 'isDate',
  uri: 'isUri',
  email: 'isEmail',
  'json-pointer': 'isJsonPointer',
};

function stringRules(node: StringNode, { x, path, hint }: Leaf, ctx: ModuleContext): Rule[] {
  const rules: Rule[] = [
    {
      ok: `typeof ${x} === 'string'`,
      issue: () => `${helper(ctx, 'typeIssue')}(${path}, ${expectedType(node)}, ${x})`,
    },
  ];
  const format = node.format;
  if (format !== undefined) {
    const check = Object.prototype.hasOwnProperty.call(STRING_FORMATS, format)
      ? STRING_FORMATS[format]
      : undefined;
    if (check) {
      rules.push({
        ok: `${helper(ctx, check)}(${x})`,
        issue: () => `${helper(ctx, 'formatIssue')}(${path}, ${stringLiteral(format)}, ${x})`,
      });
    } else
      warnUnenforced(
        ctx,
        'format-unenforced',
        node,
        `format ${JSON.stringify(format)} on a string is not checked by the guards`,
      );
  }
  if (node.minLength !== undefined) {
    rules.push({
      ok: `${helper(ctx, 'hasMinLength')}(${x}, ${node.minLength})`,
      issue: () => `${helper(ctx, 'lengthIssue')}(${path}, 'minLength', ${node.minLength}, ${x})`,
    });
  }
  if (node.maxLength !== undefined) {
    rules.push({
      ok: `${helper(ctx, 'hasMaxLength')}(${x}, ${node.maxLength})`,
      issue: () => `${helper(ctx, 'lengthIssue')}(${path}, 'maxLength', ${node.maxLength}, ${x})`,
    });
  }
  if (node.pattern !== undefined) {
    const pattern = compilePattern(node, hint, ctx);
    if (pattern)
      rules.push({
        ok: `${pattern}.test(${x})`,
        issue: () => `${helper(ctx, 'patternIssue')}(${path}, ${pattern}, ${x})`,
      });
  }
  return rules;
}

/** Compiled once, at module level, with the `u` flag JSON Schema regexes assume. */
function compilePattern(node: StringNode, hint: string, ctx: ModuleContext): string | undefined {
  const source = node.pattern!;
  try {
    new RegExp(source, 'u');
  } catch {
    warnUnenforced(
      ctx,
      'keyword-unenforced',
      node,
      `pattern ${JSON.stringify(source)} is not a valid Unicode regular expression; it is not checked`,
    );
    return undefined;
  }
  return constant(ctx, `${hint}Pattern`, `new RegExp(${stringLiteral(source)}, 'u')`);
}

/** int64 is checked against its real range; JSON numbers past 2^53 have lost precision already. */
const INTEGER_FORMATS: Record<string, [number, number] | undefined> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int64: [-(2 ** 63), 2 ** 63],
};

function numberRules(node: NumberNode, { x, path }: Leaf, ctx: ModuleContext): Rule[] {
  const integer = node.kind === 'integer';
  const type = integer
    ? `typeof ${x} === 'number' && Number.isInteger(${x})`
    : `typeof ${x} === 'number' && Number.isFinite(${x})`;
  const rules: Rule[] = [
    { ok: type, issue: () => `${helper(ctx, 'typeIssue')}(${path}, ${expectedType(node)}, ${x})` },
  ];
  const range = node.format === undefined ? undefined : INTEGER_FORMATS[node.format];
  if (range) {
    // int64's upper bound 2^63 - 1 is not a double; `< 2^63` is the same test on doubles.
    const upper = node.format === 'int64' ? `${x} < ${range[1]}` : `${x} <= ${range[1]}`;
    const whole = integer ? '' : `Number.isInteger(${x}) && `;
    rules.push({
      ok: `${whole}${x} >= ${range[0]} && ${upper}`,
      issue: () => `${helper(ctx, 'formatIssue')}(${path}, '${node.format}', ${x})`,
    });
  } else if (node.format !== undefined && node.format !== 'float' && node.format !== 'double') {
    warnUnenforced(
      ctx,
      'format-unenforced',
      node,
      `format ${JSON.stringify(node.format)} on a number is not checked by the guards`,
    );
  }
  const bounds = [
    ['minimum', '>=', node.minimum],
    ['maximum', '<=', node.maximum],
    ['exclusiveMinimum', '>', node.exclusiveMinimum],
    ['exclusiveMaximum', '<', node.exclusiveMaximum],
  ] as const;
  for (const [keyword, op, limit] of bounds) {
    if (limit !== undefined)
      rules.push({
        ok: `${x} ${op} ${limit}`,
        issue: () => `${helper(ctx, 'rangeIssue')}(${path}, '${keyword}', ${limit}, ${x})`,
      });
  }
  if (node.multipleOf !== undefined) {
    rules.push({
      ok: `${helper(ctx, 'isMultipleOf')}(${x}, ${node.multipleOf})`,
      issue: () => `${helper(ctx, 'multipleOfIssue')}(${path}, ${node.multipleOf}, ${x})`,
    });
  }
  return rules;
}
