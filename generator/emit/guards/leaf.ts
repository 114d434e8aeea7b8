/**
 * Checks for leaf schemas (string, number, integer, boolean, null, enum) as a list of rules:
 * a condition that holds when the value is fine, and the issue to report when it does not.
 * The `is…` guards join the conditions with `&&`; the `check…` functions report each failure.
 * The first rule is always the type check; the others run only once the type is right.
 * Conditions read the value as `SUBJECT`; the caller decides where it is read from.
 */
import type { EnumNode, NumberNode, SchemaNode, StringNode } from '../../ir/types.js';
import { jsonLiteral, stringLiteral } from '../escape.js';
import {
  and,
  array,
  binary,
  type BinaryOp,
  call,
  eq,
  type Expr,
  FALSE,
  id,
  isType,
  lit,
  member,
  newOf,
  NULL,
  or,
  SUBJECT,
} from './ast.js';
import { constant, helper, type ModuleContext, warnUnenforced } from './context.js';
import { isOpenableEnum } from './analysis.js';
import type { Rule } from './rules.js';
import { type CheckedStringFormat, isCheckedStringFormat } from '../../ir/formats.js';

/** The checked value, wherever the caller reads it from. */
const x = SUBJECT;

/** Rules for a leaf node; `undefined` for nodes that need functions of their own. `hint` names constants. */
export function leafRules(node: SchemaNode, hint: string, ctx: ModuleContext): Rule[] | undefined {
  switch (node.kind) {
    case 'string':
      return stringRules(node, hint, ctx);
    case 'number':
    case 'integer':
      return numberRules(node, ctx);
    case 'boolean':
      return [typeRule(isType(x, 'boolean'), node, ctx)];
    case 'null':
      return [{ ok: eq(x, NULL), issue: (path) => call(helper(ctx, 'typeIssue'), path, lit("'null'"), x) }];
    case 'enum':
      return [enumRule(node, hint, ctx)];
    case 'unknown':
      return [];
    default:
      return undefined;
  }
}

/** The rule that the value has the node's JSON type. */
function typeRule(ok: Expr, node: SchemaNode, ctx: ModuleContext): Rule {
  return { ok, issue: (path) => call(helper(ctx, 'typeIssue'), path, lit(expectedType(node)), x) };
}

/** `'string'`, or `'string or null'` when null is accepted too, as a literal for messages. */
function expectedType(node: SchemaNode): string {
  return `'${node.kind}${node.nullable ? ' or null' : ''}'`;
}

function enumRule(node: EnumNode, hint: string, ctx: ModuleContext): Rule {
  // The model has read every value in the declared type (ir/schema.ts), so the guard takes the
  // values as they are, and builds its set from the list schemas.ts exports where there is one.
  const values = node.values;
  const list = array(values.map((v) => lit(jsonLiteral(v))));
  const single = values.length === 1;
  const exported = ctx.enumValueNames.get(node);
  if (exported && !single) ctx.schemaValueImports.add(exported);
  const set = single
    ? list
    : id(constant(ctx, `${hint}Values`, newOf('Set', 'unknown', exported ? id(exported) : list)));
  const test =
    values.length === 0 ? FALSE : single ? eq(x, lit(jsonLiteral(values[0]))) : call(member(set, 'has'), x);
  // `strictEnums: false` lets unknown strings through: Telnyx adds values to its enums over time.
  const open = isOpenableEnum(node);
  const lenient = and([eq(member(id('options'), 'strictEnums', true), FALSE), isType(x, 'string')]);
  const ok =
    open && values.length > 1
      ? call(helper(ctx, 'inEnum'), set, x, id('options'))
      : open
        ? or([test, lenient])
        : test;
  return { ok, issue: (path) => call(helper(ctx, 'enumIssue'), path, set, x) };
}

/** String formats the guards enforce, and the support helper that checks each. */
const STRING_FORMATS: Record<
  CheckedStringFormat,
  'isUuid' | 'isDateTime' | 'isDate' | 'isUri' | 'isEmail' | 'isJsonPointer'
> = {
  uuid: 'isUuid',
  'date-time': 'isDateTime',
  date: 'isDate',
  uri: 'isUri',
  email: 'isEmail',
  'json-pointer': 'isJsonPointer',
};

