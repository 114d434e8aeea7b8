/**
 * Replaces the output folder as a whole, so that a run killed at any moment (`kill -9`) leaves the
 * old output or the new one, never a mix of the two and never no output at all.
 *
 * The new output is built complete in a temporary folder beside the output folder,
 * `.<folder>.codegen-tmp/` (beside it, so it is on the same file system and renames stay
 * renames), under `new/`, and renamed to `ready/` once every file is in it. Then `ready/` and the
 * output folder trade places in one step (Linux's RENAME_EXCHANGE, see exchange.ts), and what is
 * not ours (`dist/`, `node_modules`) moves from the old output, now in `ready/`, into the new one.
 * Files whose content is unchanged are hard links to the old ones, so they keep their inode and
 * modification time.
 *
 * Where the exchange is not available, the output folder is renamed to `old/` and `ready/` into
 * its place: between those two renames the output folder does not exist. Either way, between the
 * swap and the moves back the output folder holds the new output without `dist/` or
 * `node_modules`. A run killed there leaves everything needed in `.<folder>.codegen-tmp/`, and the
 * next run finishes the swap before anything else (`recoverInterruptedSwap`). The output folder is
 * a new directory after each swap (tools watching it by inode must watch its parent) and must not
 * be a mount point.
 */
import {
  chmodSync,
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { GeneratedFile } from '../emit/file.js';
import { exchangeFolders } from './exchange.js';
import { step } from './test-hook.js';

/** Build output and installs inside the package folder are not ours to compare or remove. */
export const NOT_GENERATED = ['dist', 'node_modules'];

export function tempFolderFor(outDir: string): string {
  return join(dirname(outDir), `.${basename(outDir)}.codegen-tmp`);
}

/**
 * Puts `files` in place of the output folder's generated content. `unchanged` lists the files
 * whose bytes are already right in the folder. The caller holds the output lock.
 */
export function swapInOutput(
  outDir: string,
  files: readonly GeneratedFile[],
  unchanged: ReadonlySet<string>,
): void {
  const temp = tempFolderFor(outDir);
  const building = join(temp, 'new');
  const ready = join(temp, 'ready');
  const old = join(temp, 'old');
  mkdirSync(building, { recursive: true });
  step('temp folder made');
  for (const file of files) {
    const target = join(building, file.path);
    mkdirSync(dirname(target), { recursive: true });
    if (unchanged.has(file.path)) linkOrCopy(join(outDir, file.path), target);
    else writeFileSync(target, file.content);
    step(`staged ${file.path}`);
  }
  renameSync(building, ready);
  step('new output ready');
  if (!existsSync(outDir)) {
    renameSync(ready, outDir);
    step('output folder created');
  } else {
    keepMode(outDir, ready);
    if (exchangeFolders(ready, outDir)) {
      step('output folders exchanged');
      moveNotGeneratedBack(ready, outDir, '');
    } else {
      renameSync(outDir, old);
      step('old output moved aside');
      renameSync(ready, outDir);
      step('new output in place');
      moveNotGeneratedBack(old, outDir, '');
    }
  }
  rmSync(temp, { recursive: true, force: true });
  step('temp folder removed');
}

/**
 * Puts right what a killed run left in the temporary folder: a swap that was under way is
 * finished; a new output that was not yet swapped in is dropped (the old one is still whole).
 * `dist/` and `node_modules` found in the temporary folder (beside an old output moved aside or
 * exchanged) go back into the output folder. The caller holds the output lock.
 */
export function recoverInterruptedSwap(outDir: string): boolean {
  const temp = tempFolderFor(outDir);
  if (!existsSync(temp)) return false;
  const [ready, old] = [join(temp, 'ready'), join(temp, 'old')];
  if (existsSync(old) && !existsSync(outDir)) {
    // The old output was moved aside (no exchange here): the new one goes in its place, or,
    // should it be missing, the old one goes back.
    renameSync(existsSync(ready) ? ready : old, outDir);
    step('recovery: output folder put back');
  }
  // After an exchange `ready/` holds the old output with what is not ours; before one, the new
  // output, which has none of it, so nothing moves.
  for (const aside of [old, ready])
    if (existsSync(aside) && existsSync(outDir)) moveNotGeneratedBack(aside, outDir, 'recovery: ');
  rmSync(temp, { recursive: true, force: true });
  step('recovery: temp folder removed');
  return true;
}

function moveNotGeneratedBack(old: string, outDir: string, stepPrefix: string): void {
  for (const name of NOT_GENERATED) {
    if (present(join(old, name)) && !present(join(outDir, name))) {
      renameSync(join(old, name), join(outDir, name));
      step(`${stepPrefix}moved back ${name}`);
    }
  }
}

function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    // File systems without hard links: a copy has the same bytes.
    copyFileSync(from, to);
  }
}

/** The new folder gets the old one's permissions, which mkdir's umask-based mode may not match. */
function keepMode(from: string, to: string): void {
  try {
    chmodSync(to, statSync(from).mode & 0o7777);
  } catch {
    // Not worth failing a run for: the folder works with the default mode too.
  }
}

/** Exists, even as a dangling symlink (a `node_modules` link must move back all the same). */
const present = (path: string) => lstatSync(path, { throwIfNoEntry: false }) !== undefined;
