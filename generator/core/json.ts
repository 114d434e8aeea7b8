/** Reading parsed YAML/JSON of unknown shape: the one type and check every spec reader shares. */
import { parsePointer } from './diagnostics.js';

export type Json = Record<string, unknown>;

/** A mapping: not null, not an array. */
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value at a local JSON pointer (`#/components/schemas/X`), or undefined where it runs out. */
export function valueAt(doc: Json, pointer: string): unknown {
  let node: unknown = doc;
  for (const token of parsePointer(pointer)) node = isObject(node) ? node[token] : undefined;
  return node;
}
