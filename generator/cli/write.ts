/**
 * The one place that touches the output folder. Everything is rendered before this runs; here
 * new and changed files are first written beside their targets as temporary files, then renamed
 * into place (a rename is atomic), and only then are stale files removed. A run that fails before
 * the renames leaves the folder exactly as it was.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { GeneratedFile } from '../emit/file.js';
import { compareStrings } from '../core/names.js';

/** Build output and installs inside the package folder are not ours to compare or remove. */
const NOT_GENERATED = ['dist', 'node_modules'];
const TEMP_SUFFIX = '.codegen-tmp';

export interface OutputPlan {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: string[];
}

/** Compares rendered files with the folder without writing: the basis of `--check` and of writes. */
export function planOutput(outDir: string, files: readonly GeneratedFile[]): OutputPlan {
  const existing = new Set(listFiles(outDir));
  const plan: OutputPlan = { added: [], changed: [], removed: [], unchanged: [] };
  for (const file of files) {
    if (!existing.has(file.path)) plan.added.push(file.path);
    else if (readFileSync(join(outDir, file.path), 'utf8') !== file.content) plan.changed.push(file.path);
    else plan.unchanged.push(file.path);
    existing.delete(file.path);
  }
  plan.removed = [...existing].sort(compareStrings);
  return plan;
}

export function writeOutput(outDir: string, files: readonly GeneratedFile[]): OutputPlan {
  removeLeftoverTempFiles(outDir);
  const plan = planOutput(outDir, files);
  const toWrite = files.filter((f) => plan.added.includes(f.path) || plan.changed.includes(f.path));
  for (const file of toWrite) {
    const target = join(outDir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target + TEMP_SUFFIX, file.content);
  }
  for (const file of toWrite) renameSync(join(outDir, file.path) + TEMP_SUFFIX, join(outDir, file.path));
  for (const path of plan.removed) rmSync(join(outDir, path));
  removeEmptyDirs(outDir);
  return plan;
}

/** Every file under `dir` as a POSIX path relative to it, skipping build output. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      const rel = relative(dir, full).split(sep).join('/');
      if (NOT_GENERATED.includes(rel)) continue;
      if (entry.isDirectory()) walk(full);
      else if (!entry.name.endsWith(TEMP_SUFFIX)) out.push(rel);
    }
  };
  walk(dir);
  return out.sort(compareStrings);
}

function removeLeftoverTempFiles(dir: string): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(TEMP_SUFFIX)) rmSync(join(entry.parentPath, entry.name));
  }
}

function removeEmptyDirs(dir: string): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || NOT_GENERATED.includes(entry.name)) continue;
    const full = join(dir, entry.name);
    removeEmptyDirs(full);
    if (readdirSync(full).length === 0) rmSync(full, { recursive: true });
  }
}
