/**
 * Runs examples/ivr as a user would: `node --import tsx examples/ivr/main.ts` in its own process,
 * configured through the environment, importing `telnyx-voice-media` by name (generated/dist,
 * which test/global-setup.ts builds before any test file runs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '../..');

export interface IvrProcess {
  /** `http://127.0.0.1:<port>`, once the greeting is uploaded and the server listens. */
  url: string;
  stop(): Promise<void>;
}

/** Starts the IVR and resolves when it prints its `listening on` line (rejects if it exits first). */
export async function startIvr(env: Record<string, string>): Promise<IvrProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'examples/ivr/main.ts'], {
    cwd: root,
    // Only what the IVR is given here: no TELNYX_* from the environment running the tests.
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const ready = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(output);
      if (ready) resolve(ready[1]!);
    });
    child.once('exit', (code) =>
      reject(new Error(`the IVR exited with ${code} before listening:\n${output}`)),
    );
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
