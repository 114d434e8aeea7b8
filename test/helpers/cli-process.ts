/**
 * `npm run generate` as a child process the test can watch, pause (through the CLI's test hook,
 * generator/cli/test-hook.ts), resume and kill: for the kill-safety, lock and watch tests.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from '../../generator/cli/write.ts';
import { ROOT } from './generate.ts';

export interface CliProcess {
  readonly pid: number;
  /** Everything written so far to stdout and stderr, in the order it came. */
  output(): string;
  /** Resolves once `text` has been written after position `from`; rejects if the run ends first. */
  waitFor(text: string, from?: number): Promise<void>;
  /** Lets a run paused by CODEGEN_PAUSE_AT go on. */
  resume(): void;
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** The exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
}

/** Starts the CLI as `npm run generate` does, through run.mjs. */
export function startCli(args: readonly string[], env: Record<string, string> = {}): CliProcess {
  return startNode([join(ROOT, 'generator/cli/run.mjs'), ...args], env);
}

/** Starts the CLI from its TypeScript source, through tsx, as the other CLI tests do. */
export function startCliFromSource(args: readonly string[], env: Record<string, string> = {}): CliProcess {
  return startNode([join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'generator/cli/cli.ts'), ...args], env);
}

function startNode(args: readonly string[], env: Record<string, string>): CliProcess {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0', ...env } });
  let text = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    text += chunk.toString();
    listeners.forEach((l) => l());
  };
  // A byte written to resume a run that has just ended must not fail the test.
  child.stdin.on('error', () => {});
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  let done = false;
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      done = true;
      listeners.forEach((l) => l());
      resolve(code);
    }),
  );
  return {
    pid: child.pid!,
    output: () => text,
    waitFor: (wanted, from = 0) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (text.indexOf(wanted, from) >= 0) resolve();
          else if (done) reject(new Error(`the run ended without printing "${wanted}":\n${text}`));
          else return;
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      }),
    resume: () => child.stdin.write('\n'),
    kill: async (signal = 'SIGKILL') => {
      if (!done) child.kill(signal);
      await exited;
    },
    exited,
  };
}

/** The generated files under `dir` (not `dist/` or `node_modules`) with their contents. */
export function readOutput(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((file) => [file, readFileSync(join(dir, file), 'utf8')]));
}
