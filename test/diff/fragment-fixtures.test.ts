/**
 * The committed fragment history (test/fixtures/fragments): that it is what `refresh.ts` makes
 * from `../shared` today, that the old versions' `nullable` in OpenAPI 3.1 is tolerated with a
 * counted warning, and that the fragment cut from an OpenAPI 3.0 spec, whose events are operation
 * `callbacks`, knows the same events as the 3.1 one.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffModels } from '../../generator/diff/diff.ts';
import type { Diagnostic } from '../../generator/core/diagnostics.ts';
import { generateFromText } from '../helpers/generate.ts';
import {
  committedVersions,
  expectedFixtures,
  OPENAPI_30_FIXTURE,
  readFixture,
  sharedDir,
} from '../fixtures/fragments/sources.ts';

const hasShared = existsSync(sharedDir);
if (!hasShared)
  console.warn(`fragment fixtures: ${sharedDir} is missing, so their reproducibility is not checked`);

describe.skipIf(!hasShared)('the fragment fixtures are reproducible from ../shared/telnyx-openapi', () => {
  it('refresh.ts would write exactly the committed files', { timeout: 120_000 }, () => {
    const expected = expectedFixtures();
    expect(expected.map((f) => f.file)).toEqual([...committedVersions(), OPENAPI_30_FIXTURE]);
    for (const { file, text } of expected) expect(readFixture(file), file).toBe(text);
  });
});

describe('the committed versions', () => {
  it('are nine, oldest first', () => {
    expect(committedVersions()).toEqual([
      'voice-media-2025-08-27-b2b90cf.yaml',
      'voice-media-2025-10-28-dc04d05.yaml',
      'voice-media-2025-12-12-29fdd59.yaml',
      'voice-media-2026-02-11-5a75d0a.yaml',
      'voice-media-2026-02-20-9dab9b7.yaml',
      'voice-media-2026-02-26-f729e1f.yaml',
      'voice-media-2026-05-04-29900cc.yaml',
      'voice-media-2026-06-16-75c5604.yaml',
      'voice-media-2026-07-04-a36e80a.yaml',
    ]);
  });

  it('`nullable` in OpenAPI 3.1 is a warning per use, at its line, read as a null type', async () => {
    const file = 'voice-media-2025-08-27-b2b90cf.yaml';
    const result = await generateFromText(readFixture(file), file);
    const tolerated = result.diagnostics.filter((d) => d.code === 'nullable-in-3.1');
    const at = (d: Diagnostic) => [
      d.severity,
      d.line,
      d.pointer.replace(/.*CallRecordingSaved\/properties\/payload/, '…'),
    ];
    expect(tolerated.map(at)).toEqual([
      ['warning', 744, '…/properties/public_recording_urls/properties/mp3/nullable'],
      ['warning', 749, '…/properties/public_recording_urls/properties/wav/nullable'],
      ['warning', 768, '…/properties/recording_urls/properties/mp3/nullable'],
      ['warning', 773, '…/properties/recording_urls/properties/wav/nullable'],
    ]);
    expect(tolerated[0]!.message).toBe(
      "`nullable` is not an OpenAPI 3.1 keyword; read as `type: [T, 'null']`",
    );
    expect(result.files.length).toBeGreaterThan(0);
    const schemas = result.files.find((f) => f.path === 'src/schemas.ts')!.content;
    expect(schemas).toMatch(/mp3\?: string \| null;/);
  });

  it('other structural problems in 3.1 stay errors', async () => {
    const text = readFixture('voice-media-2025-08-27-b2b90cf.yaml').replace(
      '                  nullable: true\n',
      '                  nullable: true\n                  required: yes\n',
    );
    const result = await generateFromText(text, 'broken.yaml');
    expect(result.files).toEqual([]);
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([
      'spec-structure',
    ]);
  });
});

describe('the fragment cut from the OpenAPI 3.0 spec (events as callbacks)', () => {
  it('knows the same events, with the same schemas, as the 3.1 fragment of its time', async () => {
    const v30 = await generateFromText(readFixture(OPENAPI_30_FIXTURE), OPENAPI_30_FIXTURE);
    const v31 = await generateFromText(readFixture('voice-media-2025-08-27-b2b90cf.yaml'), 'v31.yaml');
    expect(v30.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const events = (r: typeof v30) =>
      r.model!.webhooks.map((w) => [w.name, w.eventType, w.schemaName, w.dataSchemaName]).sort();
    expect(events(v30)).toEqual(events(v31));
    expect(events(v30)).toHaveLength(7);
    // Each is read where Telnyx first lists it: on the first operation that triggers it.
    expect(v30.model!.webhooks.find((w) => w.name === 'callSpeakEnded')!.pointer).toBe(
      '#/paths/~1calls~1{call_control_id}~1actions~1playback_stop/post/callbacks/callSpeakEnded/{$request.body#~1webhook_url}/post',
    );
    // spec:diff sees no event come or go between the two spellings.
    const kinds = diffModels(v30.model!, v31.model!).map((c) => c.kind);
    expect(kinds.filter((k) => k.startsWith('webhook-'))).toEqual([]);
  });
});
