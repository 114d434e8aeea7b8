/**
 * Printing code in prettier's exact layout without running prettier: an emitter builds prettier
 * `Doc`s (the layout language prettier's own printers produce, from `prettier/doc`) and prints
 * them here with the project's options. Running prettier over 20 MB of output was most of a
 * whole-spec generation; `prettier/doc` alone loads in milliseconds. An emitter that lays out
 * its files this way marks them `preformatted`, and a test holds each to `prettier.format`.
 */
import * as prettierDoc from 'prettier/doc';
import { PRETTIER_OPTIONS } from '../core/format.js';

export type Doc = prettierDoc.builders.Doc;
export const builders = prettierDoc.builders;

const PRINT_OPTIONS = {
  printWidth: PRETTIER_OPTIONS.printWidth ?? 80,
  tabWidth: PRETTIER_OPTIONS.tabWidth ?? 2,
  useTabs: PRETTIER_OPTIONS.useTabs ?? false,
};

/** The text of `doc` at the project's print width, as prettier would print it. */
export function printDoc(doc: Doc): string {
  return prettierDoc.printer.printDocToString(doc, PRINT_OPTIONS).formatted;
}

/**
 * `doc` as one line, when the printer would print it that way: for a statement that starts a
 * line `level` indents deep, holds no forced break, and whose every break lies inside a group.
 * Then the printer finds each group fits and prints it flat, so the line is what it prints;
 * handing it this text instead spares it walking and measuring the statement's doc, which was
 * most of the guards' layout time. Anything else (a forced break, a break outside a group, text
 * whose printed width is not its length, a trailing space) gives `undefined`, and the doc is
 * printed as it is.
 */
export function flatLine(doc: Doc, level: number): string | undefined {
  const parts: string[] = [];
  if (!collectFlat(doc, parts, false)) return undefined;
  const text = parts.join('');
  // ASCII only: prettier measures East Asian wide and combining characters otherwise. And no
  // trailing space, which the printer trims at the end of a line.
  if (!/^[\x20-\x7e]*$/.test(text) || text.endsWith(' ')) return undefined;
  return level * PRINT_OPTIONS.tabWidth + text.length <= PRINT_OPTIONS.printWidth ? text : undefined;
}

/** Appends the flat text of `doc`; false if it cannot be printed flat (see flatLine). */
function collectFlat(doc: Doc, parts: string[], inGroup: boolean): boolean {
  if (typeof doc === 'string') {
    parts.push(doc);
    return true;
  }
  if (Array.isArray(doc)) return doc.every((d) => collectFlat(d, parts, inGroup));
  switch (doc.type) {
    case 'group':
      return doc.break !== true && collectFlat(doc.contents, parts, true);
    case 'indent':
    case 'align':
    case 'label':
      return collectFlat(doc.contents, parts, inGroup);
    case 'indent-if-break':
      // prettier's types leave out its `contents`; flat, it prints them without the indent.
      return collectFlat((doc as unknown as { contents: Doc }).contents, parts, inGroup);
    case 'if-break':
      // Outside any group the printer is in break mode and would print the break contents.
      return inGroup && collectFlat(doc.flatContents, parts, inGroup);
    case 'line':
      if (doc.hard || !inGroup) return false;
      parts.push(doc.soft ? '' : ' ');
      return true;
    case 'line-suffix-boundary':
      return true;
    default:
      // break-parent, fill, line-suffix, trim, cursor: not flat here, or not used.
      return false;
  }
}

/**
 * A JavaScript string literal (either quote, escaped) as prettier writes it: single quotes
 * unless the text holds more single than double quotes, with only the quotes' escapes changed.
 */
export function prettierString(literal: string): string {
  const body = literal.slice(1, -1);
  let singles = 0;
  let doubles = 0;
  for (const c of body) {
    if (c === "'") singles++;
    else if (c === '"') doubles++;
  }
  const quote = singles > doubles ? '"' : "'";
  if (literal[0] === quote) return literal;
  const other = quote === '"' ? "'" : '"';
  const requoted = body.replace(/\\(["'\\])|(["'])/g, (match, escaped?: string, bare?: string) =>
    escaped ? (escaped === other ? other : match) : bare === quote ? `\\${bare}` : bare!,
  );
  return `${quote}${requoted}${quote}`;
}

/** A number literal as prettier writes it: lower case, no `+` or padding in the exponent, no extra zeros. */
export function prettierNumber(text: string): string {
  if (text.length === 1) return text;
  return text
    .toLowerCase()
    .replace(/^([+-]?[\d.]+e)(?:\+|(-))?0*(?=\d)/, '$1$2')
    .replace(/^([+-]?[\d.]+)e[+-]?0+$/, '$1')
    .replace(/^([+-])?\./, '$10.')
    .replace(/(\.\d+?)0+(?=e|$)/, '$1')
    .replace(/\.(?=e|$)/, '');
}
