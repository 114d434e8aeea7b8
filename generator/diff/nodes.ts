/**
 * Compares two schema nodes the way a client sees them: `$ref`s are followed by name (a schema
 * moved into or out of `components` is no change), `allOf` of objects is one object, and docs and
 * nullability are taken from the use site over the referenced schema, as the generated types do.
 */
import type { Docs, NamedSchema, ObjectNode, Property, SchemaNode } from '../ir/types.js';
import type { Relation } from './classify.js';
import { at, type DiffContext, report, show } from './context.js';
import { compareArray, compareConstraints, compareEnum, compareObject, compareUnion } from './shapes.js';
import { textChange } from './text.js';
import { compareValues, enumValues } from './values.js';

type Schemas = ReadonlyMap<string, NamedSchema>;

interface Resolved {
  node: SchemaNode;
  docs: Docs;
  nullable: boolean;
  /** The named schema the use site refers to, if it is a `$ref`. */
  refName?: string;
}

export function diffNodes(ctx: DiffContext, a: SchemaNode, b: SchemaNode, path: string): void {
  const ra = resolve(a, ctx.oldSchemas);
  const rb = resolve(b, ctx.newSchemas);
  if (ra.refName !== undefined || rb.refName !== undefined) {
    const key = `${ra.refName ?? a.pointer}\u0000${rb.refName ?? b.pointer}`;
    if (ctx.visited.has(key)) return;
    ctx.visited.add(key);
  }
  checkRename(ctx, a, b, ra, rb, path);
  compareDocs(ctx, a, b, ra.docs, rb.docs, path);
  const ea = effective(ra.node, ctx.oldSchemas);
  const eb = effective(rb.node, ctx.newSchemas);
  const values = ea.kind === 'enum' && eb.kind === 'enum' ? undefined : enumSets(ea, eb, ctx);
  if (values) compareValues(ctx, ea, eb, values[0], values[1], path);
  else if (ea.kind !== eb.kind) {
    const relation = relate(ea, eb, ctx);
    report(
      ctx,
      'type-changed',
      at(a, b, path, { before: ea.kind, after: eb.kind, detail: { relation } }),
      `type changed from ${ea.kind} to ${eb.kind}`,
    );
    return;
  }
  if (ra.nullable !== rb.nullable && ea.kind !== 'null' && ea.kind !== 'unknown') {
    report(
      ctx,
      rb.nullable ? 'nullable-added' : 'nullable-removed',
      at(a, b, path),
      rb.nullable ? 'may now be null' : 'may no longer be null',
    );
  }
  if (!values) compareSameKind(ctx, ea, eb, path);
}

/** Both sides' values when both are enums spread over unions (see values.ts). */
function enumSets(a: SchemaNode, b: SchemaNode, ctx: DiffContext) {
  const before = enumValues(a, ctx.oldSchemas);
  const after = enumValues(b, ctx.newSchemas);
  return before && after ? ([before, after] as const) : undefined;
}

function compareSameKind(ctx: DiffContext, a: SchemaNode, b: SchemaNode, path: string): void {
  compareConstraints(ctx, a, b, path);
  if (a.kind === 'enum' && b.kind === 'enum') compareEnum(ctx, a, b, path);
  else if (a.kind === 'array' && b.kind === 'array') compareArray(ctx, a, b, path);
  else if (a.kind === 'object' && b.kind === 'object') compareObject(ctx, a, b, path);
  else if (a.kind === 'union' && b.kind === 'union') compareUnion(ctx, a, b, path);
  else if (a.kind === 'allOf' && b.kind === 'allOf') {
    // Not mergeable into one object: compare part by part when the layout still lines up.
    if (a.parts.length === b.parts.length)
      a.parts.forEach((p, i) => ctx.recurse(p, b.parts[i]!, `${path}[allOf ${i}]`));
    else
      report(
        ctx,
        'type-changed',
        at(a, b, path, { detail: { relation: 'different' } }),
        `allOf changed from ${a.parts.length} to ${b.parts.length} parts`,
      );
  }
}

function checkRename(
  ctx: DiffContext,
  a: SchemaNode,
  b: SchemaNode,
  ra: Resolved,
  rb: Resolved,
  path: string,
): void {
  if (ra.refName === undefined || rb.refName === undefined) return;
  const before = ctx.oldSchemas.get(ra.refName)?.typeName;
  const after = ctx.newSchemas.get(rb.refName)?.typeName;
  if (before && after && before !== after) {
    report(
      ctx,
      'type-renamed',
      at(a, b, path, { before, after }),
      `type renamed from \`${before}\` to \`${after}\``,
    );
  }
}

