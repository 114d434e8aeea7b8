// `npm run generate` starts here. It bundles the TypeScript CLI with esbuild (a few dozen
// milliseconds) and runs the bundle with plain node, instead of compiling each file through a
// loader at start-up; that start-up cost was a large share of a whole generation.
// The bundle sits two folders below the project root (.cache/cli/), like the CLI's sources
// (generator/cli/), so paths it resolves from its own location mean the same thing.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import v8 from 'node:v8';
import { HEAP_GROWING_PERCENT, isLargeSpec, isShortRun } from './run-flags.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = join(root, '.cache', 'cli');
const require = createRequire(join(root, 'package.json'));

// Short one-shot runs go without V8's optimizing compiler; see run-flags.mjs for why and when.
if (isShortRun(process.argv.slice(2), join(root, 'spec/voice-media.yaml'))) {
  v8.setFlagsFromString('--no-opt');
}
// Large specs keep the heap near what is alive; see run-flags.mjs.
if (isLargeSpec(process.argv.slice(2), join(root, 'spec/voice-media.yaml'))) {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/** The bundle is rebuilt only when a file it is built from (or the formatter options) is newer. */
function isStale() {
  const bundle = join(outdir, 'generate.mjs');
  if (!existsSync(bundle) || !existsSync(join(outdir, 'worker.mjs'))) return true;
  const built = statSync(bundle).mtimeMs;
  // runtime/ too: the guards emitter imports the guard helpers to know their names.
  const sources = ['generator', 'runtime']
    .flatMap((dir) =>
      readdirSync(join(root, dir), { recursive: true }).map((name) => join(root, dir, String(name))),
    )
    .concat(join(root, '.prettierrc.json'), join(root, 'package.json'));
  return sources.some((file) => statSync(file).mtimeMs > built);
}

/**
 * Removes chunks no bundle has used for an hour: every source change builds new ones. An older
 * run still going imports its chunks within its first second, long before an hour has passed.
 */
function dropOldChunks(current) {
  const hourAgo = Date.now() - 3600_000;
  for (const name of readdirSync(outdir)) {
    if (!name.startsWith('chunk-') || current.has(name)) continue;
    try {
      if (statSync(join(outdir, name)).mtimeMs < hourAgo) rmSync(join(outdir, name), { force: true });
    } catch {
      // another run removed it first
    }
  }
}

/**
 * CommonJS libraries the generator imports by name, loaded with `require` instead of `import`:
 * importing CommonJS first scans its source for export names (for openapi-typescript, the 9 MB
 * TypeScript compiler it imports), and loading the three this way measured about half the time.
 * The shim lists each library's export names, read here by requiring it (cached for the run).
 */
const REQUIRED = ['openapi-typescript', 'handlebars', 'yaml'];
const requireShim = {
  name: 'require-commonjs',
  setup(build) {
    const filter = new RegExp(`^(${REQUIRED.join('|')})$`);
    build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'require-commonjs' }));
    build.onLoad({ filter: /.*/, namespace: 'require-commonjs' }, (args) => {
      const names = Object.keys(require(args.path)).filter(
        (n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default',
      );
      const contents = [
        "import { createRequire } from 'node:module';",
        `const library = createRequire(import.meta.url)(${JSON.stringify(args.path)});`,
        'export default library;',
        `export const { ${names.join(', ')} } = library;`,
      ].join('\n');
      return { contents, loader: 'js', resolveDir: root };
    });
  },
};

if (isStale()) {
  const { build } = await import('esbuild');
  // Built in a folder of this process's own, then renamed into place file by file (worker first,
  // since generate.mjs's date decides staleness): a run starting meanwhile never imports a
  // half-written bundle, and two runs building at once do not write into each other's files.
  const building = `${outdir}.${process.pid}`;
  await build({
    // The CLI and the worker it starts on a second thread (generator/helper-thread.ts).
    entryPoints: {
      generate: join(root, 'generator', 'cli', 'cli.ts'),
      worker: join(root, 'generator', 'cli', 'worker.ts'),
    },
    outdir: building,
    outExtension: { '.js': '.mjs' },
    // cli.ts imports the generator itself (run-once.ts) only once its helper thread is started:
    // a chunk of its own, whose libraries load then, not before the first line of cli.ts runs.
    splitting: true,
    chunkNames: 'chunk-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
    plugins: [requireShim],
  });
  mkdirSync(outdir, { recursive: true });
  // Chunks are named by their content, so one already there from an earlier build is the same file.
  const chunks = readdirSync(building).filter((name) => name.startsWith('chunk-'));
  for (const name of [...chunks, 'worker.mjs', 'generate.mjs'])
    renameSync(join(building, name), join(outdir, name));
  rmSync(building, { recursive: true, force: true });
  dropOldChunks(new Set(chunks));
}
await import(pathToFileURL(join(outdir, 'generate.mjs')).href);
