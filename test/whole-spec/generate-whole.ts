/**
 * Generates one whole spec into a folder, in a process of its own, and prints one JSON line: what
 * the model holds, the diagnostics by code, and the process's peak memory. The whole-spec tests
 * and bench/generate.ts run it, so a 2 GB generation never shares a heap with the test runner.
 *
 *   node --import tsx test/whole-spec/generate-whole.ts <spec> <naming.yaml> <out dir>
 */
import { rmSync } from 'node:fs';

import { DEFAULT_PATHS, readInputs } from '../../generator/cli/inputs.ts';
import { generate } from '../../generator/core/generate.ts';
import { writeFiles } from '../helpers/generate.ts';

export interface WholeRun {
  operations: number;
  webhooks: number;
  /** The `data.event_type` values routed to a type. */
  routes: number;
  schemas: number;
  files: number;
  errors: string[];
  warnings: Record<string, number>;
  seconds: number;
  maxRssMB: number;
}

const [spec, naming, out] = process.argv.slice(2);
if (!spec || !naming || !out) throw new Error('usage: generate-whole.ts <spec> <naming.yaml> <out dir>');
const started = performance.now();
const result = await generate(readInputs({ ...DEFAULT_PATHS, spec, naming }));
rmSync(out, { recursive: true, force: true });
writeFiles(out, result.files);
const warnings: Record<string, number> = {};
for (const d of result.diagnostics)
  if (d.severity === 'warning') warnings[d.code] = (warnings[d.code] ?? 0) + 1;
const run: WholeRun = {
  operations: result.model?.operations.length ?? 0,
  webhooks: result.model?.webhooks.length ?? 0,
  routes: result.model?.webhooks.reduce((n, w) => n + w.routes.length, 0) ?? 0,
  schemas: result.model?.schemas.length ?? 0,
  files: result.files.length,
  errors: result.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.code}: ${d.message} (${d.pointer})`),
  warnings,
  seconds: (performance.now() - started) / 1000,
  maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
};
console.log(JSON.stringify(run));
