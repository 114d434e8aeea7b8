/**
 * Which component schemas the package only ever receives. Telnyx fills optional fields it has no
 * value for with `null` in what it sends (webhooks, responses), though the spec types them as
 * plain strings or objects; the model types those fields `T | null` (see `Property.receivedNull`).
 * What the package sends stays exact, so a schema that is both sent and received counts as sent.
 */
import { parsePointer } from '../core/diagnostics.js';
import { isObject, type Json, valueAt } from '../core/json.js';
import { webhookMap } from './webhooks.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

/** Names of `#/components/schemas` entries reached from responses or webhooks and never from a request. */
export function receivedOnlySchemas(doc: Json): Set<string> {
  const sent: unknown[] = [];
  const received: unknown[] = [webhookMap(doc).map];
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const rawItem of Object.values(paths)) {
    const item = resolveRef(doc, rawItem);
    if (!isObject(item)) continue;
    sent.push(item.parameters);
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      sent.push(op.parameters, op.requestBody);
      received.push(op.responses, op.callbacks);
    }
  }
  const sentNames = reachableSchemas(doc, sent);
  const out = new Set<string>();
  for (const name of reachableSchemas(doc, received)) if (!sentNames.has(name)) out.add(name);
  return out;
}

/** Every component schema name reached from `roots`, following `$ref`s anywhere in the document. */
function reachableSchemas(doc: Json, roots: unknown[]): Set<string> {
  const names = new Set<string>();
  const seenRefs = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      stack.push(...value);
      continue;
    }
    if (!isObject(value)) continue;
    const ref = value.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/') && !seenRefs.has(ref)) {
      seenRefs.add(ref);
      const tokens = parsePointer(ref);
      if (tokens.length === 3 && tokens[0] === 'components' && tokens[1] === 'schemas') names.add(tokens[2]!);
      stack.push(resolveRef(doc, value));
    }
    for (const [key, child] of Object.entries(value)) if (key !== '$ref') stack.push(child);
  }
  return names;
}

function resolveRef(doc: Json, value: unknown): unknown {
  if (!isObject(value) || typeof value.$ref !== 'string' || !value.$ref.startsWith('#/')) return value;
  return valueAt(doc, value.$ref);
}
