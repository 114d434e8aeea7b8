/** The CLI's format cache: formats only what changed, and never changes what is written. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GeneratedFile } from '../../generator/emit/file.ts';
import { FormatCache } from '../../generator/cli/format-cache.ts';
import { formatFiles } from '../../generator/core/format.ts';
import { runCli, tempDir } from '../helpers/generate.ts';
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
