/**
 * The CLI's worker thread (generator/cli/worker.ts): on a two-core machine it parses the spec
 * while this thread loads the generator's libraries, then formats files with prettier while this
 * thread is still emitting (the files prettier formats come first, see emit/index.ts).
 * A spec text above LARGE_SPEC_BYTES is parsed on the calling thread instead: the helper's copy of
 * its document and the one posted back would both be alive at once (the 18,000-schema spec peaked
 * at 2.0 GB instead of 1.2), to save about the second the generator takes to load. The choice is
 * made for each text, so a spec that grows past the limit under --watch moves to this thread.
 * bench/README.md has the measurements behind it.
 */
import { Worker } from 'node:worker_threads';
import type { GeneratedFile } from '../emit/file.js';
import type { GenerateServices } from '../core/generate.js';
import type { ParsedSpec } from '../core/load.js';
import type { WorkerOptions, WorkerReply, WorkerRequest } from './worker.js';
import { LARGE_SPEC_BYTES } from './run-flags.mjs';

type Pending = { resolve: (value: never) => void; reject: (err: Error) => void };
export interface HelperThread {
  parse: NonNullable<GenerateServices['parse']>;
  format: GenerateServices['format'];
  close(): Promise<void>;
}

export function startHelperThread(options: WorkerOptions): HelperThread {
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
  const ask = <T>(request: (id: number) => WorkerRequest) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: never) => void, reject });
      worker.postMessage(request(id));
    });
  const post = (files: GeneratedFile[]) => ask<GeneratedFile[]>((id) => ({ id, kind: 'format', files }));
  return {
    // Most often answered at once: the thread parsed the spec as it started (worker.ts).
    parse: async (text, fileName) => {
      if (Buffer.byteLength(text) > LARGE_SPEC_BYTES) {
        const { parseSpecText } = await import('../core/load.js');
        return parseSpecText(text, fileName);
      }
      return ask<ParsedSpec>((id) => ({ id, kind: 'parse', text, fileName }));
    },
    // One message per file, sent as the emitters produce it: the thread formats the first files
    // while this one is still emitting the last. Files already in their final layout stay here:
    // copying megabytes of guards to the thread and back would buy nothing.
    format: async (files) => {
      const sent: Array<GeneratedFile | Promise<GeneratedFile[]>> = [];
      for (const file of files)
        sent.push(file.preformatted ? { path: file.path, content: file.content } : post([file]));
      return (await Promise.all(sent)).flat();
    },
    close: async () => {
      await worker.terminate();
    },
  };
}
