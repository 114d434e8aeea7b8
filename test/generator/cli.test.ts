/**
 * The CLI as users run it: the run summary, `--check` with its three kinds of staleness, a
 * one-field spec change that touches only that field's lines, and `--watch` against real files.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { listFiles } from '../../generator/cli/write.ts';
import { ROOT, runCli, SPEC_PATH, tempDir } from '../helpers/generate.ts';

const TWIN = join(ROOT, 'test/fixtures/specs/twin-3.1.yaml');

describe('npm run generate', () => {
  const out = tempDir('cli-out');

  it('writes everything on the first run and says so; a second run changes nothing', () => {
    const first = runCli('generator/cli/cli.ts', ['--spec', TWIN, '--out', out]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/: \d+ added, 0 changed, 0 removed, 0 unchanged in \d+\.\d\d s\n/);
    const second = runCli('generator/cli/cli.ts', ['--spec', TWIN, '--out', out]);
    expect(second.stdout).toMatch(/: 0 added, 0 changed, 0 removed, \d+ unchanged in /);
  });

  it('--check lists changed, missing and extra files, exits 1 and names the fix; writes nothing', () => {
    writeFileSync(join(out, 'src/schemas.ts'), 'stale\n');
    rmSync(join(out, 'src/client.ts'));
    writeFileSync(join(out, 'src/leftover.ts'), 'old\n');
    const before = listFiles(out);
    const check = runCli('generator/cli/cli.ts', ['--spec', TWIN, '--out', out, '--check']);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('changed  src/schemas.ts');
    expect(check.stderr).toContain('missing  src/client.ts');
    expect(check.stderr).toContain('extra    src/leftover.ts');
    expect(check.stderr).toContain('run `npm run generate` to update it.');
    expect(listFiles(out)).toStrictEqual(before);
    expect(readFileSync(join(out, 'src/schemas.ts'), 'utf8')).toBe('stale\n');
  });

  it('a normal run repairs all three and removes the stale file', () => {
    const run = runCli('generator/cli/cli.ts', ['--spec', TWIN, '--out', out]);
    expect(run.stdout).toMatch(/1 added, 1 changed, 1 removed/);
    expect(runCli('generator/cli/cli.ts', ['--spec', TWIN, '--out', out, '--check']).code).toBe(0);
  });

  it('rejects unknown flags with the usage line', () => {
    const run = runCli('generator/cli/cli.ts', ['--frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage: npm run generate');
  });
});

describe('diff-friendly output', () => {
  /** Generates `before` and `after` (a mutation of the committed spec) and lists what differs. */
  function changedBy(name: string, mutate: (doc: any) => void) {
    const dir = tempDir(name);
    const doc = parse(readFileSync(SPEC_PATH, 'utf8'));
    mkdirSync(join(dir, 'before'));
    mkdirSync(join(dir, 'after'));
    const before = join(dir, 'before/voice-media.yaml');
    const after = join(dir, 'after/voice-media.yaml');
    writeFileSync(before, stringify(doc));
    mutate(doc);
    writeFileSync(after, stringify(doc));
    expect(runCli('generator/cli/cli.ts', ['--spec', before, '--out', join(dir, 'a')]).code).toBe(0);
    const second = runCli('generator/cli/cli.ts', ['--spec', after, '--out', join(dir, 'b')]);
    expect(second.code, second.stderr).toBe(0);
    const files = new Map<string, { added: string[]; removed: string[] }>();
    for (const file of listFiles(join(dir, 'a'))) {
      const a = readFileSync(join(dir, 'a', file), 'utf8');
      const b = readFileSync(join(dir, 'b', file), 'utf8');
      if (a === b) continue;
      const [linesA, linesB] = [a.split('\n'), b.split('\n')];
      files.set(file, {
        added: linesB.filter((line) => !linesA.includes(line)),
        removed: linesA.filter((line) => !linesB.includes(line)),
      });
    }
    return files;
  }

  it('one new enum value changes only the lines that carry it, and the spec hash', () => {
    const changed = changedBy('one-enum', (doc) =>
      doc.components.schemas.PlayAudioUrlRequest.properties.audio_type.enum.push('ogg'),
    );
    // The guard builds its set from schemas.ts's exported list, so only that list changes (and
    // openapi-typescript's copy of the enum, in openapi.ts); the spec's hash lives in package.json alone.
    expect([...changed.keys()].sort()).toStrictEqual(['package.json', 'src/openapi.ts', 'src/schemas.ts']);
    for (const file of ['src/openapi.ts', 'src/schemas.ts']) {
      const lines = changed.get(file)!;
      for (const line of [...lines.added, ...lines.removed]) expect(line, file).toMatch(/ogg|'wav'|"wav"/);
      expect(lines.added.length, file).toBeLessThanOrEqual(3);
    }
    const pkg = changed.get('package.json')!;
    expect([...pkg.added, ...pkg.removed].every((line) => line.includes('"sha256"'))).toBe(true);
  }, 60_000);

  it("one field's new description changes its doc comment and the spec hash, nothing else", () => {
    const changed = changedBy('one-description', (doc) => {
      doc.components.schemas.SpeakRequest.properties.payload.description = 'The text to say.';
    });
    expect([...changed.keys()].sort()).toStrictEqual(['package.json', 'src/openapi.ts', 'src/schemas.ts']);
    expect(changed.get('src/schemas.ts')!.added).toStrictEqual(['   * The text to say.']);
    expect(changed.get('src/openapi.ts')!.added).toStrictEqual(['             * @description The text to say.']);
  }, 60_000);
});

describe('--watch', () => {
  const children: ReturnType<typeof spawn>[] = [];
  afterAll(() => children.forEach((c) => c.kill()));

  it('regenerates on a spec change, keeps the last good output on a broken spec, and recovers', async () => {
    const dir = tempDir('watch');
    mkdirSync(join(dir, 'spec'));
    const spec = join(dir, 'spec/api.yaml');
    const out = join(dir, 'out');
    cpSync(TWIN, spec);
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'generator/cli/cli.ts'), '--spec', spec, '--out', out, '--watch'], {
      cwd: ROOT,
    });
    children.push(child);
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const waitFor = async (text: string, from: number) => {
      for (let i = 0; i < 300 && !output.slice(from).includes(text); i++) await new Promise((r) => setTimeout(r, 100));
      expect(output.slice(from), `waiting for ${text}`).toContain(text);
    };
    await waitFor('watching for changes', 0);
    const schemas = () => readFileSync(join(out, 'src/schemas.ts'), 'utf8');
    expect(schemas()).not.toContain('loudness');

    let mark = output.length;
    writeFileSync(spec, readFileSync(TWIN, 'utf8').replace('        volume:', '        loudness:\n          type: number\n        volume:'));
    // Every file's header carries the spec hash, so all of them change; the body of schemas.ts shows the field.
    await waitFor('changed', mark);
    expect(schemas()).toContain('loudness?: number;');

    mark = output.length;
    writeFileSync(spec, 'openapi: 3.1.0\ninfo: [broken\n');
    await waitFor('generation failed', mark);
    expect(output.slice(mark)).toContain('error yaml-syntax');
    expect(schemas()).toContain('loudness?: number;');

    mark = output.length;
    cpSync(TWIN, spec);
    await waitFor('changed', mark);
    expect(schemas()).not.toContain('loudness');
  }, 90_000);
});
