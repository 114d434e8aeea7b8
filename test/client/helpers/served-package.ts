/**
 * A package generated from a small spec into a temp folder, and Prism serving that same spec,
 * for the test file that calls it: Prism starts before the file's tests and stops after them.
 * Prism validates each request against the spec, so a test can check what a generated client
 * puts on the wire for shapes the voice-media spec does not have.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { generateFromText, tempDir, writeFiles } from '../../helpers/generate.ts';
import { startPrism, type PrismServer } from './prism.ts';

export interface ServedPackage {
  result: Awaited<ReturnType<typeof generateFromText>>;
  /** The package's folder, for `typecheck` and `runAgainst`. */
  out: string;
  /** Set once the file's tests start. */
  prism: PrismServer;
}

export async function servedPackage(name: string, spec: string, naming: string): Promise<ServedPackage> {
  const result = await generateFromText(spec, `${name}.yaml`, naming);
  const out = tempDir(name);
  writeFiles(out, result.files);
  writeFileSync(join(out, `${name}.yaml`), spec);
  const served = { result, out } as ServedPackage;
  beforeAll(async () => {
    served.prism = await startPrism(join(out, `${name}.yaml`));
  }, 120_000);
  afterAll(() => served.prism?.stop());
  return served;
}
