/**
 * The files `spec:update` reads and writes in a project folder (the real project, or a copy of
 * its inputs in tests), and the generator run it starts: the same `npm run generate` entry point,
 * as a child process, so the update writes `generated/` exactly as a person would.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import { changelogPath } from '../cli/inputs.js';
import { listFiles } from '../cli/write.js';

/** The generator project: where `generator/cli/run.mjs`, `templates/` and `runtime/` are. */
export const TOOL_ROOT = resolve(import.meta.dirname, '../..');

export interface ProjectPaths {
  root: string;
  extractConfig: string;
  /** The fragment, where the extract config's `output` says. */
  fragment: string;
  naming: string;
  changelog: string;
  generated: string;
}

export function projectPaths(root: string): ProjectPaths {
  const extractConfig = join(root, 'spec/extract.config.yaml');
  const naming = join(root, 'spec/naming.yaml');
  const output = (parse(readFileSync(extractConfig, 'utf8')) as { output?: unknown } | null)?.output;
  if (typeof output !== 'string')
    throw new Error(`${shown(root, extractConfig)}: \`output\` must name the fragment file (at #/output)`);
  return {
    root,
    extractConfig,
    fragment: resolve(dirname(extractConfig), output),
    naming,
    changelog: changelogPath({ naming }),
    generated: join(root, 'generated'),
  };
}

/** A path as reports show it: from the project root, with forward slashes. */
export const shown = (root: string, path: string): string => relative(root, path).split(sep).join('/');

export const readIfExists = (path: string): string | undefined =>
  existsSync(path) ? readFileSync(path, 'utf8') : undefined;

/** Every generated file's text by path, to tell afterwards which ones the run changed. */
export function snapshot(dir: string): Map<string, string> {
  return new Map(listFiles(dir).map((path) => [path, readFileSync(join(dir, path), 'utf8')]));
}

export interface FileChange {
  path: string;
  change: 'added' | 'changed' | 'removed';
}

export function changedFiles(before: Map<string, string>, after: Map<string, string>): FileChange[] {
  const out: FileChange[] = [];
  for (const [path, text] of after) {
    if (!before.has(path)) out.push({ path, change: 'added' });
    else if (before.get(path) !== text) out.push({ path, change: 'changed' });
  }
  for (const path of before.keys()) if (!after.has(path)) out.push({ path, change: 'removed' });
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * `npm run generate` on the project's inputs. Its report goes to our stderr, keeping stdout for
 * the Markdown summary; returns the generator's exit code.
 */
export function runGenerator(paths: ProjectPaths): number {
  const run = spawnSync(
    process.execPath,
    [
      join(TOOL_ROOT, 'generator/cli/run.mjs'),
      '--spec',
      paths.fragment,
      '--naming',
      paths.naming,
      '--out',
      paths.generated,
    ],
    { cwd: TOOL_ROOT, stdio: ['ignore', 2, 2] },
  );
  return run.status ?? 1;
}
