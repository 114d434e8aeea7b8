/** The shape of `spec/naming.yaml`, checked on load so a typo there is an error, not a surprise. */
import type { Diagnostic } from '../core/diagnostics.js';

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
  webhooks?: { alwaysPresent?: string[] };
}

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
  for (const [id, entry] of Object.entries(v.operations ?? {})) {
    if (typeof entry?.method !== 'string')
      fail(`operations.${id}.method must be a string`, `#/operations/${id}/method`);
  }
  return diagnostics.length
    ? { diagnostics }
    : { config: { operations: {}, ...v } as NamingConfig, diagnostics };
}
