/**
 * Cuts the voice-media fragment out of Telnyx's full spec: the configured operations and
 * webhooks plus the transitive closure of every local `$ref` they reach, nothing else.
 * OpenAPI 3.1 specs list events under `webhooks:`; 3.0 specs carry them as `callbacks` on the
 * operations that trigger them, so a configured webhook may also be one of those callbacks.
 * Pure: text in, text out, so that the CLI and the tests share it.
 */
import { stringify } from 'yaml';
import { type Diagnostic, joinPointer, parsePointer } from '../core/diagnostics.js';
import { isObject, type Json } from '../core/json.js';

export interface ExtractConfig {
  operations: Array<{ operationId: string } | { path: string }>;
  webhooks: string[];
}

export interface ExtractResult {
  text: string;
  diagnostics: Diagnostic[];
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** Top-level keys kept as they are; `info` is what a reader needs to know where the file is from. */
const KEPT_TOP_LEVEL = ['openapi', 'info', 'servers', 'security'] as const;

export function extractFragment(
  full: unknown,
  config: ExtractConfig,
  /** `configFile`: where the config lives, for the header (default `spec/extract.config.yaml`). */
  source: { fileName: string; sha256: string; configFile?: string },
): ExtractResult {
  const diagnostics: Diagnostic[] = [];
  if (!isObject(full) || !isObject(full.paths)) {
    return { text: '', diagnostics: [error('not-openapi', 'the source has no `paths` object', '#/paths')] };
  }
  const out: Json = {};
  for (const key of KEPT_TOP_LEVEL) if (key in full) out[key] = full[key];

  const paths = selectOperations(full.paths, config.operations, config.webhooks, diagnostics);
  const webhooks = selectWebhooks(full.webhooks, config.webhooks, callbackNames(paths), diagnostics);
  out.paths = paths;
  if (Object.keys(webhooks).length > 0) out.webhooks = webhooks;

  const operations = [...operationsOf(paths), ...operationsOf(webhooks)];
  const components = collectClosure(full, [paths, webhooks], diagnostics);
  addSecuritySchemes(full, [out, ...operations], components, diagnostics);
  addUsedTags(full, operations, out);
  if (Object.keys(components).length > 0) out.components = sortComponents(components);

  const ordered = orderTopLevel(out);
  const header =
    `# Extracted from ${source.fileName} (sha256:${source.sha256}) by \`npm run spec:extract\`.\n` +
    `# DO NOT EDIT: change ${source.configFile ?? 'spec/extract.config.yaml'} and extract again.\n`;
  const body = stringify(ordered, { lineWidth: 0, aliasDuplicateObjects: false, sortMapEntries: false });
  return { text: header + body, diagnostics };
}

function selectOperations(
  allPaths: Json,
  wanted: ExtractConfig['operations'],
  webhookNames: readonly string[],
  diagnostics: Diagnostic[],
): Json {
  const picked = new Map<string, Json>();
  wanted.forEach((entry, index) => {
    const hits: Array<[string, string]> = [];
    for (const [path, item] of Object.entries(allPaths)) {
      if (!isObject(item)) continue;
      for (const method of HTTP_METHODS) {
        const op = item[method];
        if (!isObject(op)) continue;
        if ('path' in entry ? path === entry.path : op.operationId === entry.operationId)
          hits.push([path, method]);
      }
    }
    if (hits.length === 0) {
      const what = 'path' in entry ? `path ${entry.path}` : `operationId ${entry.operationId}`;
      diagnostics.push(
        error('extract-not-found', `${what} is not in the source spec`, `#/operations/${index}`),
      );
    }
    for (const [path, method] of hits) {
      const item = allPaths[path] as Json;
      const target = picked.get(path) ?? pathLevelFields(item);
      target[method] = keepCallbacks(item[method] as Json, webhookNames);
      picked.set(path, target);
    }
  });
  return Object.fromEntries(picked);
}

/** Path-item fields shared by all its operations (parameters, summary, ...), never other methods. */
function pathLevelFields(item: Json): Json {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !HTTP_METHODS.includes(k)));
}

/**
 * An operation's callbacks (OpenAPI 3.0's events) narrowed to the configured webhooks, so that the
 * fragment knows the same events whichever way the source spells them. The operation is copied,
 * never changed in place.
 */
function keepCallbacks(op: Json, webhookNames: readonly string[]): Json {
  if (!isObject(op.callbacks)) return op;
  const kept = Object.entries(op.callbacks).filter(([name]) => webhookNames.includes(name));
  return { ...op, callbacks: Object.fromEntries(kept) };
}

