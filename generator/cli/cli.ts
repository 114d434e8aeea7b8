/**
 * `npm run generate [-- --spec <file>] [--out <dir>] [--naming <file>] [--check] [--watch]`
 * The thin shell around generate(): reads inputs, prints diagnostics, writes or checks, and is
 * the only place that sets the exit code. It starts the helper thread (helper-thread.ts) first,
 * and only then loads the generator itself (run-once.ts), so the helper loads prettier while
 * this thread loads the generator's libraries.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FormatCache } from './format-cache.js';
import type { GenerateServices } from '../core/generate.js';
import { startHelperThread } from './helper-thread.js';
import { lintSpec } from '../core/lint.js';
import { DEFAULT_PATHS, displayName, PROJECT_ROOT, type InputPaths } from './paths.js';
import { LARGE_SPEC_BYTES, specSize } from './run-flags.mjs';
import { watch } from './watch.js';

const USAGE =
  'usage: npm run generate -- [--spec <file>] [--out <dir>] [--naming <file>] [--check | --watch] [--no-cache] [--strict] [--verbose]';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        spec: { type: 'string' },
        out: { type: 'string' },
        naming: { type: 'string' },
        check: { type: 'boolean', default: false },
        watch: { type: 'boolean', default: false },
        'no-cache': { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const paths: InputPaths = {
    spec: values.spec ? resolve(values.spec) : DEFAULT_PATHS.spec,
    naming: values.naming ? resolve(values.naming) : DEFAULT_PATHS.naming,
    templates: DEFAULT_PATHS.templates,
    runtime: DEFAULT_PATHS.runtime,
  };
  const outDir = values.out ? resolve(values.out) : resolve(PROJECT_ROOT, 'generated');
  if (values.watch && values.check) {
    console.error(`--watch and --check do not go together\n${USAGE}`);
    return 2;
  }
  // CODEGEN_FORMAT_CACHE moves the cache file: tests give each run of theirs its own.
  const cache = values['no-cache']
    ? undefined
    : new FormatCache(process.env.CODEGEN_FORMAT_CACHE ?? join(PROJECT_ROOT, '.cache/format-cache.json'));
  // Started before anything heavy loads, so the helper thread parses the spec meanwhile; not a
  // spec above LARGE_SPEC_BYTES, which helper.parse leaves to this thread (see helper-thread.ts).
  const parseOnHelper = (specSize(paths.spec) ?? 0) <= LARGE_SPEC_BYTES;
  const helper = startHelperThread(
    parseOnHelper ? { spec: { path: paths.spec, fileName: displayName(paths.spec) } } : {},
  );
  const services: GenerateServices = {
    parse: helper.parse,
    // On this thread, first: meanwhile the helper thread loads prettier.
    lint: lintSpec,
    format: cache ? cache.wrap(helper.format) : helper.format,
  };
  try {
    const { runOnce } = await import('./run-once.js');
    const run = async (check: boolean) => {
      const code = await runOnce(paths, outDir, check, services, {
        strict: values.strict,
        verbose: values.verbose,
      });
      if (code === 0) cache?.save();
      return code;
    };
    if (values.watch) {
      await watch(paths, () => run(false), { outDir });
      return 0;
    }
    return await run(values.check);
  } finally {
    await helper.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // A generator bug, not a spec problem: say so plainly, without a stack for the user.
    console.error(`internal error: ${(err as Error).message ?? String(err)}`);
    if (process.env.DEBUG) console.error(err);
    process.exitCode = 70;
  },
);
