/**
 * The whole-spec rows of `npm run bench:generate`: Telnyx's whole spec through our generator,
 * hey-api (SDK plus types) and openapi-typescript (types only), one run each, side by side on the
 * same file; each run's wall time and peak memory; then `tsc --noEmit` over our output and over
 * hey-api's. hey-api is fetched into .cache/ (a pinned version that runs on Node 20), not a
 * dependency. Peak memory is read with GNU time (`/usr/bin/time`), where the machine has it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HEY_API = ['@hey-api/openapi-ts@0.86.8', 'typescript@5.9.3'];

export interface Measured {
  name: string;
  seconds: number;
  maxRssMB: number | undefined;
  note: string;
}

/** Runs `node args…` (timed, and under GNU time when there is one); throws when it fails. */
function measure(name: string, args: string[], cwd: string): Measured {
  const gnuTime = existsSync('/usr/bin/time');
  const rssFile = join(mkdtempSync(join(tmpdir(), 'bench-rss-')), 'rss');
  const [command, argv] = gnuTime
    ? ['/usr/bin/time', ['-f', '%M', '-o', rssFile, process.execPath, ...args]]
    : [process.execPath, args];
  const started = performance.now();
  const run = spawnSync(command, argv, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  const tail = `${run.stdout}${run.stderr}`.trim().split('\n').slice(-3).join(' / ');
  const maxRssMB = gnuTime
    ? Math.round(Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) / 1024)
    : undefined;
  return { name, seconds, maxRssMB, note: run.status === 0 ? '' : `exit ${run.status}: ${tail}` };
}

function fetchHeyApi(root: string): string {
  const prefix = join(root, '.cache/hey-api');
  const bin = join(prefix, 'node_modules/@hey-api/openapi-ts/bin/run.js');
  if (!existsSync(bin)) {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const run = spawnSync(
      npm,
      ['install', '--no-save', '--no-package-lock', '--prefix', prefix, ...HEY_API],
      { encoding: 'utf8' },
    );
    if (run.status !== 0 || !existsSync(bin))
      throw new Error(`could not fetch ${HEY_API.join(' ')}: ${run.stderr}`);
  }
  return bin;
}

/** tsc's options for hey-api's output: ours, but resolved as a bundler does (it omits `.js`). */
function heyApiTsconfig(out: string, ourTsconfig: string): string {
  const { compilerOptions } = JSON.parse(readFileSync(ourTsconfig, 'utf8')) as {
    compilerOptions: Record<string, unknown>;
  };
  const file = join(out, 'tsconfig.json');
  const options = {
    ...compilerOptions,
    module: 'ESNext',
    moduleResolution: 'Bundler',
    rootDir: '.',
    outDir: 'dist',
  };
  writeFileSync(file, JSON.stringify({ compilerOptions: options, include: ['.'], exclude: ['dist'] }));
  return file;
}

/** One run of each generator and of tsc over two outputs; `spec` is a whole spec. */
export function wholeSpecRows(root: string, spec: string): Measured[] {
  const work = mkdtempSync(join(tmpdir(), 'bench-whole-'));
  const [ours, hey, oat] = ['ours', 'hey-api', 'openapi-typescript'].map((n) => join(work, n)) as [
    string,
    string,
    string,
  ];
  const heyBin = fetchHeyApi(root);
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  const rows = [
    measure(
      'ours: npm run generate --no-cache (types, guards, client, webhooks, formatted)',
      [
        join(root, 'generator/cli/run.mjs'),
        '--spec',
        spec,
        '--out',
        ours,
        '--naming',
        join(root, 'test/whole-spec/naming.yaml'),
        '--no-cache',
      ],
      root,
    ),
    measure('hey-api openapi-ts (SDK + types, fetch client)', [heyBin, '-i', spec, '-o', hey], work),
    measure(
      'openapi-typescript CLI (types only)',
      [join(root, 'node_modules/openapi-typescript/bin/cli.js'), spec, '-o', join(oat, 'schema.ts')],
      root,
    ),
  ];
  rows.push(measure('tsc --noEmit over ours', [tsc, '--noEmit', '-p', join(ours, 'tsconfig.json')], root));
  rows.push(
    measure(
      "tsc --noEmit over hey-api's",
      [tsc, '--noEmit', '-p', heyApiTsconfig(hey, join(ours, 'tsconfig.json'))],
      root,
    ),
  );
  rmSync(work, { recursive: true, force: true });
  return rows;
}
