/**
 * planUpdate (generator/update/plan.ts) in memory: the same inputs give the same bytes, a new
 * header over the same fragment is no update, and the real full specs (when ../shared has them)
 * give the same API changes as the committed fragments.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planUpdate, type UpdateInputs } from '../../generator/update/plan.ts';
import { NAMING_PATH, ROOT } from '../helpers/generate.ts';
import { setPackageVersion } from '../../generator/update/version.ts';
import { CHANGELOG, EXTRACT_CONFIG, FEB, JULY } from './helpers.ts';

const SHARED = join(ROOT, '../shared/telnyx-openapi');
const FULL_JULY = join(SHARED, 'spec3-2026-07-16.yml');

const inputs = (sourceFile: string, overrides: Partial<UpdateInputs> = {}): UpdateInputs => ({
  source: { text: readFileSync(sourceFile, 'utf8'), label: basename(sourceFile) },
  current: { text: readFileSync(FEB, 'utf8'), label: 'spec/voice-media.yaml' },
  extractConfig: { text: EXTRACT_CONFIG, label: 'spec/extract.config.yaml' },
  naming: {
    text: setPackageVersion(readFileSync(NAMING_PATH, 'utf8'), '0.1.0', 'n'),
    label: 'spec/naming.yaml',
  },
  changelog: CHANGELOG,
  ...overrides,
});

const summary = (plan: ReturnType<typeof planUpdate>) =>
  plan.status === 'updated'
    ? plan.changes.map((c) => `${c.class} ${c.kind} ${c.subject.name} ${c.path}`)
    : plan.status;

describe('planUpdate', () => {
  it('gives the same bytes for the same inputs, and reads no clock', () => {
    const first = planUpdate(inputs(JULY));
    const second = planUpdate(inputs(JULY));
    expect(second).toStrictEqual(first);
    if (first.status !== 'updated') throw new Error(`expected an update, got ${first.status}`);
    expect(first.changelog).toContain('\n## 0.1.1\n');
    expect(first.changelog).not.toContain(new Date().toISOString().slice(0, 10));
  });

  it('finds no update when only the header differs (the full spec changed elsewhere)', () => {
    const feb = readFileSync(FEB, 'utf8');
    const elsewhere = feb.replace(/sha256:[0-9a-f]{64}/, `sha256:${'0'.repeat(64)}`);
    expect(elsewhere).not.toBe(feb);
    expect(
      planUpdate(inputs(FEB, { current: { text: elsewhere, label: 'spec/voice-media.yaml' } })),
    ).toStrictEqual({
      status: 'unchanged',
    });
  });

  it('reports an extract config that lists no operations, naming the file', () => {
    const plan = planUpdate(
      inputs(JULY, { extractConfig: { text: 'output: x.yaml\n', label: 'spec/extract.config.yaml' } }),
    );
    expect(plan).toStrictEqual({
      status: 'failed',
      diagnostics: [
        expect.objectContaining({
          code: 'extract-config-invalid',
          file: 'spec/extract.config.yaml',
          message: 'the extract config needs an `operations` list and a `webhooks` list',
        }),
      ],
    });
  });

  it.skipIf(!existsSync(FULL_JULY))(
    "from Telnyx's full July spec (../shared), the same changes as from the committed July fragment",
    () => {
      const fromFull = planUpdate(inputs(FULL_JULY));
      expect(summary(fromFull)).toStrictEqual(summary(planUpdate(inputs(JULY))));
      expect(summary(fromFull)).toHaveLength(4);
      if (fromFull.status === 'updated')
        expect(fromFull.fragment).toMatch(/^# Extracted from spec3-2026-07-16\.yml \(sha256:[0-9a-f]{64}\)/);
    },
  );
  if (!existsSync(FULL_JULY))
    it.skip(`the full-spec case needs ${FULL_JULY} (Telnyx's real spec, kept outside the repository)`, () => {});
});
