/**
 * Spec problems are data, not exceptions: every step reports them as diagnostics with a stable
 * code, a JSON pointer into the spec and, where the YAML parser knows it, a line and column.
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Stable, greppable identifier such as `ref-unresolved`. Tests and users key on it. */
  code: string;
  severity: Severity;
  message: string;
  /** RFC 6901 pointer into the spec document, e.g. `#/components/schemas/Loopcount`. */
  pointer: string;
  /** A hint on how to fix the problem. */
  help?: string;
  file?: string;
  line?: number;
  column?: number;
}

/** Thrown only by the CLI layer or by callers that want an exception instead of data. */
export class GenerationError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'GenerationError';
  }
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** `spec/voice-media.yaml:12:5 error ref-unresolved: … (at #/paths/…)` */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}:${d.column ?? 1}` : ''} ` : '';
  const help = d.help ? `\n    help: ${d.help}` : '';
  return `${where}${d.severity} ${d.code}: ${d.message} (at ${d.pointer})${help}`;
}

/** Encodes one reference token per RFC 6901 (`~` → `~0`, `/` → `~1`). */
export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function joinPointer(base: string, ...tokens: Array<string | number>): string {
  return tokens.reduce<string>((acc, t) => `${acc}/${escapePointerToken(t)}`, base);
}

/** Splits `#/a/b~1c` into `['a', 'b/c']`. */
export function parsePointer(pointer: string): string[] {
  const body = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (body === '' || body === '/') return body === '/' ? [''] : [];
  return body
    .slice(1)
    .split('/')
    .map((t) => decodeURIComponent(t).replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `--strict`: every warning becomes an error, so the run fails and writes nothing. */
export function asStrict(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' } : d));
}

/**
 * One line for all warnings, counted by code, most frequent first (ties by code):
 * `107 warnings (nullable-in-3.1: 98, required-undeclared: 9)`. Undefined when there are none.
 */
export function summarizeWarnings(diagnostics: readonly Diagnostic[]): string | undefined {
  const counts = new Map<string, number>();
  for (const d of diagnostics)
    if (d.severity === 'warning') counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
  if (counts.size === 0) return undefined;
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const byCode = [...counts]
    .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, n]) => `${code}: ${n}`);
  return `${total} warning${total === 1 ? '' : 's'} (${byCode.join(', ')})`;
}
