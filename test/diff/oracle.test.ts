/**
 * The compiler as the judge of spec:diff, on Telnyx's real history. For each pair of consecutive
 * fragment versions, in both directions, a consumer of the old package (see oracle/consumer.ts)
 * is compiled against the new package with tsc, and its errors are set beside spec:diff's report:
 *
 * - every compile error must be at a place where spec:diff reports a breaking change (same
 *   operation, event or type, same side, and a field path on the same branch);
 * - every breaking change reported must be backed by such an error, or by a rule the server
 *   enforces that types cannot show (SERVER_RULES).
 *
 * Cost: the nine packages are generated in-process, then one tsc program compiles all sixteen
 * consumers together with the nine packages they import (each package is checked once). About a
 * minute on two cores.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffModels } from '../../generator/diff/diff.ts';
import type { ApiChange } from '../../generator/diff/types.ts';
import type { Model } from '../../generator/ir/types.ts';
import { committedVersions, readFixture } from '../fixtures/fragments/sources.ts';
import { generateFromText, ROOT, tempDir, writeFiles } from '../helpers/generate.ts';
import { type Tag, writeConsumer } from './oracle/consumer.ts';

/**
 * Breaking changes the server enforces though a value's type still compiles: a narrowed range or
 * length, a new pattern or format, and a field removed from a closed schema (`additionalProperties:
 * false`), whose value the server now rejects as an unknown key.
 */
const SERVER_RULES = new Set<ApiChange['kind']>(['constraint-tightened', 'field-removed']);

interface Version {
  file: string;
  dir: string;
  model: Model;
  exportedTypes: string[];
}

interface Pair {
  name: string;
  before: Version;
  after: Version;
  consumer: string;
  tags: Map<number, Tag>;
}

const work = tempDir('diff-oracle');
const versions: Version[] = [];
const pairs: Pair[] = [];
let errors: Array<{ file: string; line: number; message: string }> = [];
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(async () => {
  for (const [i, file] of committedVersions().entries()) {
    const result = await generateFromText(readFixture(file), file);
    const failed = result.diagnostics.filter((d) => d.severity === 'error');
    if (failed.length || !result.model)
      throw new Error(`${file} does not generate: ${JSON.stringify(failed)}`);
    const dir = join(work, `v${i}`);
    writeFiles(dir, result.files);
    const schemas = result.files.find((f) => f.path === 'src/schemas.ts')!.content;
    const exportedTypes = [...schemas.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]!);
    versions.push({ file, dir, model: result.model, exportedTypes });
  }
  for (let i = 0; i + 1 < versions.length; i++) {
    for (const [before, after] of [
      [versions[i]!, versions[i + 1]!],
      [versions[i + 1]!, versions[i]!],
    ] as const) {
      const name = `${short(before.file)} → ${short(after.file)}`;
      const consumer = join(work, `consumer-${pairs.length}.ts`);
      const written = writeConsumer(
        before.model,
        before.exportedTypes,
        `./${relativeTo(work, before.dir)}/src/schemas.js`,
        `./${relativeTo(work, after.dir)}/src/index.js`,
      );
      writeFileSync(consumer, written.text);
      pairs.push({ name, before, after, consumer, tags: written.tags });
    }
  }
  // The packages' own entry points are roots too, so each is type-checked whole.
  const entries = versions.flatMap((v) => ['index', 'testing'].map((f) => join(v.dir, `src/${f}.ts`)));
  errors = compileAll([...entries, ...pairs.map((p) => p.consumer)]);
}, 240_000);

