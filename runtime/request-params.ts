/**
 * Path, query, header and cookie parameters, serialised the way OpenAPI's `style` and `explode`
 * say. Hand-written, copied verbatim into the generated package as `core/request-params.ts`.
 *
 * Generated methods take one params object keyed by wire names; the method's `ParamSpec` list
 * says which keys are parameters and where they go. Every other key is the request body.
 */
import { TelnyxError } from './errors.js';
import { isObject } from './guard-support.js';

export type ParamLocation = 'query' | 'header' | 'cookie';

export interface ParamSpec {
  /** The wire name, e.g. `filter` or `page[number]`. */
  name: string;
  in: ParamLocation;
  /** OpenAPI `style`; the default is `form` for query and cookie, `simple` for header. */
  style?: 'form' | 'simple' | 'deepObject' | 'spaceDelimited' | 'pipeDelimited' | undefined;
  /** OpenAPI `explode`; the default is true for `form`, false otherwise. */
  explode?: boolean | undefined;
  /** Sent when the call gives none: the one value a parameter the spec requires can take. */
  value?: string | number | boolean | undefined;
}

/** The params object split into parameters by location and the rest (the body's fields). */
export interface SplitParams {
  query: Array<[string, string]>;
  headers: Record<string, string>;
  cookies: Array<[string, string]>;
  rest: Record<string, unknown>;
}

export function splitParams(
  specs: readonly ParamSpec[],
  params: Record<string, unknown> | undefined,
): SplitParams {
  const split: SplitParams = { query: [], headers: {}, cookies: [], rest: { ...params } };
  for (const spec of specs) {
    const given = split.rest[spec.name];
    const value = given === undefined ? spec.value : given;
    delete split.rest[spec.name];
    // `undefined` means "not given": the parameter is left out. `null` is sent as an empty value.
    if (value === undefined) continue;
    if (spec.in === 'query') split.query.push(...queryPairs(spec, value));
    else if (spec.in === 'header') split.headers[spec.name.toLowerCase()] = headerValue(spec, value);
    else split.cookies.push(...queryPairs({ ...spec, style: 'form' }, value));
  }
  return split;
}

/** `?a=1&b=x%20y`, or `''` when there is nothing to send. Brackets in names stay readable. */
export function queryString(pairs: ReadonlyArray<[string, string]>): string {
  if (pairs.length === 0) return '';
  return `?${pairs.map(([k, v]) => `${encodeQueryName(k)}=${encodeURIComponent(v)}`).join('&')}`;
}

/**
 * `path` with `pairs` as its query string. A path that has a query of its own (a path key such as
 * Flickr's `/rest?method=flickr.photos.getInfo`) keeps it, and the pairs follow after `&`.
 */
export function withQuery(path: string, pairs: ReadonlyArray<[string, string]>): string {
  return appendQuery(path, queryString(pairs).slice(1));
}

/** `path` followed by `query`, already encoded and without its `?`, after `?` or `&` as `withQuery` says. */
export function appendQuery(path: string, query: string): string {
  if (query === '') return path;
  if (!path.includes('?')) return `${path}?${query}`;
  return /[?&]$/.test(path) ? path + query : `${path}&${query}`;
}

/** The `Cookie` header for `pairs`, or undefined when there are none. */
export function cookieHeader(pairs: ReadonlyArray<[string, string]>): string | undefined {
  return pairs.length === 0 ? undefined : pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
}

/** A scalar path parameter value, or one item of an array value. */
export type PathScalar = string | number | boolean;

/**
 * Encodes one path parameter. Empty, missing or non-scalar values throw before anything is sent:
 * they would otherwise produce a different URL (`/calls//actions/answer`) and a confusing 404.
 * `:` and `@` are left as they are: RFC 3986 allows both in a path segment, and the official
 * `telnyx` package sends a call control id (`v3:…`) that way. Every other reserved character is
 * percent-encoded, so no value can add a segment (`/`), start a query (`?`) or end the URL (`#`).
 * An array (OpenAPI's default `simple` style, `{ids}` with `ids: [a, b]`) is its items, each
 * encoded, joined with commas: `a,b`. An item with a comma of its own keeps it encoded (`%2C`).
 */
