/**
 * The one place that touches the output folder. Everything is rendered before this runs. Under
 * the output lock (lock.ts, one writer per folder), a run first finishes or drops what a killed
 * run left behind, then compares, and only when something differs builds the new output beside
 * the folder and swaps it in whole (swap.ts). A run that fails or is killed leaves the old output
 * or the new one, never a mix; a run with nothing to change writes nothing.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { GeneratedFile } from '../emit/file.js';
import { compareStrings } from '../core/names.js';
import { lockOutput, type LockOptions } from './lock.js';
import { NOT_GENERATED, recoverInterruptedSwap, swapInOutput } from './swap.js';
import { step } from './test-hook.js';

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

export async function writeOutput(
  outDir: string,
  files: readonly GeneratedFile[],
  lockOptions: LockOptions = { onWait: sayWaiting },
): Promise<OutputPlan> {
  // A symlinked output folder is replaced where it really is, and the link is kept.
  const target = existsSync(outDir) ? realpathSync(outDir) : resolve(outDir);
  mkdirSync(dirname(target), { recursive: true });
  const lock = await lockOutput(target, lockOptions);
  try {
    recoverInterruptedSwap(target);
    const plan = planOutput(target, files);
    if (plan.added.length + plan.changed.length + plan.removed.length > 0) {
      swapInOutput(target, files, new Set(plan.unchanged));
    }
    return plan;
  } finally {
    lock.release();
    step('lock released');
  }
}

function sayWaiting(holderPid: number, lockFile: string): void {
  console.error(`waiting for another generate run (pid ${holderPid}) to finish writing; lock: ${lockFile}`);
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
      // Anything else is listed, so a stray file (one an older writer left, say) counts as extra.
      else out.push(rel);
    }
  };
  walk(dir);
  return out.sort(compareStrings);
}
