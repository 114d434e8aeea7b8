/**
 * Large files that allow it are formatted piece by piece (generator/core/format.ts), to bound
 * prettier's memory. These tests hold the pieces to the promise that makes that safe: joined,
 * they read exactly as the whole file formatted at once.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatFiles, pieces, PRETTIER_OPTIONS } from '../../generator/core/format.ts';
import { generate } from '../../generator/core/generate.ts';
import { lintSpec } from '../../generator/core/lint.ts';
import type { GeneratedFile } from '../../generator/emit/file.ts';
import { readTemplates } from '../../generator/cli/inputs.ts';
import { join } from 'node:path';
import { NAMING_PATH, ROOT, SPEC_PATH } from '../helpers/generate.ts';

/** The fragment's files as the emitters hand them to the formatter, before prettier. */
async function unformatted(): Promise<GeneratedFile[]> {
  let captured: GeneratedFile[] = [];
  await generate(
    {
      spec: { text: readFileSync(SPEC_PATH, 'utf8'), file: 'spec/voice-media.yaml' },
      naming: { text: readFileSync(NAMING_PATH, 'utf8'), file: 'spec/naming.yaml' },
      templates: readTemplates(join(ROOT, 'templates')),
      runtime: readTemplates(join(ROOT, 'runtime')),
    },
    {
      lint: lintSpec,
      format: async (files) => (captured = [...files]),
    },
  );
  return captured;
}

describe('formatting in pieces', () => {
  it('gives the same text as formatting the whole file, for schemas.ts cut into many pieces', async () => {
    const files = await unformatted();
    const schemas = files.find((f) => f.path === 'src/schemas.ts')!;
    expect(schemas.statementsAtBlankLines).toBe(true);
    // Small pieces, so the fragment's 185 KB are cut in dozens of places.
    expect([...pieces(schemas, 4096)].length).toBeGreaterThan(20);
    const [inPieces] = await formatFiles([schemas], 4096);
    const prettier = await import('prettier');
    const whole = await prettier.format(schemas.content, { ...PRETTIER_OPTIONS, parser: 'babel-ts' });
    expect(inPieces!.content).toBe(whole);
  }, 60_000);

  it('cuts only at a blank line followed by a statement in column 0, and loses no text', () => {
    const content = ['/** a */\nexport type A = 1;', 'export interface B {\n  x: 1;\n\n  y: 2;\n}', 'export type C = 3;\n'].join(
      '\n\n',
    );
    const file: GeneratedFile = { path: 'x.ts', content, statementsAtBlankLines: true };
    const cut = [...pieces(file, 10)];
    // The blank line inside B is followed by an indented line: no cut there.
    expect(cut).toStrictEqual(['/** a */\nexport type A = 1;\n', 'export interface B {\n  x: 1;\n\n  y: 2;\n}\n', 'export type C = 3;\n']);
    expect(cut.join('\n')).toBe(content);
  });

  it('leaves a file alone unless its emitter allows cutting it', () => {
    const content = 'export type A = 1;\n\nexport type B = 2;\n';
    expect([...pieces({ path: 'x.ts', content }, 10)]).toStrictEqual([content]);
  });
});
