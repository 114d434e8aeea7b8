/** JSDoc lines for a schema, from its description, constraints, default and example. */
import type { SchemaNode } from '../ir/types.js';
import { jsDocText } from './escape.js';

export function docLines(node: SchemaNode, extra: string[] = []): string[] {
  const lines: string[] = [];
  const text = node.docs.description ?? node.docs.title;
  if (text) lines.push(...jsDocText(text).split('\n'));
  const facts = [...constraintNotes(node), ...extra];
  if (facts.length) lines.push(...(lines.length ? [''] : []), ...facts);
  // Tags last: JSDoc reads everything after the first tag as part of some tag.
  if (node.docs.default !== undefined) lines.push(`@default ${jsDocText(JSON.stringify(node.docs.default))}`);
  if (node.docs.example !== undefined) lines.push(`@example ${jsDocText(JSON.stringify(node.docs.example))}`);
  if (node.docs.deprecated) lines.push('@deprecated');
  return lines;
}

/** Facts a type cannot say: integer vs number, formats, ranges and lengths. */
function constraintNotes(node: SchemaNode): string[] {
  const notes: string[] = [];
  if (node.kind === 'integer') notes.push(`Integer${node.format ? ` (${node.format})` : ''}.`);
  if ((node.kind === 'string' || node.kind === 'number') && node.format)
    notes.push(`Format: \`${jsDocText(node.format)}\`.`);
  if (node.kind === 'number' || node.kind === 'integer') {
    const range = [
      node.minimum !== undefined ? `≥ ${node.minimum}` : '',
      node.exclusiveMinimum !== undefined ? `> ${node.exclusiveMinimum}` : '',
      node.maximum !== undefined ? `≤ ${node.maximum}` : '',
      node.exclusiveMaximum !== undefined ? `< ${node.exclusiveMaximum}` : '',
    ].filter(Boolean);
    if (range.length) notes.push(`Range: ${range.join(', ')}.`);
  }
  if (node.kind === 'string') {
    if (node.minLength !== undefined || node.maxLength !== undefined)
      notes.push(`Length: ${node.minLength ?? 0} to ${node.maxLength ?? '∞'} characters.`);
    if (node.pattern !== undefined) notes.push(`Pattern: \`${jsDocText(node.pattern)}\`.`);
  }
  if (node.kind === 'array' && (node.minItems !== undefined || node.maxItems !== undefined)) {
    notes.push(`Items: ${node.minItems ?? 0} to ${node.maxItems ?? '∞'}.`);
  }
  return notes;
}