function stringRules(node: StringNode, hint: string, ctx: ModuleContext): Rule[] {
  // A file field: bytes, a stream or text, as the client's `Uploadable` type says.
  if (node.upload) {
    const issue = (path: Expr) => call(helper(ctx, 'typeIssue'), path, lit("'file (Blob, bytes, stream or string)'"), x);
    return [{ ok: call(helper(ctx, 'isUploadable'), x), issue }];
  }
  const rules: Rule[] = [typeRule(isType(x, 'string'), node, ctx)];
  const format = node.format;
  if (format !== undefined) {
    const check = isCheckedStringFormat(format) ? STRING_FORMATS[format] : undefined;
    if (check) {
      rules.push({
        ok: call(helper(ctx, check), x),
        issue: (path) => call(helper(ctx, 'formatIssue'), path, lit(stringLiteral(format)), x),
      });
    } else
      warnUnenforced(
        ctx,
        'format-unenforced',
        node,
        `format ${JSON.stringify(format)} on a string is not checked by the guards`,
      );
  }
  for (const [keyword, limit, test] of [
    ['minLength', node.minLength, 'hasMinLength'],
    ['maxLength', node.maxLength, 'hasMaxLength'],
  ] as const) {
    if (limit === undefined) continue;
    rules.push({
      ok: call(helper(ctx, test), x, lit(String(limit))),
      issue: (path) => call(helper(ctx, 'lengthIssue'), path, lit(`'${keyword}'`), lit(String(limit)), x),
    });
  }
  if (node.pattern !== undefined) {
    const pattern = compilePattern(node, hint, ctx);
    if (pattern)
      rules.push({
        ok: call(member(id(pattern), 'test'), x),
        issue: (path) => call(helper(ctx, 'patternIssue'), path, id(pattern), x),
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
  return constant(ctx, `${hint}Pattern`, newOf('RegExp', undefined, lit(stringLiteral(source)), lit("'u'")));
}

/** int64 is checked against its real range; JSON numbers past 2^53 have lost precision already. */
const INTEGER_FORMATS: Record<string, [number, number] | undefined> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int64: [-(2 ** 63), 2 ** 63],
};

function numberRules(node: NumberNode, ctx: ModuleContext): Rule[] {
  const integer = node.kind === 'integer';
  const number = (method: string) => call(member(id('Number'), method), x);
  const rules = [typeRule(and([isType(x, 'number'), number(integer ? 'isInteger' : 'isFinite')]), node, ctx)];
  const range = node.format === undefined ? undefined : INTEGER_FORMATS[node.format];
  if (range) {
    // int64's upper bound 2^63 - 1 is not a double; `< 2^63` is the same test on doubles.
    const upper = binary(node.format === 'int64' ? '<' : '<=', x, lit(String(range[1])));
    const whole = integer ? [] : [number('isInteger')];
    rules.push({
      ok: and([...whole, binary('>=', x, lit(String(range[0]))), upper]),
      issue: (path) => call(helper(ctx, 'formatIssue'), path, lit(`'${node.format}'`), x),
    });
  } else if (node.format !== undefined && node.format !== 'float' && node.format !== 'double') {
    warnUnenforced(
      ctx,
      'format-unenforced',
      node,
      `format ${JSON.stringify(node.format)} on a number is not checked by the guards`,
    );
  }
  const bounds: Array<[string, BinaryOp, number | undefined]> = [
    ['minimum', '>=', node.minimum],
    ['maximum', '<=', node.maximum],
    ['exclusiveMinimum', '>', node.exclusiveMinimum],
    ['exclusiveMaximum', '<', node.exclusiveMaximum],
  ];
  for (const [keyword, op, limit] of bounds) {
    if (limit !== undefined)
      rules.push({
        ok: binary(op, x, lit(String(limit))),
        issue: (path) => call(helper(ctx, 'rangeIssue'), path, lit(`'${keyword}'`), lit(String(limit)), x),
      });
  }
  if (node.multipleOf !== undefined) {
    const divisor = lit(String(node.multipleOf));
    rules.push({
      ok: call(helper(ctx, 'isMultipleOf'), x, divisor),
      issue: (path) => call(helper(ctx, 'multipleOfIssue'), path, divisor, x),
    });
  }
  return rules;
}
