/** Per-kind comparisons of two nodes of the same kind (objects, unions, enums, bounds). */
import type { ArrayNode, EnumNode, NamedSchema, ObjectNode, SchemaNode, UnionNode } from '../ir/types.js';
import { at, type DiffContext, fieldPath, report, show } from './context.js';
import { compareValues } from './values.js';

export function compareObject(ctx: DiffContext, a: ObjectNode, b: ObjectNode, path: string): void {
  const before = new Map(a.properties.map((p) => [p.name, p]));
  const afterNames = new Set(b.properties.map((p) => p.name));
  for (const pb of b.properties) {
    const pa = before.get(pb.name);
    const where = fieldPath(path, pb.name);
    if (!pa) {
      const required = pb.required ? 'required' : 'optional';
      report(
        ctx,
        'field-added',
        { path: where, pointer: pb.pointer, detail: { required: pb.required } },
        `${required} field \`${pb.name}\` added`,
      );
      continue;
    }
    if (pa.required !== pb.required) {
      const kind = pb.required ? 'field-required' : 'field-optional';
      report(
        ctx,
        kind,
        { path: where, pointer: pb.pointer, oldPointer: pa.pointer },
        `field \`${pb.name}\` became ${pb.required ? 'required' : 'optional'}`,
      );
    }
    ctx.recurse(pa.schema, pb.schema, where);
  }
  for (const pa of a.properties) {
    if (afterNames.has(pa.name)) continue;
    const open = b.additionalProperties === true;
    report(
      ctx,
      'field-removed',
      { path: fieldPath(path, pa.name), pointer: b.pointer, oldPointer: pa.pointer, detail: { open } },
      `field \`${pa.name}\` removed${open ? ' (other fields are still allowed)' : ''}`,
    );
  }
  compareAdditional(ctx, a, b, path);
}

/** `false` < a schema < `true`: how many extra keys the object lets through. */
const openness = (ap: ObjectNode['additionalProperties']): number => (ap === false ? 0 : ap === true ? 2 : 1);

function compareAdditional(ctx: DiffContext, a: ObjectNode, b: ObjectNode, path: string): void {
  const apA = a.additionalProperties;
  const apB = b.additionalProperties;
  if (typeof apA === 'object' && typeof apB === 'object') return ctx.recurse(apA, apB, `${path}{*}`);
  if (apA === apB || openness(apA) === openness(apB)) return;
  const tighter = openness(apB) < openness(apA);
  const describe = (ap: ObjectNode['additionalProperties']) =>
    ap === false ? 'none' : ap === true ? 'any' : 'typed';
  report(
    ctx,
    tighter ? 'constraint-tightened' : 'constraint-loosened',
    at(a, b, path, { before: describe(apA), after: describe(apB) }),
    `additional properties changed from ${describe(apA)} to ${describe(apB)}`,
  );
}

export function compareArray(ctx: DiffContext, a: ArrayNode, b: ArrayNode, path: string): void {
  ctx.recurse(a.items, b.items, `${path}[]`);
}

export function compareEnum(ctx: DiffContext, a: EnumNode, b: EnumNode, path: string): void {
  compareValues(ctx, a, b, a.values, b.values, path);
}

interface Variant {
  node: SchemaNode;
  /** How the variant is named in paths: its exported type name, or its kind when inline. */
  label: string;
  /** Its discriminant value, when the union is matched by value. */
  value?: string;
}

/**
 * Variants are matched by discriminant value when both sides are discriminated (that value is
 * what the client switches on), else by the schema they name, else by kind and position. Either
 * way a path names a variant by its type (`voice_settings[XAIVoiceSettings]`), so one variant is
 * written one way in every report.
 */
