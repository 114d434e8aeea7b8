/**
 * The whole-spec rows of `npm run bench:generate`: Telnyx's whole spec through our generator,
 * hey-api (SDK plus types) and openapi-typescript (types only), one run each, side by side on the
 * same file; each run's wall time and peak memory; then `tsc --noEmit` over our output and over
 * hey-api's, and tsc over a small app that makes one call through each (what a user's own
 * type-check pays: ours through the built package's declarations, hey-api's through its sources,
 * which is how each is meant to be used). hey-api is fetched into .cache/ (a pinned version that runs on Node 20), not a
 * dependency. Peak memory is read with GNU time (`/usr/bin/time`), where the machine has it.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

const HEY_API = ['@hey-api/openapi-ts@0.86.8', 'typescript@5.9.3'];

export interface Measured {
  name: string;
  seconds: number;
  /** User plus system CPU time, all threads and children: less moved by the machine's load. */
  cpuSeconds: number | undefined;
  maxRssMB: number | undefined;
  note: string;
}

/**
 * Runs `node args…` (timed, and under GNU time when there is one, for its peak memory and CPU
 * time); a run that fails is returned with its exit code and last lines in `note`.
 */
export function measure(name: string, args: string[], cwd: string): Measured {
  const gnuTime = existsSync('/usr/bin/time');
  const usageFile = join(mkdtempSync(join(tmpdir(), 'bench-rss-')), 'usage');
  const [command, argv] = gnuTime
    ? ['/usr/bin/time', ['-f', '%M %U %S', '-o', usageFile, process.execPath, ...args]]
    : [process.execPath, args];
  const started = performance.now();
  const run = spawnSync(command, argv, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  const tail = `${run.stdout}${run.stderr}`.trim().split('\n').slice(-3).join(' / ');
  // GNU time's last line (a failed command gets a line of its own before it).
  const usage = gnuTime
    ? readFileSync(usageFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number)
    : [];
  rmSync(dirname(usageFile), { recursive: true, force: true });
  const [rssKB, user, system] = usage;
  return {
    name,
    seconds,
    cpuSeconds: user === undefined || system === undefined ? undefined : user + system,
    maxRssMB: rssKB === undefined ? undefined : Math.round(rssKB / 1024),
    note: run.status === 0 ? '' : `exit ${run.status}: ${tail}`,
  };
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

/**
 * A one-call app beside each output, both answering a call, with tsc's options as `tsc --init`
 * writes them for an ES module app, resolved as a bundler does (hey-api's imports carry no `.js`).
 * Ours imports the package root, the widest entry point, through `node_modules`, as a user would;
 * `skipLibCheck` is set per run. Returns the two tsconfig paths.
 */
function consumerApps(work: string, ours: string, hey: string, skipLibCheck: boolean): [string, string] {
  const heyApp = join(work, 'app-hey-api');
  const apps: Array<{ dir: string; source: string; link?: string }> = [
    {
      dir: join(work, 'app-ours'),
      link: ours,
      source:
        "import { WholeSpecClient } from 'whole-spec';\n" +
        "const client = new WholeSpecClient({ apiKey: 'key' });\n" +
        "const answered = await client.calls.actions.answer('v3:abc', { client_state: 'aGk=' });\n" +
        'console.log(answered.data?.result);\n',
    },
    {
      dir: heyApp,
      source:
        `import { answerCall } from '${relative(heyApp, join(hey, 'index'))}';\n` +
        "const answered = await answerCall({ path: { call_control_id: 'v3:abc' }, body: { client_state: 'aGk=' } });\n" +
        'console.log(answered.data);\n',
    },
  ];
  return apps.map(({ dir, source, link }) => {
    mkdirSync(join(dir, 'node_modules'), { recursive: true });
    if (link && !existsSync(join(dir, 'node_modules/whole-spec')))
      symlinkSync(link, join(dir, 'node_modules/whole-spec'), 'dir');
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
    writeFileSync(join(dir, 'app.ts'), source);
    const compilerOptions = {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      types: [],
      strict: true,
      skipLibCheck,
      noEmit: true,
    };
    const config = join(dir, `tsconfig.${skipLibCheck ? 'skip' : 'full'}.json`);
    writeFileSync(config, JSON.stringify({ compilerOptions, files: ['app.ts'] }));
    return config;
  }) as [string, string];
}

export interface WholeSpecOptions {
  /** Another copy of the project whose generator runs too, right after ours (see bench/generate.ts). */
  base?: string;
  /** Leave out tsc over the two outputs (they take a minute and do not measure the generator). */
  skipTsc?: boolean;
}

/** One run of each generator and of tsc over two outputs; `spec` is a whole spec. Rows by key. */
export function wholeSpecRows(
  root: string,
  spec: string,
  options: WholeSpecOptions = {},
): Map<string, Measured> {
  const work = mkdtempSync(join(tmpdir(), 'bench-whole-'));
  const [ours, hey, oat] = ['ours', 'hey-api', 'openapi-typescript'].map((n) => join(work, n)) as [
    string,
    string,
    string,
  ];
  const heyBin = fetchHeyApi(root);
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  const naming = join(root, 'test/whole-spec/naming.yaml');
  const generate = (project: string, out: string, namingFile = naming) => [
    join(project, 'generator/cli/run.mjs'),
    ...['--spec', spec, '--out', out, '--naming', namingFile, '--no-cache'],
  ];
  const rows = new Map<string, Measured>();
  rows.set(
    'ours',
    measure(
      'ours: npm run generate --no-cache (types, guards, client, webhooks, formatted)',
      generate(root, ours),
      root,
    ),
  );
  if (options.base) {
    const out = join(work, 'base');
    rows.set(
      'base',
      measure('base: the same, by the generator in --base', generate(options.base, out), root),
    );
  }
  rows.set(
    'hey-api',
    measure('hey-api openapi-ts (SDK + types, fetch client)', [heyBin, '-i', spec, '-o', hey], work),
  );
  rows.set(
    'openapi-typescript',
    measure(
      'openapi-typescript CLI (types only)',
      [join(root, 'node_modules/openapi-typescript/bin/cli.js'), spec, '-o', join(oat, 'schema.ts')],
      root,
    ),
  );
  if (!options.skipTsc) {
    rows.set(
      'tsc ours',
      measure('tsc --noEmit over ours', [tsc, '--noEmit', '-p', join(ours, 'tsconfig.json')], root),
    );
    // The same package under two naming-config settings: guards only for what the package checks
    // itself, and no guards and no openapi-typescript types (what hey-api writes: types and a client).
    const variants: Array<[string, string]> = [
      ['guards used', 'guards: used'],
      ['guards none', 'guards: none\nopenapiTypes: false'],
    ];
    for (const [key, settings] of variants) {
      const out = join(work, `ours-${key.replace(' ', '-')}`);
      const variantNaming = join(work, `naming-${key.replace(' ', '-')}.yaml`);
      writeFileSync(variantNaming, `${readFileSync(naming, 'utf8')}${settings}\n`);
      const label = settings.replace('\n', ', ');
      rows.set(
        `ours ${key}`,
        measure(`ours with ${label}: npm run generate --no-cache`, generate(root, out, variantNaming), root),
      );
      rows.set(
        `tsc ours ${key}`,
        measure(
          `tsc --noEmit over ours with ${label}`,
          [tsc, '--noEmit', '-p', join(out, 'tsconfig.json')],
          root,
        ),
      );
    }
    const heyConfig = heyApiTsconfig(hey, join(ours, 'tsconfig.json'));
    rows.set('tsc hey-api', measure("tsc --noEmit over hey-api's", [tsc, '--noEmit', '-p', heyConfig], root));
    // The package as published: its declarations (the JavaScript is not needed to type-check an app).
    rows.set(
      'build ours',
      measure(
        'tsc --emitDeclarationOnly over ours (the package build)',
        [tsc, '--emitDeclarationOnly', '-p', join(ours, 'tsconfig.json')],
        root,
      ),
    );
    for (const skipLibCheck of [true, false]) {
      const [appOurs, appHey] = consumerApps(work, ours, hey, skipLibCheck);
      const label = `skipLibCheck: ${skipLibCheck}`;
      rows.set(
        `app ours ${label}`,
        measure(`tsc over an app using ours (${label})`, [tsc, '-p', appOurs], root),
      );
      rows.set(
        `app hey-api ${label}`,
        measure(`tsc over an app using hey-api's (${label})`, [tsc, '-p', appHey], root),
      );
    }
  }
  rmSync(work, { recursive: true, force: true });
  return rows;
}
