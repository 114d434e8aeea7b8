import { createHash } from 'node:crypto';
import { LineCounter, parseDocument, type Node } from 'yaml';
import { type Diagnostic, GenerationError, joinPointer } from './diagnostics.js';
import { type PositionData, PositionIndex } from './positions.js';

/** Telnyx's whole spec is about 4 MB; a spec far beyond that is a mistake, not an input to parse. */
export const MAX_SPEC_BYTES = 16 * 1024 * 1024;

/**
 * How deep a spec may nest mappings and lists. Telnyx's whole spec reaches 17; past a few hundred,
 * the YAML parser, the linter or the formatter runs out of stack. The limit keeps every step well
 * inside what it can do.
 */
export const MAX_NESTING = 128;

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
 * A parsed spec as plain data, which a worker thread can post (see generator/cli/worker.ts):
 * `LoadedSpec` without its `locate` function, and the positions that function reads.
 */
export interface ParsedSpec extends Omit<LoadedSpec, 'locate'> {
  positions: PositionData;
  /** The offset each line starts at. */
  lineStarts: number[];
}

/**
 * Parses YAML (or JSON, a subset of it) into a document without throwing: syntax errors come back
 * as diagnostics with the line the parser stopped at.
 */
export function loadSpecText(text: string, fileName: string): LoadedSpec {
  return withLocate(parseSpecText(text, fileName));
}

/** loadSpecText's work, with the positions as data instead of a function. */
export function parseSpecText(text: string, fileName: string): ParsedSpec {
  const sha256 = createHash('sha256').update(text).digest('hex');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const { lineStarts } = lineCounter;
  const diagnostics: Diagnostic[] = doc.errors.map((e) => {
    const message = e.message.split('\n')[0] ?? e.message;
    return stackExhausted(message)
      ? {
          ...tooDeep('#', 'the YAML parser ran out of stack here'),
          file: fileName,
          ...linePosition(lineStarts, e.pos[0]),
        }
      : {
          code: 'yaml-syntax',
          severity: 'error',
          message,
          pointer: '#',
          file: fileName,
          ...linePosition(lineStarts, e.pos[0]),
        };
  });
  let document: unknown = undefined;
  if (diagnostics.length === 0) {
    try {
      document = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      const message = (err as Error).message;
      diagnostics.push(
        stackExhausted(message)
          ? { ...tooDeep('#', 'the YAML parser ran out of stack'), file: fileName }
          : { code: 'yaml-syntax', severity: 'error', message, pointer: '#', file: fileName },
      );
    }
  }
  // Only the positions outlive this function, not the parser's tree (see positions.ts).
  const positions = PositionIndex.of(doc.contents as Node | null);
  const deep = diagnostics.length === 0 ? firstTooDeep(document) : undefined;
  if (deep !== undefined)
    diagnostics.push({
      ...tooDeep(deep, `nested more than ${MAX_NESTING} levels deep here`),
      file: fileName,
      ...locator(positions, lineStarts)(deep),
    });
  return { document, fileName, sha256, diagnostics, positions: positions.data(), lineStarts };
}

/** A parsed spec with its `locate` function, from the positions it carries. */
export function withLocate(parsed: ParsedSpec): LoadedSpec {
  const { positions, lineStarts, ...rest } = parsed;
  return { ...rest, locate: locator(PositionIndex.from(positions), lineStarts) };
}

/** Line and column of the node at a JSON pointer (see LoadedSpec.locate). */
function locator(positions: PositionIndex, lineStarts: number[]): LoadedSpec['locate'] {
  return (pointer) => {
    const offset = positions.offsetOf(pointer);
    return offset === undefined ? undefined : linePosition(lineStarts, offset);
  };
}

/** Line and column (1-based) of an offset, as yaml's LineCounter gives them for these line starts. */
export function linePosition(lineStarts: number[], offset: number): { line: number; column: number } {
  const { line, col } = Object.assign(new LineCounter(), { lineStarts }).linePos(offset);
  return { line, column: col };
}

const stackExhausted = (message: string) => /Maximum call stack size exceeded/.test(message);

function tooDeep(pointer: string, detail: string): Diagnostic {
  return {
    code: 'nesting-too-deep',
    severity: 'error',
    message: `the spec nests mappings and lists too deeply (${detail}); the limit is ${MAX_NESTING} levels`,
    pointer,
  };
}

interface Visit {
  value: unknown;
  depth: number;
  key: string;
  parent: Visit | undefined;
}

/** The pointer of the first value nested deeper than MAX_NESTING, found without recursion. */
function firstTooDeep(document: unknown): string | undefined {
  const stack: Visit[] = [{ value: document, depth: 0, key: '', parent: undefined }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    if (typeof visit.value !== 'object' || visit.value === null) continue;
    if (visit.depth >= MAX_NESTING) {
      const keys: string[] = [];
      for (let v: Visit | undefined = visit; v?.parent; v = v.parent) keys.unshift(v.key);
      return joinPointer('#', ...keys);
    }
    for (const [key, value] of Object.entries(visit.value).reverse())
      stack.push({ value, depth: visit.depth + 1, key, parent: visit });
  }
  return undefined;
}

/**
 * The spec's bytes as text. Invalid UTF-8 is refused with the byte offset and line of the first
 * bad byte, instead of being replaced by U+FFFD and changing names and values in silence.
 */
export function decodeSpecBytes(bytes: Uint8Array, fileName: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const before = bytes.subarray(0, offset);
    const line = before.filter((b) => b === 0x0a).length + 1;
    const column = offset - before.lastIndexOf(0x0a);
    const byte = bytes[offset]?.toString(16).padStart(2, '0') ?? 'end of file';
    throw new GenerationError([
      {
        code: 'encoding-invalid',
        severity: 'error',
        message: `invalid UTF-8 at byte ${offset} (0x${byte}…); the spec must be UTF-8 text`,
        pointer: '#',
        file: fileName,
        line,
        column,
      },
    ]);
  }
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const [length, min, max] =
      b < 0x80
        ? [1, 0, 0]
        : b >= 0xc2 && b <= 0xdf
          ? [2, 0x80, 0xbf]
          : b === 0xe0
            ? [3, 0xa0, 0xbf]
            : b === 0xed
              ? [3, 0x80, 0x9f]
              : b >= 0xe1 && b <= 0xef
                ? [3, 0x80, 0xbf]
                : b === 0xf0
                  ? [4, 0x90, 0xbf]
                  : b >= 0xf1 && b <= 0xf3
                    ? [4, 0x80, 0xbf]
                    : b === 0xf4
                      ? [4, 0x80, 0x8f]
                      : [0, 0, 0];
    if (length === 0) return i;
    // The second byte has the tighter range (no overlongs, no surrogates); the rest are 0x80–0xbf.
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      const [lo, hi] = k === 1 ? [min, max] : [0x80, 0xbf];
      if (c === undefined || c < lo || c > hi) return i;
    }
    i += length;
  }
  return bytes.length;
}
