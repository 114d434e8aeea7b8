/**
 * Copies the hand-written runtime (`runtime/*.ts`) into the package as `src/core/`. It is real
 * code, type-checked and tested where it lives; here it only changes place.
 */
import { compareStrings } from '../core/names.js';
import type { GeneratedFile } from './file.js';

/** The runtime's files by name (`errors.ts`), as read from `runtime/`. */
export type RuntimeFiles = Readonly<Record<string, string>>;

export function emitRuntime(runtime: RuntimeFiles): GeneratedFile[] {
  return Object.keys(runtime)
    .filter((name) => name.endsWith('.ts'))
    .sort(compareStrings)
    .map((name) => ({ path: `src/core/${name}`, content: runtime[name]!, preformatted: true }));
}
