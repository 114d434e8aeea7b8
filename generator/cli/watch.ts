/**
 * `--watch`: regenerates when the spec, the naming config, a template (`*.hbs`) or a runtime file
 * (`*.ts`) changes, and for nothing else: not for other files in those folders (notes, editor
 * swap files) and not for the run's own writes when the output folder is inside one of them.
 * Changes are debounced (editors write in bursts); a broken spec prints its diagnostics and the
 * last good output stays, since generate() offers nothing to write while an error stands.
 */
import { watch as watchFs, type FSWatcher } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { InputPaths } from './inputs.js';

export const DEBOUNCE_MS = 150;

export interface WatchOptions {
  /** Changes inside it, and in the lock and temporary folder beside it, are the run's own. */
  outDir?: string;
  /** Stops watching when aborted; without it, SIGINT and SIGTERM stop it. */
  signal?: AbortSignal;
  /** Told which input files changed, just before each regeneration they cause. */
  onTrigger?: (files: readonly string[]) => void;
}

type Accepts = (path: string) => boolean;

export async function watch(
  paths: InputPaths,
  regenerate: () => Promise<number>,
  options: WatchOptions = {},
): Promise<void> {
  const onTrigger = options.onTrigger ?? sayTrigger;
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const fire = () => {
    const files = [...pending].sort();
    pending.clear();
    running = running.then(async () => {
      onTrigger(files);
      try {
        await regenerate();
      } catch (err) {
        // One failed run (a lock it could not get, a disk error) must not end the watch.
        console.error(`error: ${(err as Error).message}`);
      }
      console.log('watching for changes…');
    });
  };
  const isOwnWrite = ownWrites(options.outDir);
  const watchers = inputFolders(paths).map(({ dir, recursive, accepts }) => {
    const watcher: FSWatcher = watchFs(dir, { recursive }, (_event, name) => {
      // No name (some platforms): the change cannot be placed, so it counts.
      const path = name === null ? dir : join(dir, name.toString());
      if (name !== null && (isOwnWrite(path) || !accepts(path))) return;
      pending.add(path);
      clearTimeout(timer);
      timer = setTimeout(fire, DEBOUNCE_MS);
    });
    // A watched folder removed or renamed ends its watch; say so rather than crash.
    watcher.on('error', (err) => console.error(`watch: ${dir}: ${err.message}`));
    return watcher;
  });
  await regenerate();
  console.log('watching for changes… (Ctrl-C to stop)');
  await stopped(options.signal);
  watchers.forEach((w) => w.close());
  clearTimeout(timer);
  await running;
}

/**
 * The folders to watch and which files in them are inputs. Folders, not files: editors often
 * replace a file, which ends a watch on the file itself.
 */
function inputFolders(paths: InputPaths): Array<{ dir: string; recursive: boolean; accepts: Accepts }> {
  const byDir = new Map<string, { recursive: boolean; accepts: Accepts[] }>();
  const add = (dir: string, recursive: boolean, accepts: Accepts) => {
    const entry = byDir.get(resolve(dir)) ?? { recursive: false, accepts: [] };
    entry.recursive ||= recursive;
    entry.accepts.push(accepts);
    byDir.set(resolve(dir), entry);
  };
  for (const file of [resolve(paths.spec), resolve(paths.naming)]) {
    add(dirname(file), false, (path) => path === file);
  }
  add(paths.templates, true, (path) => path.endsWith('.hbs'));
  add(paths.runtime, true, (path) => path.endsWith('.ts'));
  return [...byDir].map(([dir, { recursive, accepts }]) => ({
    dir,
    recursive,
    accepts: (path) => accepts.some((a) => a(path)),
  }));
}

/** The output folder, and beside it `.<folder>.codegen-lock…` and `.<folder>.codegen-tmp/`. */
function ownWrites(outDir: string | undefined): Accepts {
  if (outDir === undefined) return () => false;
  const out = resolve(outDir);
  const siblings = join(dirname(out), `.${basename(out)}.codegen-`);
  return (path) => path === out || path.startsWith(out + sep) || path.startsWith(siblings);
}

function sayTrigger(files: readonly string[]): void {
  const shown = files.map((file) => {
    const rel = relative(process.cwd(), file);
    return rel === '' || rel.startsWith('..') ? file : rel;
  });
  console.log(`regenerating for ${shown.join(', ')}`);
}

function stopped(signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((done) => {
    if (signal) {
      if (signal.aborted) done();
      else signal.addEventListener('abort', () => done(), { once: true });
      return;
    }
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
}
