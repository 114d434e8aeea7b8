/**
 * Facts about the reference graph that decide each guard's signature: a guard takes `options`
 * only when a string enum is reachable from it, and `depth` only when a recursive schema is
 * (recursion is the one way a guard's depth is not bounded by the schema itself).
 */
import { symbolsOf } from '../../ir/symbols.js';
import type { EnumNode, Model, NamedSchema, SchemaNode } from '../../ir/types.js';

export interface SchemaFacts {
  /** Named schemas this one uses directly, in first-use order. */
  refs: string[];
  /** Part of a reference cycle: checks its own depth. */
  cyclic: boolean;
  /** Reaches a cyclic schema: passes `depth` along. */
  deep: boolean;
  /**
   * Reaches a string enum or a received optional field: passes `options` (`strictEnums`,
   * `strictNulls`) along.
   */
  strict: boolean;
}

export function analyzeModel(model: Model): Map<string, SchemaFacts> {
  const direct = new Map(model.schemas.map((s) => [s.name, directRefs(s.schema)]));
  const reach = new Map(model.schemas.map((s) => [s.name, reachable(s.name, direct)]));
  const byName = symbolsOf(model).schemas;
  const cyclic = (name: string) => reach.get(name)!.has(name);
  const facts = new Map<string, SchemaFacts>();
  for (const s of model.schemas) {
    const closure = [s.name, ...reach.get(s.name)!];
    facts.set(s.name, {
      refs: direct.get(s.name)!,
      cyclic: cyclic(s.name),
      deep: closure.some(cyclic),
      strict: closure.some((n) => readsOptions(byName.get(n))),
    });
  }
  return facts;
}

/** Names reachable through one or more references (a schema is in its own set only on a cycle). */
function reachable(start: string, direct: Map<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const queue = [...(direct.get(start) ?? [])];
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    queue.push(...(direct.get(name) ?? []));
  }
  return seen;
}

export function directRefs(node: SchemaNode): string[] {
  const names: string[] = [];
  visit(node, (n) => {
    if (n.kind === 'ref' && !names.includes(n.schemaName)) names.push(n.schemaName);
  });
  return names;
}

/**
 * Enums that `strictEnums: false` may open to unknown strings. A single-value enum is a constant
 * (`event_type`, `record_type`, a discriminator's `type`): it stays closed, or the types would lie.
 */
export function isOpenableEnum(node: EnumNode): boolean {
  return node.values.length > 1 && node.values.some((v) => typeof v === 'string');
}

/** An enum `strictEnums` can open, or a property `strictNulls` decides on. */
function readsOptions(schema: NamedSchema | undefined): boolean {
  let found = false;
  if (schema)
    visit(
      schema.schema,
      (n) =>
        (found ||=
          (n.kind === 'enum' && isOpenableEnum(n)) ||
          (n.kind === 'object' && n.properties.some((p) => p.receivedNull))),
    );
  return found;
}

/** Calls `f` on every node of one named schema, without following references. */
export function visit(node: SchemaNode, f: (node: SchemaNode) => void): void {
  f(node);
  switch (node.kind) {
    case 'array':
      return visit(node.items, f);
    case 'object':
      node.properties.forEach((p) => visit(p.schema, f));
      if (typeof node.additionalProperties === 'object') visit(node.additionalProperties, f);
      return;
    case 'union':
      return node.variants.forEach((v) => visit(v, f));
    case 'allOf':
      return node.parts.forEach((p) => visit(p, f));
    default:
      return;
  }
}
