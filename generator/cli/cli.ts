/**
 * `npm run generate [-- --spec <file>] [--out <dir>] [--naming <file>] [--check] [--watch]`
 * The thin shell around generate(): reads inputs, prints diagnostics, writes or checks, and is
 * the only place that sets the exit code.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  asStrict,
  type Diagnostic,
  formatDiagnostic,
  GenerationError,
  hasErrors,
  summarizeWarnings,
} from '../core/diagnostics.js';
import { FormatCache } from './format-cache.js';
import { generate, type GenerateServices } from '../core/generate.js';
import { startHelperThread } from './helper-thread.js';
import { lintSpec } from '../core/lint.js';
import { DEFAULT_PATHS, PROJECT_ROOT, readInputs, type InputPaths } from './inputs.js';
import { watch } from './watch.js';
import { planOutput, writeOutput } from './write.js';

const USAGE =
  'usage: npm run generate -- [--spec <file>] [--out <dir>] [--naming <file>] [--check | --watch] [--no-cache] [--strict] [--verbose]';

/** `--strict` fails on any warning; `--verbose` prints each warning instead of only their counts. */
interface ReportOptions {
  strict: boolean;
  verbose: boolean;
}

async function runOnce(
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

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        spec: { type: 'string' },
        out: { type: 'string' },
        naming: { type: 'string' },
        check: { type: 'boolean', default: false },
        watch: { type: 'boolean', default: false },
        'no-cache': { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const paths: InputPaths = {
    spec: values.spec ? resolve(values.spec) : DEFAULT_PATHS.spec,
    naming: values.naming ? resolve(values.naming) : DEFAULT_PATHS.naming,
    templates: DEFAULT_PATHS.templates,
    runtime: DEFAULT_PATHS.runtime,
  };
  const outDir = values.out ? resolve(values.out) : resolve(PROJECT_ROOT, 'generated');
  if (values.watch && values.check) {
    console.error(`--watch and --check do not go together\n${USAGE}`);
    return 2;
  }
  // CODEGEN_FORMAT_CACHE moves the cache file: tests give each run of theirs its own.
  const cache = values['no-cache']
    ? undefined
    : new FormatCache(process.env.CODEGEN_FORMAT_CACHE ?? join(PROJECT_ROOT, '.cache/format-cache.json'));
  // Started before anything heavy loads, so the helper thread loads its libraries meanwhile.
  const helper = startHelperThread({ warmFormatter: cache?.isEmpty ?? true });
  const services: GenerateServices = {
    // On this thread, first: meanwhile the helper thread loads prettier.
    lint: lintSpec,
    format: cache ? cache.wrap(helper.format) : helper.format,
  };
  const run = async (check: boolean) => {
    const code = await runOnce(paths, outDir, check, services, {
      strict: values.strict,
      verbose: values.verbose,
    });
    if (code === 0) cache?.save();
    return code;
  };
  try {
    if (values.watch) {
      await watch(paths, () => run(false), { outDir });
      return 0;
    }
    return await run(values.check);
  } finally {
    await helper.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // A generator bug, not a spec problem: say so plainly, without a stack for the user.
    console.error(`internal error: ${(err as Error).message ?? String(err)}`);
    if (process.env.DEBUG) console.error(err);
    process.exitCode = 70;
  },
);
