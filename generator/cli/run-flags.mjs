// Which V8 flags suit a run of `npm run generate`; generator/cli/run.mjs applies them.
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';

/**
 * A one-shot run on a small spec (ours is 86 KB) is a burst of about a second in which most code
 * runs only a few times. V8's optimizing compiler (TurboFan) would compile the hottest of it on
 * background threads that compete with our two threads on a two-core machine, and the optimized
 * code barely gets used before the process exits: without it such a run measured 13 % faster.
 * On bigger specs the optimized code pays off (without it: 11 % slower at 192 KB, 30 % at
 * 460 KB), so the limit sits between the two. Never in --watch, where the process lives on.
 */
export const SMALL_SPEC_BYTES = 128 * 1024;

/** True when the CLI arguments describe a one-shot run on a spec of at most SMALL_SPEC_BYTES. */
export function isShortRun(args, defaultSpec) {
  const { values } = parseArgs({
    args,
    options: { spec: { type: 'string' }, watch: { type: 'boolean' } },
    strict: false,
  });
  if (values.watch) return false;
  const spec = typeof values.spec === 'string' ? values.spec : defaultSpec;
  try {
    return statSync(spec).size <= SMALL_SPEC_BYTES;
  } catch {
    return false; // the CLI itself reports a spec it cannot read
  }
}