export function compareUnion(ctx: DiffContext, a: UnionNode, b: UnionNode, path: string): void {
  const da = a.discriminator;
  const db = b.discriminator;
  if (da && db && da.propertyName !== db.propertyName) {
    const message = `discriminator changed from \`${da.propertyName}\` to \`${db.propertyName}\``;
    return report(
      ctx,
      'type-changed',
      at(a, b, path, { before: da.propertyName, after: db.propertyName, detail: { relation: 'different' } }),
      message,
    );
  }
  const byValue = Boolean(da && db);
  const before = variants(a, byValue, ctx.oldSchemas);
  const after = variants(b, byValue, ctx.newSchemas);
  // Membership first, then what changed inside the variants both sides have.
  for (const [key, vb] of after) {
    if (!before.has(key))
      report(
        ctx,
        'variant-added',
        { path, pointer: vb.node.pointer, after: vb.value ?? vb.label },
        `variant ${describe(vb)} added`,
      );
  }
  for (const [key, va] of before) {
    if (!after.has(key))
      report(
        ctx,
        'variant-removed',
        { path, pointer: b.pointer, oldPointer: va.node.pointer, before: va.value ?? va.label },
        `variant ${describe(va)} removed`,
      );
  }
  for (const [key, vb] of after) {
    const va = before.get(key);
    if (va) ctx.recurse(va.node, vb.node, `${path}[${vb.label}]`);
  }
}

/** `xai` (`XAIVoiceSettings`): the discriminant value, and the type when there is one. */
function describe(v: Variant): string {
  return v.value === undefined ? `\`${v.label}\`` : `\`${v.value}\` (\`${v.label}\`)`;
}

function variants(
  u: UnionNode,
  byValue: boolean,
  schemas: ReadonlyMap<string, NamedSchema>,
): Map<string, Variant> {
  const out = new Map<string, Variant>();
  const typeName = (schemaName: string) => schemas.get(schemaName)?.typeName ?? schemaName;
  if (byValue && u.discriminator) {
    // The generated union is built from the mapping, so the mapping is what the client sees.
    for (const { value, schemaName } of u.discriminator.mapping) {
      const node =
        u.variants.find((v) => v.kind === 'ref' && v.schemaName === schemaName) ??
        refTo(schemaName, u.pointer);
      out.set(value, { node, label: typeName(schemaName), value });
    }
    return out;
  }
  const counts = new Map<string, number>();
  for (const node of u.variants) {
    const base = node.kind === 'ref' ? node.schemaName : node.kind;
    const n = counts.get(base) ?? 0;
    counts.set(base, n + 1);
    const key = n === 0 ? base : `${base} ${n + 1}`;
    const name = node.kind === 'ref' ? typeName(node.schemaName) : node.kind;
    out.set(key, { node, label: n === 0 ? name : `${name} ${n + 1}` });
  }
  return out;
}

const refTo = (schemaName: string, pointer: string): SchemaNode => ({
  kind: 'ref',
  schemaName,
  pointer,
  nullable: false,
  docs: {},
});

/** Bounds where a larger value admits fewer values, and the reverse. */
const LOWER = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'];
const UPPER = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'];
/** Constraints with no order: adding or changing one is tighter, dropping one is looser. */
const OTHER = ['pattern', 'format', 'multipleOf', 'uniqueItems'];

export function compareConstraints(ctx: DiffContext, a: SchemaNode, b: SchemaNode, path: string): void {
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  for (const key of [...LOWER, ...UPPER, ...OTHER]) {
    const before = ra[key];
    const after = rb[key];
    if (before === after) continue;
    const tighter = isTighter(key, before, after);
    const text = (v: unknown) => (v === undefined ? 'none' : show(v));
    const message = `${key} changed from ${text(before)} to ${text(after)}`;
    report(
      ctx,
      tighter ? 'constraint-tightened' : 'constraint-loosened',
      at(a, b, path, { before, after }),
      message,
    );
  }
}

function isTighter(key: string, before: unknown, after: unknown): boolean {
  if (after === undefined) return false;
  if (before === undefined) return true;
  if (LOWER.includes(key)) return (after as number) > (before as number);
  if (UPPER.includes(key)) return (after as number) < (before as number);
  return true;
}
