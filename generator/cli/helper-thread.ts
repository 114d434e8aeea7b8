/**
 * Prettier on a worker thread (generator/worker.ts), for the CLI, with this thread joining in
 * once it has nothing else to do. On a two-core machine the helper loads prettier while this
 * thread lints, and formats files while this thread is still emitting (the schema types, with
 * ts-morph, come last). When emitting is done, this thread formats too, from the other end of
 * the queue, until the two meet. bench/README.md has the measurements behind it.
 *
 * Who formats a file is settled through shared memory: each file has a slot in a
 * SharedArrayBuffer, and the thread that turns it from 0 to its own mark (compare-and-swap) does
 * the work. The helper thread takes files from the front, this one from the back, so neither
 * waits on a message to know what the other has taken.
 */
import { Worker } from 'node:worker_threads';
import type { GeneratedFile } from '../emit/file.js';
import { formatFiles, needsFormatting } from '../core/format.js';
import type { GenerateServices } from '../core/generate.js';
import type { WorkerReply, WorkerRequest } from './worker.js';

/** The mark this thread leaves in a file's claim slot (the helper's is 1). */
const CLAIMED_BY_MAIN = 2;
const SLOTS_PER_BLOCK = 1024;

/**
 * This thread joins only when at least this much unformatted text is left: loading prettier here
 * costs about 0.2 s, which a few small files left over (a warm format cache's usual misses) would
 * not repay.
 */
export const JOIN_MIN_BYTES = 64 * 1024;

type Pending = { resolve: (file: GeneratedFile) => void; reject: (err: Error) => void };
interface Sent {
  id: number;
  file: GeneratedFile;
  claims: Int32Array<SharedArrayBuffer>;
  slot: number;
}

export interface HelperThread {
  format: GenerateServices['format'];
  close(): Promise<void>;
}

export interface HelperOptions {
  /** Load prettier on the helper as it starts (files will need formatting right away). */
  warmFormatter: boolean;
  /** Let this thread format the tail of the queue once emitting is done (default true). */
  join?: boolean;
  /** Called with each file's path and the thread that formatted it; for tests. */
  onFormatted?: (path: string, by: 'helper' | 'main') => void;
}

export function startHelperThread(options: HelperOptions): HelperThread {
  // Bundled (`npm run generate`) the worker sits beside this code as worker.mjs; run from source
  // (tsx, tests) it is worker.ts behind a small loader, see worker-from-source.mjs.
  const source = import.meta.url.endsWith('.ts') ? './worker-from-source.mjs' : './worker.mjs';
  const worker = new Worker(new URL(source, import.meta.url), {
    workerData: { warmFormatter: options.warmFormatter },
  });
  worker.unref();
  const pending = new Map<number, Pending>();
  let nextId = 0;
  worker.on('message', (reply: WorkerReply) => {
    if (reply.ok && reply.content !== null) options.onFormatted?.(reply.path, 'helper');
    const waiting = pending.get(reply.id);
    // Skipped (content null) because this thread claimed the file first, and has it already.
    if (!waiting || (reply.ok && reply.content === null)) return;
    pending.delete(reply.id);
    if (reply.ok) waiting.resolve({ path: reply.path, content: reply.content! });
    else waiting.reject(new Error(reply.message));
  });
  worker.on('error', (err) => {
    for (const waiting of pending.values()) waiting.reject(err);
    pending.clear();
  });

  /** Formats, on this thread, files from the end of `sent` that the helper has not started. */
  async function formatTail(sent: Sent[]): Promise<void> {
    let left = 0;
    for (const s of sent) if (Atomics.load(s.claims, s.slot) === 0) left += s.file.content.length;
    if (left < JOIN_MIN_BYTES) return;
    for (let i = sent.length - 1; i >= 0; i--) {
      const { id, file, claims, slot } = sent[i]!;
      // The helper works front to back: once it has one of these, it has every earlier one.
      if (Atomics.compareExchange(claims, slot, 0, CLAIMED_BY_MAIN) !== 0) return;
      const waiting = pending.get(id)!;
      pending.delete(id);
      try {
        const [formatted] = await formatFiles([file]);
        options.onFormatted?.(file.path, 'main');
        waiting.resolve(formatted!);
      } catch (err) {
        waiting.reject(err as Error);
        return;
      }
    }
  }

  return {
    // Each file is posted as the emitters produce it, so the helper starts on the first files
    // while this thread is still emitting the last.
    format: async (files) => {
      const results: Array<GeneratedFile | Promise<GeneratedFile>> = [];
      const sent: Sent[] = [];
      let claims = new Int32Array(new SharedArrayBuffer(0));
      for (const file of files) {
        if (!needsFormatting(file)) {
          results.push({ path: file.path, content: file.content });
          continue;
        }
        const slot = sent.length % SLOTS_PER_BLOCK;
        if (slot === 0) claims = new Int32Array(new SharedArrayBuffer(4 * SLOTS_PER_BLOCK));
        const id = nextId++;
        results.push(new Promise((resolve, reject) => pending.set(id, { resolve, reject })));
        sent.push({ id, file, claims, slot });
        worker.postMessage({ id, file, claims: claims.buffer, slot } satisfies WorkerRequest);
      }
      if (options.join ?? true) await formatTail(sent);
      return Promise.all(results);
    },
    close: async () => {
      await worker.terminate();
    },
  };
}
