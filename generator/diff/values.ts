/**
 * Enums spread over unions. `anyOf: [GoogleLanguages, TelnyxLanguages]` and one enum holding the
 * same strings accept the same values and compile the same for a client, so such a change is
 * compared value by value, never as a change of type.
 */
import type { NamedSchema, JsonLiteral, SchemaNode } from '../ir/types.js';
import { at, type DiffContext, report, show } from './context.js';

type Schemas = ReadonlyMap<string, NamedSchema>;

/** Every value of an enum, or of a union whose variants all are (through `$ref`s); else undefined. */
export function enumValues(node: SchemaNode, schemas: Schemas, depth = 0): JsonLiteral[] | undefined {
  if (depth > 20) return undefined;
  if (node.kind === 'ref') {
    const target = schemas.get(node.schemaName)?.schema;
    return target ? enumValues(target, schemas, depth + 1) : undefined;
  }
  if (node.kind === 'enum') return node.values;
  if (node.kind !== 'union' || node.variants.length === 0) return undefined;
  const out: JsonLiteral[] = [];
  for (const variant of node.variants) {
    const values = enumValues(variant, schemas, depth + 1);
    if (!values) return undefined;
    for (const v of values) if (!out.includes(v)) out.push(v);
  }
  return out;
}

/** One change per value gained or lost; an equal set is a note that only the layout moved. */
export function compareValues(
  ctx: DiffContext,
  a: SchemaNode,
  b: SchemaNode,
  before: readonly JsonLiteral[],
  after: readonly JsonLiteral[],
  path: string,
): void {
  const key = (v: unknown) => JSON.stringify(v);
  const had = new Set(before.map(key));
  const has = new Set(after.map(key));
  for (const v of after)
    if (!had.has(key(v)))
      report(ctx, 'enum-value-added', at(a, b, path, { after: v }), `enum value ${show(v)} added`);
  for (const v of before)
    if (!has.has(key(v)))
      report(ctx, 'enum-value-removed', at(a, b, path, { before: v }), `enum value ${show(v)} removed`);
  if (a.kind === b.kind) return;
  const shape = (n: SchemaNode) =>
    n.kind === 'union' ? `a union of ${n.variants.length} enums` : 'one enum';
  const same = had.size === has.size && [...had].every((v) => has.has(v));
  if (same)
    report(
      ctx,
      'type-changed',
      at(a, b, path, { before: a.kind, after: b.kind, detail: { relation: 'same' } }),
      `${shape(a)} became ${shape(b)} with the same ${after.length} values`,
    );
}
