/** Renders ApiChange[] as Markdown for a pull-request description, or as JSON for tools. */
import { type ApiChange, CLASS_ORDER, type ChangeClass } from './types.js';

export interface ReportLabels {
  oldLabel: string;
  newLabel: string;
}

const HEADINGS: Record<ChangeClass, string> = {
  breaking: 'Breaking',
  narrowing: 'Narrowing (new cases in data we receive)',
  compatible: 'Compatible',
};

const SIDE_LABELS: Record<ApiChange['side'], string> = {
  operation: 'operation',
  request: 'request',
  response: 'response',
  'error-response': 'error response',
  webhook: 'event',
};

/** Breaking first, then by operation/webhook; within one subject the walk's order is kept. */
export function sortChanges(changes: readonly ApiChange[]): ApiChange[] {
  const rank = (c: ApiChange) => CLASS_ORDER.indexOf(c.class);
  const subject = (c: ApiChange) => `${c.subject.type === 'operation' ? 0 : 1}${c.subject.name}`;
  return [...changes].sort(
    (x, y) => rank(x) - rank(y) || (subject(x) < subject(y) ? -1 : subject(x) > subject(y) ? 1 : 0),
  );
}

export function countByClass(changes: readonly ApiChange[]): Record<ChangeClass, number> {
  const counts: Record<ChangeClass, number> = { breaking: 0, narrowing: 0, compatible: 0 };
  for (const c of changes) counts[c.class]++;
  return counts;
}

export function renderMarkdown(changes: readonly ApiChange[], labels: ReportLabels): string {
  const lines = [`## API changes: ${code(labels.oldLabel)} → ${code(labels.newLabel)}`, ''];
  if (changes.length === 0)
    return [...lines, 'No changes a client of the generated package can see.', ''].join('\n');
  const counts = countByClass(changes);
  lines.push(CLASS_ORDER.map((c) => `**${counts[c]} ${c}**`).join(' · '), '');
  const sorted = sortChanges(changes);
  for (const cls of CLASS_ORDER) {
    const group = sorted.filter((c) => c.class === cls);
    if (group.length === 0) continue;
    lines.push(
      `### ${HEADINGS[cls]}`,
      '',
      '| Operation / event | Where | Change | Pointer |',
      '| --- | --- | --- | --- |',
    );
    for (const c of group) lines.push(row(c));
    lines.push('');
  }
  return lines.join('\n');
}

function row(c: ApiChange): string {
  const where = c.path ? `${SIDE_LABELS[c.side]} ${code(c.path)}` : SIDE_LABELS[c.side];
  return `| ${code(c.subject.name)} | ${where} | ${cell(c.message)} | ${code(c.pointer)} |`;
}

/**
 * One table cell: a line break would end the row and `|` the cell (GitHub honours `\|` even in
 * code spans). Nothing else is escaped: messages carry their own code spans on purpose.
 */
const cell = (text: string): string => text.replace(/\r\n?|\n|[\u2028\u2029]/g, ' ').replace(/\|/g, '\\|');

/** A code span; text holding a backtick gets a double fence, as CommonMark allows. */
const code = (text: string): string => (text.includes('`') ? `\`\` ${cell(text)} \`\`` : `\`${cell(text)}\``);

export function renderJson(changes: readonly ApiChange[]): string {
  return `${JSON.stringify(changes, null, 2)}\n`;
}
