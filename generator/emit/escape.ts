/**
 * Escaping at the destination: every place a spec value lands in generated code has its own
 * helper. Spec text is input from outside; none of these lets it change what the code does.
 */
import { isIdentifier } from '../core/names.js';

/**
 * A JSON-compatible string literal with every character that could end or bend it escaped,
 * including U+2028/U+2029 (line terminators inside older JS string literals).
 */
export function stringLiteral(value: string): string {
  return escapeLineSeparators(JSON.stringify(value));
}

/**
 * A literal for any JSON value, as JSON, with every string in it escaped as above: nested ones
 * too, since enum values and examples can be arrays and objects.
 */
export function jsonLiteral(value: unknown): string {
  return escapeLineSeparators(JSON.stringify(value));
}

/** JSON text holds U+2028/U+2029 only inside strings, where `\u2028`/`\u2029` mean the same. */
function escapeLineSeparators(json: string): string {
  return json.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** An object or interface key: bare when it is an identifier, quoted otherwise (`'x-y'`, `'0a'`). */
export function propertyKey(name: string): string {
  return isIdentifier(name) && name !== '__proto__' ? name : stringLiteral(name);
}

/** Member access that works for any key: `a.b` or `a["x-y"]`. */
export function propertyAccess(target: string, name: string): string {
  return isIdentifier(name) && name !== '__proto__'
    ? `${target}.${name}`
    : `${target}[${stringLiteral(name)}]`;
}

/**
 * Text safe inside a `/** … *\/` block: no `*\/` can close it early, line breaks of any kind
 * become `\n`, and a leading `@` cannot start a JSDoc tag by accident.
 */
export function jsDocText(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(/\*\//g, '*\\/')
    .replace(/\/\*/g, '/\\*')
    .replace(/^(\s*)@/gm, '$1\\@')
    .trimEnd();
}

/** Text safe on one `//` comment line. */
export function lineCommentText(text: string): string {
  return text.replace(/\r\n?|\n|[\u2028\u2029]/g, ' ');
}

/** Text safe inside a Markdown table cell or line of the generated README. */
export function markdownText(text: string): string {
  return text
    .replace(/\r\n?|\n|[\u2028\u2029]/g, ' ')
    .replace(/[\\`*_|[\]]/g, (c) => `\\${c}`)
    .replace(/</g, '&lt;');
}
