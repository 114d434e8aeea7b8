/**
 * The one-step folder exchange behind the output swap (generator/cli/exchange.ts): two real
 * folders trade places, a missing path is an error that names the errno, and where the exchange
 * is not available (or turned off) the caller is told so instead of getting half a swap.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exchangeFolders } from '../../generator/cli/exchange.ts';
import { tempDir } from '../helpers/generate.ts';

function twoFolders(): [string, string] {
  const dir = tempDir('exchange');
  const [a, b] = [join(dir, 'a'), join(dir, 'b')];
  mkdirSync(join(a, 'only-in-a'), { recursive: true });
  mkdirSync(join(b, 'only-in-b'), { recursive: true });
  return [a, b];
}

const supported = process.platform === 'linux' && ['x64', 'arm64'].includes(process.arch);
const saved = process.env.CODEGEN_NO_EXCHANGE;
afterEach(() => {
  if (saved === undefined) delete process.env.CODEGEN_NO_EXCHANGE;
  else process.env.CODEGEN_NO_EXCHANGE = saved;
});

describe('exchangeFolders', () => {
  it.skipIf(!supported)('swaps two folders in place (Linux x64/arm64 with perl)', () => {
    const [a, b] = twoFolders();
    expect(exchangeFolders(a, b)).toBe(true);
    expect(readdirSync(a)).toEqual(['only-in-b']);
    expect(readdirSync(b)).toEqual(['only-in-a']);
  });

  it.skipIf(!supported)('throws with the errno when a path does not exist, and changes nothing', () => {
    const [a] = twoFolders();
    expect(() => exchangeFolders(a, join(a, '..', 'missing'))).toThrow(/could not exchange .* ENOENT/);
    expect(readdirSync(a)).toEqual(['only-in-a']);
  });

  it('reports "not available" when turned off, leaving both folders as they were', () => {
    process.env.CODEGEN_NO_EXCHANGE = '1';
    const [a, b] = twoFolders();
    expect(exchangeFolders(a, b)).toBe(false);
    expect(readdirSync(a)).toEqual(['only-in-a']);
    expect(readdirSync(b)).toEqual(['only-in-b']);
  });
});
