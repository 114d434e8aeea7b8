/**
 * The Markdown `spec:update` prints for a pull request: the version move and why, the API
 * changes by class (exactly as `spec:diff` renders them), and every file the update changed.
 */
import { code, renderMarkdown, type ReportLabels } from '../diff/render.js';
import type { ApiChange } from '../diff/types.js';
import { releaseSentence } from './changelog.js';
import type { FileChange } from './project.js';
import type { Bump } from './version.js';

export interface SummaryInput {
  packageName: string;
  bump: Bump;
  changes: readonly ApiChange[];
  labels: ReportLabels;
  /** Paths from the project root: the inputs written, then the generated files. */
  files: readonly FileChange[];
}

export function renderSummary({ packageName, bump, changes, labels, files }: SummaryInput): string {
  return [
    `## Spec update: ${code(packageName)} ${bump.from} → ${bump.to} (${bump.applied})`,
    '',
    releaseSentence(bump, changes),
    '',
    renderMarkdown(changes, labels).trimEnd(),
    '',
    `### Files changed (${files.length})`,
    '',
    ...files.map((f) => `- ${f.change} ${code(f.path)}`),
    '',
  ].join('\n');
}

export function renderUnchanged(fragment: string, source: string): string {
  return `## Spec update: no change\n\n${code(fragment)} already matches ${code(source)}; nothing was written.\n`;
}
