// @ts-check
/**
 * Mutation testing (`npm run test:mutation`): a measurement run beside the benchmarks, not part
 * of `npm test`. Scores, run time and how to read the report: bench/MUTATION.md.
 * One file only: `npm run test:mutation -- --mutate runtime/retry.ts`.
 */

/** The mutated files; adding one is one line here (and its tests in vitest.mutation.config.ts). */
const MUTATE = [
  'runtime/webhook-verify.ts',
  'runtime/retry.ts',
  'runtime/base64.ts',
  'runtime/guard-formats.ts',
  'runtime/guard-support.ts',
  'runtime/webhook-unwrap.ts',
  'runtime/webhook-handler.ts',
  'runtime/webhook-node.ts',
  'runtime/webhook-drift.ts',
  'runtime/client-core.ts',
  'runtime/prepare-request.ts',
  'runtime/read-response.ts',
  'runtime/client-options.ts',
  'runtime/errors.ts',
  'runtime/redact.ts',
  'runtime/abort.ts',
  'runtime/api-promise.ts',
  'runtime/transport.ts',
  'runtime/idempotency.ts',
  'runtime/validation.ts',
  'runtime/request-params.ts',
  'runtime/request-body.ts',
  'runtime/pagination.ts',
  'runtime/auth.ts',
  'generator/emit/escape.ts',
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: MUTATE,
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  // Each mutant runs only the tests that reached its code, which keeps a full run short.
  coverageAnalysis: 'perTest',
  // The sandbox needs the sources and tests only; the rest is large and unused here.
  ignorePatterns: ['generated', 'examples', 'bench', 'spec', 'reports', '.cache', '.tmp'],
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { allowColor: false, logTests: false },
  concurrency: 2,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
