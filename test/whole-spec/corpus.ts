/**
 * Shared by the corpus tests (ReadMe's example specs, a sample of APIs.guru's directory): fetch a
 * package of specs into .cache/, generate each spec with default names, and type-check every
 * output in one tsc run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { generateFromText, typecheck, writeFiles } from '../helpers/generate.ts';
import { countSpec, WHOLE_NAMING } from './whole.ts';

/**
 * Installs `pkg` (`name@version`) under `prefix` unless `marker` is there already; undefined
 * when it is there, else why it could not be (the tests then skip and say so).
 */
export function fetchPackage(pkg: string, prefix: string, marker: string): string | undefined {
  if (existsSync(marker)) return undefined;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['install', '--no-save', '--no-package-lock', '--prefix', prefix, pkg], {
    encoding: 'utf8',
    timeout: 5 * 60_000,
  });
  if (run.status === 0 && existsSync(marker)) return undefined;
  return `npm install ${pkg} failed (offline?): ${(run.stderr || String(run.error)).trim().split('\n').at(-1)}`;
}

/**
 * Generates each spec (paths relative to `base`) into its own folder under `out`. A spec with an
 * error is not written; every error must carry a pointer and a line. A generated one must hold
 * every operation and webhook the document has. Returns the error codes of the refused specs
 * and the folders written.
 */
export async function generateCorpus(
  base: string,
  specs: string[],
  out: string,
): Promise<{ refused: Record<string, string[]>; generated: string[] }> {
  const naming = readFileSync(WHOLE_NAMING, 'utf8');
  const refused: Record<string, string[]> = {};
  const generated: string[] = [];
  for (const spec of specs) {
    const result = await generateFromText(readFileSync(join(base, spec), 'utf8'), spec, naming);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) {
      refused[spec] = [...new Set(errors.map((d) => d.code))];
      for (const d of errors)
        expect({ spec, pointer: d.pointer, line: d.line }).toMatchObject({
          pointer: expect.stringMatching(/^#/),
          line: expect.any(Number),
        });
      continue;
    }
    const model = result.model!;
    expect({ spec, operations: model.operations.length, webhooks: model.webhooks.length }).toStrictEqual({
      spec,
      ...countSpec(join(base, spec)),
    });
    const dir = spec.replace(/\.json$/, '').replaceAll('/', '-');
    writeFiles(join(out, dir), result.files);
    generated.push(dir);
  }
  return { refused, generated };
}

/** tsc over every generated package under `out` at once, with their own (strict) options. */
export function typecheckTogether(out: string, dirs: string[]): string {
  const { compilerOptions } = JSON.parse(readFileSync(join(out, dirs[0]!, 'tsconfig.json'), 'utf8')) as {
    compilerOptions: Record<string, unknown>;
  };
  const config = join(out, 'tsconfig.json');
  const options = { ...compilerOptions, rootDir: '.', outDir: 'dist' };
  writeFileSync(config, JSON.stringify({ compilerOptions: options, include: dirs.map((d) => `${d}/src`) }));
  return typecheck(config).output;
}
