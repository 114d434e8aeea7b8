/**
 * JSON Schema (OpenAPI 3.0 and 3.1 dialects) → SchemaNode. One function per concept; every
 * keyword is either turned into the model, kept as documentation, or reported: nothing is
 * dropped in silence (keys that are no keyword at all were reported by the lint step).
 */
import { type Diagnostic, joinPointer } from '../core/diagnostics.js';
import { ANNOTATION_KEYWORDS, SCHEMA_ASSERTION_KEYWORDS } from '../core/keywords.js';
import { isCheckedStringFormat } from './formats.js';
import { typedNode, typeList } from './schema-types.js';
import type { Docs, EnumNode, EvaluatedKeys, JsonLiteral, SchemaNode, UnionNode } from './types.js';
import { isObject, type Json } from '../core/json.js';

/** Keywords that only describe; they go to docs or are ignored on purpose. */
const ANNOTATIONS = new Set([...ANNOTATION_KEYWORDS, 'discriminator', 'nullable']);
/** Keywords that constrain values of one JSON type and say nothing of the type themselves. */
export const CONSTRAINTS = [
  'minItems',
  'maxItems',
  'uniqueItems',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minProperties',
  'maxProperties',
];
const COMPOSITIONS = ['oneOf', 'anyOf', 'allOf'] as const;
/**
 * Keywords this module turns into the model: a subset of SCHEMA_ASSERTION_KEYWORDS, which lists
 * every JSON Schema assertion for the lint step. One listed there and not here (or in
 * ANNOTATIONS) is reported as `keyword-unsupported`: dropping it would accept what the spec refuses.
 */
const HANDLED = new Set([
  '$ref',
  'type',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'items',
  ...CONSTRAINTS,
  ...COMPOSITIONS,
  'unevaluatedProperties',
]);

export interface SchemaContext {
  diagnostics: Diagnostic[];
  /** `#/components/schemas/X` → `X` when X exists; undefined otherwise. */
  schemaNameOfRef(ref: string): string | undefined;
  /** The value a local `$ref` names, one hop (not followed further); undefined when missing. */
  lookup(ref: string): unknown;
  /** The `$ref`s being read in place right now (see refNode): a second visit is a cycle. */
  inlining?: Set<string>;
  /**
   * Names the schema at `ref` (not under `#/components/schemas`) as if it were a component,
   * built once as `reading` reads it; for a `$ref` that leads back to itself. Returns the name.
   */
  nameRef?(ref: string, reading: SchemaContext): string;
  /** Follows `$ref`s to the raw value they name (a discriminator looks at its variants' shape). */
  resolve(value: unknown): unknown;
  /** The schema being built is only ever received (see `direction.ts`). */
  receiving?: boolean;
  /** Pointers of properties to make required whatever the spec says (`alwaysPresentPointers`). */
  alwaysPresent?: ReadonlySet<string>;
  /** An OpenAPI 3.0 document, where keywords beside a `$ref` are ignored (see withSiblings). */
  refSiblingsIgnored?: boolean;
}

