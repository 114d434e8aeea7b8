// Which V8 flags suit a run of `npm run generate`; generator/cli/run.mjs applies them.
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';

/**
 * A one-shot run on a small spec is a burst of a few seconds in which most code runs only a few
 * times. V8's optimizing compiler (TurboFan) compiles the hottest of it on background threads
 * that compete with our two threads (both format with prettier) on a two-core machine, and the
 * optimized code barely gets used before the process exits. Without it, runs on the 84 KB and
 * 242 KB fragments took about 30 % and 10 % less CPU time; on Telnyx's whole spec (4 MB) the
 * optimized code pays off many times over (even with only V8's mid-tier compiler, Maglev, it
 * took twice the CPU time). bench/README.md has the runs. Never in --watch, where the process
 * lives on.
 */
export const SMALL_SPEC_BYTES = 256 * 1024;

/** True when the CLI arguments describe a one-shot run on a spec of at most SMALL_SPEC_BYTES. */
export function isShortRun(args, defaultSpec) {
  const { watch, size } = readArgs(args, defaultSpec);
  return !watch && size !== undefined && size <= SMALL_SPEC_BYTES;
}

/**
 * On a large spec V8 lets the heap grow far beyond what is alive: generating GitHub's 13 MB spec
 * kept about 300 MB alive on the main thread but peaked at 1.3 GB there, because each full
 * collection let the next limit grow by up to four times the live size. Above LARGE_SPEC_BYTES
 * the CLI caps that growth at HEAP_GROWING_PERCENT: GitHub's spec then peaked at 0.84 GB instead
 * of 1.76 GB, for about 15 % more time (bench/README.md). Smaller specs never come near the
 * bound, so they keep V8's default.
 */
export const LARGE_SPEC_BYTES = 2 * 1024 * 1024;
export const HEAP_GROWING_PERCENT = 30;

/** True when the spec the CLI arguments name is larger than LARGE_SPEC_BYTES. */
export function isLargeSpec(args, defaultSpec) {
  const { size } = readArgs(args, defaultSpec);
  return size !== undefined && size > LARGE_SPEC_BYTES;
}

function readArgs(args, defaultSpec) {
  const { values } = parseArgs({
    args,
    options: { spec: { type: 'string' }, watch: { type: 'boolean' } },
    strict: false,
  });
  const spec = typeof values.spec === 'string' ? values.spec : defaultSpec;
  return { watch: values.watch === true, size: specSize(spec) };
}

/** The spec file's size in bytes; undefined when it cannot be read (the CLI itself reports that). */
export function specSize(path) {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}
