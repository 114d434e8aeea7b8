/**
 * `npm run generate` as a child process the test can watch, pause (through the CLI's test hook,
 * generator/cli/test-hook.ts), resume and kill: for the kill-safety, lock and watch tests.
 */
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from '../../generator/cli/write.ts';
import { ROOT, tempDir } from './generate.ts';

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

/**
 * Starts the CLI as `npm run generate` does, through run.mjs: the project's own, or that of a
 * copy made by `copyProject()`.
 */
export function startCli(args: readonly string[], env: Record<string, string> = {}, root = ROOT): CliProcess {
  return startNode([join(root, 'generator/cli/run.mjs'), ...args], env);
}

/**
 * A copy of what the generator is built and run from (its sources, runtime, templates and spec),
 * using the project's node_modules. Tests that compare the output of runs started minutes apart
 * run the copy, so that an edit made to the sources meanwhile cannot change what they compare.
 */
export function copyProject(): string {
  const root = tempDir('project');
  for (const entry of ['generator', 'runtime', 'templates', 'spec', 'package.json', '.prettierrc.json']) {
    cpSync(join(ROOT, entry), join(root, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  return root;
}

function startNode(args: readonly string[], env: Record<string, string>): CliProcess {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, FORCE_COLOR: '0', ...env },
  });
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