export function toSchemaNode(schema: unknown, pointer: string, ctx: SchemaContext): SchemaNode {
  if (acceptsAnything(schema)) {
    return { kind: 'unknown', pointer, nullable: true, docs: isObject(schema) ? docsOf(schema) : {} };
  }
  if (schema === false || (isObject(schema) && acceptsAnything(schema.not))) {
    // `not: {}` (Telnyx: "this property must be absent") and `false` accept no value at all: an
    // enum of no values, which types as `never` and whose guard refuses everything.
    return {
      kind: 'enum',
      pointer,
      nullable: false,
      docs: isObject(schema) ? docsOf(schema) : {},
      values: [],
    };
  }
  if (!isObject(schema)) {
    report(ctx, 'schema-invalid', `expected a schema object, got ${JSON.stringify(schema)}`, pointer);
    return { kind: 'unknown', pointer, nullable: true, docs: {} };
  }
  // Before the `$ref`: in 3.1 the keys a `$ref` beside it evaluates count (3.0 ignores both).
  if ('unevaluatedProperties' in schema && !(ctx.refSiblingsIgnored && typeof schema.$ref === 'string'))
    return closedNode(schema, pointer, ctx);
  reportUnsupportedKeywords(schema, pointer, ctx);
  if (typeof schema.$ref === 'string') return refNode(schema, pointer, ctx);
  // In the order the schema writes them, which the type's intersection follows.
  const compositions = Object.keys(schema).filter(
    (k): k is (typeof COMPOSITIONS)[number] =>
      (COMPOSITIONS as readonly string[]).includes(k) && Array.isArray(schema[k]),
  );
  const constrained = CONSTRAINTS.some((k) => k in schema);
  const ownShape = hasOwnShape(schema) || constrained;
  if (compositions.length > 1 || (compositions.length === 1 && ownShape)) {
    // `type: object` + `properties` beside a `oneOf`, or an `allOf` beside an `anyOf`: the value
    // must satisfy every part. The discriminator belongs to the first union.
    const { oneOf: _oneOf, anyOf: _anyOf, allOf: _allOf, discriminator, ...own } = schema;
    const union = compositions.find((k) => k !== 'allOf');
    // `uniqueItems` beside an anyOf of arrays: the keywords take the type the parts give.
    const types = hasOwnShape(schema) ? [] : compositionTypes(schema, compositions, ctx);
    const typedOwn = types.length > 0 ? { type: types, ...own } : own;
    const parts = [
      ...(ownShape ? [toSchemaNode(typedOwn, pointer, ctx)] : []),
      ...compositions.map((k) =>
        toSchemaNode({ [k]: schema[k], ...(k === union ? { discriminator } : {}) }, pointer, ctx),
      ),
    ];
    // Without an own part, `nullable` (3.0) has no part to go to: it stays on the whole.
    const nullable = !ownShape && schema.nullable === true;
    return { kind: 'allOf', pointer, nullable, docs: docsOf(schema), parts };
  }
  const [composition] = compositions;
  if (composition) return compositionNode(schema, composition, pointer, ctx);
  if ('enum' in schema || 'const' in schema)
    return structuredEnumNode(schema, pointer, ctx) ?? enumNode(schema, pointer, ctx);
  return typedNode(schema, pointer, ctx);
}

/** One value of an enum read by `structuredEnum`. */
export interface StructuredEnumValue {
  value: unknown;
  /** The value's type is not one the schema's `type` allows, so no value can match it. */
  excluded: boolean;
  /** The schema that accepts exactly the value; undefined for an array of different items. */
  exact: Json | undefined;
}

/**
 * The values of an `enum` or `const` that includes objects or arrays its type allows: Docker
 * Engine's `{type: object, enum: [{}]}` (an empty object and nothing else), pandascore's
 * videogames as `{id, name, slug}` objects, mailchimp's one-item arrays. Undefined when there is
 * no such value, so the values are literals for `enumNode`. The model reads each value as the
 * schema that accepts exactly it; openapi.ts's copy of the spec is rewritten the same way.
 */
export function structuredEnum(schema: Json): StructuredEnumValue[] | undefined {
  const raw = 'const' in schema ? [schema.const] : schema.enum;
  if (!Array.isArray(raw)) return undefined;
  const types = typeList(schema);
  const allowed = (v: unknown) =>
    typeof v === 'object'
      ? types.length === 0 || types.includes(Array.isArray(v) ? 'array' : 'object')
      : types.length === 0 ||
        types.includes(typeof v) ||
        (typeof v === 'number' && Number.isInteger(v) && types.includes('integer'));
  if (!raw.some((v) => v !== null && typeof v === 'object' && allowed(v))) return undefined;
  return raw.map((value) => ({
    value,
    excluded: value !== null && !allowed(value),
    exact: value === null ? undefined : exactSchema(value),
  }));
}

/**
 * The node of a `structuredEnum`: the union of each value's exact schema, nullable when null is
 * among the values or the type.
 */
