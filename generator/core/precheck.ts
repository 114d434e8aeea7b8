/**
 * Checks made on the parsed document before any library sees it: things that would make a
 * library throw instead of report (a non-OpenAPI document, a `$ref` loop with nothing in it).
 */
import { type Diagnostic, joinPointer, parsePointer } from './diagnostics.js';
import { isObject } from './json.js';

export function checkOpenApiShape(document: unknown): Diagnostic | undefined {
  const error = (message: string, pointer = '#'): Diagnostic => ({
    code: 'not-openapi',
    severity: 'error',
    message,
    pointer,
  });
  if (document === null || document === undefined) return error('the spec is empty');
  if (!isObject(document)) return error('the spec must be a YAML or JSON mapping');
  if (typeof document.openapi !== 'string') {
    const swagger = 'swagger' in document ? ' (Swagger 2.0 is not supported; convert it to OpenAPI 3)' : '';
    return error(`the document has no "openapi" version field${swagger}`, '#/openapi');
  }
  if (!/^3\.[01]\.\d+/.test(document.openapi))
    return error(`OpenAPI ${document.openapi} is not supported; use 3.0.x or 3.1.x`, '#/openapi');
  if (!isObject(document.paths) && !isObject(document.webhooks))
    return error('the document has neither `paths` nor `webhooks`', '#/paths');
  return undefined;
}

/**
 * A schema made of itself with nothing in between describes no value: `A: {$ref: B}` with
 * `B: {$ref: A}` (a `$ref` chain, which also makes @redocly/openapi-core throw), `A: {allOf: [B]}`
 * with `B: {allOf: [A]}`, or `A: {oneOf: [A, string]}`. TypeScript refuses such a type alias and
 * a guard for it would never return. Recursion through a property or an array item is fine: each
 * step goes one level into the value. Each schema on such a cycle gets one error.
 */
export function findAliasCycles(document: unknown): Diagnostic[] {
  const schemas =
    isObject(document) && isObject(document.components) && isObject(document.components.schemas)
      ? document.components.schemas
      : {};
  const edges = new Map<string, Edge[]>();
  const edgesOf = (name: string): Edge[] => {
    let list = edges.get(name);
    if (!list) {
      list = [];
      if (Object.hasOwn(schemas, name)) collectEdges(schemas[name], joinPointer(PREFIX, name), list);
      edges.set(
        name,
        list.filter((e) => Object.hasOwn(schemas, e.target)),
      );
    }
    return edges.get(name)!;
  };
  const diagnostics: Diagnostic[] = [];
  for (const start of Object.keys(schemas)) {
    const path = pathBackTo(start, edgesOf);
    if (!path) continue;
    const chain = [start, ...path.map((e) => e.target)].join(' → ');
    const aliasOnly = path.every((e) => e.alias);
    diagnostics.push({
      code: aliasOnly ? 'ref-cycle' : 'schema-cycle',
      severity: 'error',
      pointer: path[0]!.pointer,
      message: aliasOnly
        ? `$ref chain ${chain} never reaches a schema`
        : `${start} is made of itself through ${chain}, with no property or array item in between, so no value can be checked against it`,
      ...(aliasOnly
        ? {}
        : { help: 'put the recursion under a property or an array item, or remove one step of the chain' }),
    });
  }
  return diagnostics;
}

const PREFIX = '#/components/schemas';

/** A reference to a named schema that checking a value would follow without going into it. */
interface Edge {
  target: string;
  pointer: string;
  /** The whole schema is the `$ref` (an alias), not one part of a composition. */
  alias: boolean;
}

/** `$ref`s at the top of a schema and inside its allOf/oneOf/anyOf parts, at any depth. */
function collectEdges(schema: unknown, pointer: string, out: Edge[], alias = true): void {
  if (!isObject(schema)) return;
  if (typeof schema.$ref === 'string' && schema.$ref.startsWith(`${PREFIX}/`)) {
    const tokens = parsePointer(schema.$ref);
    if (tokens.length === 3) out.push({ target: tokens[2]!, pointer: joinPointer(pointer, '$ref'), alias });
  }
  for (const keyword of ['allOf', 'oneOf', 'anyOf']) {
    const parts = schema[keyword];
    if (Array.isArray(parts))
      parts.forEach((p, i) => collectEdges(p, joinPointer(pointer, keyword, i), out, false));
  }
}

/** The shortest path of edges from `start` back to itself, if there is one (breadth first). */
function pathBackTo(start: string, edgesOf: (name: string) => Edge[]): Edge[] | undefined {
  const cameFrom = new Map<string, Edge[]>([[start, []]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const from = queue[i]!;
    for (const edge of edgesOf(from)) {
      const path = [...cameFrom.get(from)!, edge];
      if (edge.target === start) return path;
      if (cameFrom.has(edge.target)) continue;
      cameFrom.set(edge.target, path);
      queue.push(edge.target);
    }
  }
  return undefined;
}
