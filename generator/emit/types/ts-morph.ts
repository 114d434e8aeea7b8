/**
 * ts-morph, loaded and used as cheaply as it can be: `loadTsMorph` lends it the TypeScript
 * compiler the generator has already loaded, and `sourceFileText` takes a file's text from its
 * structure printer without the parse `createSourceFile` adds.
 *
 * ts-morph's `@ts-morph/common` carries a copy of the TypeScript compiler of its own
 * (`dist/typescript.js`, 9 MB), while openapi-typescript, loaded at start-up, requires the
 * installed `typescript`. Loading the second copy took about a quarter of a second of every
 * generation. When both copies are the same major.minor release, the module cache entry of the
 * bundled copy is pointed at the installed one before ts-morph loads, so `require('./typescript')`
 * inside `@ts-morph/common` returns the compiler already in memory. Otherwise (a ts-morph built on
 * another release) ts-morph loads its own copy, as it would anywhere else.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Project, SourceFileStructure } from 'ts-morph';

export type TsMorph = typeof import('ts-morph');

const require = createRequire(import.meta.url);

let loaded: TsMorph | undefined;

export function loadTsMorph(): TsMorph {
  if (loaded) return loaded;
  const shared = sharedCompiler();
  if (shared && !(shared.bundled in require.cache)) require.cache[shared.bundled] = shared.module;
  // A CommonJS package: `require` loads it. `import()` would first scan its source for export
  // names (Node's CommonJS lexer), which cost about 0.13 s per generation.
  loaded = require('ts-morph') as TsMorph;
  return loaded;
}

/** The installed compiler's module and the path of ts-morph's copy, when the two may be swapped. */
function sharedCompiler(): { bundled: string; module: NodeJS.Module } | undefined {
  const fromMorph = createRequire(require.resolve('ts-morph'));
  const bundled = join(dirname(fromMorph.resolve('@ts-morph/common')), 'typescript.js');
  // The compiler openapi-typescript uses, resolved from where it is installed.
  const installedPath = createRequire(require.resolve('openapi-typescript')).resolve('typescript');
  const installed = require(installedPath) as { versionMajorMinor: string };
  if (bundledMajorMinor(bundled) !== installed.versionMajorMinor) return undefined;
  const module = require.cache[installedPath];
  return module ? { bundled, module } : undefined;
}

/**
 * The `versionMajorMinor` TypeScript declares near the top of its compiler file (about 120 KB
 * in), read without loading the 9 MB file.
 */
export function bundledMajorMinor(file: string): string | undefined {
  const head = Buffer.alloc(512 * 1024);
  const fd = openSync(file, 'r');
  try {
    const read = readSync(fd, head, 0, head.length, 0);
    return /\bvar versionMajorMinor = "(\d+\.\d+)"/.exec(head.toString('utf8', 0, read))?.[1];
  } finally {
    closeSync(fd);
  }
}

/** The part of ts-morph's (non-public) structure printers that sourceFileText uses. */
interface StructurePrinters {
  forSourceFile(options: { isAmbient: boolean }): {
    printText(writer: ReturnType<Project['createWriter']>, structure: Partial<SourceFileStructure>): void;
  };
}

/**
 * The text ts-morph writes for a source file built from `structure`. `createSourceFile` prints
 * exactly this text with its structure printer, then parses it with the TypeScript compiler
 * into a syntax tree the generator never reads: for the fragment's `schemas.ts` that parse was
 * about 0.25 s of the run (with --no-opt). The printer is not public API, so a ts-morph release
 * that moves it gets `createSourceFile` instead; test/generator/ts-morph-compiler.test.ts holds
 * the two to the same text.
 */
export function sourceFileText(project: Project, structure: Partial<SourceFileStructure>): string {
  const context = (project as unknown as { _context?: { structurePrinterFactory?: StructurePrinters } })
    ._context;
  const printers = context?.structurePrinterFactory;
  if (typeof printers?.forSourceFile !== 'function')
    return project.createSourceFile('file.ts', structure, { overwrite: true }).getFullText();
  const writer = project.createWriter();
  printers.forSourceFile({ isAmbient: false }).printText(writer, structure);
  return writer.toString();
}
