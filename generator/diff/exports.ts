/**
 * The package's exported type names. Every named schema becomes an exported type (and its guards
 * `isX`, `validateX`, `assertX`); a user may import any of them, so one that disappears breaks
 * that import even when every value still fits the API.
 */
import type { Model } from '../ir/types.js';
import type { ApiChange } from './types.js';

export function diffExports(before: Model, after: Model, changes: readonly ApiChange[]): ApiChange[] {
  const kept = new Set(after.schemas.map((s) => s.typeName));
  // Where a use of the type moved to another name, say which: that is where its values went.
  const renamedTo = new Map<string, Set<string>>();
  for (const c of changes) {
    if (c.kind !== 'type-renamed') continue;
    const to = renamedTo.get(String(c.before)) ?? new Set<string>();
    renamedTo.set(String(c.before), to.add(String(c.after)));
  }
  return before.schemas
    .filter((s) => !kept.has(s.typeName))
    .map((s) => {
      const to = [...(renamedTo.get(s.typeName) ?? [])].map((n) => `\`${n}\``);
      const where = to.length ? `; where it was used, the type is now ${to.join(', ')}` : '';
      return {
        kind: 'type-removed',
        class: 'breaking',
        subject: { type: 'type', name: s.typeName },
        side: 'export',
        path: '',
        pointer: s.pointer,
        before: s.typeName,
        message: `exported type \`${s.typeName}\` removed, with its guards${where}`,
      } satisfies ApiChange;
    });
}
