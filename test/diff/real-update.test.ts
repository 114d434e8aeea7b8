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
const NEW = 'spec/voice-media.yaml';
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
        message: 'description changed',
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
        path: 'voice_settings[type=telnyx].voice_speed',
        pointer: '#/components/schemas/TelnyxVoiceSettings/properties/voice_speed',
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
      ['docs-changed', 'compatible', 'voice_settings[type=telnyx].voice_speed', expect.any(String)],
    ]);
  });

  it('renders a Markdown report for the PR description', () => {
    const markdown = renderMarkdown(changes, { oldLabel: OLD, newLabel: NEW });
    expect(markdown.split('\n').slice(0, 9)).toEqual([
      `## API changes: \`${OLD}\` → \`${NEW}\``,
      '',
      '**0 breaking** · **0 narrowing** · **4 compatible**',
      '',
      '### Compatible',
      '',
      '| Operation / event | Where | Change | Pointer |',
      '| --- | --- | --- | --- |',
      '| `calls.actions.speak` | request `voice` | description changed | `#/components/schemas/SpeakRequest/properties/voice` |',
    ]);
    expect(markdown).toContain(
      '| `calls.actions.speak` | request `voice_settings` | variant `xai` (`XAIVoiceSettings`) added | `#/components/schemas/SpeakRequest/properties/voice_settings/oneOf/8` |',
    );
  });
});
