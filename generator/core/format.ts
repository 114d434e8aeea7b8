/**
 * Prettier, in-process, with the checked-in options. A syntax error in generated code is a
 * generator bug: it is raised with the file name, never swallowed into unformatted output.
 */
import type * as Prettier from 'prettier';
import options from '../../.prettierrc.json' with { type: 'json' };
import type { GeneratedFile } from '../emit/file.js';

/**
 * The project's checked-in options, imported (not searched for), so output never depends on the
 * working directory. `quoteProps: preserve` because our escaping decides which keys are quoted:
 * `'__proto__'` must stay quoted in object literals.
 */
export const PRETTIER_OPTIONS: Prettier.Options = options as Prettier.Options;

// babel-ts, not typescript: the same output on our code (a test checks every file) in about half the time.
const PARSERS: Record<string, string> = { '.ts': 'babel-ts', '.json': 'json', '.md': 'markdown' };

/**
 * Every call's files, one at a time, in order. \`prettier.format\` is async but does its work on
 * this thread, so running many at once gains nothing and keeps every file's syntax tree alive
 * together: Telnyx's whole spec (3,300 files) peaked at 2 GB that way. Calls queue behind each
 * other for the same reason (the CLI's helper thread gets one call per file).
 */
export function formatFiles(files: GeneratedFile[], pieceChars = PIECE_CHARS): Promise<GeneratedFile[]> {
  const done = queue.then(() => formatInOrder(files, pieceChars));
  queue = done.catch(() => undefined);
  return done;
}

let queue: Promise<unknown> = Promise.resolve();

async function formatInOrder(files: GeneratedFile[], pieceChars: number): Promise<GeneratedFile[]> {
  // Loaded on first use, so the CLI can load it on a second thread while this one works.
  const prettier = await import('prettier');
  const out: GeneratedFile[] = [];
  for (const file of files) {
    const parser = PARSERS[file.path.slice(file.path.lastIndexOf('.'))];
    if (!parser || file.preformatted) {
      out.push({ path: file.path, content: file.content });
      continue;
    }
    try {
      const formatted: string[] = [];
      for (const piece of pieces(file, pieceChars)) formatted.push(await prettier.format(piece, { ...PRETTIER_OPTIONS, parser }));
      // Each formatted piece ends with one newline; the blank line between pieces goes back in.
      out.push({ path: file.path, content: formatted.join('\n') });
    } catch (err) {
      throw new Error(`generated ${file.path} does not parse (a generator bug): ${(err as Error).message}`);
    }
  }
  return out;
}

/** Above this size a file that allows it is formatted in pieces of about this size. */
export const PIECE_CHARS = 256 * 1024;

/**
 * The text in pieces for prettier, each ending at a blank line that separates two top-level
 * statements (see `GeneratedFile.statementsAtBlankLines`). prettier keeps one blank line
 * between statements that had one, so joining the formatted pieces with a blank line reads as
 * the whole file formatted at once. prettier over the 16 MB of schema types of an 18,000-schema
 * spec took 1.8 GB in one piece.
 */
export function* pieces(file: GeneratedFile, size = PIECE_CHARS): Generator<string> {
  const text = file.content;
  if (!file.statementsAtBlankLines || text.length <= size) {
    yield text;
    return;
  }
  const boundary = /\n\n+(?=\S)/g;
  let start = 0;
  while (text.length - start > size) {
    boundary.lastIndex = start + size;
    const next = boundary.exec(text);
    if (!next) break;
    yield text.slice(start, next.index + 1);
    start = next.index + next[0].length;
  }
  yield text.slice(start);
}
