/** Renders ApiChange[] as Markdown for a pull-request description, or as JSON for tools. */
import { type ApiChange, CLASS_ORDER, type ChangeClass, isRemoval } from './types.js';

/** A side as the report names it: a file or `REV:PATH`, and what the spec says it is. */
export interface SideLabel {
  name: string;
  /** e.g. `Telnyx API 2.0.0, extracted from spec3-2026-07-16.yml`. */
  about?: string;
}

export interface ReportLabels {
  old: SideLabel;
  new: SideLabel;
}

const sideText = (s: SideLabel): string => (s.about ? `${code(s.name)} (${s.about})` : code(s.name));

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
  export: 'exported type',
};

/** Breaking first, then by operation/webhook; within one subject the walk's order is kept. */
export function sortChanges(changes: readonly ApiChange[]): ApiChange[] {
  const rank = (c: ApiChange) => CLASS_ORDER.indexOf(c.class);
  const order = { operation: 0, webhook: 1, type: 2 };
  const subject = (c: ApiChange) => `${order[c.subject.type]}${c.subject.name}`;
  return [...changes].sort(
    (x, y) => rank(x) - rank(y) || (subject(x) < subject(y) ? -1 : subject(x) > subject(y) ? 1 : 0),
  );
}

export function countByClass(changes: readonly ApiChange[]): Record<ChangeClass, number> {
  const counts: Record<ChangeClass, number> = { breaking: 0, narrowing: 0, compatible: 0 };
  for (const c of changes) counts[c.class]++;
  return counts;
}

/**
 * One table per class, one row per field: every change a field has in that class (its description,
 * its default, its values) shares the row, so the counts are of rows, i.e. of fields changed.
 */
export function renderMarkdown(changes: readonly ApiChange[], labels: ReportLabels): string {
  const lines = [`## API changes: ${sideText(labels.old)} → ${sideText(labels.new)}`, ''];
  if (changes.length === 0)
    return [...lines, 'No changes a client of the generated package can see.', ''].join('\n');
  const sorted = sortChanges(changes);
  const groups = CLASS_ORDER.map((cls) => rowsOf(sorted.filter((c) => c.class === cls)));
  lines.push(CLASS_ORDER.map((c, i) => `**${groups[i]!.length} ${c}**`).join(' · '), '');
  CLASS_ORDER.forEach((cls, i) => {
    const rows = groups[i]!;
    if (rows.length === 0) return;
    lines.push(
      `### ${HEADINGS[cls]}`,
      '',
      '| Operation / event / type | Where | Change | Pointer |',
      '| --- | --- | --- | --- |',
      ...rows.map(row),
      '',
    );
  });
  return lines.join('\n');
}

/** Changes of one class grouped by the field they are at, in the order the walk met them. */
export function rowsOf(changes: readonly ApiChange[]): ApiChange[][] {
  const rows = new Map<string, ApiChange[]>();
  for (const c of changes) {
    const key = JSON.stringify([c.subject.type, c.subject.name, c.side, c.path]);
    rows.set(key, [...(rows.get(key) ?? []), c]);
  }
  return [...rows.values()];
}

/** Where in its subject a change is: `request \`voice\``, `event`. */
export const whereOf = (c: ApiChange): string =>
  c.path ? `${SIDE_LABELS[c.side]} ${code(c.path)}` : SIDE_LABELS[c.side];

function row(changes: ApiChange[]): string {
  const c = changes[0]!;
  const where = whereOf(c);
  const pointers = [
    ...new Set(changes.map((x) => (isRemoval(x.kind) ? `${code(x.pointer)} (old)` : code(x.pointer)))),
  ];
  return `| ${code(c.subject.name)} | ${where} | ${cell(messages(changes).join('; '))} | ${pointers.join(', ')} |`;
}

/** Most values listed in one merged enum message before the rest are counted. */
const LISTED_VALUES = 10;

/** Each change's message, with added (or removed) enum values merged into one. */
export function messages(changes: readonly ApiChange[]): string[] {
  const out: string[] = [];
  for (const kind of ['enum-value-added', 'enum-value-removed'] as const) {
    const values = changes
      .filter((c) => c.kind === kind)
      .map((c) => (kind === 'enum-value-added' ? c.after : c.before));
    if (values.length < 2) continue;
    const listed = values.slice(0, LISTED_VALUES).map((v) => code(JSON.stringify(v)));
    const more = values.length > LISTED_VALUES ? ` and ${values.length - LISTED_VALUES} more` : '';
    out.push(
      `${values.length} enum values ${listed.join(', ')}${more} ${kind === 'enum-value-added' ? 'added' : 'removed'}`,
    );
  }
  const merged = (c: ApiChange) =>
    (c.kind === 'enum-value-added' || c.kind === 'enum-value-removed') &&
    changes.filter((x) => x.kind === c.kind).length > 1;
  return [...changes.filter((c) => !merged(c)).map((c) => c.message), ...out];
}

/**
 * One table cell: a line break would end the row and `|` the cell (GitHub honours `\|` even in
 * code spans). Nothing else is escaped: messages carry their own code spans on purpose.
 */
const cell = (text: string): string => text.replace(/\r\n?|\n|[\u2028\u2029]/g, ' ').replace(/\|/g, '\\|');

/** A code span; text holding a backtick gets a double fence, as CommonMark allows. */
export const code = (text: string): string =>
  text.includes('`') ? `\`\` ${cell(text)} \`\`` : `\`${cell(text)}\``;

export function renderJson(changes: readonly ApiChange[]): string {
  return `${JSON.stringify(changes, null, 2)}\n`;
}
