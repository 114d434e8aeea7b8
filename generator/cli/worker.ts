/**
 * The CLI's second thread: formats files with prettier (see GenerateServices and
 * helper-thread.ts) while the main thread lints and emits, so on a two-core machine both cores
 * work.
 */
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
// starts, before the first files arrive. Otherwise each library loads on first use.
const { warmFormatter } = (workerData ?? {}) as { warmFormatter?: boolean };
const warm = warmFormatter ? formatFiles([{ path: 'warm-up.ts', content: 'x' }]) : Promise.resolve([]);

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
