/**
 * The CLI's second thread: formats files with prettier (see GenerateServices and
 * helper-thread.ts) while the main thread lints and emits, so on a two-core machine both cores
 * work.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { formatFiles } from '../core/format.js';
import type { GeneratedFile } from '../emit/file.js';

export type WorkerRequest = {
  id: number;
  files: GeneratedFile[];
};

export type WorkerReply =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

// Warm-up: when files will need formatting (no format cache yet), prettier loads as the thread
// starts and formats the files named here (runtime sources, shaped like the generated code) and
// drops the result. The thread would otherwise sit idle for the second or two the main thread
// spends loading, parsing and linting, and its first real files pay for prettier's code being
// compiled on first use: about 0.2 s less on the fragment's formatting (bench/README.md).
const { warmUp = [] } = (workerData ?? {}) as { warmUp?: string[] };
const warm = warmUp.length > 0 ? warmFormatter(warmUp) : Promise.resolve();

async function warmFormatter(paths: string[]): Promise<void> {
  try {
    await formatFiles(paths.map((path) => ({ path: 'warm-up.ts', content: readFileSync(path, 'utf8') })));
  } catch {
    // Only a warm-up: an unreadable file costs the speed-up, never the run.
  }
}

parentPort?.on('message', (request: WorkerRequest) => {
  void warm
    .then(() => formatFiles(request.files))
    .then(
      (value) => parentPort?.postMessage({ id: request.id, ok: true, value } satisfies WorkerReply),
      (err: unknown) =>
        parentPort?.postMessage({
          id: request.id,
          ok: false,
          message: (err as Error).message ?? String(err),
        } satisfies WorkerReply),
    );
});
