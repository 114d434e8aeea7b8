/**
 * Telnyx's whole spec, every operation and webhook, generated with default names and type-checked
 * under the package's own strict tsconfig (strict, exactOptionalPropertyTypes,
 * noUncheckedIndexedAccess). The specs live in ../shared, which a clone does not have: there the
 * tests skip, and test/whole-spec/sample.test.ts covers the same shapes from a committed cut.
 * Slow by nature (a 26 MB package through tsc): one generation and one tsc per spec.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/generate.ts';
import { countSpec, generateWhole, tscErrors } from './whole.ts';

const SHARED = join(ROOT, '../shared/telnyx-openapi');
const SPECS = ['spec3-2026-07-16.yml', 'spec3-2026-02-26.yml', 'spec3-2025-06-30.yml'];
const present = existsSync(SHARED);
if (!present)
  console.warn(`whole-spec/telnyx: skipped, ${SHARED} is missing (Telnyx's full specs are not in a clone)`);

describe.skipIf(!present).each(SPECS)("Telnyx's whole spec %s", (file) => {
  const out = tempDir('whole-telnyx');
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  let run: ReturnType<typeof generateWhole> | undefined;

  it('generates every operation and every webhook, with no error', { timeout: 15 * 60_000 }, () => {
    const spec = join(SHARED, file);
    run = generateWhole(spec, out);
    console.log(`whole-spec/telnyx ${file}: ${JSON.stringify(run)}`);
    expect(run.errors).toStrictEqual([]);
    expect({ operations: run.operations, webhooks: run.webhooks }).toStrictEqual(countSpec(spec));
    // The bound for a spec under the input limit (2.0 GB before files were formatted in turn).
    expect(run.maxRssMB).toBeLessThan(1536);
  });

  it('type-checks with 0 errors', { timeout: 15 * 60_000 }, () => {
    expect(run?.errors, 'the generation above failed').toStrictEqual([]);
    expect(tscErrors(out)).toStrictEqual([]);
  });
});
