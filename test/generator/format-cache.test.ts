/** The CLI's format cache: formats only what changed, and never changes what is written. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { GeneratedFile } from '../../generator/emit/file.ts';
import { FormatCache } from '../../generator/cli/format-cache.ts';
import { formatFiles } from '../../generator/core/format.ts';
import { runCli, tempDir } from '../helpers/generate.ts';
import { copyProject, readOutput, startCli } from '../helpers/cli-process.ts';
import { listFiles } from '../../generator/cli/write.ts';

/** prettier, counting the files it is asked to format. */
function countingFormatter() {
  const seen: string[] = [];
  const format = async (files: GeneratedFile[]) => {
    seen.push(...files.map((f) => f.path));
    return formatFiles(files);
  };
  return { seen, format };
}

const files = (body: string): GeneratedFile[] => [
  { path: 'a.ts', content: 'export const a = {x:1}' },
  { path: 'b.ts', content: body },
  { path: 'core/c.ts', content: 'export const c = 1;\n', preformatted: true },
];

describe('FormatCache', () => {
  it('formats everything once, then only what changed; output is the same either way', async () => {
    const file = join(tempDir('format-cache'), 'cache.json');
    const first = countingFormatter();
    const cacheA = new FormatCache(file);
    expect(cacheA.isEmpty).toBe(true);
    const outA = await cacheA.wrap(first.format)(files('export const b=2'));
    cacheA.save();
    expect(first.seen).toStrictEqual(['a.ts', 'b.ts']);

    const second = countingFormatter();
    const cacheB = new FormatCache(file);
    const outB = await cacheB.wrap(second.format)(files('export const b=3'));
    expect(second.seen).toStrictEqual(['b.ts']);
    expect(outB.find((f) => f.path === 'a.ts')).toStrictEqual(outA.find((f) => f.path === 'a.ts'));
    const byPath = (fs: GeneratedFile[]) => [...fs].sort((x, y) => (x.path < y.path ? -1 : 1));
    expect(byPath(outB)).toStrictEqual(byPath(await formatFiles(files('export const b=3'))));
  });

  it('ignores a cache file it cannot read', async () => {
    const file = join(tempDir('format-cache'), 'cache.json');
    writeFileSync(file, '{ not json');
    const counting = countingFormatter();
    const cache = new FormatCache(file);
    expect(cache.isEmpty).toBe(true);
    await cache.wrap(counting.format)(files('export const b=2'));
    expect(counting.seen).toStrictEqual(['a.ts', 'b.ts']);
  });
});

describe('the CLI with and without the cache', () => {
  it('writes the same bytes', () => {
    const spec = 'test/fixtures/specs/twin-3.1.yaml';
    const [cached, uncached] = [tempDir('with-cache'), tempDir('no-cache')];
    expect(runCli('generator/cli/cli.ts', ['--spec', spec, '--out', cached]).code).toBe(0);
    expect(runCli('generator/cli/cli.ts', ['--spec', spec, '--out', cached, '--check']).code).toBe(0);
    expect(runCli('generator/cli/cli.ts', ['--spec', spec, '--out', uncached, '--no-cache']).code).toBe(0);
    const read = (dir: string) => listFiles(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]);
    expect(read(cached)).toStrictEqual(read(uncached));
  }, 120_000);
});

describe('a one-field spec change', () => {
  it("formats only the files whose content it changes; every other file's output comes from the cache", async () => {
    const project = copyProject();
    const dir = tempDir('format-cache-change');
    const [before, after] = [join(dir, 'before/voice-media.yaml'), join(dir, 'after/voice-media.yaml')];
    mkdirSync(join(dir, 'before'));
    mkdirSync(join(dir, 'after'));
    const doc = parse(readFileSync(join(project, 'spec/voice-media.yaml'), 'utf8'));
    writeFileSync(before, stringify(doc));
    doc.components.schemas.SpeakRequest.properties.payload.description = 'The text to say.';
    writeFileSync(after, stringify(doc));
    const cacheFile = join(dir, 'format-cache.json');
    const out = join(dir, 'out');
    const generate = async (spec: string) => {
      const cli = startCli(['--spec', spec, '--out', out], { CODEGEN_FORMAT_CACHE: cacheFile }, project);
      expect(await cli.exited, cli.output()).toBe(0);
      return {
        output: cli.output(),
        cache: JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, string>,
      };
    };

    const first = await generate(before);
    const outputBefore = readOutput(out);
    const second = await generate(after);
    const changed = [...second.output.matchAll(/^ {2}changed (.+)$/gm)].map((m) => m[1]!);
    // Where the field's description is shown, and the spec's hash; nothing else.
    expect(changed).toEqual(expect.arrayContaining(['package.json', 'src/schemas.ts']));
    expect(changed.length).toBeLessThanOrEqual(4);
    // The cache holds exactly what the last run formatted or reused, keyed by unformatted text.
    // Between the two runs it must lose the old text of the changed files and gain their new
    // text, which prettier formatted, and keep every other entry: those files were reused.
    const gained = Object.keys(second.cache).filter((key) => !(key in first.cache));
    const lost = Object.keys(first.cache).filter((key) => !(key in second.cache));
    // openapi.ts skips prettier (openapi-typescript's own layout), so it never enters the cache.
    const formatted = changed.filter((file) => file !== 'src/openapi.ts');
    const sorted = (texts: string[]) => [...texts].sort();
    expect(sorted(gained.map((key) => second.cache[key]!))).toStrictEqual(
      sorted(formatted.map((file) => readFileSync(join(out, file), 'utf8'))),
    );
    expect(sorted(lost.map((key) => first.cache[key]!))).toStrictEqual(
      sorted(formatted.map((file) => outputBefore[file]!)),
    );
    // Every other file prettier formats was reused. Those are all but the files written in their
    // final layout: the runtime copies, the guards, openapi.ts, the README and the changelog.
    const final = (file: string) =>
      /^src\/(core|guards)\//.test(file) || ['src/openapi.ts', 'README.md', 'CHANGELOG.md'].includes(file);
    const throughPrettier = Object.keys(outputBefore).filter((file) => /\.(ts|json)$/.test(file) && !final(file));
    expect(throughPrettier.length).toBeGreaterThan(10);
    expect(Object.keys(second.cache).length - gained.length).toBe(throughPrettier.length - formatted.length);
  }, 90_000);
});