function structuredEnumNode(schema: Json, pointer: string, ctx: SchemaContext): SchemaNode | undefined {
  const values = structuredEnum(schema);
  if (values === undefined) return undefined;
  const at = joinPointer(pointer, 'const' in schema ? 'const' : 'enum');
  const types = typeList(schema);
  const variants = values.flatMap(({ value, excluded, exact }, i): SchemaNode[] => {
    if (value === null) return []; // the node is nullable instead
    const where = joinPointer(at, i);
    if (excluded) {
      // A value its type excludes can match nothing, and is left out (as enumNode does).
      const message = `enum value ${JSON.stringify(value)} is outside type ${types.join(', ')}; left out`;
      report(ctx, 'enum-value-outside-type', message, where, 'warning');
      return [];
    }
    if (exact === undefined) {
      report(
        ctx,
        'enum-unsupported',
        `enum value ${JSON.stringify(value)} holds an array of different items, which needs a tuple type the generator does not write`,
        where,
      );
      return [];
    }
    return [toSchemaNode(exact, where, ctx)];
  });
  if (variants.length === 0) report(ctx, 'enum-empty', 'enum has no usable values', at);
  const nullable = types.includes('null') || schema.nullable === true || values.some((v) => v.value === null);
  return { kind: 'union', mode: 'anyOf', pointer, nullable, docs: docsOf(schema), variants };
}

/**
 * The schema that accepts exactly `value`: a literal as a one-value enum, an object with every
 * key required and no other, an array of its length whose items are all that one value.
 * Undefined for an array of different items (a tuple), which no schema here expresses.
 */
function exactSchema(value: unknown): Json | undefined {
  if (value === null || typeof value !== 'object') return { enum: [value] };
  if (Array.isArray(value)) {
    if (value.length === 0) return { type: 'array', maxItems: 0 };
    const [first] = value;
    if (value.some((item) => JSON.stringify(item) !== JSON.stringify(first))) return undefined;
    const item = exactSchema(first);
    return item && { type: 'array', items: item, minItems: value.length, maxItems: value.length };
  }
  const properties: Json = {};
  for (const [key, member] of Object.entries(value)) {
    const exact = exactSchema(member);
    if (exact === undefined) return undefined;
    properties[key] = exact;
  }
  return { type: 'object', properties, required: Object.keys(properties), additionalProperties: false };
}

/** `true`, `{}`, or a schema of annotations only: any value at all. */
function acceptsAnything(schema: unknown): boolean {
  return (
    schema === true ||
    (isObject(schema) && Object.keys(schema).every((k) => ANNOTATIONS.has(k) || k.startsWith('x-')))
  );
}

function refNode(schema: Json, pointer: string, ctx: SchemaContext): SchemaNode {
  const ref = schema.$ref as string;
  const name = ctx.schemaNameOfRef(ref);
  const docs = docsOf(schema);
  if (name === undefined) {
    // A schema elsewhere in the document (inside an operation, or a property of a named schema)
    // is read in place, as if written here; one that leads back to itself cannot be.
    const target = ref.startsWith('#/') ? ctx.lookup(ref) : undefined;
    const inlining = (ctx.inlining ??= new Set());
    if (target !== undefined && !inlining.has(ref)) {
      inlining.add(ref);
      try {
        const node = toSchemaNode(target, ref, ctx);
        return withSiblings({ ...node, docs: { ...node.docs, ...docs } }, schema, pointer, ctx);
      } finally {
        inlining.delete(ref);
      }
    }
    const at = joinPointer(pointer, '$ref');
    if (target !== undefined && ctx.nameRef) {
      // It leads back to itself, so it cannot be read in place: it gets a name of its own, as a
      // component would, and the loop goes through that name.
      const named = ctx.nameRef(ref, ctx);
      const message = `$ref ${ref} leads back to itself: named ${named}, as a component`;
      if (!ctx.diagnostics.some((d) => d.code === 'ref-named' && d.pointer === at))
        report(ctx, 'ref-named', message, at, 'warning');
      return withSiblings(
        { kind: 'ref', pointer, nullable: false, docs, schemaName: named },
        schema,
        pointer,
        ctx,
      );
    }
    // The same place is read once per schema that reaches it; say it once.
    if (!ctx.diagnostics.some((d) => d.code === 'ref-unsupported' && d.pointer === at))
      report(
        ctx,
        'ref-unsupported',
        target === undefined
          ? `$ref ${ref} does not name a schema in this document`
          : `$ref ${ref} leads back to itself and is not under #/components/schemas; move the schema there to name it`,
        at,
      );
    return { kind: 'unknown', pointer, nullable: true, docs };
  }
  const node: SchemaNode = { kind: 'ref', pointer, nullable: false, docs, schemaName: name };
  return withSiblings(node, schema, pointer, ctx);
}

