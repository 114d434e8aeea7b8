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
}
