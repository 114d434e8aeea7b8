/** The CLI's format cache: formats only what changed, and never changes what is written. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { GeneratedFile } from '../../generator/emit/file.ts';
import { FormatCache } from '../../generator/cli/format-cache.ts';
import { formatFiles } from '../../generator/core/format.ts';
import { runCli, SPEC_PATH, tempDir } from '../helpers/generate.ts';
import { startCli } from '../helpers/cli-process.ts';
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
  });
});

describe('a one-field spec change', () => {
  it("formats only the files whose content it changes; every other file's output comes from the cache", async () => {
    const dir = tempDir('format-cache-change');
    const [before, after] = [join(dir, 'before/voice-media.yaml'), join(dir, 'after/voice-media.yaml')];
    mkdirSync(join(dir, 'before'));
    mkdirSync(join(dir, 'after'));
    const doc = parse(readFileSync(SPEC_PATH, 'utf8'));
    writeFileSync(before, stringify(doc));
    doc.components.schemas.SpeakRequest.properties.payload.description = 'The text to say.';
    writeFileSync(after, stringify(doc));
    const cacheFile = join(dir, 'format-cache.json');
    const out = join(dir, 'out');
    const generate = async (spec: string) => {
      const cli = startCli(['--spec', spec, '--out', out], { CODEGEN_FORMAT_CACHE: cacheFile });
      expect(await cli.exited, cli.output()).toBe(0);
      return { output: cli.output(), cache: JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, string> };
    };

    const first = await generate(before);
    const second = await generate(after);
    const changed = [...second.output.matchAll(/^ {2}changed (.+)$/gm)].map((m) => m[1]!);
    expect(changed).toStrictEqual(['package.json', 'src/schemas.ts']);
    // The cache holds exactly what the last run formatted or reused, keyed by unformatted text:
    // the keys the first run did not have are the files prettier formatted this time.
    const formatted = Object.keys(second.cache).filter((key) => !(key in first.cache));
    const formattedText = formatted.map((key) => second.cache[key]!).sort();
    expect(formattedText).toStrictEqual(changed.map((file) => readFileSync(join(out, file), 'utf8')).sort());
    // Everything else was reused: one entry per formatted file (the runtime copied to src/core/
    // is never formatted).
    const formattable = listFiles(out).filter((file) => !file.startsWith('src/core/'));
    expect(Object.keys(second.cache)).toHaveLength(formattable.length);
  }, 90_000);
});