/** 3.1 allows `$ref` beside other keywords; both must hold (3.0 ignores them). */
function withSiblings(node: SchemaNode, schema: Json, pointer: string, ctx: SchemaContext): SchemaNode {
  const { $ref: _ref, ...siblings } = schema;
  const constraining = Object.keys(siblings).filter((k) => HANDLED.has(k));
  const plain = { ...node, nullable: node.nullable || schema.nullable === true };
  if (constraining.length === 0) return plain;
  if (ctx.refSiblingsIgnored) {
    // OpenAPI 3.0 says keywords beside a `$ref` are ignored: `{$ref: Obj, type: string}` is Obj.
    // `nullable` is still read, as before: specs write it there meaning "or null". A place read
    // in place from several schemas is reported once.
    if (!ctx.diagnostics.some((d) => d.code === 'ref-siblings-ignored' && d.pointer === pointer))
      report(
        ctx,
        'ref-siblings-ignored',
        `OpenAPI 3.0 ignores keywords beside $ref; ${constraining.join(', ')} not applied`,
        pointer,
        'warning',
      );
    return plain;
  }
  // `{$ref: Name, maxLength: 6}`: the keywords alone have no type to read them by (they would
  // accept any value), so they take the target's, which the value must have anyway.
  const target = ctx.resolve(schema);
  const typed =
    siblings.type === undefined && isObject(target) && typeList(target).length > 0
      ? { type: target.type, ...siblings }
      : siblings;
  return {
    kind: 'allOf',
    pointer,
    nullable: false,
    docs: node.docs,
    parts: [{ ...node, docs: {} }, toSchemaNode(typed, pointer, ctx)],
  };
}

/**
 * `unevaluatedProperties` (JSON Schema 2020-12, so OpenAPI 3.1). `true` or `{}` allows every key,
 * as if it were absent. `false` allows only the keys that the keywords which validated the value
 * declared: this schema's `properties` and those its `allOf` parts and `$ref` reach, always, and
 * those of each `anyOf`/`oneOf` variant that matches. Over own properties alone that is
 * `additionalProperties: false`; otherwise the parts become an allOf that carries the keys
 * (`EvaluatedKeys`), which the guards check and the types cannot express. A schema in its place,
 * or keys that hang on an `anyOf`/`oneOf` further down, are refused.
 */
