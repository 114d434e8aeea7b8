/**
 * Runs the compile-time checks in test/webhooks/types/events.ts. They only mean something when
 * tsc actually runs them, so a clean exit with no output is the whole assertion.
 */
import { expect, it } from 'vitest';
import { typecheck } from '../helpers/generate.ts';

it('type-checks the webhook type tests with no errors', () => {
  const result = typecheck('test/webhooks/types');
  expect(result.output).toBe('');
  expect(result.code).toBe(0);
});
