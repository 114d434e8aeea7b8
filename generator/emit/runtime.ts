/**
 * Copies the hand-written runtime (`templates/runtime/*.ts`) into the package as `src/core/`.
 * It is real code, type-checked and tested where it lives; here it only changes place.
 */
import { compareStrings } from '../names.js';
import type { GeneratedFile } from './file.js';
import type { TemplateSet } from './render.js';

export function emitRuntime(templates: TemplateSet): GeneratedFile[] {
  return Object.keys(templates)
    .filter((name) => name.startsWith('runtime/') && name.endsWith('.ts'))
    .sort(compareStrings)
    .map((name) => ({
      path: `src/core/${name.slice('runtime/'.length)}`,
      content: templates[name]!,
      preformatted: true,
    }));
}
