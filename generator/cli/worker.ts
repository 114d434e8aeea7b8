/**
 * The CLI's second thread: formats files with prettier (see GenerateServices and
 * helper-thread.ts) while the main thread lints and emits, so on a two-core machine both cores
 * work. Files come one per message, and are formatted in the order they came; before starting on
 * one, this thread claims it in shared memory, and skips it when the main thread already has.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { GeneratedFile } from '../emit/file.js';
import { formatFiles } from '../core/format.js';

/** The mark this thread leaves in a file's claim slot (the main thread's is 2). */
const CLAIMED_BY_HELPER = 1;

export type WorkerRequest = {
  id: number;
  file: GeneratedFile;
  /** Int32 claim slots shared with the main thread; this file's is `slot`. */
  claims: SharedArrayBuffer;
  slot: number;
};

/** `content: null`: the main thread claimed the file first, so it was skipped. */
export type WorkerReply =
  { id: number; ok: true; path: string; content: string | null } | { id: number; ok: false; message: string };

// Warm-up: when files will need formatting (no format cache yet), prettier loads as the thread
// starts, before the first files arrive. Otherwise each library loads on first use.
const { warmFormatter } = (workerData ?? {}) as { warmFormatter?: boolean };
let turn: Promise<unknown> = warmFormatter
  ? formatFiles([{ path: 'warm-up.ts', content: 'x' }])
  : Promise.resolve();

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  const claims = new Int32Array(request.claims);
  if (Atomics.compareExchange(claims, request.slot, 0, CLAIMED_BY_HELPER) !== 0)
    return { id: request.id, ok: true, path: request.file.path, content: null };
  try {
    const [formatted] = await formatFiles([request.file]);
    return { id: request.id, ok: true, path: request.file.path, content: formatted!.content };
  } catch (err) {
    return { id: request.id, ok: false, message: (err as Error).message ?? String(err) };
  }
}

parentPort?.on('message', (request: WorkerRequest) => {
  // One file at a time, in arrival order: the claim is taken when the file's turn comes.
  // A failed warm-up is not this file's failure: the file tries prettier again itself.
  turn = turn
    .catch(() => undefined)
    .then(() => handle(request))
    .then((reply) => parentPort?.postMessage(reply satisfies WorkerReply));
});