function closedNode(schema: Json, pointer: string, ctx: SchemaContext): SchemaNode {
  const { unevaluatedProperties: setting, ...rest } = schema;
  if (acceptsAnything(setting)) return toSchemaNode(rest, pointer, ctx);
  const refuse = (why: string) => {
    const message = `unevaluatedProperties ${why} is not supported by the generator`;
    report(ctx, 'keyword-unsupported', message, joinPointer(pointer, 'unevaluatedProperties'));
    return toSchemaNode(rest, pointer, ctx);
  };
  if (setting !== false) return refuse('given as a schema');
  const { anyOf: _anyOf, oneOf: _oneOf, discriminator, ...always } = rest;
  const unions = Object.keys(rest).filter(
    (k): k is 'anyOf' | 'oneOf' => (k === 'anyOf' || k === 'oneOf') && Array.isArray(rest[k]),
  );
  const keys = evaluatedKeys(always, ctx);
  const variantKeys = unions.map((k) => (rest[k] as unknown[]).map((v) => evaluatedKeys(v, ctx)));
  if (keys === 'all') return toSchemaNode(rest, pointer, ctx);
  if (keys === 'dynamic' || variantKeys.flat().includes('dynamic'))
    return refuse('over an anyOf or oneOf nested in a part or variant');
  const base = acceptsAnything(always) ? undefined : toSchemaNode(always, pointer, ctx);
  if (unions.length === 0 && base?.kind === 'object' && !('allOf' in always) && !('$ref' in always))
    return { ...base, additionalProperties: false };
  const when: EvaluatedKeys['when'] = [];
  const unionNodes = unions.map((k, u) => {
    const withDiscriminator = u === 0 && discriminator !== undefined ? { discriminator } : {};
    const node = compositionNode({ [k]: rest[k], ...withDiscriminator }, k, pointer, ctx) as UnionNode;
    node.variants.forEach((variant, i) => {
      const found = variantKeys[u]![i] as string[] | 'all';
      if (found === 'all' || found.length > 0) when.push({ variant, keys: found });
    });
    return node;
  });
  return {
    kind: 'allOf',
    pointer,
    nullable: false,
    docs: docsOf(schema),
    parts: [...(base ? [{ ...base, docs: {} }] : []), ...unionNodes],
    unevaluated: { keys, when },
  };
}

/**
 * The keys `schema` evaluates in every value it accepts; `all` when it evaluates every key (it has
 * `additionalProperties`, or its own `unevaluatedProperties`); `dynamic` when they depend on which
 * variant of an `anyOf`/`oneOf` (or branch of an `if`) matches.
 */
function evaluatedKeys(
  schema: unknown,
  ctx: SchemaContext,
  seen = new Set<string>(),
): string[] | 'all' | 'dynamic' {
  if (!isObject(schema)) return [];
  if (['additionalProperties', 'patternProperties', 'unevaluatedProperties'].some((k) => k in schema))
    return 'all';
  if (['anyOf', 'oneOf', 'if', 'dependentSchemas'].some((k) => k in schema)) return 'dynamic';
  const keys = new Set(isObject(schema.properties) ? Object.keys(schema.properties) : []);
  const parts = Array.isArray(schema.allOf) ? [...(schema.allOf as unknown[])] : [];
  if (typeof schema.$ref === 'string' && !seen.has(schema.$ref)) {
    seen.add(schema.$ref);
    parts.push(ctx.lookup(schema.$ref));
  }
  let dynamic = false;
  for (const part of parts) {
    const found = evaluatedKeys(part, ctx, seen);
    if (found === 'all') return 'all';
    if (found === 'dynamic') dynamic = true;
    else for (const key of found) keys.add(key);
  }
  return dynamic ? 'dynamic' : [...keys];
}

function compositionNode(
  schema: Json,
  keyword: (typeof COMPOSITIONS)[number],
  pointer: string,
  ctx: SchemaContext,
): SchemaNode {
  const list = schema[keyword] as unknown[];
  const nodes = list.map((s, i) => toSchemaNode(s, joinPointer(pointer, keyword, i), ctx));
  const docs = docsOf(schema);
  const nullable = schema.nullable === true;
  if (keyword === 'allOf') return { kind: 'allOf', pointer, nullable, docs, parts: nodes };
  const discriminator = discriminatorOf(schema, list, nodes, pointer, ctx);
  return {
    kind: 'union',
    mode: keyword,
    pointer,
    nullable,
    docs,
    variants: keyword === 'oneOf' && !discriminator ? withoutDuplicates(nodes, pointer, ctx) : nodes,
    ...(discriminator ? { discriminator } : {}),
  };
}

/**
 * A `oneOf`'s variants less those that check the same as an earlier one: any value one accepts,
 * the other does too, so no such value could match exactly one of them. journy.io's event
 * metadata lists `{type: string}` and `{type: string, format: datetime}` (a format nothing
 * checks), App Store Connect lists one `$ref` twice; read strictly, neither takes any string or
 * any such item. The duplicate is dropped, with a warning.
 */
