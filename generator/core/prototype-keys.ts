/**
 * @redocly/openapi-core 1.x looks keys up in plain objects: a property named `hasOwnProperty`
 * makes it call `Object.prototype.hasOwnProperty` as a type and throw, one named `constructor`
 * is reported as the wrong type. Such names are legal, so the linter gets a copy of the document
 * in which every key that is also an `Object.prototype` member carries a suffix (and so does every
 * local `$ref` to one), and its findings are mapped back to the real names.
 */
import { escapePointerToken, parsePointer } from './diagnostics.js';

const SUFFIX = '~lint-safe';

const isPrototypeName = (key: string): boolean => key in Object.prototype;

/** The document as the linter may see it: the input itself when no key needs a suffix. */
export function lintSafeDocument(document: unknown): unknown {
  return hasPrototypeKey(document) ? renamed(document, undefined) : document;
}

/** Undoes the suffix in a pointer or a message the linter wrote about the renamed copy. */
export const restoreNames = (text: string): string =>
  text.replaceAll(SUFFIX, '').replaceAll(escapePointerToken(SUFFIX), '');

function hasPrototypeKey(document: unknown): boolean {
  const stack = [document];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    for (const [key, child] of Object.entries(value)) {
      if (!Array.isArray(value) && isPrototypeName(key)) return true;
      stack.push(child);
    }
  }
  return false;
}

/**
 * A renamed deep copy. Recursive, which is safe because load.ts has already refused documents
 * nested deeper than MAX_NESTING.
 */
function renamed(value: unknown, key: string | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => renamed(item, undefined));
  if (typeof value === 'string' && key === '$ref') return renamedRef(value);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, child] of Object.entries(value)) {
    const safe = isPrototypeName(k) && !Object.hasOwn(value, `${k}${SUFFIX}`) ? `${k}${SUFFIX}` : k;
    // Discriminator mappings hold `$ref` strings too. Defined, not assigned: `__proto__` is data.
    const copy = renamed(child, key === 'mapping' ? '$ref' : k);
    Object.defineProperty(out, safe, { value: copy, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function renamedRef(ref: string): string {
  if (!ref.startsWith('#/')) return ref;
  const tokens = parsePointer(ref).map((t) => (isPrototypeName(t) ? `${t}${SUFFIX}` : t));
  return `#${tokens.map((t) => `/${escapePointerToken(t)}`).join('')}`;
}
