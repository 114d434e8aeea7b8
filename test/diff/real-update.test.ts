/**
 * The real spec update, 2026-02-26 → 2026-07-16. What changed for a client: speak's
 * `voice_settings` gained the `inworld` and `xai` providers, and two descriptions were reworded
 * (`voice` lists new providers, Telnyx `voice_speed` notes Bayan/Sukhan). What only changed in
 * layout: the 200 response went from a `$ref` into components/responses to an inline schema.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffModels } from '../../generator/diff/diff.ts';
import { modelFromText, readNamingConfig } from '../../generator/diff/load-side.ts';
import { renderMarkdown } from '../../generator/diff/render.ts';

const root = resolve(import.meta.dirname, '../..');
const OLD = 'test/fixtures/specs/voice-media-2026-02-26.yaml';
const NEW = 'test/fixtures/specs/voice-media-2026-07-16.yaml';
const naming = readNamingConfig(resolve(root, 'spec/naming.yaml')).config!;
const text = (file: string) => readFileSync(resolve(root, file), 'utf8');
const load = (file: string) => {
  const { model, diagnostics } = modelFromText(text(file), file, naming);
  expect(diagnostics).toEqual([]);
  return model!;
};

describe('spec:diff on the real update 2026-02-26 → 2026-07-16', () => {
  const before = load(OLD);
  const after = load(NEW);
  const changes = diffModels(before, after);
  const speak = {
    subject: { type: 'operation', name: 'calls.actions.speak' },
    side: 'request',
    class: 'compatible',
  };

  it('reports exactly what changed for a client', () => {
    expect(changes).toEqual([
      expect.objectContaining({
        ...speak,
        kind: 'docs-changed',
        path: 'voice',
        pointer: '#/components/schemas/SpeakRequest/properties/voice',
      }),
      {
        ...speak,
        kind: 'variant-added',
        path: 'voice_settings',
        pointer: '#/components/schemas/SpeakRequest/properties/voice_settings/oneOf/7',
        after: 'inworld',
        message: 'variant `inworld` (`InworldVoiceSettings`) added',
      },
      {
        ...speak,
        kind: 'variant-added',
        path: 'voice_settings',
        pointer: '#/components/schemas/SpeakRequest/properties/voice_settings/oneOf/8',
        after: 'xai',
        message: 'variant `xai` (`XAIVoiceSettings`) added',
      },
      expect.objectContaining({
        ...speak,
        kind: 'docs-changed',
        path: 'voice_settings[TelnyxVoiceSettings].voice_speed',
        pointer: '#/components/schemas/TelnyxVoiceSettings/properties/voice_speed',
        // The edit itself, not two paragraphs: what both versions share is cut to `…`.
        message:
          'description: “…value is 1.0.” → “…value is 1.0. Not supported for `Telnyx.Bayan.*` or `Telnyx.Sukhan.*` voices.”',
      }),
    ]);
    const voice = changes[0]!;
    expect(voice.after).toContain('**xAI:** Use `xAI.<VoiceId>`');
    expect(voice.before).not.toContain('xAI');
    expect(changes[3]!.after).toContain('Not supported for `Telnyx.Bayan.*` or `Telnyx.Sukhan.*` voices.');
  });

  it('reports no change for the 200 response moving from components/responses to inline', () => {
    // The layout really did change between the two files...
    expect(text(OLD)).toContain('$ref: "#/components/responses/CallControlCommandResponse"');
    expect(text(NEW)).not.toContain('#/components/responses/CallControlCommandResponse');
    expect(text(NEW)).toContain('title: Call Control Command Response');
    // ...and every operation still answers with the same named type, with no change reported.
    for (const model of [before, after]) {
      expect(model.operations.map((op) => op.responseSchemaName)).toEqual(
        Array(7).fill('CallControlCommandResponse'),
      );
    }
    expect(changes.filter((c) => c.side === 'response' || c.side === 'error-response')).toEqual([]);
  });

  it('read backwards (a downgrade), the same places are reported and the removals are breaking', () => {
    const reverse = diffModels(after, before);
    expect(reverse.map((c) => [c.kind, c.class, c.path, c.before])).toEqual([
      ['docs-changed', 'compatible', 'voice', expect.any(String)],
      ['variant-removed', 'breaking', 'voice_settings', 'inworld'],
      ['variant-removed', 'breaking', 'voice_settings', 'xai'],
      ['docs-changed', 'compatible', 'voice_settings[TelnyxVoiceSettings].voice_speed', expect.any(String)],
      // The providers' settings types are gone from the package's exports too.
      ['type-removed', 'breaking', '', 'InworldVoiceSettings'],
      ['type-removed', 'breaking', '', 'XAIVoiceSettings'],
    ]);
    // A removal points at where the variant was, in the spec it was removed from.
    expect(reverse[1]!.pointer).toBe('#/components/schemas/SpeakRequest/properties/voice_settings/oneOf/7');
    expect(reverse[4]!.pointer).toBe('#/components/schemas/InworldVoiceSettings');
  });

  it('renders a Markdown report for the PR description', () => {
    const markdown = renderMarkdown(changes, {
      old: { name: OLD },
      new: { name: NEW, about: 'Telnyx API 2.0.0' },
    });
    expect(markdown.split('\n').slice(0, 8)).toEqual([
      `## API changes: \`${OLD}\` → \`${NEW}\` (Telnyx API 2.0.0)`,
      '',
      '**0 breaking** · **0 narrowing** · **3 compatible**',
      '',
      '### Compatible',
      '',
      '| Operation / event / type | Where | Change | Pointer |',
      '| --- | --- | --- | --- |',
    ]);
    // One row per field: both new providers share the `voice_settings` row.
    expect(markdown).toContain(
      '| `calls.actions.speak` | request `voice_settings` | variant `inworld` (`InworldVoiceSettings`) added; variant `xai` (`XAIVoiceSettings`) added | `#/components/schemas/SpeakRequest/properties/voice_settings/oneOf/7`, `#/components/schemas/SpeakRequest/properties/voice_settings/oneOf/8` |',
    );
    expect(markdown).toContain('| `calls.actions.speak` | request `voice` | description: “…');
  });
});