export function encodePathParam(name: string, value: PathScalar | readonly PathScalar[]): string {
  if (Array.isArray(value)) {
    if (value.length === 0) throw new TelnyxError(`Path parameter \`${name}\` must not be an empty array.`);
    return value.map((item: unknown, i) => encodePathScalar(`${name}[${i}]`, item)).join(',');
  }
  return encodePathScalar(name, value);
}

function encodePathScalar(name: string, value: unknown): string {
  // Number.isFinite is false for anything but a finite number.
  if (typeof value === 'boolean' || Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') {
    throw new TelnyxError(`Path parameter \`${name}\` must be a string, got ${typeof value}.`);
  }
  if (value === '') {
    throw new TelnyxError(`Path parameter \`${name}\` must not be empty.`);
  }
  return encodeURIComponent(value).replace(/%3A/g, ':').replace(/%40/g, '@');
}

/** The query pairs of one parameter value. */
export function queryPairs(spec: ParamSpec, value: unknown): Array<[string, string]> {
  const style = spec.style ?? 'form';
  const explode = spec.explode ?? style === 'form';
  if (style === 'deepObject') return deepObjectPairs(spec.name, value);
  // Exploded, an array is one pair per item in every style (OpenAPI's style table); otherwise
  // the delimited styles join arrays and objects alike with their delimiter.
  const separator = style === 'spaceDelimited' ? ' ' : style === 'pipeDelimited' ? '|' : ',';
  if (Array.isArray(value)) {
    const items = value.map((item) => scalar(spec.name, item));
    if (explode) return items.map((item) => [spec.name, item]);
    return [[spec.name, items.join(separator)]];
  }
  if (isNonDateObject(value)) {
    const entries = definedEntries(value).map(
      ([k, v]) => [k, scalar(`${spec.name}.${k}`, v)] as [string, string],
    );
    // The table leaves exploded delimited objects undefined; they explode as form does.
    if (explode) return entries;
    return [[spec.name, entries.flat().join(separator)]];
  }
  return [[spec.name, scalar(spec.name, value)]];
}

/**
 * `filter[created_at][gte]=…`: nested objects as bracketed names, arrays as repeated `name[]`
 * (Telnyx's `filter[content_type][]`), as Rails- and `qs`-style servers read them.
 */
function deepObjectPairs(name: string, value: unknown): Array<[string, string]> {
  if (Array.isArray(value)) return value.map((item) => [`${name}[]`, scalar(name, item)]);
  if (!isNonDateObject(value)) return [[name, scalar(name, value)]];
  return definedEntries(value).flatMap(([key, child]) => deepObjectPairs(`${name}[${key}]`, child));
}

/** A header value; a line break would end the header early, so it is refused. */
function headerValue(spec: ParamSpec, value: unknown): string {
  const text = simpleValue(spec, value);
  if (/[\r\n\0]/.test(text)) {
    throw new TelnyxError(`Header parameter \`${spec.name}\` must not contain line breaks.`);
  }
  return text;
}

/** A header value: arrays and objects comma-joined (`simple` style). */
function simpleValue(spec: ParamSpec, value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => scalar(spec.name, item)).join(',');
  if (isNonDateObject(value)) {
    const entries = definedEntries(value).map(([k, v]) => [k, scalar(`${spec.name}.${k}`, v)]);
    return spec.explode ? entries.map(([k, v]) => `${k}=${v}`).join(',') : entries.flat().join(',');
  }
  return scalar(spec.name, value);
}

function scalar(name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString();
  throw new TelnyxError(`Parameter \`${name}\` must be a string, number or boolean, got ${typeof value}.`);
}

function definedEntries(value: Record<string, unknown>): Array<[string, unknown]> {
  return Object.entries(value).filter(([, v]) => v !== undefined);
}

/**
 * A JSON object whose entries become name/value pairs. A `Date` is an object too, but `scalar`
 * sends it as one ISO string, so it is not taken apart here.
 */
function isNonDateObject(value: unknown): value is Record<string, unknown> {
  return isObject(value) && !(value instanceof Date);
}

/** Percent-encodes a query name but keeps `[` and `]`, which servers read as nesting. */
function encodeQueryName(name: string): string {
  return encodeURIComponent(name).replace(/%5B/g, '[').replace(/%5D/g, ']');
}
