/**
 * The changelog entry `spec:update` writes, from the API diff: one heading per release, the spec
 * it was built from, why the version moved, and the changes grouped as a user reads them
 * (breaking first, documentation last). Text in, text out: the same diff gives the same bytes.
 */
import { code, messages, rowsOf, sortChanges, whereOf } from '../diff/render.js';
import type { ApiChange } from '../diff/types.js';
import type { Bump, ReleaseLevel } from './version.js';

export interface EntryInput {
  bump: Bump;
  changes: readonly ApiChange[];
  /** What the new spec says it is, e.g. `Telnyx API 2.0.0, extracted from spec3.yml`. */
  spec: string | undefined;
  /** `YYYY-MM-DD`, only when the caller passes one: nothing here reads the clock. */
  date?: string;
}

/** What a new changelog starts with, before its first entry. */
export const CHANGELOG_INTRO = `# Changelog

Every release of this package, newest first. The version follows the API: a breaking change
makes a major release, any other change a client can see a minor one, and documentation alone a
patch. While the version is 0.x, a breaking change makes a minor release and anything else a
patch.
`;

const SECTIONS: Array<{ title: string; has: (c: ApiChange) => boolean }> = [
  { title: 'Breaking changes', has: (c) => c.class === 'breaking' },
  { title: 'New cases in data you receive', has: (c) => c.class === 'narrowing' },
  { title: 'Added and changed', has: (c) => c.class === 'compatible' && c.kind !== 'docs-changed' },
  { title: 'Documentation', has: (c) => c.class === 'compatible' && c.kind === 'docs-changed' },
];

const LEVEL_NAMES: Record<ReleaseLevel, string> = { major: 'Major', minor: 'Minor', patch: 'Patch' };

const REASONS: Record<ReleaseLevel, string> = {
  major: 'breaking changes',
  minor: 'additions or changes a client can see, none of them breaking',
  patch: 'documentation only',
};

/** Why the version moved as it did, e.g. `Patch release: … (a minor change while the version is 0.x).` */
export function releaseSentence(bump: Bump, changes: readonly ApiChange[]): string {
  const reason =
    changes.length === 0 ? 'the spec changed, but nothing a client can see' : REASONS[bump.level];
  const zeroX = bump.applied !== bump.level ? ` (a ${bump.level} change while the version is 0.x)` : '';
  return `${LEVEL_NAMES[bump.applied]} release: ${reason}${zeroX}.`;
}

export function renderEntry({ bump, changes, spec, date }: EntryInput): string {
  const lines = [`## ${bump.to}${date ? ` (${date})` : ''}`, ''];
  if (spec) lines.push(`Built from ${spec}.`, '');
  lines.push(releaseSentence(bump, changes), '');
  const sorted = sortChanges(changes);
  for (const section of SECTIONS) {
    const rows = rowsOf(sorted.filter(section.has));
    if (rows.length === 0) continue;
    lines.push(`### ${section.title}`, '', ...rows.map(item), '');
  }
  return lines.join('\n');
}

/** One list item per field: every change it has in this section, in one line. */
function item(row: ApiChange[]): string {
  const first = row[0]!;
  const text = messages(row)
    .join('; ')
    .replace(/\r\n?|\n|[\u2028\u2029]/g, ' ');
  return `- ${code(first.subject.name)}, ${whereOf(first)}: ${text}`;
}

/**
 * The changelog with the entry on top, just below the intro (everything before the first `## `
 * heading). A missing changelog starts from CHANGELOG_INTRO.
 */
export function addEntry(changelog: string | undefined, entry: string): string {
  const text = changelog ?? CHANGELOG_INTRO;
  const match = /^## /m.exec(text);
  if (!match) return `${text.replace(/\n*$/, '\n\n')}${entry}`;
  return `${text.slice(0, match.index)}${entry}\n${text.slice(match.index)}`;
}
