/**
 * One run of the CLI on inputs already chosen: reads them, generates, prints diagnostics, then
 * writes or checks. cli.ts loads this module only after it has started the helper thread, since
 * importing it loads the generator's libraries (the YAML parser, openapi-typescript with its
 * TypeScript compiler, Handlebars), which takes a good part of a second.
 */
import {
  asStrict,
  type Diagnostic,
  formatDiagnostic,
  GenerationError,
  hasErrors,
  summarizeWarnings,
} from '../core/diagnostics.js';
import { generate, type GenerateServices } from '../core/generate.js';
import { PROJECT_ROOT, readInputs, type InputPaths } from './inputs.js';
import { planOutput, writeOutput } from './write.js';

/** `--strict` fails on any warning; `--verbose` prints each warning instead of only their counts. */
export interface ReportOptions {
  strict: boolean;
  verbose: boolean;
}

export async function runOnce(
  paths: InputPaths,
  outDir: string,
  check: boolean,
  services: GenerateServices,
  report: ReportOptions,
): Promise<number> {
  const started = performance.now();
  let input;
  try {
    input = readInputs(paths);
  } catch (err) {
    // A spec that is not UTF-8 comes back as diagnostics, printed like any other.
    if (err instanceof GenerationError) console.error(err.message);
    else console.error(`error: cannot read input: ${(err as Error).message}`);
    return 1;
  }
  const result = await generate(input, services);
  const diagnostics = report.strict ? asStrict(result.diagnostics) : result.diagnostics;
  printDiagnostics(diagnostics, report.verbose);
  if (hasErrors(diagnostics)) {
    console.error(`generation failed: ${outDir} was left as it was.`);
    return 1;
  }
  if (check) return reportCheck(outDir, result.files);
  let plan;
  try {
    plan = await writeOutput(outDir, result.files);
  } catch (err) {
    // Another run holding the folder too long, or the disk refusing: not a generator bug.
    console.error(`error: cannot write ${outDir}: ${(err as Error).message}`);
    return 1;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(
    `${relativeOut(outDir)}: ${plan.added.length} added, ${plan.changed.length} changed, ` +
      `${plan.removed.length} removed, ${plan.unchanged.length} unchanged in ${seconds} s`,
  );
  for (const [label, list] of [
    ['added', plan.added],
    ['changed', plan.changed],
    ['removed', plan.removed],
  ] as const) {
    for (const path of list) console.log(`  ${label.padEnd(7)} ${path}`);
  }
  return 0;
}

/** Errors one by one; warnings one by one with --verbose, else counted in one line. */
function printDiagnostics(diagnostics: readonly Diagnostic[], verbose: boolean): void {
  for (const d of diagnostics) if (verbose || d.severity === 'error') console.error(formatDiagnostic(d));
  const warnings = summarizeWarnings(diagnostics);
  if (warnings) console.error(verbose ? warnings : `${warnings}; run with --verbose for each`);
}

function reportCheck(outDir: string, files: Parameters<typeof planOutput>[1]): number {
  const plan = planOutput(outDir, files);
  const stale = [
    ...plan.changed.map((p) => `changed  ${p}`),
    ...plan.added.map((p) => `missing  ${p}`),
    ...plan.removed.map((p) => `extra    ${p}`),
  ];
  if (stale.length === 0) {
    console.log(`${relativeOut(outDir)} is up to date (${plan.unchanged.length} files).`);
    return 0;
  }
  console.error(`${relativeOut(outDir)} is stale:\n${stale.map((s) => `  ${s}`).join('\n')}`);
  console.error('run `npm run generate` to update it.');
  return 1;
}

const relativeOut = (dir: string) =>
  dir.startsWith(PROJECT_ROOT) ? dir.slice(PROJECT_ROOT.length + 1) || '.' : dir;