function callbackNames(paths: Json): Set<string> {
  return new Set(
    operationsOf(paths).flatMap((op) => (isObject(op.callbacks) ? Object.keys(op.callbacks) : [])),
  );
}

/** A webhook is taken from `webhooks:`, or is already in the fragment as a selected operation's callback. */
function selectWebhooks(
  all: unknown,
  names: string[],
  callbacks: ReadonlySet<string>,
  diagnostics: Diagnostic[],
): Json {
  const out: Json = {};
  names.forEach((name, index) => {
    if (isObject(all) && name in all) out[name] = all[name];
    else if (!callbacks.has(name))
      diagnostics.push(
        error(
          'extract-not-found',
          `webhook ${name} is neither in the source spec's webhooks nor a callback of a selected operation`,
          `#/webhooks/${index}`,
        ),
      );
  });
  return out;
}

/** Follows every `#/components/...` reference breadth-first until nothing new is reached. */
function collectClosure(full: Json, roots: unknown[], diagnostics: Diagnostic[]): Json {
  const components: Json = {};
  const seen = new Set<string>();
  const queue: Array<{ value: unknown; from: string }> = roots.map((value) => ({ value, from: '#' }));
  while (queue.length > 0) {
    const { value, from } = queue.shift()!;
    for (const { ref, at } of findRefs(value, from)) {
      if (seen.has(ref)) continue;
      seen.add(ref);
      const tokens = parsePointer(ref);
      if (!ref.startsWith('#/components/') || tokens.length !== 3) {
        diagnostics.push(error('extract-ref-unsupported', `cannot extract $ref ${ref}`, at));
        continue;
      }
      const [, section, name] = tokens as [string, string, string];
      const target = (full.components as Json | undefined)?.[section];
      if (!isObject(target) || !(name in target)) {
        diagnostics.push(error('ref-unresolved', `$ref ${ref} does not resolve in the source spec`, at));
        continue;
      }
      const bucket = (components[section] ??= {}) as Json;
      bucket[name] = target[name];
      queue.push({ value: target[name], from: joinPointer('#/components', section, name) });
    }
  }
  return components;
}

function findRefs(value: unknown, at: string): Array<{ ref: string; at: string }> {
  if (Array.isArray(value)) return value.flatMap((v, i) => findRefs(v, joinPointer(at, i)));
  if (!isObject(value)) return [];
  const own = typeof value.$ref === 'string' ? [{ ref: value.$ref, at: joinPointer(at, '$ref') }] : [];
  return [
    ...own,
    ...Object.entries(value).flatMap(([k, v]) => (k === '$ref' ? [] : findRefs(v, joinPointer(at, k)))),
  ];
}

function operationsOf(items: Json): Json[] {
  return Object.values(items).flatMap((item) =>
    isObject(item) ? HTTP_METHODS.map((m) => item[m]).filter(isObject) : [],
  );
}

/** Security requirements name schemes by key, not by `$ref`, so they are followed separately. */
function addSecuritySchemes(full: Json, holders: Json[], components: Json, diagnostics: Diagnostic[]): void {
  const all = (full.components as Json | undefined)?.securitySchemes;
  const names = new Set<string>();
  for (const holder of holders) {
    if (Array.isArray(holder.security))
      for (const req of holder.security) if (isObject(req)) Object.keys(req).forEach((n) => names.add(n));
  }
  if (names.size === 0) return;
  const schemes: Json = {};
  for (const name of [...names].sort()) {
    if (isObject(all) && name in all) schemes[name] = all[name];
    else diagnostics.push(error('ref-unresolved', `security scheme ${name} is not defined`, '#/security'));
  }
  components.securitySchemes = schemes;
}

function addUsedTags(full: Json, operations: Json[], out: Json): void {
  const used = new Set(operations.flatMap((op) => (Array.isArray(op.tags) ? op.tags : [])));
  if (!Array.isArray(full.tags) || used.size === 0) return;
  const tags = full.tags.filter((t) => isObject(t) && used.has(t.name));
  if (tags.length > 0) out.tags = tags;
}

const compareNames = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function sortComponents(components: Json): Json {
  const sorted: Json = {};
  for (const section of Object.keys(components).sort(compareNames)) {
    const entries = Object.entries(components[section] as Json).sort(([a], [b]) => compareNames(a, b));
    sorted[section] = Object.fromEntries(entries);
  }
  return sorted;
}

function orderTopLevel(out: Json): Json {
  const order = ['openapi', 'info', 'servers', 'security', 'tags', 'paths', 'webhooks', 'components'];
  return Object.fromEntries(order.filter((k) => k in out).map((k) => [k, out[k]]));
}

function error(code: string, message: string, pointer: string): Diagnostic {
  return { code, severity: 'error', message, pointer };
}
