import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Contract tests start Prism and behaviour tests start servers; give them room on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Builds generated/dist once, before the files that run it start in parallel.
    globalSetup: ['test/global-setup.ts'],
  },
});
