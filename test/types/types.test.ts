/**
 * Runs the type tests in this folder: `tsc --noEmit -p test/types` must exit 0 with no output.
 * The files that must not compile live as `@ts-expect-error` lines inside them, so a type that
 * becomes too loose fails here as an "unused directive". Two sanity tests prove this runner can
 * fail at all: the same compiler options on a temp file with a real type error, and on one with
 * a `@ts-expect-error` that has nothing to expect.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, typecheck } from '../helpers/generate.ts';

const CONFIG = join(ROOT, 'test/types/tsconfig.json');

function tsc(project: string): { status: number | null; output: string } {
  const { code, output } = typecheck(project);
  return { status: code, output };
}

describe('type tests', () => {
  it('test/types compiles with no errors (strict, exactOptionalPropertyTypes, NodeNext)', () => {
    const { status, output } = tsc(CONFIG);
    expect(output).toBe('');
    expect(status).toBe(0);
  });
});

describe('the runner can fail', () => {
  // Outside the repo, so a leftover file can never leak into `npm run typecheck`.
  const dir = mkdtempSync(join(tmpdir(), 'type-test-sanity-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A project in `dir` with the type tests' compiler options and one file holding `source`. */
  function project(name: string, source: string): string {
    writeFileSync(join(dir, `${name}.ts`), source);
    const config = join(dir, `${name}.tsconfig.json`);
    writeFileSync(
      config,
      JSON.stringify({
        extends: CONFIG,
        // `types: ["node"]` is looked up from the config's folder; point it back at the repo.
        compilerOptions: { typeRoots: [join(ROOT, 'node_modules/@types')] },
        files: [`${name}.ts`],
      }),
    );
    return config;
  }
  const index = JSON.stringify(join(ROOT, 'generated/src/index.ts'));

  it('reports a deliberate type error (startRecording without channels)', () => {
    const config = project(
      'broken',
      `import { Telnyx } from ${index};\n` +
        `void new Telnyx({ apiKey: 'k' }).calls.actions.startRecording('id', { format: 'wav' });\n`,
    );
    const { status, output } = tsc(config);
    expect(status).not.toBe(0);
    expect(output).toMatch(/broken\.ts\(2,\d+\): error TS2345/);
    expect(output).toContain('channels');
  });

  it('reports a @ts-expect-error that no longer has an error to expect', () => {
    const config = project(
      'unused-directive',
      `import { Telnyx } from ${index};\n` +
        `// @ts-expect-error\n` +
        `void new Telnyx({ apiKey: 'k' }).calls.actions.startPlayback('id');\n`,
    );
    const { status, output } = tsc(config);
    expect(status).not.toBe(0);
    expect(output).toContain('error TS2578'); // Unused '@ts-expect-error' directive.
  });
});
