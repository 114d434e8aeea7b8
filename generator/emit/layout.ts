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
