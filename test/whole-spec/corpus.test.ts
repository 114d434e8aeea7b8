/**
 * A corpus of other people's specs: ReadMe's `@readme/oas-examples`, 50-odd OpenAPI 3.0 and 3.1
 * documents written to exercise tools (circular schemas, discriminators, every parameter style,
 * top-level array and boolean bodies, callbacks, 3.1 webhooks). Each is generated with default
 * names. Every spec is either generated with no error, all its operations and webhooks in the
 * model, or refused with located errors that this file lists; then every generated package
 * type-checks in one tsc run. The package is fetched into .cache/ (not a dependency); without
 * the npm registry the test skips and says so.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateFromText, ROOT, tempDir, typecheck, writeFiles } from '../helpers/generate.ts';
import { countSpec, WHOLE_NAMING } from './whole.ts';

const OAS_EXAMPLES = '@readme/oas-examples@8.2.2';
const PREFIX = join(ROOT, '.cache/oas-examples');
const PACKAGE = join(PREFIX, 'node_modules/@readme/oas-examples');

/**
 * The specs the generator refuses, and the error codes it gives: what it cannot interpret
 * without changing what the output means.
 */
const REFUSED: Record<string, string[]> = {
  // `unevaluatedProperties: false` beside a oneOf; dropping it would accept extra fields.
  '3.1/json/train-travel.json': ['keyword-unsupported'],
};

function fetchExamples(): string | undefined {
  if (existsSync(join(PACKAGE, 'package.json'))) return undefined;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(
    npm,
    ['install', '--no-save', '--no-package-lock', '--prefix', PREFIX, OAS_EXAMPLES],
    {
      encoding: 'utf8',
      timeout: 5 * 60_000,
    },
  );
  if (run.status === 0 && existsSync(join(PACKAGE, 'package.json'))) return undefined;
  return `npm install ${OAS_EXAMPLES} failed (offline?): ${(run.stderr || String(run.error)).trim().split('\n').at(-1)}`;
}

/** Every JSON document of the 3.0 and 3.1 folders (the YAML ones are the same specs). */
function corpus(): string[] {
  const specs: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.json')) specs.push(relative(PACKAGE, path));
    }
  };
  for (const version of ['3.0/json', '3.1/json']) walk(join(PACKAGE, version));
  return specs;
}

const missing = fetchExamples();
if (missing) console.warn(`whole-spec/corpus: skipped, ${missing}`);

describe.skipIf(missing !== undefined)("ReadMe's example specs", () => {
  const out = tempDir('corpus');
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  const generated: string[] = [];

  it(
    'each is generated with every operation and webhook, or refused with located errors',
    { timeout: 10 * 60_000 },
    async () => {
      const naming = readFileSync(WHOLE_NAMING, 'utf8');
      const specs = corpus();
      expect(specs.length).toBeGreaterThan(50);
      const refused: Record<string, string[]> = {};
      for (const spec of specs) {
        const text = readFileSync(join(PACKAGE, spec), 'utf8');
        const result = await generateFromText(text, spec, naming);
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
          ...countSpec(join(PACKAGE, spec)),
        });
        const dir = spec.replace(/\.json$/, '').replaceAll('/', '-');
        writeFiles(join(out, dir), result.files);
        generated.push(dir);
      }
      expect(refused).toStrictEqual(REFUSED);
    },
  );

  it('every generated package type-checks, in one tsc run', { timeout: 10 * 60_000 }, () => {
    expect(generated.length).toBeGreaterThan(40);
    const { compilerOptions } = JSON.parse(
      readFileSync(join(out, generated[0]!, 'tsconfig.json'), 'utf8'),
    ) as {
      compilerOptions: Record<string, unknown>;
    };
    const config = join(out, 'tsconfig.json');
    writeFileSync(
      config,
      JSON.stringify({
        compilerOptions: { ...compilerOptions, rootDir: '.', outDir: 'dist' },
        include: generated.map((d) => `${d}/src`),
      }),
    );
    expect(typecheck(config).output).toBe('');
  });
});
