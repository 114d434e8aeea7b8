import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against each mutant (`npm run test:mutation`, see stryker.config.mjs and
 * bench/MUTATION.md). Only fast unit tests that import the mutated files from `runtime/`
 * or `generator/emit/` directly: nothing here starts Prism, runs tsc or the generator, so a full
 * run fits on 2 cores. A test of a newly mutated file is added here in the same change.
 */
export default defineConfig({
  test: {
    include: [
      'test/runtime/webhook-verify.test.ts',
      'test/runtime/webhook-verify-*.test.ts',
      'test/runtime/retry.test.ts',
      'test/runtime/webhook-unwrap*.test.ts',
      'test/runtime/webhook-drift*.test.ts',
      'test/runtime/webhook-handler*.test.ts',
      'test/runtime/webhook-node*.test.ts',
      'test/runtime/client*.test.ts',
      'test/runtime/errors*.test.ts',
      'test/runtime/redact*.test.ts',
      'test/runtime/validation*.test.ts',
      // Tests written from mutation runs of one runtime file each (bench/MUTATION.md).
      'test/runtime/mutation-*.test.ts',
      'test/guards/formats*.test.ts',
      // Named one by one: other guard-*.test.ts files test the generator and read generated/.
      'test/guards/guard-support.test.ts',
      'test/guards/guard-messages.test.ts',
      'test/generator/escape.test.ts',
    ],
    testTimeout: 30_000,
  },
});
