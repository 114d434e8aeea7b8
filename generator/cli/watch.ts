/**
 * `--watch`: regenerates when the spec, the naming config, a template or the runtime changes. Changes are
 * debounced (editors write in bursts); a broken spec prints its diagnostics and the last good
 * output stays, since generate() offers nothing to write while an error stands.
 */
import { watch as watchFs, type FSWatcher } from 'node:fs';
import { dirname } from 'node:path';
import type { InputPaths } from './inputs.js';

export const DEBOUNCE_MS = 150;

export async function watch(paths: InputPaths, regenerate: () => Promise<number>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(async () => {
        await regenerate();
        console.log('watching for changes…');
      });
    }, DEBOUNCE_MS);
  };
  // Directories, not files: editors often replace a file, which ends a watch on the file itself.
  const trees = [paths.templates, paths.runtime];
  const dirs = [...new Set([dirname(paths.spec), dirname(paths.naming), ...trees])];
  const watchers: FSWatcher[] = dirs.map((dir) =>
    watchFs(dir, { recursive: trees.includes(dir) }, schedule),
  );
  await regenerate();
  console.log('watching for changes… (Ctrl-C to stop)');
  await new Promise<void>((done) => {
    const stop = () => {
      watchers.forEach((w) => w.close());
      clearTimeout(timer);
      done();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
