/**
 * Puts credentials on a request the way the spec's security schemes say. Hand-written, copied
 * verbatim into the generated package as `core/auth.ts`.
 *
 * A spec lists, for each operation or for the whole document, alternative security
 * requirements; each names one or more schemes that must all be applied (an API key in a header
 * and an app id in another, say). An empty list means the operation needs no credentials, and
 * an empty alternative means credentials are optional.
 */
import { encodeBase64 } from './base64.js';

/** How one of the spec's security schemes carries its credential. */
export type AuthScheme =
  /** `Authorization: Bearer <credential>`: HTTP bearer, OAuth 2 and OpenID Connect tokens. */
  | { readonly type: 'bearer' }
  /** `Authorization: Basic <base64>`, the credential given as `user:password`. */
  | { readonly type: 'basic' }
  /** The credential as it is, under `name` in a header, the query string or a cookie. */
  | { readonly type: 'apiKey'; readonly in: 'header' | 'query' | 'cookie'; readonly name: string };

/** The alternatives, each a list of scheme names; no alternative at all means none is needed. */
export type SecurityRequirements = readonly (readonly string[])[];

/** What to add to a request: headers by lower-cased name, and `name=value` pairs for the query. */
export interface AppliedAuth {
  headers: Record<string, string>;
  query: string[];
}

/**
 * The credentials for one request. The first alternative whose every scheme has a credential
 * is applied; when none has, but an alternative asks for nothing (or there are no
 * alternatives), nothing is added. Otherwise `missing` names the schemes the first alternative
 * lacks, and nothing should be sent.
 */
export function applyAuth(
  requirements: SecurityRequirements,
  schemes: Readonly<Record<string, AuthScheme>>,
  credential: (scheme: string) => string | undefined,
): AppliedAuth | { missing: string[] } {
  const usable = requirements.find(
    (names) => names.length > 0 && names.every((name) => Object.hasOwn(schemes, name) && credential(name)),
  );
  const applied: AppliedAuth = { headers: {}, query: [] };
  if (usable === undefined) {
    if (requirements.length === 0 || requirements.some((names) => names.length === 0)) return applied;
    return { missing: requirements[0]!.filter((name) => !credential(name)) };
  }
  const cookies: string[] = [];
  for (const name of usable) {
    const scheme = schemes[name]!;
    const value = credential(name)!;
    if (scheme.type === 'bearer') applied.headers.authorization = `Bearer ${value}`;
    else if (scheme.type === 'basic') applied.headers.authorization = `Basic ${utf8Base64(value)}`;
    else if (scheme.in === 'header') applied.headers[scheme.name.toLowerCase()] = value;
    else if (scheme.in === 'query')
      applied.query.push(`${encodeURIComponent(scheme.name)}=${encodeURIComponent(value)}`);
    else cookies.push(`${scheme.name}=${encodeURIComponent(value)}`);
  }
  if (cookies.length) applied.headers.cookie = cookies.join('; ');
  return applied;
}

/** The header a scheme's credential goes in (lower-cased), if it goes in one. */
export function headerOf(scheme: AuthScheme | undefined): string | undefined {
  if (scheme === undefined) return undefined;
  if (scheme.type !== 'apiKey') return 'authorization';
  return scheme.in === 'header' ? scheme.name.toLowerCase() : undefined;
}

function utf8Base64(text: string): string {
  return encodeBase64(new TextEncoder().encode(text));
}
