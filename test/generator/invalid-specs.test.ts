/**
 * Bad specs: each fixture gets its exact diagnostics (stable code, JSON pointer, line and column)
 * and no files, and the CLI exits non-zero without a stack trace and without touching the output.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../../generator/cli/write.ts';
import { generateFromText, ROOT, runCli, tempDir } from '../helpers/generate.ts';

const fixture = (name: string) => readFileSync(join(ROOT, 'test/fixtures/invalid', name), 'utf8');

const CASES: Array<
  [string, Array<[code: string, pointer: string, line: number | undefined, column: number | undefined]>]
> = [
  [
    'unresolved-ref.yaml',
    [
      [
        'ref-unresolved',
        '#/paths/~1calls~1{call_control_id}~1actions~1speak/post/requestBody/content/application~1json/schema',
        13,
        15,
      ],
    ],
  ],
  ['unsupported-keyword.yaml', [['keyword-unsupported', '#/components/schemas/NotAString/not', 7, 7]]],
  ['external-ref.yaml', [['ref-unresolved', '#/components/schemas/Remote', 7, 7]]],
  [
    'alias-cycle.yaml',
    [
      ['ref-cycle', '#/components/schemas/A/$ref', 7, 7],
      ['ref-cycle', '#/components/schemas/B/$ref', 9, 7],
    ],
  ],
  ['not-openapi.yaml', [['not-openapi', '#/openapi', 1, 1]]],
  ['invalid-yaml.yaml', [['yaml-syntax', '#', 4, 3]]],
  ['empty.yaml', [['not-openapi', '#', undefined, undefined]]],
];

describe('invalid specs', () => {
  it.each(CASES)('%s gives its exact diagnostics and no files', async (name, expected) => {
    const result = await generateFromText(fixture(name), `invalid/${name}`);
    expect(result.files).toStrictEqual([]);
    expect(result.diagnostics.map((d) => [d.code, d.pointer, d.line, d.column])).toStrictEqual(expected);
    for (const d of result.diagnostics) {
      expect(d.severity).toBe('error');
      expect(d.file).toBe(`invalid/${name}`);
      expect(d.message.length).toBeGreaterThan(10);
    }
  });

  it('names the cycle and the external file in its messages', async () => {
    const cycle = await generateFromText(fixture('alias-cycle.yaml'));
    expect(cycle.diagnostics[0]!.message).toBe('$ref chain A → B → A never reaches a schema');
    const external = await generateFromText(fixture('external-ref.yaml'));
    expect(external.diagnostics[0]!.message).toContain('external $ref');
  });

  it('the CLI prints file:line:column and the pointer, exits 1, and leaves the output as it was', () => {
    const out = tempDir('gen-untouched');
    cpSync(join(ROOT, 'generated'), out, {
      recursive: true,
      filter: (src) => !src.includes('node_modules') && !src.includes('/dist'),
    });
    writeFileSync(join(out, 'src/schemas.ts'), '// a file the failed run must not touch\n');
    const before = listFiles(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]);
    const spec = join(ROOT, 'test/fixtures/invalid/unresolved-ref.yaml');
    const run = runCli('generator/cli/cli.ts', ['--spec', spec, '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('test/fixtures/invalid/unresolved-ref.yaml:13:15 error ref-unresolved');
    expect(run.stderr).toContain(
      '(at #/paths/~1calls~1{call_control_id}~1actions~1speak/post/requestBody/content/application~1json/schema)',
    );
    expect(run.stderr).not.toMatch(/\n\s+at .*\.(ts|js):\d+/); // no stack trace
    expect(listFiles(out).map((f) => [f, readFileSync(join(out, f), 'utf8')])).toStrictEqual(before);
  });

  it.each(['not-openapi.yaml', 'empty.yaml', 'invalid-yaml.yaml'])(
    'the CLI on %s: a clear error, exit 1, no stack trace, nothing written',
    (name) => {
      const out = tempDir('gen-refused');
      const run = runCli('generator/cli/cli.ts', ['--spec', join(ROOT, 'test/fixtures/invalid', name), '--out', out]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/error (not-openapi|yaml-syntax): /);
      expect(run.stderr).toContain('generation failed');
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(listFiles(out)).toStrictEqual([]);
    },
  );
});
