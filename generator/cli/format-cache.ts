/**
 * A content-addressed cache of prettier's output, for the CLI: a file whose unformatted text,
 * prettier version and options are unchanged since the last run is not formatted again. A spec
 * update then formats only the files it changed. The cache holds exactly the entries the last run
 * used, in one JSON file under `.cache/`; anything unreadable there is ignored, never trusted.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { GeneratedFile } from '../emit/file.js';
import { PRETTIER_OPTIONS } from '../core/format.js';
import type { GenerateServices } from '../core/generate.js';

/** Bump when the way files are formatted changes in a way the key does not capture. */
const CACHE_FORMAT = 1;

export class FormatCache {
  readonly #file: string;
  readonly #salt: string;
  readonly #previous: Map<string, string>;
  readonly #used = new Map<string, string>();

  constructor(file: string) {
    this.#file = file;
    const prettierVersion = (createRequire(import.meta.url)('prettier/package.json') as { version: string })
      .version;
    this.#salt = JSON.stringify([CACHE_FORMAT, prettierVersion, PRETTIER_OPTIONS]);
    this.#previous = readEntries(file);
  }

  /** True when nothing has been cached yet: the formatter will be needed right away. */
  get isEmpty(): boolean {
    return this.#previous.size === 0;
  }

  /**
   * Wraps a formatter so cached files skip it. Each file is looked up as it arrives and only the
   * misses go on to `format`, one by one, so formatting starts before the last file is emitted.
   */
  wrap(format: GenerateServices['format']): GenerateServices['format'] {
    return (files) => {
      const results: Array<GeneratedFile | Promise<GeneratedFile>> = [];
      for (const file of files) {
        // Hand-written runtime copied as it is never needs formatting.
        if (file.preformatted) {
          results.push({ path: file.path, content: file.content });
          continue;
        }
        const key = this.#key(file);
        const hit = this.#used.get(key) ?? this.#previous.get(key);
        if (hit !== undefined) {
          this.#used.set(key, hit);
          results.push({ path: file.path, content: hit });
          continue;
        }
        results.push(
          format([file]).then(([formatted]) => {
            this.#used.set(key, formatted!.content);
            return { path: file.path, content: formatted!.content };
          }),
        );
      }
      return Promise.all(results);
    };
  }

  /**
   * Keeps only this run's entries, written atomically. The temporary file is named after this
   * process: two runs saving at once must not rename each other's file away.
   */
  save(): void {
    mkdirSync(dirname(this.#file), { recursive: true });
    const temp = `${this.#file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(Object.fromEntries(this.#used)));
    renameSync(temp, this.#file);
  }

  #key(file: GeneratedFile): string {
    const extension = file.path.slice(file.path.lastIndexOf('.'));
    return createHash('sha256')
      .update(this.#salt)
      .update('\0')
      .update(extension)
      .update('\0')
      .update(file.content)
      .digest('hex');
  }
}

function readEntries(file: string): Map<string, string> {
  if (!existsSync(file)) return new Map();
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return new Map();
    return new Map(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return new Map();
  }
}
