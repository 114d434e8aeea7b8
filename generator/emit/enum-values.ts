/**
 * The exported `as const` value lists of enums (`SpeakRequestPayloadTypeValues`), named once
 * here: `schemas.ts` declares them, and guards build their sets from them instead of repeating
 * every value.
 */
import type { NamedSchema, SchemaNode } from '../ir/types.js';
import { toTypeName } from '../core/names.js';

export interface EnumSite {
  /** The exported constant, e.g. `CallPlaybackEndedPayloadStatusValues`. */
  name: string;
  /** Wire property names from the schema to the enum. */
  path: string[];
  node: SchemaNode & { kind: 'enum' };
}

/** The schema itself when it is an enum, and enums reached through its object properties. */
export function enumSites(named: NamedSchema): EnumSite[] {
  return sitesIn(named.schema, named.typeName, []);
}

function sitesIn(node: SchemaNode, prefix: string, path: string[]): EnumSite[] {
  if (node.kind === 'enum') return [{ name: `${prefix}Values`, path, node }];
  if (node.kind !== 'object') return [];
  return node.properties.flatMap((p) =>
    sitesIn(p.schema, `${prefix}${toTypeName(p.name)}`, [...path, p.name]),
  );
}

/** Every enum node that has an exported value list, to that list's name. */
export function enumValueNames(schemas: Iterable<NamedSchema>): Map<SchemaNode, string> {
  const names = new Map<SchemaNode, string>();
  for (const named of schemas) for (const site of enumSites(named)) names.set(site.node, site.name);
  return names;
}
