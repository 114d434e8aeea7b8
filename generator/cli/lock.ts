/**
 * One writer at a time per output folder. The lock is a file beside the folder,
 * `.<folder>.codegen-lock`, holding the pid of the run that writes. A second run waits for it
 * (saying so once) and gives up with a clear message after `maxWaitMs`. A lock whose pid is gone
 * (its run was killed) is stale and is removed, so it never blocks for long.
 *
 * Creating the lock is atomic and never shows a half-written file: the content goes into a file
 * named after this process first, which is then hard-linked to the lock's name (link fails if the
 * name exists). Removing a stale lock is done under a second lock (`…-lock.break`, taken the same
 * way), so two waiters that both saw the same dead pid cannot remove a fresh lock taken meanwhile.
 * Left open: a run killed while it holds the `.break` lock (a few microseconds) leaves one that
 * is itself stale and is removed the same way; only two waiters racing at that exact moment could
 * both get through. A pid reused by an unrelated process makes a stale lock look alive until
 * `maxWaitMs`; the message then names the file to delete.
 */
import { linkSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { step } from './test-hook.js';

const POLL_MS = 100;

export interface LockOptions {
  /** Called once when another live run holds the lock and this one starts waiting. */
  onWait?: (holderPid: number, lockFile: string) => void;
  maxWaitMs?: number;
}

export interface OutputLock {
  release(): void;
}

export function lockFileFor(outDir: string): string {
  return join(dirname(outDir), `.${basename(outDir)}.codegen-lock`);
}

export async function lockOutput(outDir: string, options: LockOptions = {}): Promise<OutputLock> {
  const file = lockFileFor(outDir);
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  removeLeftovers(file);
  let waited = 0;
  let announced = false;
  for (;;) {
    if (tryCreate(file)) {
      step('lock taken');
      return { release: () => removeIfOwner(file, process.pid) };
    }
    const holder = readPid(file);
    if (holder === undefined) continue; // released (or broken) between the two calls: try again
    if (!isAlive(holder)) {
      // Broken: try again at once. Not broken (another waiter is breaking it): wait a little.
      if (breakStaleLock(file, holder)) continue;
    } else {
      if (!announced) options.onWait?.(holder, file);
      announced = true;
    }
    if (waited >= maxWaitMs) {
      throw new Error(
        `another run (pid ${holder}) is still writing ${outDir} after ${Math.round(waited / 1000)} s; ` +
          `if no generate run is writing there, delete ${file}`,
      );
    }
    await sleep(POLL_MS);
    waited += POLL_MS;
  }
}

/** Takes `file` for this process; false when another process holds it. */
function tryCreate(file: string): boolean {
  const candidate = `${file}.${process.pid}`;
  writeFileSync(candidate, `${process.pid}\n`);
  step('lock candidate written');
  try {
    linkSync(candidate, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    unlinkQuietly(candidate);
  }
}

/** Removes the lock if it still names the dead `stalePid`; false when another waiter is at it. */
function breakStaleLock(file: string, stalePid: number): boolean {
  const breaker = `${file}.break`;
  if (!tryCreate(breaker)) {
    const breakerPid = readPid(breaker);
    if (breakerPid === undefined) return true;
    if (isAlive(breakerPid)) return false;
    removeIfOwner(breaker, breakerPid);
    return true;
  }
  try {
    // Still the same dead holder? Only then is it ours to remove.
    removeIfOwner(file, stalePid);
    step('stale lock removed');
    return true;
  } finally {
    removeIfOwner(breaker, process.pid);
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    // A lock never holds anything else; treat garbage as a dead holder so it cannot block.
    return Number.isSafeInteger(pid) && pid > 0 ? pid : 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function isAlive(pid: number): boolean {
  if (pid === 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeIfOwner(file: string, pid: number): void {
  if (readPid(file) === pid) unlinkQuietly(file);
}

/**
 * What a killed run can leave besides its lock: candidate files (`….codegen-lock.<pid>`,
 * `….codegen-lock.break.<pid>`) and a `.break` lock, each removed once its pid is gone.
 */
function removeLeftovers(file: string): void {
  const breaker = `${file}.break`;
  const breakerPid = readPid(breaker);
  if (breakerPid !== undefined && !isAlive(breakerPid)) removeIfOwner(breaker, breakerPid);
  const candidate = new RegExp(`^${escapeRegExp(basename(file))}(?:\\.break)?\\.(\\d+)$`);
  for (const name of readdirSync(dirname(file))) {
    const pid = Number(candidate.exec(name)?.[1] ?? 0);
    if (pid > 0 && !isAlive(pid)) unlinkQuietly(join(dirname(file), name));
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
