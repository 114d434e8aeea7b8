/**
 * The shapes of Telnyx's whole spec, from committed cuts of it (test/fixtures/whole-sample/, made
 * by cut.ts there): both OpenAPI dialects generate with no error and type-check under the
 * package's strict tsconfig. Runs in any clone; telnyx.test.ts runs the whole specs where
 * ../shared has them.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/generate.ts';
import { countSpec, generateWhole, tscErrors } from './whole.ts';

describe.each(['telnyx-3.1.yaml', 'telnyx-3.0.yaml'])('the whole-spec sample %s', (file) => {
  const spec = join(ROOT, 'test/fixtures/whole-sample', file);
  const out = tempDir('whole-sample');
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  let run: ReturnType<typeof generateWhole> | undefined;

  it('generates every operation and webhook, and says what it interpreted', { timeout: 5 * 60_000 }, () => {
    run = generateWhole(spec, out);
    expect(run.errors).toStrictEqual([]);
    expect({ operations: run.operations, webhooks: run.webhooks }).toStrictEqual(countSpec(spec));
    // The cut keeps the webhooks the model interprets and the names that collide.
    expect(run.warnings['webhook-interpreted']).toBeGreaterThan(0);
    expect(run.warnings['name-collision']).toBeGreaterThan(0);
  });

  it('type-checks with 0 errors', { timeout: 5 * 60_000 }, () => {
    expect(run?.errors, 'the generation above failed').toStrictEqual([]);
    expect(tscErrors(out)).toStrictEqual([]);
  });
});