function withoutDuplicates(variants: SchemaNode[], pointer: string, ctx: SchemaContext): SchemaNode[] {
  const seen = new Map<string, number>();
  return variants.filter((variant, i) => {
    const key = checkedShape(variant);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, i);
      return true;
    }
    report(
      ctx,
      'oneOf-duplicate',
      `variant ${i} accepts the same values as variant ${first}, so none of them could match exactly one; variant ${i} is left out`,
      joinPointer(pointer, 'oneOf', i),
      'warning',
    );
    return false;
  });
}

/** What a guard checks of a node, as text: no pointers, no docs, no format nothing checks. */
function checkedShape(node: SchemaNode): string {
  return JSON.stringify(node, function (this: { kind?: unknown }, key, value: unknown) {
    if (key === 'pointer' || key === 'docs') return undefined;
    const unchecked = this.kind === 'string' && typeof value === 'string' && !isCheckedStringFormat(value);
    return key === 'format' && unchecked ? undefined : value;
  });
}

function discriminatorOf(
  schema: Json,
  rawVariants: unknown[],
  variants: SchemaNode[],
  pointer: string,
  ctx: SchemaContext,
) {
  const d = schema.discriminator;
  if (!isObject(d)) return undefined;
  const at = joinPointer(pointer, 'discriminator');
  if (typeof d.propertyName !== 'string') {
    report(ctx, 'discriminator-invalid', 'discriminator has no propertyName', at);
    return undefined;
  }
  // A discriminant is a property, so only objects carry one: over enums or strings (Telnyx puts
  // one on a oneOf of language enums) it would demand an object no value can be. The union stays,
  // undiscriminated.
  const scalar = rawVariants.findIndex((v) => !mayBeObject(v, ctx));
  if (scalar >= 0) {
    report(
      ctx,
      'discriminator-ignored',
      `discriminator ${d.propertyName} ignored: variant ${scalar} is not an object, so it cannot carry the property`,
      at,
      'warning',
    );
    return undefined;
  }
  // A mapping names variants by `$ref`, and the implicit mapping by component name: a variant
  // written inline has neither (mailchimp's segment conditions), so no discriminant value could
  // lead to it. The union is checked variant by variant instead, as JSON Schema reads it.
  const inline = variants.findIndex((v) => v.kind !== 'ref');
  if (inline >= 0) {
    report(
      ctx,
      'discriminator-ignored',
      `discriminator ${d.propertyName} ignored: variant ${inline} is written inline, so no discriminator value can name it`,
      at,
      'warning',
    );
    return undefined;
  }
  const mapping: Array<{ value: string; schemaName: string }> = [];
  if (isObject(d.mapping)) {
    for (const [value, ref] of Object.entries(d.mapping)) {
      // A mapping value is a $ref, or the name of a schema under #/components/schemas.
      const schemaName =
        typeof ref !== 'string'
          ? undefined
          : (ctx.schemaNameOfRef(ref) ??
            (/[#/]/.test(ref) ? undefined : ctx.schemaNameOfRef(joinPointer('#/components/schemas', ref))));
      if (schemaName) mapping.push({ value, schemaName });
      else
        report(
          ctx,
          'discriminator-invalid',
          `mapping ${value} → ${String(ref)} does not name a schema`,
          joinPointer(at, 'mapping', value),
        );
    }
  }
  // A variant the mapping does not name keeps its implicit value, the schema name (OpenAPI 3.x):
  // just-eat.co.uk maps `Percent` and leaves `ActiveConsumerOffer` to its name.
  const mapped = new Set(mapping.map((m) => m.schemaName));
  for (const v of variants)
    if (v.kind === 'ref' && !mapped.has(v.schemaName))
      mapping.push({ value: v.schemaName, schemaName: v.schemaName });
  const inUnion = new Set(variants.flatMap((v) => (v.kind === 'ref' ? [v.schemaName] : [])));
  for (const m of mapping) {
    if (!inUnion.has(m.schemaName))
      report(
        ctx,
        'discriminator-invalid',
        `mapping ${m.value} names ${m.schemaName}, which is not one of the variants`,
        at,
      );
  }
  return { propertyName: d.propertyName, mapping };
}

/** False when a schema cannot be an object: an enum or const of scalars, or a type without `object`. */
export function mayBeObject(schema: unknown, ctx: SchemaContext, depth = 0): boolean {
  const s = ctx.resolve(schema);
  if (!isObject(s) || depth > 20) return true;
  if ('const' in s || Array.isArray(s.enum)) {
    const values = 'const' in s ? [s.const] : (s.enum as unknown[]);
    return values.some((v) => isObject(v));
  }
  const types = typeList(s);
  if (types.length > 0 && !types.includes('object')) return false;
  const parts = (k: string): unknown[] => (Array.isArray(s[k]) ? (s[k] as unknown[]) : []);
  if (parts('allOf').some((p) => !mayBeObject(p, ctx, depth + 1))) return false;
  for (const k of ['oneOf', 'anyOf'])
    if (parts(k).length > 0 && parts(k).every((p) => !mayBeObject(p, ctx, depth + 1))) return false;
  return true;
}

function enumNode(schema: Json, pointer: string, ctx: SchemaContext): EnumNode {
  const raw = 'const' in schema ? [schema.const] : schema.enum;
  const at = joinPointer(pointer, 'const' in schema ? 'const' : 'enum');
  const types = typeList(schema);
  const coerced: string[] = [];
  const outside: Array<[message: string, pointer: string]> = [];
  const read = (Array.isArray(raw) ? raw : []).flatMap((v, i): JsonLiteral[] => {
    const ok = v === null || ['string', 'number', 'boolean'].includes(typeof v);
    const jsonType =
      v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v;
    if (!ok && (types.length === 0 || types.includes(jsonType))) {
      report(
        ctx,
        'enum-unsupported',
        `enum value ${JSON.stringify(v)} is not a string, number, boolean or null`,
        joinPointer(at, i),
      );
      return [];
    }
    // A value its type allows stays; so does every literal when the type allows none (mercedes-benz
    // writes `type: object` beside a string enum: the values say what is meant).
    const primitive = types.some((t) => ['string', 'number', 'integer', 'boolean'].includes(t));
    if (
      ok &&
      (v === null ||
        !primitive ||
        types.includes(jsonType) ||
        (jsonType === 'number' && types.includes('integer') && Number.isInteger(v)))
    )
      return [v as JsonLiteral];
    // `type: integer` beside `enum: ["0", "1"]` (bungie.net), `type: string` beside `[1, 2]`
    // (bhagavadgita.io's path parameter): no value can match both, and the spec plainly means
    // the values in its type. A value with one reading there takes it; any other is left out.
    const reading = ok ? readAs(v as string | number | boolean, types) : undefined;
    if (reading !== undefined) {
      coerced.push(`${JSON.stringify(v)} as ${JSON.stringify(reading)}`);
      return [reading];
    }
    outside.push([
      `enum value ${JSON.stringify(v)} is ${jsonType === 'array' || jsonType === 'object' ? 'an' : 'a'} ${jsonType}, which type ${types.join(', ')} excludes: no value can match it, so it is left out`,
      joinPointer(at, i),
    ]);
    return [];
  });
  // When no value has a reading in the type (probely.com: `type: integer` beside word values),
  // the type is the slip: the values stay as written, as the spec's only clear word.
  const literals = (Array.isArray(raw) ? raw : []).filter(
    (v): v is JsonLiteral => v === null || ['string', 'number', 'boolean'].includes(typeof v),
  );
  const asWritten = read.length === 0 && literals.length > 0;
  if (!asWritten)
    for (const [message, where] of outside) report(ctx, 'enum-value-outside-type', message, where, 'warning');
  if (asWritten)
    report(
      ctx,
      'enum-value-outside-type',
      `no enum value is of type ${types.join(', ')}: the values are kept as written, and the type is ignored`,
      at,
      'warning',
    );
  // `[1, "1"]` under `type: string` is one value.
  const values = [...new Set(asWritten ? literals : read)];
  if (coerced.length)
    report(
      ctx,
      'enum-value-outside-type',
      `enum values outside type ${types.join(', ')}, read in that type: ${coerced.join(', ')}`,
      at,
      'warning',
    );
  if (values.length === 0) report(ctx, 'enum-empty', 'enum has no usable values', at);
  const baseType = types.find((t) => t !== 'null') as EnumNode['baseType'];
  const nullable = values.includes(null) || types.includes('null') || schema.nullable === true;
  if (values.includes(null) && types.length > 0 && !types.includes('null') && schema.nullable !== true) {
    // Telnyx writes `type: string` with `null` among the values (and `default: null`): the intent is
    // plainly "nullable". Strict JSON Schema would reject null; the spec's values win.
    report(
      ctx,
      'enum-null-outside-type',
      `enum lists null but type is ${types.join(', ')}; null is accepted`,
      at,
      'warning',
    );
  }
  const node: EnumNode = { kind: 'enum', pointer, nullable, docs: docsOf(schema), values };
  return baseType && !asWritten && ['string', 'number', 'integer', 'boolean'].includes(baseType)
    ? { ...node, baseType }
    : node;
}

/**
 * An enum value as the declared type reads it, when it has exactly one reading there: a numeric
 * string as a number (an integer only when whole), a number or a boolean as its string, `"true"`
 * and `"false"` as booleans.
 */
function readAs(value: string | number | boolean, types: string[]): JsonLiteral | undefined {
  if (typeof value === 'string') {
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(value) ? Number(value) : NaN;
    if (types.includes('integer') && Number.isSafeInteger(number)) return number;
    if (types.includes('number') && Number.isFinite(number)) return number;
    if (types.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
    return undefined;
  }
  return types.includes('string') ? String(value) : undefined;
}

/**
 * The JSON types a value of these compositions can have, where the parts say: those of a typed
 * `allOf` part (the value must have them anyway), or of every variant of a union when each has
 * a `type`. Empty when they do not say.
 */
function compositionTypes(schema: Json, compositions: readonly string[], ctx: SchemaContext): string[] {
  for (const keyword of compositions) {
    const lists = (schema[keyword] as unknown[]).map((part) => {
      const target = ctx.resolve(part);
      return isObject(target) ? typeList(target) : [];
    });
    if (keyword === 'allOf') {
      const typed = lists.find((list) => list.length > 0);
      if (typed) return typed;
    } else if (lists.every((list) => list.length > 0)) return [...new Set(lists.flat())];
  }
  return [];
}

function hasOwnShape(schema: Json): boolean {
  return ['type', 'properties', 'required', 'enum', 'const', 'items', 'additionalProperties'].some(
    (k) => k in schema,
  );
}

export function docsOf(schema: Json): Docs {
  const docs: Docs = {};
  if (typeof schema.title === 'string') docs.title = schema.title;
  if (typeof schema.description === 'string') docs.description = schema.description;
  if ('default' in schema) docs.default = schema.default;
  if ('example' in schema) docs.example = schema.example;
  else if (Array.isArray(schema.examples) && schema.examples.length > 0) docs.example = schema.examples[0];
  if (schema.deprecated === true) docs.deprecated = true;
  return docs;
}

/**
 * A JSON Schema keyword the model does not implement (`not`, `if`, `patternProperties`, …) would
 * make the types and guards accept what the spec refuses: an error. Any other key means nothing
 * to a schema; the lint step has warned about it (`keyword-unknown`), and it is ignored here.
 */
function reportUnsupportedKeywords(schema: Json, pointer: string, ctx: SchemaContext): void {
  for (const key of Object.keys(schema)) {
    if (HANDLED.has(key) || ANNOTATIONS.has(key) || !SCHEMA_ASSERTION_KEYWORDS.has(key)) continue;
    report(
      ctx,
      'keyword-unsupported',
      `schema keyword "${key}" is not supported by the generator`,
      joinPointer(pointer, key),
    );
  }
}

export function report(
  ctx: SchemaContext,
  code: string,
  message: string,
  pointer: string,
  severity: 'error' | 'warning' = 'error',
) {
  ctx.diagnostics.push({ code, severity, message, pointer });
}
