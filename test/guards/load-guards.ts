/**
 * The one place tests get the generated guards from: the generated package (`npm run generate`
 * writes `generated/src/guards/`). Tests look guards up by type name through `guardsFor`.
 */
import * as guards from '../../generated/src/guards/index.ts';
import type { GuardOptions, ValidationResult } from '../../generated/src/core/validation.ts';

export { ValidationError } from '../../generated/src/core/validation.ts';
export * from '../../generated/src/guards/index.ts';

export interface Guards {
  is(value: unknown, options?: GuardOptions): boolean;
  validate(value: unknown, options?: GuardOptions): ValidationResult<unknown>;
  assert(value: unknown, options?: GuardOptions): void;
}

export function guardsFor(typeName: string): Guards {
  const all = guards as unknown as Record<string, Guards[keyof Guards] | undefined>;
  const pick = <K extends keyof Guards>(prefix: string) => {
    const f = all[`${prefix}${typeName}`];
    if (typeof f !== 'function') throw new Error(`no generated ${prefix}${typeName}`);
    return f as Guards[K];
  };
  return { is: pick<'is'>('is'), validate: pick<'validate'>('validate'), assert: pick<'assert'>('assert') };
}
