/**
 * Path parameters as a method's positional arguments: the type each takes, and a value of that
 * type for example code. Both come from one reading of the schema, so an example always fits its
 * argument.
 *
 * An argument takes a scalar (`string`, `number`, `boolean`), the values of an enum, or an array
 * of either, which the client sends comma-joined (OpenAPI's `simple` style). A `$ref` is followed
 * to what it names: a path parameter whose schema is a named integer takes a number, as its guard
 * expects. Anything else (an object, an array of arrays) takes a `string`, the segment as the
 * caller writes it.
 */
import type { Symbols } from '../../ir/symbols.js';
import type { Parameter, SchemaNode } from '../../ir/types.js';
import { jsonLiteral, stringLiteral } from '../escape.js';

type Scalar = string | number | boolean;

/** What one value (the argument, or one item of it) may be. */
type ValueShape =
  | { kind: 'string' | 'number' | 'boolean'; node: SchemaNode }
  | { kind: 'values'; values: Scalar[]; node: SchemaNode };

interface PathArg {
  value: ValueShape;
  /** An array of `value`s. */
  array: boolean;
}

/** How a path parameter is taken: as read from its schema, or a plain string when it cannot be. */
function pathArg(p: Parameter, symbols: Symbols): PathArg {
  const target = followRefs(p.schema, symbols);
  if (target.kind === 'array') {
    const items = valueShape(target.items, symbols);
    if (items) return { value: items, array: true };
  }
  return { value: valueShape(p.schema, symbols) ?? { kind: 'string', node: p.schema }, array: false };
}

function valueShape(node: SchemaNode, symbols: Symbols): ValueShape | undefined {
  const target = followRefs(node, symbols);
  switch (target.kind) {
    case 'enum': {
      // A path segment cannot be null, so a `null` among the values is no argument to take.
      const values = target.values.filter((v) => v !== null);
      return values.length > 0 && values.every(isScalar)
        ? { kind: 'values', values, node: target }
        : undefined;
    }
    case 'boolean':
    case 'string':
      return { kind: target.kind, node: target };
    case 'integer':
    case 'number':
      return { kind: 'number', node: target };
    default:
      return undefined;
  }
}

/** `string`, `number`, `'a' | 'b'`, `ReadonlyArray<number>`, … */
export function pathArgType(p: Parameter, symbols: Symbols): string {
  const { value, array } = pathArg(p, symbols);
  const type =
    value.kind === 'values'
      ? value.values.map((v) => (typeof v === 'string' ? stringLiteral(v) : String(v))).join(' | ')
      : value.kind;
  return array ? `ReadonlyArray<${type}>` : type;
}

/**
 * A path argument in example code: the spec's example when it fits the argument's type, else a
 * value that does (`'<name>'`, the minimum or 1, `true`, an enum's first value), in an array when
 * the argument is one.
 */
export function pathArgExample(p: Parameter, symbols: Symbols): string {
  const arg = pathArg(p, symbols);
  const example = followRefs(p.schema, symbols).docs.example ?? p.schema.docs.example;
  if (arg.array && Array.isArray(example) && example.length > 0 && example.every((v) => fits(arg.value, v)))
    return jsonLiteral(example);
  if (!arg.array && fits(arg.value, example)) return jsonLiteral(example);
  const one = placeholder(p.name, arg.value);
  return arg.array ? `[${one}]` : one;
}

function fits(shape: ValueShape, value: unknown): boolean {
  if (shape.kind === 'values') return shape.values.includes(value as Scalar);
  return shape.kind === 'number' ? Number.isFinite(value) : typeof value === shape.kind;
}

function placeholder(name: string, shape: ValueShape): string {
  const node = shape.node;
  switch (shape.kind) {
    case 'values':
      return jsonLiteral(shape.values[0]!);
    case 'number':
      return String(node.kind === 'integer' || node.kind === 'number' ? (node.minimum ?? 1) : 1);
    case 'boolean':
      return 'true';
    case 'string':
      return stringLiteral(`<${name}>`);
  }
}

const isScalar = (v: unknown): v is Scalar =>
  typeof v === 'string' || typeof v === 'boolean' || Number.isFinite(v);

/** The schema a chain of `$ref`s ends at (a cycle of them ends where it started). */
function followRefs(node: SchemaNode, symbols: Symbols): SchemaNode {
  let target = node;
  for (let hops = 0; target.kind === 'ref' && hops < 16; hops++) {
    const named = symbols.schemas.get(target.schemaName);
    if (!named) break;
    target = named.schema;
  }
  return target;
}
