/**
 * OpenAPI requires every operationId to be unique, and real specs repeat one now and then
 * (Telnyx's 2026-07-16 spec has `ListPhoneNumbers` twice). The id only names things, so a
 * repeat can be made unique without changing what any operation does: the first in document
 * order (paths as written, methods in the order OpenAPI lists them) keeps the id, and every later
 * one gets the id followed by its method and path, which stays the same when other operations
 * come and go. A warning (`operationId-duplicate`) names each new id.
 */
import { type Diagnostic, joinPointer } from '../core/diagnostics.js';
import { isObject, type Json, valueAt } from '../core/json.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface Occurrence {
  path: string;
  method: (typeof METHODS)[number];
  id: string;
}

/** The document with unique operationIds: `doc` itself when they already are, else a copy. */
export function withUniqueOperationIds(doc: Json, diagnostics: Diagnostic[]): Json {
  const paths = isObject(doc.paths) ? doc.paths : {};
  const occurrences: Occurrence[] = [];
  for (const [path, item] of Object.entries(paths)) {
    const resolved = resolvePathItem(doc, item);
    for (const method of METHODS) {
      const op = resolved[method];
      if (isObject(op) && typeof op.operationId === 'string')
        occurrences.push({ path, method, id: op.operationId });
    }
  }
  const taken = new Set(occurrences.map((o) => o.id));
  const firstOf = new Map<string, Occurrence>();
  const renames: Array<Occurrence & { newId: string }> = [];
  for (const o of occurrences) {
    const first = firstOf.get(o.id);
    if (!first) {
      firstOf.set(o.id, o);
      continue;
    }
    const newId = freeId(
      `${o.id}_${o.method}${o.path.replace(/[^A-Za-z0-9]+/g, '_')}`.replace(/_+$/, ''),
      taken,
    );
    taken.add(newId);
    renames.push({ ...o, newId });
    diagnostics.push({
      code: 'operationId-duplicate',
      severity: 'warning',
      pointer: joinPointer('#/paths', o.path, o.method, 'operationId'),
      message: `operationId ${o.id} is also the id of ${first.method.toUpperCase()} ${first.path}; renamed ${newId} here`,
    });
  }
  return renames.length === 0 ? doc : renamed(doc, paths, renames);
}

/** `base`, or `base_2`, `base_3`, … when another operation already has it. */
function freeId(base: string, taken: ReadonlySet<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  return id;
}

/** A path item, or what its local `$ref` names (OpenAPI 3.1 `components/pathItems`). */
function resolvePathItem(doc: Json, item: unknown): Json {
  const target = isObject(item) && typeof item.$ref === 'string' ? valueAt(doc, item.$ref) : item;
  return isObject(target) ? target : {};
}

/** Copies only what changes: the document, `paths`, and each path item with a renamed operation. */
function renamed(doc: Json, paths: Json, renames: ReadonlyArray<Occurrence & { newId: string }>): Json {
  const newPaths: Json = { ...paths };
  for (const r of renames) {
    const item = { ...resolvePathItem(doc, newPaths[r.path]) };
    item[r.method] = { ...(item[r.method] as Json), operationId: r.newId };
    newPaths[r.path] = item;
  }
  return { ...doc, paths: newPaths };
}
