/**
 * Formatting and linting on a worker thread (generator/worker.ts), for the CLI: on a two-core
 * machine prettier and the linter load and work while this thread builds the model and loads
 * ts-morph. Measured alternatives were slower: linting on this thread, and two worker threads
 * (three threads fighting over two cores).
 */
import { Worker } from 'node:worker_threads';
import type { GenerateServices } from './generate.js';
import type { WorkerReply, WorkerRequest } from './worker.js';

type Pending = { resolve: (value: never) => void; reject: (err: Error) => void };
type Request = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

export interface HelperThread extends GenerateServices {
  close(): Promise<void>;
}

export function startHelperThread(options: { warmFormatter: boolean }): HelperThread {
  // Bundled (`npm run generate`) the worker sits beside this code as worker.mjs; run from source
  // (tsx, tests) it is worker.ts behind a small loader, see worker-from-source.mjs.
  const source = import.meta.url.endsWith('.ts') ? './worker-from-source.mjs' : './worker.mjs';
  const worker = new Worker(new URL(source, import.meta.url), { workerData: options });
  worker.unref();
  const pending = new Map<number, Pending>();
  let nextId = 0;
  worker.on('message', (reply: WorkerReply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.ok) waiting?.resolve(reply.value as never);
    else waiting?.reject(new Error(reply.message));
  });
  worker.on('error', (err) => {
    for (const waiting of pending.values()) waiting.reject(err);
    pending.clear();
  });
  const call = <T>(request: Request) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: never) => void, reject });
      worker.postMessage({ ...request, id });
    });
  return {
    lint: (text, fileName) => call({ kind: 'lint', text, fileName }),
    format: (files) => call({ kind: 'format', files }),
    close: async () => {
      await worker.terminate();
    },
  };
}
