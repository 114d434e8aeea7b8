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
export function formatFiles(files: GeneratedFile[]): Promise<GeneratedFile[]> {
  const done = queue.then(() => formatInOrder(files));
  queue = done.catch(() => undefined);
  return done;
}

let queue: Promise<unknown> = Promise.resolve();

async function formatInOrder(files: GeneratedFile[]): Promise<GeneratedFile[]> {
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
      out.push({
        path: file.path,
        content: await prettier.format(file.content, { ...PRETTIER_OPTIONS, parser }),
      });
    } catch (err) {
      throw new Error(`generated ${file.path} does not parse (a generator bug): ${(err as Error).message}`);
    }
  }
  return out;
}
