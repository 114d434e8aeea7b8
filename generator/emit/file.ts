import type { ModuleTree } from './guards/layout.js';

/** What every emitter returns: a path relative to the output folder (POSIX) and its text. */
export interface GeneratedFile {
  path: string;
  content: string;
  /** Hand-written code copied as it is: already in prettier's style (a test holds it to that). */
  preformatted?: boolean;
  /**
   * The emitter vouches that every blank line followed by a line starting in column 0 lies
   * between two top-level statements (no template literal or comment spans one), so the
   * formatter may format a large file piece by piece: prettier lays each statement out on its
   * own, so the result is the same, and memory stays that of one piece.
   */
  statementsAtBlankLines?: boolean;
  /**
   * A guard module's tree, which the format step lays out in prettier's layout itself
   * (emit/guards/layout.ts) instead of running prettier on `content`, the same module printed
   * flat; a module holding a construct the layout does not cover falls back to prettier. Left to
   * the format step so that the CLI's formatting thread does it, and its cache covers it.
   * `header` is the provenance line the pipeline puts before `content`.
   */
  layout?: { guardModule: ModuleTree; header?: string };
}
