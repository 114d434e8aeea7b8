/** The shape of `spec/naming.yaml`, checked on load so a typo there is an error, not a surprise. */
import type { Diagnostic } from '../core/diagnostics.js';
import { clientNames, RUNTIME_NAMES, TEMPLATE_NAMES } from './reserved-names.js';
import type { Pagination } from './types.js';

export interface NamingConfig {
  package: {
    name: string;
    version: string;
    description: string;
    clientClass: string;
    apiKeyEnv: string;
    publicKeyEnv: string;
  };
  /** Where operations live on the client; one not listed gets a name from its path. */
  operations: Record<string, { method: string; resource?: string }>;
  idempotencyField?: string;
  /**
   * How a list operation pages, by operationId, where the spec's shape does not say (or says
   * wrong): a scheme as `Pagination` describes it (paths as lists of property names), or `false`
   * for no paging.
   */
  pagination?: Record<string, Pagination | false>;
  webhooks?: { alwaysPresent?: string[] };
  /**
   * Which named schemas get guards (`isX`, `validateX`, `assertX`): `all` (the default), or `used`,
   * only those the package checks itself (request bodies and parameters for `validate`, webhook
   * events) and the schemas they reach. For a whole API, where most schemas are responses, that
   * keeps the package smaller and quicker to type-check. `none`: no guards at all, so nothing is
   * checked at run time: the types alone stand for the spec, as in a types-only client.
   */
  guards?: GuardScope;
  /**
   * Whether the package carries openapi-typescript's types as `src/openapi.ts` (the `/openapi`
   * entry, for openapi-fetch). Default true; false leaves out what, for a whole API, is a second
   * copy of every type.
   */
  openapiTypes?: boolean;
}

export type GuardScope = 'all' | 'used' | 'none';

export function checkNamingConfig(
  value: unknown,
  file: string,
): { config?: NamingConfig; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const fail = (message: string, pointer: string) =>
    diagnostics.push({ code: 'naming-config-invalid', severity: 'error', message, pointer, file });
  const v = value as Partial<NamingConfig> | null;
  if (!v || typeof v !== 'object') {
    fail('the naming config must be a YAML mapping', '#');
    return { diagnostics };
  }
  for (const key of ['name', 'version', 'description', 'clientClass', 'apiKeyEnv', 'publicKeyEnv'] as const) {
    if (typeof v.package?.[key] !== 'string') fail(`package.${key} must be a string`, `#/package/${key}`);
  }
  const clientClass = v.package?.clientClass;
  if (typeof clientClass === 'string') {
    const clash = clientNames(clientClass).find((n) => RUNTIME_NAMES.includes(n) || TEMPLATE_NAMES.includes(n));
    if (!/^[A-Z][A-Za-z0-9]*$/.test(clientClass))
      fail(`package.clientClass must be a PascalCase identifier, got ${JSON.stringify(clientClass)}`, '#/package/clientClass');
    else if (clash)
      fail(`package.clientClass ${clientClass} would declare ${clash}, a name the package runtime already exports`, '#/package/clientClass');
  }
  for (const [id, entry] of Object.entries(v.operations ?? {})) {
    if (typeof entry?.method !== 'string')
      fail(`operations.${id}.method must be a string`, `#/operations/${id}/method`);
  }
  for (const [id, scheme] of Object.entries(v.pagination ?? {})) {
    if (scheme !== false && !isPagination(scheme))
      fail(
        `pagination.${id} must be false or a scheme: { kind: page-number, items, pageNumber, totalPages, param } or { kind: cursor, items, nextCursor, param }, each path a list of names`,
        `#/pagination/${id}`,
      );
  }
  if (v.guards !== undefined && !['all', 'used', 'none'].includes(v.guards))
    fail(`guards must be all, used or none, got ${JSON.stringify(v.guards)}`, '#/guards');
  if (v.openapiTypes !== undefined && typeof v.openapiTypes !== 'boolean')
    fail(`openapiTypes must be true or false, got ${JSON.stringify(v.openapiTypes)}`, '#/openapiTypes');
  return diagnostics.length
    ? { diagnostics }
    : { config: { operations: {}, ...v } as NamingConfig, diagnostics };
}

function isPagination(value: unknown): value is Pagination {
  const v = value as Record<string, unknown> | null;
  const path = (key: string) => Array.isArray(v?.[key]) && (v[key] as unknown[]).every((s) => typeof s === 'string');
  if (v?.kind === 'page-number') return ['items', 'pageNumber', 'totalPages', 'param'].every(path);
  if (v?.kind === 'cursor') return ['items', 'nextCursor', 'param'].every(path);
  return false;
}
