/**
 * `npm run spec:diff -- <old> <new> [--json] [--fail-on breaking|narrowing|any] [--naming <file>]`
 * Each side is a spec file or `REV:PATH` (read with `git show`). Prints the changes as Markdown,
 * or JSON with --json. Exit codes: 0 done, 1 a change at or above --fail-on, 2 bad arguments or
 * an unreadable or invalid spec. Never a stack trace: CI logs should say what to fix.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Diagnostic, formatDiagnostic, hasErrors } from '../core/diagnostics.js';
import type { Model } from '../ir/types.js';
import { diffModels } from './diff.js';
import { failsOn, isFailOn } from './fail-on.js';
import { modelFromText, readNamingConfig, readSide, specIdentity } from './load-side.js';
import { renderJson, renderMarkdown, type SideLabel } from './render.js';

const USAGE =
  'usage: npm run spec:diff -- <old spec | REV:PATH> <new spec | REV:PATH> [--json] [--fail-on breaking|narrowing|any] [--naming <file>]';
const projectRoot = resolve(import.meta.dirname, '../..');

function usageError(message: string): number {
  console.error(`spec:diff: ${message}`);
  console.error(USAGE);
  return 2;
}

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        'fail-on': { type: 'string' },
        naming: { type: 'string' },
      },
    });
  } catch (err) {
    return usageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 2)
    return usageError(`expected two specs (old and new), got ${positionals.length}`);
  const failOn = values['fail-on'];
  if (failOn !== undefined && !isFailOn(failOn))
    return usageError(`--fail-on must be breaking, narrowing or any, not "${failOn}"`);

  const naming = readNamingConfig(values.naming ?? resolve(projectRoot, 'spec/naming.yaml'));
  if (!naming.config) return printDiagnostics(naming.diagnostics);
  const sides = positionals.map((arg) => loadModel(arg, naming.config!));
  const [oldSide, newSide] = sides as [LoadedSide, LoadedSide];
  const problems = sides.flatMap((s) => s.diagnostics);
  if (problems.length) printDiagnostics(problems);
  const [before, after] = sides.map((s) => s.model);
  if (!before || !after || hasErrors(problems)) return 2;

  const changes = diffModels(before, after);
  process.stdout.write(
    values.json ? renderJson(changes) : renderMarkdown(changes, { old: oldSide.labels, new: newSide.labels }),
  );
  return failsOn(changes, failOn) ? 1 : 0;
}

interface LoadedSide {
  model?: Model;
  diagnostics: Diagnostic[];
  labels: SideLabel;
}

function loadModel(
  arg: string,
  naming: NonNullable<ReturnType<typeof readNamingConfig>['config']>,
): LoadedSide {
  const side = readSide(arg, process.cwd());
  if (side.text === undefined) return { diagnostics: side.diagnostics, labels: { name: side.label } };
  const loaded = modelFromText(side.text, side.label, naming);
  const about = specIdentity(side.text, loaded.model);
  return { ...loaded, labels: about ? { name: side.label, about } : { name: side.label } };
}

/** Prints to stderr so `--json` output on stdout stays parseable; returns the exit code 2. */
function printDiagnostics(diagnostics: Diagnostic[]): number {
  for (const d of diagnostics) console.error(formatDiagnostic(d));
  return 2;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  // Anything unexpected still ends as a one-line message and exit 2, not a stack trace.
  console.error(`spec:diff: ${(err as Error).message}`);
  process.exitCode = 2;
}
