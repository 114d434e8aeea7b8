/**
 * Checks made on the parsed document before any library sees it: things that would make a
 * library throw instead of report (a non-OpenAPI document, a `$ref` loop with nothing in it).
 */
import { type Diagnostic, joinPointer } from './diagnostics.js';
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
 * `A: {$ref: B}` and `B: {$ref: A}` describe no value at all (and make @redocly/openapi-core
 * throw). Recursion through a property is fine; only a chain of bare `$ref`s is a loop.
 */
export function findAliasCycles(document: unknown): Diagnostic[] {
  const schemas =
    isObject(document) && isObject(document.components) && isObject(document.components.schemas)
      ? document.components.schemas
      : {};
  const prefix = '#/components/schemas/';
  const target = (name: string): string | undefined => {
    const s = schemas[name];
    return isObject(s) && typeof s.$ref === 'string' && s.$ref.startsWith(prefix)
      ? s.$ref.slice(prefix.length)
      : undefined;
  };
  const diagnostics: Diagnostic[] = [];
  for (const start of Object.keys(schemas)) {
    const chain = [start];
    for (
      let next = target(start);
      next !== undefined && chain.length <= Object.keys(schemas).length;
      next = target(next)
    ) {
      chain.push(next);
      if (next === start) {
        diagnostics.push({
          code: 'ref-cycle',
          severity: 'error',
          pointer: joinPointer('#/components/schemas', start, '$ref'),
          message: `$ref chain ${chain.join(' → ')} never reaches a schema`,
        });
        break;
      }
    }
  }
  return diagnostics;
}
