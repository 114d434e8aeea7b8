/** `--fail-on`, shared by `spec:diff` and `spec:update`: which changes make the run exit 1. */
import type { ApiChange, ChangeClass } from './types.js';

/** Which classes make `--fail-on X` exit 1: each level includes the stricter ones. */
export const FAIL_ON: Readonly<Record<string, readonly ChangeClass[]>> = {
  breaking: ['breaking'],
  narrowing: ['breaking', 'narrowing'],
  any: ['breaking', 'narrowing', 'compatible'],
};

export const isFailOn = (value: string): boolean => Object.hasOwn(FAIL_ON, value);

/** True when a change is at or above the `--fail-on` level; never without one. */
export function failsOn(changes: readonly ApiChange[], failOn: string | undefined): boolean {
  if (failOn === undefined) return false;
  const classes = FAIL_ON[failOn] ?? [];
  return changes.some((c) => classes.includes(c.class));
}
