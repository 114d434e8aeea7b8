/** Reading parsed YAML/JSON of unknown shape: the one type and check every spec reader shares. */
import { parsePointer } from './diagnostics.js';

export type Json = Record<string, unknown>;

/** A mapping: not null, not an array. */
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The value at a local JSON pointer (`#/components/schemas/X`, `#/paths/~1a/get/parameters/0`),
 * through objects and arrays and own keys only; undefined where it runs out.
 */
export function valueAt(doc: unknown, pointer: string): unknown {
  let node = doc;
  for (const token of parsePointer(pointer)) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, token)) return undefined;
    node = (node as Json)[token];
  }
  return node;
}
