/** Naming rules shared by every emitter, so a schema's type and its guards always agree. */
import { parsePointer } from './diagnostics.js';

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'as implements interface let package private protected public static yield any boolean constructor declare get ' +
    'module require number set string symbol type from of await async unknown never object undefined arguments eval'
  ).split(' '),
);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

export function isReservedWord(name: string): boolean {
  return RESERVED.has(name);
}

function words(name: string): string[] {
  return name.split(/[^A-Za-z0-9]+/).filter(Boolean);
}

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** `call_control-id` → `CallControlId`: the words of a name, each with its first letter upper-cased. */
export function pascalWords(name: string): string {
  return words(name).map(upperFirst).join('');
}

/** `call_control-id` → `callControlId`. */
export function camelWords(name: string): string {
  return lowerFirst(pascalWords(name));
}

/**
 * The type name of a schema a `$ref` points into (not a component of its own): its pointer past
 * `components/schemas` (`#/components/schemas/Report/definitions/component` →
 * `ReportDefinitionsComponent`). The model and `openapi.ts` both name such a target this way.
 */
export function deepRefName(ref: string): string {
  const tokens = parsePointer(ref);
  return toTypeName((ref.startsWith('#/components/schemas/') ? tokens.slice(2) : tokens).join('_'));
}

/**
 * `callRecordingError` → `CallRecordingError`; `call-control_Error` → `CallControlError`.
 * A name that starts with a digit gets a leading `_` so it stays an identifier.
 */
export function toTypeName(schemaName: string): string {
  const joined =
    isIdentifier(schemaName) && !schemaName.includes('_') ? upperFirst(schemaName) : pascalWords(schemaName);
  const safe = joined === '' ? 'Schema' : joined;
  return /^[0-9]/.test(safe) ? `_${safe}` : safe;
}

/** `StartCallPlayback` → `startCallPlayback`, used when the naming config has no entry. */
export function toMethodName(operationId: string): string {
  const name = camelWords(operationId);
  return name === '' || /^[0-9]/.test(name) || isReservedWord(name) ? `_${name}` : name;
}

/** Plain code-point comparison: independent of the host locale, so output never varies by machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
