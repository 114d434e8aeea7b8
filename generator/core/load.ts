import { createHash } from 'node:crypto';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { type Diagnostic, parsePointer } from './diagnostics.js';

/** A parsed spec plus what is needed to point back into its text. */
export interface LoadedSpec {
  /** Plain JS value of the document. */
  document: unknown;
  /** The file name diagnostics and the generated header show (never an absolute path). */
  fileName: string;
  /** sha256 of the exact bytes, used as provenance in generated headers. */
  sha256: string;
  /** Line and column (1-based) of the node at a JSON pointer, or of its closest ancestor. */
  locate(pointer: string): { line: number; column: number } | undefined;
  diagnostics: Diagnostic[];
}

/**
 * Parses YAML (or JSON, a subset of it) into a document without throwing: syntax errors come back
 * as diagnostics with the line the parser stopped at.
 */
export function loadSpecText(text: string, fileName: string): LoadedSpec {
  const sha256 = createHash('sha256').update(text).digest('hex');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const locateOffset = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const diagnostics: Diagnostic[] = doc.errors.map((e) => ({
    code: 'yaml-syntax',
    severity: 'error',
    message: e.message.split('\n')[0] ?? e.message,
    pointer: '#',
    file: fileName,
    ...locateOffset(e.pos[0]),
  }));
  let document: unknown = undefined;
  if (diagnostics.length === 0) {
    try {
      document = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      diagnostics.push({
        code: 'yaml-syntax',
        severity: 'error',
        message: (err as Error).message,
        pointer: '#',
        file: fileName,
      });
    }
  }
  // Walks the YAML tree; a map entry is located at its key, a list item at the item itself.
  // A pointer that runs past the tree is located at the deepest node it reached.
  const locate = (pointer: string) => {
    let node = doc.contents as Node | null;
    let at: Node | null = node;
    for (const token of parsePointer(pointer)) {
      if (isMap(node)) {
        const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === token);
        if (!pair) break;
        at = isScalar(pair.key) ? pair.key : (pair.value as Node);
        node = pair.value as Node | null;
      } else if (isSeq(node)) {
        const item = node.items[Number(token)] as Node | undefined;
        if (!item) break;
        at = node = item;
      } else {
        break;
      }
    }
    return at?.range ? locateOffset(at.range[0]) : undefined;
  };
  return { document, fileName, sha256, locate, diagnostics };
}
