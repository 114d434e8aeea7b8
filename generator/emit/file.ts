/** What every emitter returns: a path relative to the output folder (POSIX) and its text. */
export interface GeneratedFile {
  path: string;
  content: string;
}
