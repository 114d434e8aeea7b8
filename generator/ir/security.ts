/**
 * Security: the schemes under `components.securitySchemes` that the client can apply, and the
 * requirements (`security`) of the document and of each operation, as lists of scheme names.
 *
 * Bearer tokens (HTTP `bearer`, OAuth 2, OpenID Connect), HTTP `basic` and API keys (in a header,
 * the query or a cookie) are applied by the client. Any other scheme (HTTP `digest`, a vendor's
 * own HTTP scheme, mutual TLS) is left out with a warning: an alternative that needs it is
 * dropped, and a request that needs it goes out without it, for the caller to add through
 * `defaultHeaders` or `fetch`.
 */
import { type Diagnostic, joinPointer } from '../core/diagnostics.js';
import { isObject, type Json } from '../core/json.js';
import type { AuthScheme, SecurityRequirements } from './types.js';

export interface Security {
  /** The schemes the client applies, by name, in spec order. */
  schemes: Record<string, AuthScheme>;
  /** Reads a `security` value (at `pointer`) into the alternatives the client can apply. */
  requirements(value: unknown, pointer: string): SecurityRequirements;
}

export function readSecurity(doc: Json, diagnostics: Diagnostic[]): Security {
  const declared =
    isObject(doc.components) && isObject(doc.components.securitySchemes)
      ? doc.components.securitySchemes
      : {};
  const schemes: Record<string, AuthScheme> = {};
  const left = new Set<string>();
  for (const [name, raw] of Object.entries(declared)) {
    const pointer = joinPointer('#/components/securitySchemes', name);
    const scheme = authScheme(raw);
    if (typeof scheme !== 'string') {
      schemes[name] = scheme;
      continue;
    }
    left.add(name);
    diagnostics.push({
      code: 'security-scheme-unsupported',
      severity: 'warning',
      pointer,
      message: `security scheme ${name} (${scheme}) is not one the client can apply; a request that needs it is sent without it`,
      help: 'send its credential with the `defaultHeaders` or `fetch` client option',
    });
  }
  return {
    schemes,
    requirements(value, pointer) {
      if (!Array.isArray(value)) return [];
      const alternatives: string[][] = [];
      value.forEach((alternative, i) => {
        const names = isObject(alternative) ? Object.keys(alternative) : [];
        if (names.some((n) => left.has(n))) return;
        const unknown = names.find((n) => !Object.hasOwn(schemes, n));
        if (unknown !== undefined) {
          diagnostics.push({
            code: 'security-scheme-unknown',
            severity: 'warning',
            pointer: joinPointer(pointer, String(i), unknown),
            message: `security requirement names ${unknown}, which components.securitySchemes does not define; the alternative is left out`,
          });
          return;
        }
        alternatives.push(names);
      });
      // Every alternative needed a scheme the client cannot apply: it sends none.
      return alternatives;
    },
  };
}

/** How the client applies a declared scheme, or what the scheme is when it cannot. */
function authScheme(raw: unknown): AuthScheme | string {
  if (!isObject(raw)) return 'not an object';
  const type = String(raw.type);
  if (type === 'oauth2' || type === 'openIdConnect') return { type: 'bearer' };
  if (type === 'http') {
    const scheme = String(raw.scheme).toLowerCase();
    if (scheme === 'bearer' || scheme === 'basic') return { type: scheme };
    return `HTTP ${String(raw.scheme)}`;
  }
  if (type === 'apiKey' && typeof raw.name === 'string' && raw.name !== '') {
    if (raw.in === 'header' || raw.in === 'query' || raw.in === 'cookie')
      return { type: 'apiKey', in: raw.in, name: raw.name };
    return `an API key in ${String(raw.in)}`;
  }
  return type === 'apiKey' ? 'an API key without a name' : type;
}
