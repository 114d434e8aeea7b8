/**
 * Where an operation lives on the client (`client.recordings.list`) when the naming config does
 * not say: a resource from the path's literal segments and a method from the HTTP method and the
 * path's shape, as users of Stainless-style SDKs expect. Names that would break a JavaScript
 * object (`then` makes it thenable, `constructor` and `__proto__` reach its prototype) get a `_`.
 */
import { camelWords, isIdentifier, toMethodName } from '../core/names.js';

/**
 * Property names a resource object cannot take as they are: `then` would make `await
 * client.calls` call it, the rest are `Object.prototype`'s or the resource's own `client` field.
 */
const UNSAFE_MEMBERS = new Set([
  'then',
  'catch',
  'finally',
  'constructor',
  '__proto__',
  'prototype',
  'toString',
  'toLocaleString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'client',
]);

/**
 * The members the client class has before its resources: `ClientCore`'s (runtime/client-core.ts)
 * and the full client's `webhooks` (templates/full-client.ts.hbs). A top-level resource with one
 * of these names would override it. A test keeps the list in step with the runtime.
 */
export const CLIENT_MEMBERS: ReadonlySet<string> = new Set([
  'baseURL',
  'timeout',
  'maxRetries',
  'validate',
  'maxResponseBytes',
  'request',
  'requestPage',
  'post',
  'backoffMs',
  'webhooks',
]);

/**
 * A method or resource property name that is an identifier and safe on an object. Reserved
 * words are fine as members (`client.media.delete(…)`).
 */
export function safeMemberName(name: string): string {
  const id = isIdentifier(name) ? name : toMethodName(name);
  return UNSAFE_MEMBERS.has(id) ? `${id}_` : id;
}

/** A resource path (`calls.actions`) whose every name is safe, the first also on the client class. */
export function safeResourcePath(names: readonly string[]): string {
  return names
    .map((name, i) => {
      const safe = safeMemberName(name);
      return i === 0 && CLIENT_MEMBERS.has(safe) ? `${safe}_` : safe;
    })
    .join('.');
}

/** `recording_transcriptions` → `recordingTranscriptions`, made safe as a property. */
function segmentName(segment: string): string {
  return safeMemberName(camelWords(segment) || 'root');
}

const isParam = (segment: string) => /^\{.+\}$/.test(segment);

export interface DefaultNames {
  resource: string;
  method: string;
}

/**
 * `GET /recordings` → `recordings.list`, `GET /recordings/{id}` → `recordings.retrieve`,
 * `POST /media` → `media.create`, `PUT|PATCH /media/{name}` → `media.update`,
 * `DELETE /media/{name}` → `media.delete`, `POST /calls/{id}/actions/answer` →
 * `calls.actions.answer` (a literal after `actions` or after a parameter is a verb on the item).
 * A query string written into the path is left out (Flickr's `/rest?method=…` → `rest.list`).
 */
export function defaultNames(path: string, httpMethod: string): DefaultNames {
  // A query string in the path key (`/search/articles?query={query}`) names no resource.
  const segments = path.split('?')[0]!.split('/').filter(Boolean);
  const literals = segments.filter((s) => !isParam(s));
  const last = segments[segments.length - 1];
  const beforeLast = segments[segments.length - 2];
  const resourceOf = (parts: string[]) => (parts.length ? safeResourcePath(parts.map(segmentName)) : 'root');
  const endsWithParam = last !== undefined && isParam(last);
  const isVerb =
    httpMethod !== 'get' &&
    last !== undefined &&
    !endsWithParam &&
    literals.length > 1 &&
    (beforeLast === 'actions' || (beforeLast !== undefined && isParam(beforeLast)));
  if (isVerb) return { resource: resourceOf(literals.slice(0, -1)), method: segmentName(last) };
  const method = crudMethod(httpMethod, endsWithParam);
  return { resource: resourceOf(literals), method };
}

function crudMethod(httpMethod: string, onItem: boolean): string {
  switch (httpMethod) {
    case 'get':
      return onItem ? 'retrieve' : 'list';
    case 'post':
      return onItem ? 'post' : 'create';
    case 'put':
    case 'patch':
      return 'update';
    case 'delete':
      return 'delete';
    default:
      return safeMemberName(httpMethod);
  }
}
