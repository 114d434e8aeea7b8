/**
 * The CLI's second thread (see GenerateServices and helper-thread.ts). It parses the spec while
 * the main thread loads the generator's libraries, then formats files with prettier while the
 * main thread lints and emits, so on a two-core machine both cores work.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { formatFiles } from '../core/format.js';
import { decodeSpecBytes, type ParsedSpec, parseSpecText } from '../core/load.js';
import type { GeneratedFile } from '../emit/file.js';

export type WorkerRequest =
  | { id: number; kind: 'format'; files: GeneratedFile[] }
  | { id: number; kind: 'parse'; text: string; fileName: string };

export type WorkerReply =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

export interface WorkerOptions {
  /**
   * The spec to parse as the thread starts: its path, and the name diagnostics give it. The CLI
   * names one only up to 2 MB (see cli.ts).
   */
  spec?: { path: string; fileName: string };
}

const { spec } = (workerData ?? {}) as WorkerOptions;

// The spec, parsed before the main thread asks: it asks once it has loaded the generator, which
// takes longer than parsing a fragment. What it sends is compared with the text parsed here, so
// a file changed in between (or a run in --watch) is parsed again, as asked.
let early: { text: string; fileName: string; parsed: ParsedSpec } | undefined;
if (spec) {
  try {
    const text = decodeSpecBytes(readFileSync(spec.path), spec.fileName);
    early = { text, fileName: spec.fileName, parsed: parseSpecText(text, spec.fileName) };
  } catch {
    // Unreadable or not UTF-8: the main thread reads the file itself and reports it.
  }
}

function parse(text: string, fileName: string): ParsedSpec {
  const ready = early;
  early = undefined; // asked for once; the copy posted is the main thread's now
  return ready && ready.text === text && ready.fileName === fileName
    ? ready.parsed
    : parseSpecText(text, fileName);
}

const reply = (message: WorkerReply) => parentPort?.postMessage(message);

parentPort?.on('message', (request: WorkerRequest) => {
  if (request.kind === 'parse') {
    try {
      reply({ id: request.id, ok: true, value: parse(request.text, request.fileName) });
    } catch (err) {
      reply({ id: request.id, ok: false, message: (err as Error).message ?? String(err) });
    }
    return;
  }
  void formatFiles(request.files).then(
    (value) => reply({ id: request.id, ok: true, value }),
    (err: unknown) => reply({ id: request.id, ok: false, message: (err as Error).message ?? String(err) }),
  );
});
