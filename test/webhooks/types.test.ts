/**
 * Runs the compile-time checks in test/webhooks/types/events.ts. They only mean something when
 * tsc actually runs them, so a clean exit with no output is the whole assertion.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

it('type-checks the webhook type tests with no errors', () => {
  const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', 'test/webhooks/types'], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(result.stdout + result.stderr).toBe('');
  expect(result.status).toBe(0);
});
