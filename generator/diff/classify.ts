/**
 * Classes a change for a TypeScript client. The same schema change means opposite things on the
 * two sides: a new enum value is fine in data we send (one more thing we may pass) and a hazard in
 * data we receive (one more case to handle), so every rule is given per side.
 */
import { type ChangeClass, type ChangeKind, type ChangeSide, isIncoming } from './types.js';

/** How a type change relates the old set of values to the new one. */
export type Relation = 'same' | 'wider' | 'narrower' | 'numeric-wider' | 'different';

export interface ClassifyDetail {
  /** For an added field or body: whether it is required. */
  required?: boolean;
  /** For `type-changed`. */
  relation?: Relation;
  /** For `field-removed`: the object still lets any extra key through (no `additionalProperties`). */
  open?: boolean;
}

interface Rule {
  send: ChangeClass;
  receive: ChangeClass;
}

const both = (c: ChangeClass): Rule => ({ send: c, receive: c });

const RULES: Record<
  Exclude<ChangeKind, 'field-added' | 'field-removed' | 'body-added' | 'type-changed'>,
  Rule
> = {
  'operation-added': both('compatible'),
  'operation-removed': both('breaking'),
  // The generated method keeps its name and arguments; only the URL it calls moves.
  'endpoint-changed': both('compatible'),
  // The event union gains a member: an exhaustive `switch` over `event_type` stops being one.
  'webhook-added': both('narrowing'),
  'webhook-removed': both('breaking'),
  'body-removed': both('breaking'),
  'body-required': both('breaking'),
  'body-optional': both('compatible'),
  'response-added': both('compatible'),
  'response-removed': both('breaking'),
  // Path parameters are positional arguments of the generated method.
  'path-param-added': both('breaking'),
  'path-param-removed': both('breaking'),
  // Values keep their shape; only the name of their type moved. Code importing the old name is
  // told by `type-removed`, once for the package rather than at every use.
  'type-renamed': both('compatible'),
  // `import type { X }` no longer compiles.
  'type-removed': both('breaking'),
  'field-required': { send: 'breaking', receive: 'compatible' },
  'field-optional': { send: 'compatible', receive: 'breaking' },
  // Received `T | null` fails strict null checks where `T` was used.
  'nullable-added': { send: 'compatible', receive: 'breaking' },
  'nullable-removed': { send: 'breaking', receive: 'compatible' },
  'enum-value-added': { send: 'compatible', receive: 'narrowing' },
  // Received: code comparing against the removed literal no longer compiles (TS2367).
  'enum-value-removed': { send: 'breaking', receive: 'breaking' },
  'variant-added': { send: 'compatible', receive: 'narrowing' },
  'variant-removed': { send: 'breaking', receive: 'breaking' },
  // The server may reject a value it used to accept; received data only gets tidier.
  'constraint-tightened': { send: 'breaking', receive: 'compatible' },
  'constraint-loosened': both('compatible'),
  'default-changed': both('compatible'),
  'docs-changed': both('compatible'),
};

export function classify(kind: ChangeKind, side: ChangeSide, detail: ClassifyDetail = {}): ChangeClass {
  const receiving = isIncoming(side);
  switch (kind) {
    case 'field-added':
      // A new required field breaks callers that do not pass it; received extras are harmless.
      return !receiving && detail.required ? 'breaking' : 'compatible';
    case 'field-removed':
      // Code reading the field no longer compiles. A value we send may still carry it where the
      // object stays open (the server must accept extra keys there); a closed one rejects it.
      return receiving || !detail.open ? 'breaking' : 'compatible';
    case 'body-added':
      return detail.required ? 'breaking' : 'compatible';
    case 'type-changed':
      return typeChangeClass(detail.relation ?? 'different', receiving);
    default: {
      const rule = RULES[kind];
      return receiving ? rule.receive : rule.send;
    }
  }
}

function typeChangeClass(relation: Relation, receiving: boolean): ChangeClass {
  if (relation === 'same') return 'compatible';
  if (!receiving) return relation === 'wider' || relation === 'numeric-wider' ? 'compatible' : 'breaking';
  if (relation === 'narrower') return 'compatible';
  // integer → number keeps the TypeScript type `number` but lets fractions through.
  return relation === 'numeric-wider' ? 'narrowing' : 'breaking';
}
