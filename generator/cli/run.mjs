// `npm run generate` starts here. It bundles the TypeScript CLI with esbuild (a few dozen
// milliseconds) and runs the bundle with plain node, instead of compiling each file through a
// loader at start-up; that start-up cost was a large share of a whole generation.
// The bundle sits two folders below the project root (.cache/cli/), like the CLI's sources
// (generator/cli/), so paths it resolves from its own location mean the same thing.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { isShortRun } from './run-flags.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = join(root, '.cache', 'cli');

// Short one-shot runs go without V8's optimizing compiler; see run-flags.mjs for why and when.
if (isShortRun(process.argv.slice(2), join(root, 'spec/voice-media.yaml'))) {
  v8.setFlagsFromString('--no-opt');
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

if (isStale()) {
  const { buildSync } = await import('esbuild');
  // Built in a folder of this process's own, then renamed into place file by file (worker first,
  // since generate.mjs's date decides staleness): a run starting meanwhile never imports a
  // half-written bundle, and two runs building at once do not write into each other's files.
  const building = `${outdir}.${process.pid}`;
  buildSync({
    // The CLI and the worker it starts on a second thread (generator/helper-thread.ts).
    entryPoints: {
      generate: join(root, 'generator', 'cli', 'cli.ts'),
      worker: join(root, 'generator', 'cli', 'worker.ts'),
    },
    outdir: building,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  mkdirSync(outdir, { recursive: true });
  for (const name of ['worker.mjs', 'generate.mjs']) renameSync(join(building, name), join(outdir, name));
  rmSync(building, { recursive: true, force: true });
}
await import(pathToFileURL(join(outdir, 'generate.mjs')).href);
