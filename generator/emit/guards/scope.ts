/**
 * Which named schemas get guard modules (the naming config's `guards`). `all`: every one. `used`:
 * the schemas the package itself validates, which are the request bodies and parameters that a
 * method checks under `validate` and the webhook events, and every schema those reach, so that
 * each guard the package writes has the guards it calls. `none`: no schema, and then the package
 * checks nothing itself.
 */
import type { GuardScope } from '../../ir/naming-config.js';
import type { Model, Operation } from '../../ir/types.js';
import { directRefs } from './analysis.js';

/** The named schemas a method's request spec validates: params, path params and each body. */
export function validatedSchemas(op: Operation): string[] {
  return [
    ...(op.paramsSchemaName ? [op.paramsSchemaName] : []),
    ...(op.pathParamsSchemaName ? [op.pathParamsSchemaName] : []),
    ...(op.body?.variants.flatMap((v) => (v.schemaName ? [v.schemaName] : [])) ?? []),
  ];
}

/** The names of the schemas that get guards, in model order. */
export function guardedSchemas(model: Model, scope: GuardScope = 'all'): Set<string> {
  if (scope === 'all') return new Set(model.schemas.map((s) => s.name));
  if (scope === 'none') return new Set();
  const byName = new Map(model.schemas.map((s) => [s.name, s.schema]));
  // Every webhook's body, routed or not: the README's guard example uses the first one.
  const roots = [...model.operations.flatMap(validatedSchemas), ...model.webhooks.map((w) => w.schemaName)];
  const reached = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const name = queue.pop()!;
    const schema = byName.get(name);
    if (reached.has(name) || !schema) continue;
    reached.add(name);
    queue.push(...directRefs(schema));
  }
  return new Set(model.schemas.filter((s) => reached.has(s.name)).map((s) => s.name));
}
