/**
 * Prettier, in-process, with the checked-in options. A syntax error in generated code is a
 * generator bug: it is raised with the file name, never swallowed into unformatted output.
 */
import * as prettier from 'prettier';
import type { GeneratedFile } from './emit/file.js';

/** Kept here, not in a config file prettier would search for, so output never depends on cwd. */
export const PRETTIER_OPTIONS: prettier.Options = {
  printWidth: 110,
  singleQuote: true,
  trailingComma: 'all',
  endOfLine: 'lf',
  proseWrap: 'preserve',
  // Our escaping decides which keys are quoted: `'__proto__'` must stay quoted in object literals.
  quoteProps: 'preserve',
};

const PARSERS: Record<string, string> = { '.ts': 'typescript', '.json': 'json', '.md': 'markdown' };

export async function formatFiles(files: GeneratedFile[]): Promise<GeneratedFile[]> {
  return Promise.all(
    files.map(async (file) => {
      const parser = PARSERS[file.path.slice(file.path.lastIndexOf('.'))];
      if (!parser) return file;
      try {
        return { ...file, content: await prettier.format(file.content, { ...PRETTIER_OPTIONS, parser }) };
      } catch (err) {
        throw new Error(`generated ${file.path} does not parse (a generator bug): ${(err as Error).message}`);
      }
    }),
  );
}
