/**
 * The CLI's formatting on two threads (generator/cli/helper-thread.ts): the helper takes files
 * from the front, this thread joins from the back once every file has been handed over, and each
 * file is formatted exactly once, to exactly what prettier alone gives.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GeneratedFile } from '../../generator/emit/file.ts';
import { FormatCache } from '../../generator/cli/format-cache.ts';
import { JOIN_MIN_BYTES, startHelperThread, type HelperThread } from '../../generator/cli/helper-thread.ts';
import { formatFiles } from '../../generator/core/format.ts';
import { tempDir } from '../helpers/generate.ts';

/** A module of about `bytes` characters of unformatted TypeScript, different for each `n`. */
function module(n: number, bytes: number): GeneratedFile {
  const lines = [`export const first${n} = {a:1,b:[1,2,3]}`];
  for (let i = 0; lines.join('\n').length < bytes; i++)
    lines.push(`export function f${n}_${i}(x:number,y:string){return x>0?y:String(x)+y}`);
  return { path: `src/m${n}.ts`, content: lines.join('\n') };
}

let helper: HelperThread | undefined;
afterEach(async () => {
  await helper?.close();
  helper = undefined;
});

/** Starts a helper and records who formatted each file, in the order they finished. */
function start(join?: boolean) {
  const by: Array<[string, 'helper' | 'main']> = [];
  helper = startHelperThread({
    warmFormatter: true,
    ...(join === undefined ? {} : { join }),
    onFormatted: (path, who) => by.push([path, who]),
  });
  return { helper, by };
}

describe('formatting on the helper thread and this one', () => {
  it('formats each file once, the same as prettier alone; this thread takes a tail, the helper a head', async () => {
    const files = Array.from({ length: 24 }, (_, n) => module(n, 12 * 1024));
    files.splice(5, 0, { path: 'README.txt', content: 'not formatted' });
    files.splice(9, 0, { path: 'src/core/x.ts', content: 'export const x=1', preformatted: true });
    const { helper, by } = start();
    const out = await helper.format(files);
    expect(out).toStrictEqual(await formatFiles(files));
    // The helper works in order: once a file sent after these is back, it is done with these.
    await helper.format([{ path: 'src/after.ts', content: 'export {}' }]);
    by.pop();

    const formatted = files.filter((f) => f.path.startsWith('src/m')).map((f) => f.path);
    expect(by.map(([path]) => path).sort()).toStrictEqual([...formatted].sort());
    const byMain = new Set(by.filter(([, who]) => who === 'main').map(([path]) => path));
    // The last file is claimed before this thread awaits anything, so it is always this thread's.
    expect(byMain.has(formatted.at(-1)!)).toBe(true);
    const split = formatted.findIndex((path) => byMain.has(path));
    expect(formatted.slice(split).every((path) => byMain.has(path))).toBe(true);
    expect(formatted.slice(0, split).some((path) => byMain.has(path))).toBe(false);
  }, 60_000);

  it('leaves everything to the helper when less than JOIN_MIN_BYTES is left, or when told not to join', async () => {
    const few = [module(1, 2048), module(2, 2048)];
    expect(few.reduce((n, f) => n + f.content.length, 0)).toBeLessThan(JOIN_MIN_BYTES);
    const small = start();
    expect(await small.helper.format(few)).toStrictEqual(await formatFiles(few));
    expect(small.by.map(([, who]) => who)).toStrictEqual(['helper', 'helper']);
    await small.helper.close();

    const many = Array.from({ length: 8 }, (_, n) => module(n, 12 * 1024));
    const alone = start(false);
    expect(await alone.helper.format(many)).toStrictEqual(await formatFiles(many));
    expect(alone.by.every(([, who]) => who === 'helper')).toBe(true);
  }, 60_000);

  it('names a file that does not parse, on either thread', async () => {
    const broken = { path: 'src/broken.ts', content: 'export const = ;' };
    const tail = [...Array.from({ length: 8 }, (_, n) => module(n, 12 * 1024)), broken];
    await expect(start().helper.format(tail)).rejects.toThrow(/src\/broken\.ts does not parse/);
    await helper!.close();
    await expect(start(false).helper.format([broken, module(1, 100)])).rejects.toThrow(
      /src\/broken\.ts does not parse/,
    );
  }, 60_000);
});

describe('the format cache in front of the helper', () => {
  it('hands every miss to one format call, as the files come, and keeps their order', async () => {
    const cache = new FormatCache(`${tempDir('format-threads')}/cache.json`);
    const files = [
      module(1, 100),
      { path: 'x.ts', content: 'export {}\n', preformatted: true },
      module(2, 100),
    ];
    const calls: string[][] = [];
    const format = async (iterable: Iterable<GeneratedFile>) => {
      const call: string[] = [];
      calls.push(call);
      const got: GeneratedFile[] = [];
      for (const file of iterable) {
        call.push(file.path);
        got.push(file);
      }
      return formatFiles(got);
    };
    const out = await cache.wrap(format)(files);
    expect(calls).toStrictEqual([['src/m1.ts', 'src/m2.ts']]);
    expect(out).toStrictEqual(await formatFiles(files));
  });
});
