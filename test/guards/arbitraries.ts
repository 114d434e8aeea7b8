/**
 * fast-check arbitraries derived from the model: `validValue` builds values meant to satisfy a
 * schema, `mutate` breaks one of them in one place (a field removed, a wrong type, a number out
 * of range, an unknown enum value, an extra or wrong discriminator key). The tests never trust
 * these verdicts: they compare the guards with ajv on whatever comes out.
 */
import fc from 'fast-check';
import type { Model, NamedSchema, NumberNode, SchemaNode, StringNode } from '../../generator/ir/types.ts';

type Arb = fc.Arbitrary<unknown>;

export function validValue(named: NamedSchema, model: Model): Arb {
  const byName = new Map(model.schemas.map((s) => [s.name, s]));
  const build = (node: SchemaNode, depth: number): Arb => {
    const base = shape(node, depth);
    return node.nullable && node.kind !== 'null'
      ? fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 4, arbitrary: base })
      : base;
  };
  const shape = (node: SchemaNode, depth: number): Arb => {
    switch (node.kind) {
      case 'string':
        return stringArb(node);
      case 'number':
      case 'integer':
        return numberArb(node);
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'enum':
        return fc.constantFrom(...node.values);
      case 'unknown':
        return fc.jsonValue({ maxDepth: 2 });
      case 'ref': {
        const target = byName.get(node.schemaName)!;
        return depth > 4 ? fc.constant(null) : build(target.schema, depth + 1);
      }
      case 'array': {
        const items = build(node.items, depth);
        const size = {
          minLength: node.minItems ?? 0,
          maxLength: Math.min(node.maxItems ?? 4, (node.minItems ?? 0) + 4),
        };
        return node.uniqueItems
          ? fc.uniqueArray(items, { ...size, selector: (v) => JSON.stringify(v) })
          : fc.array(items, size);
      }
      case 'object': {
        const record: Record<string, Arb> = {};
        for (const p of node.properties) record[p.name] = build(p.schema, depth);
        const requiredKeys = node.properties.filter((p) => p.required).map((p) => p.name);
        const known = fc.record(record, { requiredKeys });
        if (node.additionalProperties === false) return known;
        // Extra keys, which `additionalProperties` true or a schema allows, now and then.
        const extraValue =
          node.additionalProperties === true
            ? fc.jsonValue({ maxDepth: 1 })
            : build(node.additionalProperties, depth);
        const extras = fc.dictionary(fc.constantFrom('x_extra', 'meta_note', 'z'), extraValue, {
          maxKeys: 2,
        });
        return fc.tuple(known, extras).map(([k, e]) => ({ ...e, ...(k as object) }));
      }
      case 'union':
        return fc.oneof(...node.variants.map((v) => build(v, depth)));
      case 'allOf':
        // Merging the parts' objects is right for the object-only allOfs OpenAPI specs use.
        return fc
          .tuple(...node.parts.map((p) => build(p, depth)))
          .map((parts) =>
            parts.every((p) => typeof p === 'object' && p !== null && !Array.isArray(p))
              ? Object.assign({}, ...parts)
              : parts[0],
          );
    }
  };
  return build(named.schema, 0);
}

const DATE_TIME = fc
  .tuple(
    fc.date({
      min: new Date('1970-01-01T00:00:00Z'),
      max: new Date('2100-12-31T23:59:59Z'),
      noInvalidDate: true,
    }),
    fc.constantFrom('Z', '+01:00', '-08:00', '+05:30'),
  )
  .map(([d, zone]) => d.toISOString().replace('Z', zone));

function stringArb(node: StringNode): Arb {
  switch (node.format) {
    case 'uuid':
      return fc.uuid();
    case 'date-time':
      return DATE_TIME;
    case 'date':
      return DATE_TIME.map((s) => s.slice(0, 10));
    case 'json-pointer':
      return fc
        .array(fc.string(), { maxLength: 3 })
        .map((tokens) => tokens.map((t) => `/${t.replace(/~/g, '~0').replace(/\//g, '~1')}`).join(''));
    case 'uri':
      return fc.webUrl();
    case 'email':
      return fc.emailAddress();
  }
  if (node.pattern) return fc.stringMatching(new RegExp(node.pattern, 'u'));
  const minLength = node.minLength ?? 0;
  return fc.string({ unit: 'binary', minLength, maxLength: node.maxLength ?? minLength + 12 });
}

function numberArb(node: NumberNode): Arb {
  const int32 = node.format === 'int32';
  const min = node.exclusiveMinimum ?? node.minimum ?? (int32 ? -(2 ** 31) : -1e6);
  const max = node.exclusiveMaximum ?? node.maximum ?? (int32 ? 2 ** 31 - 1 : 1e6);
  if (node.multipleOf !== undefined) {
    const step = node.multipleOf;
    return fc.integer({ min: Math.ceil(min / step), max: Math.floor(max / step) }).map((k) => k * step);
  }
  if (node.kind === 'integer') return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  return fc.double({
    min,
    max,
    noNaN: true,
    noDefaultInfinity: true,
    minExcluded: node.exclusiveMinimum !== undefined,
    maxExcluded: node.exclusiveMaximum !== undefined,
  });
}

/** Replacement values that break type, range, enum or format rules somewhere. */
const WRONG = [
  null,
  true,
  0,
  -1,
  1.5,
  1e300,
  2 ** 31,
  2 ** 63,
  '',
  'zzz_unknown',
  'completed',
  [],
  {},
  [1, 2],
  '2024-02-30T00:00:00Z',
  'not-a-uuid',
  'aws',
  'elevenlabs',
];

/** Applies one mutation, chosen by `choice`, at the node chosen by `where`. Never changes `value`. */
export function mutate(value: unknown, where: number, choice: number): unknown {
  const root = { root: structuredClone(value) };
  // The value itself is a place too (a wrong type for the whole thing).
  const holders = containers(root);
  const [holder, key] = holders[where % holders.length]!;
  const current = (holder as Record<string, unknown>)[key];
  const target = holder as Record<string, unknown>;
  switch (choice % 5) {
    case 0: // a field removed (or an item, for arrays)
      if (Array.isArray(holder)) holder.splice(Number(key), 1);
      else delete target[key];
      break;
    case 1: // a wrong value: type, range, enum, format
      target[key] = WRONG[(where + choice) % WRONG.length];
      break;
    case 2: // an out-of-range or fractional number, or a changed string
      target[key] =
        typeof current === 'number'
          ? choice % 2
            ? current + 0.5
            : -current - 1e9
          : typeof current === 'string'
            ? `${current}x`
            : 42;
      break;
    case 3: // an extra key, including a wrong discriminator or `__proto__` as an own key
      if (typeof current === 'object' && current !== null && !Array.isArray(current)) {
        const extra = ['extra_field', '__proto__', 'constructor', 'type', 'event_type'][choice % 5]!;
        Object.defineProperty(current, extra, {
          value: WRONG[choice % WRONG.length],
          enumerable: true,
          configurable: true,
          writable: true,
        });
      } else target[key] = { unexpected: true };
      break;
    default: // an unknown enum value where a string was
      target[key] = typeof current === 'string' ? 'zzz_unknown' : ['zzz'];
  }
  return root.root;
}

/** Every (container, key) pair in a JSON value: the places a mutation can land. */
function containers(value: unknown, out: Array<[object, string]> = []): Array<[object, string]> {
  if (typeof value !== 'object' || value === null) return out;
  for (const key of Object.keys(value)) {
    out.push([value, key]);
    containers((value as Record<string, unknown>)[key], out);
  }
  return out;
}
