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

/**
 * The schema itself when it is an enum, and enums reached through its object properties. Pass
 * the package's `enumValueNames` to get the names it declares (unique across schemas).
 */
export function enumSites(named: NamedSchema, names?: ReadonlyMap<SchemaNode, string>): EnumSite[] {
  const sites = sitesIn(named.schema, named.typeName, []);
  return names ? sites.map((site) => ({ ...site, name: names.get(site.node) ?? site.name })) : sites;
}

function sitesIn(node: SchemaNode, prefix: string, path: string[]): EnumSite[] {
  if (node.kind === 'enum') return [{ name: `${prefix}Values`, path, node }];
  if (node.kind !== 'object') return [];
  return node.properties.flatMap((p) =>
    sitesIn(p.schema, `${prefix}${toTypeName(p.name)}`, [...path, p.name]),
  );
}

const assigned = new WeakMap<object, Map<SchemaNode, string>>();

/**
 * Every enum node that has an exported value list, to that list's name, one table per model's
 * schema list. Names are unique: a site whose name an earlier one took (schema
 * `PhoneNumberStatus`, and `PhoneNumber`'s `status`) gets a number, `PhoneNumberStatus2Values`.
 */
export function enumValueNames(schemas: readonly NamedSchema[]): Map<SchemaNode, string> {
  const known = assigned.get(schemas);
  if (known) return known;
  const names = new Map<SchemaNode, string>();
  const taken = new Set<string>();
  for (const named of schemas)
    for (const site of enumSites(named)) {
      const base = site.name.slice(0, -'Values'.length);
      let name = site.name;
      for (let n = 2; taken.has(name); n++) name = `${base}${n}Values`;
      taken.add(name);
      names.set(site.node, name);
    }
  assigned.set(schemas, names);
  return names;
}
