/** What every emitter returns: a path relative to the output folder (POSIX) and its text. */
export interface GeneratedFile {
  path: string;
  content: string;
  /** Hand-written code copied as it is: already in prettier's style (a test holds it to that). */
  preformatted?: boolean;
}