/** Follows `$ref`s; the use site's docs and `nullable` win over the target's. */
function resolve(node: SchemaNode, schemas: Schemas): Resolved {
  const chain: SchemaNode[] = [node];
  let current = node;
  const seen = new Set<string>();
  while (current.kind === 'ref' && !seen.has(current.schemaName)) {
    seen.add(current.schemaName);
    const target = schemas.get(current.schemaName)?.schema;
    current = target ?? { kind: 'unknown', pointer: current.pointer, nullable: true, docs: {} };
    chain.push(current);
  }
  const docs = chain.reduceRight<Docs>((acc, n) => ({ ...acc, ...n.docs }), {});
  const nullable = chain.some((n) => n.nullable);
  return { node: current, docs, nullable, ...(node.kind === 'ref' ? { refName: node.schemaName } : {}) };
}

/** An `allOf` whose parts are all objects is, to a client, one object with every part's fields. */
function effective(node: SchemaNode, schemas: Schemas, depth = 0): SchemaNode {
  if (node.kind !== 'allOf' || depth > 20) return node;
  const parts = node.parts.map((p) => effective(resolve(p, schemas).node, schemas, depth + 1));
  if (parts.length === 1) return parts[0]!;
  if (!parts.every((p): p is ObjectNode => p.kind === 'object')) return node;
  const byName = new Map<string, Property>();
  for (const prop of parts.flatMap((p) => p.properties)) {
    const earlier = byName.get(prop.name);
    byName.set(prop.name, { ...prop, required: prop.required || (earlier?.required ?? false) });
  }
  const closed = parts.some((p) => p.additionalProperties === false);
  const schemaAp = parts.find((p) => typeof p.additionalProperties === 'object')?.additionalProperties;
  return {
    kind: 'object',
    pointer: node.pointer,
    nullable: node.nullable,
    docs: node.docs,
    properties: [...byName.values()],
    additionalProperties: closed ? false : (schemaAp ?? true),
  };
}

const DOC_FIELDS = ['title', 'description', 'deprecated'] as const;

function compareDocs(ctx: DiffContext, a: SchemaNode, b: SchemaNode, da: Docs, db: Docs, path: string): void {
  for (const field of DOC_FIELDS) {
    if (da[field] === db[field]) continue;
    const message =
      field === 'deprecated'
        ? db.deprecated
          ? 'deprecated'
          : 'no longer deprecated'
        : textChange(field, da[field], db[field]);
    report(ctx, 'docs-changed', at(a, b, path, { before: da[field], after: db[field] }), message);
  }
  if (JSON.stringify(da.default) !== JSON.stringify(db.default)) {
    const text = (v: unknown) => (v === undefined ? 'none' : show(v));
    report(
      ctx,
      'default-changed',
      at(a, b, path, { before: da.default, after: db.default }),
      `default changed from ${text(da.default)} to ${text(db.default)}`,
    );
  }
}

const SCALAR_KINDS = new Set(['string', 'number', 'integer', 'boolean']);

/** Whether the new type accepts more values, fewer, or simply other ones. */
function relate(a: SchemaNode, b: SchemaNode, ctx: DiffContext): Relation {
  if (b.kind === 'unknown') return 'wider';
  if (a.kind === 'unknown') return 'narrower';
  if (a.kind === 'integer' && b.kind === 'number') return 'numeric-wider';
  if (a.kind === 'number' && b.kind === 'integer') return 'narrower';
  if (a.kind === 'enum' && SCALAR_KINDS.has(b.kind) && enumFits(a.values, b.kind)) return 'wider';
  if (b.kind === 'enum' && SCALAR_KINDS.has(a.kind) && enumFits(b.values, a.kind)) return 'narrower';
  const kindsOf = (u: SchemaNode, schemas: Schemas) =>
    u.kind === 'union' ? u.variants.map((v) => effective(resolve(v, schemas).node, schemas).kind) : [];
  if (kindsOf(b, ctx.newSchemas).includes(a.kind)) return 'wider';
  if (kindsOf(a, ctx.oldSchemas).includes(b.kind)) return 'narrower';
  return 'different';
}

function enumFits(values: readonly unknown[], kind: string): boolean {
  const jsType = kind === 'integer' ? 'number' : kind;
  return values.every((v) => v === null || typeof v === jsType);
}
