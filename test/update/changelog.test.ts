/**
 * The changelog entry spec:update writes (generator/update/changelog.ts): exact text for a known
 * diff, and where it goes in the file.
 */
import { describe, expect, it } from 'vitest';
import type { ApiChange } from '../../generator/diff/types.ts';
import { addEntry, CHANGELOG_INTRO, renderEntry } from '../../generator/update/changelog.ts';
import { bumpVersion } from '../../generator/update/version.ts';

const speak = { subject: { type: 'operation', name: 'calls.actions.speak' }, side: 'request' } as const;
const ended = { subject: { type: 'webhook', name: 'call.playback.ended' }, side: 'webhook' } as const;
const CHANGES: ApiChange[] = [
  {
    ...speak,
    kind: 'docs-changed',
    class: 'compatible',
    path: 'voice',
    pointer: '#/a',
    message: 'description: “a” → “b”',
  },
  {
    ...speak,
    kind: 'variant-added',
    class: 'compatible',
    path: 'voice_settings',
    pointer: '#/b',
    message: 'variant `xai` (`XAIVoiceSettings`) added',
  },
  {
    ...ended,
    kind: 'enum-value-added',
    class: 'narrowing',
    path: 'data.payload.status',
    pointer: '#/c',
    after: 'interrupted',
    message: 'value `"interrupted"` added',
  },
  {
    ...speak,
    kind: 'field-removed',
    class: 'breaking',
    path: 'language',
    pointer: '#/d',
    message: 'field `language` removed',
  },
  {
    ...speak,
    kind: 'variant-added',
    class: 'compatible',
    path: 'voice_settings',
    pointer: '#/e',
    message: 'variant `inworld` (`InworldVoiceSettings`) added',
  },
];

describe('renderEntry', () => {
  it('writes the version, the spec, why the version moved, and the changes breaking first', () => {
    const entry = renderEntry({
      bump: bumpVersion('0.4.1', 'major', 'n'),
      changes: CHANGES,
      spec: 'Telnyx API 2.0.0, extracted from spec3.yml',
      date: '2026-07-16',
    });
    expect(entry).toBe(
      [
        '## 0.5.0 (2026-07-16)',
        '',
        'Built from Telnyx API 2.0.0, extracted from spec3.yml.',
        '',
        'Minor release: breaking changes (a major change while the version is 0.x).',
        '',
        '### Breaking changes',
        '',
        '- `calls.actions.speak`, request `language`: field `language` removed',
        '',
        '### New cases in data you receive',
        '',
        '- `call.playback.ended`, event `data.payload.status`: value `"interrupted"` added',
        '',
        '### Added and changed',
        '',
        // One line per field: both new variants of voice_settings share it.
        '- `calls.actions.speak`, request `voice_settings`: variant `xai` (`XAIVoiceSettings`) added; variant `inworld` (`InworldVoiceSettings`) added',
        '',
        '### Documentation',
        '',
        '- `calls.actions.speak`, request `voice`: description: “a” → “b”',
        '',
      ].join('\n'),
    );
  });

  it('has no date unless one is given, and says so when nothing visible changed', () => {
    const entry = renderEntry({ bump: bumpVersion('2.0.0', 'patch', 'n'), changes: [], spec: undefined });
    expect(entry).toBe('## 2.0.1\n\nPatch release: the spec changed, but nothing a client can see.\n');
  });

  it('keeps a message on one line', () => {
    const multiline = { ...CHANGES[0]!, message: 'description: “a\nb” → “c\r\nd”' };
    const entry = renderEntry({
      bump: bumpVersion('1.0.0', 'patch', 'n'),
      changes: [multiline],
      spec: undefined,
    });
    expect(entry).toContain('- `calls.actions.speak`, request `voice`: description: “a b” → “c d”\n');
  });
});

describe('addEntry', () => {
  const entry = '## 0.2.0\n\nMinor release.\n';

  it('puts the entry above the newest one, below the intro', () => {
    const changelog = '# Changelog\n\nIntro.\n\n## 0.1.0\n\nFirst.\n';
    expect(addEntry(changelog, entry)).toBe(
      '# Changelog\n\nIntro.\n\n## 0.2.0\n\nMinor release.\n\n## 0.1.0\n\nFirst.\n',
    );
  });

  it('appends to a changelog with no entry yet, and starts one that does not exist', () => {
    expect(addEntry('# Changelog\n', entry)).toBe('# Changelog\n\n## 0.2.0\n\nMinor release.\n');
    expect(addEntry(undefined, entry)).toBe(`${CHANGELOG_INTRO}\n${entry}`);
  });

  it('does not take a `## ` inside a line for a heading', () => {
    expect(addEntry('# C\n\nSee the ## notes.\n', entry)).toBe(
      '# C\n\nSee the ## notes.\n\n## 0.2.0\n\nMinor release.\n',
    );
  });
});
