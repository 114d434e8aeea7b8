/**
 * `npm run spec:update -- --from <full spec file | https URL> [--fail-on breaking|narrowing|any]
 *   [--date YYYY-MM-DD] [--project <dir>]`
 *
 * Extracts the fragment from the new spec, diffs it against the current one, and, when it
 * changed, writes the fragment, the next version (spec/naming.yaml) and a changelog entry
 * (spec/CHANGELOG.md), then runs the generator. Prints a Markdown summary for the pull request on
 * stdout; everything else goes to stderr. Exit codes: 0 done (or nothing to update), 1 done and a
 * change at or above --fail-on, 2 bad arguments, an unreadable source or an invalid spec (nothing
 * written), or a failed generation (the inputs are put back as they were).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic } from '../core/diagnostics.js';
import { failsOn, isFailOn } from '../diff/fail-on.js';
import { type UpdatePlan, planUpdate } from './plan.js';
import {
  changedFiles,
  type FileChange,
  type ProjectPaths,
  projectPaths,
  readIfExists,
  runGenerator,
  shown,
  snapshot,
  TOOL_ROOT,
} from './project.js';
import { readSource } from './source.js';
import { renderSummary, renderUnchanged } from './summary.js';

const USAGE =
  'usage: npm run spec:update -- --from <full spec file | https URL> [--fail-on breaking|narrowing|any] [--date YYYY-MM-DD] [--project <dir>]';

class UsageError extends Error {}

function parseFlags(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      from: { type: 'string' },
      'fail-on': { type: 'string' },
      date: { type: 'string' },
      project: { type: 'string' },
    },
  });
  if (!values.from) throw new UsageError('--from is required');
  const failOn = values['fail-on'];
  if (failOn !== undefined && !isFailOn(failOn))
    throw new UsageError(`--fail-on must be breaking, narrowing or any, not "${failOn}"`);
  if (values.date !== undefined && !isCalendarDate(values.date))
    throw new UsageError(`--date must be a calendar date as YYYY-MM-DD, not "${values.date}"`);
  return { from: values.from, failOn, date: values.date, project: resolve(values.project ?? TOOL_ROOT) };
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

async function main(argv: string[]): Promise<number> {
  let flags;
  try {
    flags = parseFlags(argv);
  } catch (err) {
    console.error(`spec:update: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const paths = projectPaths(flags.project);
  const source = await readSource(flags.from, process.cwd());
  const label = (path: string) => shown(paths.root, path);
  const changelog = readIfExists(paths.changelog);
  const plan = planUpdate({
    source,
    current: { text: readFileSync(paths.fragment, 'utf8'), label: label(paths.fragment) },
    extractConfig: { text: readFileSync(paths.extractConfig, 'utf8'), label: label(paths.extractConfig) },
    naming: { text: readFileSync(paths.naming, 'utf8'), label: label(paths.naming) },
    ...(changelog !== undefined ? { changelog } : {}),
    ...(flags.date ? { date: flags.date } : {}),
  });
  if (plan.status === 'failed') {
    for (const d of plan.diagnostics) console.error(formatDiagnostic(d));
    console.error('spec:update: nothing was written.');
    return 2;
  }
  if (plan.status === 'unchanged') {
    process.stdout.write(renderUnchanged(label(paths.fragment), source.label));
    return 0;
  }
  const files = applyPlan(paths, plan);
  if (!files) return 2;
  process.stdout.write(renderSummary({ ...plan, files }));
  return failsOn(plan.changes, flags.failOn) ? 1 : 0;
}

type Updated = Extract<UpdatePlan, { status: 'updated' }>;

/**
 * Writes the three inputs, then generates. If generation fails, the inputs are put back, so the
 * project is as it was (the generator itself never leaves `generated/` half written).
 */
function applyPlan(paths: ProjectPaths, plan: Updated): FileChange[] | undefined {
  const inputs: Array<[string, string]> = [
    [paths.fragment, plan.fragment],
    [paths.naming, plan.naming],
    [paths.changelog, plan.changelog],
  ];
  const originals = inputs.map(([path]) => [path, readIfExists(path)] as const);
  const before = snapshot(paths.generated);
  for (const [path, text] of inputs) writeFileSync(path, text);
  if (runGenerator(paths) !== 0) {
    for (const [path, text] of originals) {
      if (text === undefined) rmSync(path, { force: true });
      else writeFileSync(path, text);
    }
    console.error('spec:update: generation failed; the spec, naming config and changelog were put back.');
    return undefined;
  }
  const written: FileChange[] = originals.map(([path, text]) => ({
    path: shown(paths.root, path),
    change: text === undefined ? 'added' : 'changed',
  }));
  const generated = changedFiles(before, snapshot(paths.generated)).map((f) => ({
    ...f,
    path: shown(paths.root, `${paths.generated}/${f.path}`),
  }));
  return [...written, ...generated];
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // A missing file, a refused URL, a bad version: one line that says what to fix, no stack.
    console.error(`spec:update: ${(err as Error).message}`);
    process.exitCode = 2;
  },
);
