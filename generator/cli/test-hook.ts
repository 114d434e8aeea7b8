/**
 * A hook for the kill-safety tests, and nothing else: it lets a test stop a real run between two
 * file-system changes of the write phase, then kill it there (`kill -9`) or let it go on.
 *
 * With `CODEGEN_PAUSE_AT` unset, `step()` does nothing. With it set, every step is announced on
 * stderr as `codegen step: <name>`; at the first step whose name equals the variable the process
 * prints `codegen paused: <name>` and blocks reading one byte from stdin (a test writes a byte to
 * resume it, or kills it). Steps are named after the change that has just been made.
 */
import { readSync, writeSync } from 'node:fs';

const pauseAt = process.env.CODEGEN_PAUSE_AT;
let paused = false;

export function step(name: string): void {
  if (pauseAt === undefined) return;
  // Written synchronously, so a test that reads it knows the step has been reached.
  writeSync(2, `codegen step: ${name}\n`);
  if (paused || name !== pauseAt) return;
  paused = true;
  writeSync(2, `codegen paused: ${name}\n`);
  waitForByte();
}

/** Blocks this thread on stdin, so nothing else of the run happens while it is paused. */
function waitForByte(): void {
  const byte = Buffer.alloc(1);
  for (;;) {
    try {
      readSync(0, byte, 0, 1, null);
      return;
    } catch (err) {
      // A non-blocking stdin has nothing yet: sleep a little, then read again.
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') return;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}