describe('spec:diff against the compiler, on every pair of consecutive real versions', () => {
  it('every version generates, and every package type-checks', () => {
    expect(versions).toHaveLength(9);
    expect(errors.filter((e) => !e.file.startsWith('consumer-'))).toEqual([]);
  });

  it('the consumer compiles against its own package (the oracle itself is sound)', () => {
    const own = join(work, 'consumer-self.ts');
    const v = versions.at(-1)!;
    const w = writeConsumer(
      v.model,
      v.exportedTypes,
      `./${relativeTo(work, v.dir)}/src/schemas.js`,
      `./${relativeTo(work, v.dir)}/src/index.js`,
    );
    writeFileSync(own, w.text);
    expect(compileAll([own]).filter((e) => e.file === 'consumer-self.ts')).toEqual([]);
  }, 120_000);

  it('no compile error where spec:diff reports no breaking change, and no breaking change without a reason', () => {
    const verdicts = pairs.map((pair) => {
      const file = pair.consumer.slice(work.length + 1);
      const broken = errors.filter((e) => e.file === file).map((e) => ({ ...e, tag: pair.tags.get(e.line) }));
      const breaking = diffModels(pair.before.model, pair.after.model).filter((c) => c.class === 'breaking');
      const missed = broken.filter((e) => !e.tag || !breaking.some((c) => samePlace(c, e.tag!)));
      const unbacked = breaking.filter(
        (c) =>
          !broken.some((e) => e.tag && samePlace(c, e.tag)) &&
          !(SERVER_RULES.has(c.kind) && c.side === 'request'),
      );
      return {
        pair: pair.name,
        compileErrors: broken.length,
        breaking: breaking.length,
        missed: missed.map((e) => `${e.tag?.subject.name ?? '?'} ${e.tag?.path ?? ''}: ${e.message}`),
        unbacked: unbacked.map((c) => `${c.subject.name} ${c.side} ${c.path}: ${c.message}`),
      };
    });
    expect(verdicts.flatMap((v) => v.missed.map((m) => `${v.pair}: ${m}`))).toEqual([]);
    expect(verdicts.flatMap((v) => v.unbacked.map((m) => `${v.pair}: ${m}`))).toEqual([]);
    // The history has real breaks in it, so the oracle is not vacuous: these pairs break.
    expect(verdicts.filter((v) => v.compileErrors > 0).map((v) => v.pair)).toEqual(EXPECTED_BREAKS);
  });
});

/**
 * The pairs whose consumer does not compile: the voice-settings `type` became required; the
 * transcription engine became an enum (and, backwards, languages went away); the per-engine
 * language types stopped being exported; providers went away (read backwards).
 */
const EXPECTED_BREAKS = [
  '2025-10-28 → 2025-12-12',
  '2025-12-12 → 2026-02-11',
  '2026-02-11 → 2025-12-12',
  '2026-02-11 → 2026-02-20',
  '2026-02-20 → 2026-02-11',
  '2026-02-26 → 2026-02-20',
  '2026-05-04 → 2026-02-26',
];

const short = (file: string) => file.replace(/^voice-media-/, '').replace(/-[0-9a-f]+\.yaml$/, '');

function relativeTo(base: string, dir: string): string {
  return dir.slice(base.length + 1);
}

/** Same subject and side; paths on one branch once variants (`[X]`), items (`[]`) and `{*}` are set aside. */
function samePlace(change: ApiChange, tag: Tag): boolean {
  if (change.subject.type !== tag.subject.type || change.subject.name !== tag.subject.name) return false;
  if (change.side !== tag.side && !(change.side === 'operation' && tag.side === 'request')) return false;
  const fields = (path: string) =>
    path
      .replace(/\[[^\]]*\]|\{\*\}/g, '')
      .split('.')
      .filter(Boolean);
  const [a, b] = [fields(change.path), fields(tag.path)];
  const n = Math.min(a.length, b.length);
  return a.slice(0, n).join('.') === b.slice(0, n).join('.');
}

/** One tsc program over all the consumers; returns each error with its file relative to `work`. */
function compileAll(roots: string[]) {
  const tsconfig = join(work, 'tsconfig.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        types: [],
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        noEmit: true,
        skipLibCheck: true,
      },
      files: roots.map((r) => r.slice(work.length + 1)),
    }),
  );
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'package.json'), '{ "type": "module" }\n');
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '--pretty', 'false', '-p', tsconfig], {
    cwd: work,
    encoding: 'utf8',
  });
  const out = `${run.stdout}${run.stderr}`;
  return [...out.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+: .*)$/gm)].map((m) => ({
    file: m[1]!,
    line: Number(m[2]),
    message: m[3]!,
  }));
}
