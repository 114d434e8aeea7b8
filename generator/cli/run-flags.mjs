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
