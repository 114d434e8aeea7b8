/**
 * `--watch` reacts to its inputs (the spec, the naming config, templates, runtime files) and to
 * nothing else: not to other files in their folders, not to its own writes into an output folder
 * inside a watched one. Real files in a temp folder. Each step waits for the regeneration a real
 * input change causes; a change that should have been ignored but was not shows up in the list
 * of files that caused that regeneration (or as a regeneration of its own), since file events
 * arrive in the order the changes were made.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { watch } from '../../generator/cli/watch.ts';
import { writeOutput } from '../../generator/cli/write.ts';
import { copyProject, startCli, type CliProcess } from '../helpers/cli-process.ts';
import { ROOT, tempDir } from '../helpers/generate.ts';

describe('watch()', () => {
  it('regenerates for each kind of input, never for other files or for its own output', async () => {
    const dir = tempDir('watch-inputs');
    for (const sub of ['spec', 'templates/partials', 'runtime'])
      mkdirSync(join(dir, sub), { recursive: true });
    const paths = {
      spec: join(dir, 'spec/api.yaml'),
      naming: join(dir, 'spec/naming.yaml'),
      templates: join(dir, 'templates'),
      runtime: join(dir, 'runtime'),
    };
    const inputs = [
      paths.spec,
      paths.naming,
      join(dir, 'templates/a.hbs'),
      join(dir, 'templates/partials/p.hbs'),
      join(dir, 'runtime/x.ts'),
    ];
    for (const file of inputs) writeFileSync(file, 'v1\n');
    // Inside the templates folder, which is watched with its subfolders, and holding `.hbs` and
    // `.ts` files, which would count there if they were not the run's own.
    const out = join(dir, 'templates/out');

    const triggers: string[][] = [];
    let runs = 0;
    let onRun = () => {};
    const regenerate = async () => {
      runs += 1;
      await writeOutput(out, [
        { path: 'page.hbs', content: `run ${runs}\n` },
        { path: 'src/code.ts', content: `run ${runs}\n` },
      ]);
      onRun();
      return 0;
    };
    const untilRun = (n: number) =>
      new Promise<void>((resolve) => {
        onRun = () => runs >= n && resolve();
        onRun();
      });
    const stop = new AbortController();
    const watching = watch(paths, regenerate, {
      outDir: out,
      signal: stop.signal,
      onTrigger: (files) => triggers.push([...files]),
    });
    await untilRun(1);

    for (const other of ['spec/notes.txt', 'spec/api.yaml.swp', 'templates/notes.txt', 'runtime/README.md']) {
      writeFileSync(join(dir, other), 'not an input\n');
    }
    const expected: string[][] = [];
    for (const input of inputs) {
      writeFileSync(input, 'v2\n');
      expected.push([input]);
      await untilRun(expected.length + 1);
      expect(triggers).toStrictEqual(expected);
    }
    stop.abort();
    await watching;
    expect(runs).toBe(inputs.length + 1);
    expect(readFileSync(join(out, 'src/code.ts'), 'utf8')).toBe(`run ${runs}\n`);
  }, 60_000);
});

describe('npm run generate -- --watch', () => {
  const runs: CliProcess[] = [];
  afterAll(async () => {
    await Promise.all(runs.map((r) => r.kill()));
  });

  it('with the output inside the spec folder, regenerates once per spec change and stops cleanly', async () => {
    const dir = tempDir('watch-cli');
    mkdirSync(join(dir, 'api'));
    const spec = join(dir, 'api/spec.yaml');
    const twin = readFileSync(join(ROOT, 'test/fixtures/specs/twin-3.1.yaml'), 'utf8');
    writeFileSync(spec, twin);
    const out = join(dir, 'api/generated');
    const cli = startCli(
      ['--spec', spec, '--out', out, '--watch'],
      { CODEGEN_FORMAT_CACHE: join(dir, 'cache.json') },
      copyProject(),
    );
    runs.push(cli);
    await cli.waitFor('watching for changes… (Ctrl-C to stop)');

    let mark = cli.output().length;
    writeFileSync(join(dir, 'api/notes.txt'), 'not an input\n');
    writeFileSync(
      spec,
      twin.replace('        volume:', '        loudness:\n          type: number\n        volume:'),
    );
    await cli.waitFor('watching for changes…', mark);
    expect(readFileSync(join(out, 'src/schemas.ts'), 'utf8')).toContain('loudness?: number;');

    // Back to the first spec: its own writes, had they counted, would show up by now.
    mark = cli.output().length;
    writeFileSync(spec, twin);
    await cli.waitFor('watching for changes…', mark);
    expect(readFileSync(join(out, 'src/schemas.ts'), 'utf8')).not.toContain('loudness');

    expect(cli.output().match(/^regenerating for .*$/gm)).toStrictEqual([
      `regenerating for ${spec}`,
      `regenerating for ${spec}`,
    ]);
    await cli.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  }, 90_000);
});
