/**
 * The path a request is sent to, read from a path key that holds more than a path. OpenAPI's
 * path keys are paths, but converted specs write two more things into them, and the client
 * appended its query string after either one:
 *
 * - A fragment, to tell apart operations that share a method and a path: AWS's
 *   `/#Action=SendMessage` and `/#X-Amz-Target=DynamoDB_20120810.GetItem`, Azure's
 *   `#overload=…`. HTTP never sends a fragment (fetch drops it, and drops the query string
 *   appended after it with it), so the request goes to the path before it; the operation's own
 *   parameters carry what the fragment names.
 * - A query string: Flickr's `/rest?method=flickr.photos.getInfo`, ClickSend's
 *   `/pricing/{country}?currency={currency}`. It is sent as written, path parameters filled in,
 *   and the operation's query parameters follow it after `&` (the runtime's `withQuery`). A
 *   `name={name}` pair no path parameter fills is left out: it stands for the query parameter
 *   of that name (medium.com's `/search/articles?query={query}`), or, where there is none, has
 *   no value to send (ClickSend's `/uploads?convert={convert}`).
 *
 * A `#` with more path or a parameter after it (Mastercard's `/send/#env/v1/partners/{id}`) is
 * no fragment; it is sent as `%23`, the character the key shows.
 */
import { type Diagnostic, joinPointer } from '../core/diagnostics.js';

/**
 * `sent` without the `name={name}` pairs of its query string that no path parameter fills. The
 * linter's findings about them (core/tolerated.ts) say why each is safe to leave out: a query
 * parameter of that name sends the value (`path-query-parameter`), or nothing gives it one
 * (`path-query-undeclared`).
 */
function withoutQueryPlaceholders(sent: string, pathParams: ReadonlySet<string>): string {
  const mark = sent.indexOf('?');
  if (mark < 0) return sent;
  const kept = sent
    .slice(mark + 1)
    .split('&')
    .filter((pair) => {
      const name = /^([^=]+)=\{\1\}$/.exec(pair)?.[1];
      return name === undefined || pathParams.has(name);
    });
  return kept.length ? `${sent.slice(0, mark)}?${kept.join('&')}` : sent.slice(0, mark);
}

/**
 * `path` as the client sends it, for an operation whose path parameters are `pathParams`; each
 * thing read differently from a plain path gets a warning.
 */
export function requestPath(
  path: string,
  pathParams: ReadonlySet<string>,
  diagnostics: Diagnostic[],
): string {
  const pointer = joinPointer('#/paths', path);
  let sent = path;
  const hash = path.indexOf('#');
  if (hash >= 0) {
    const fragment = path.slice(hash);
    const inPath = /[/{]/.test(fragment);
    sent = inPath ? path.replaceAll('#', '%23') : path.slice(0, hash) || '/';
    diagnostics.push({
      code: 'path-fragment',
      severity: 'warning',
      pointer,
      message: inPath
        ? `the path ${path} has a # inside it, not a fragment; it is sent as %23`
        : `the fragment ${fragment} is not sent, as HTTP never sends one: the request goes to ${sent}`,
    });
  }
  sent = withoutQueryPlaceholders(sent, pathParams);
  if (sent.includes('?')) {
    diagnostics.push({
      code: 'path-query',
      severity: 'warning',
      pointer,
      message: `the query string in the path ${path} is sent as written, and the operation's query parameters follow it`,
    });
  }
  return sent;
}
