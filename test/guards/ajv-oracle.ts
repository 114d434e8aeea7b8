/**
 * ajv 8 (draft 2020-12, the dialect of OpenAPI 3.1) compiled on the same schemas as the guards,
 * as an independent oracle. The spec's `components.schemas` become the `$defs` of one bundle
 * (`#/components/schemas/X` refs rewritten to `#/$defs/X`); inline response schemas the model
 * hoisted to names are added to `$defs` under those names.
 *
 * Adjustments, each because the spec (or the generator's documented config) wins over ajv:
 *  - `example` is stripped (ajv's strict mode would flag it; it never constrains).
 *  - `discriminator.mapping` is stripped: ajv refuses it ("mapping is not supported") and derives
 *    the same value → variant table from each variant's `type` enum, which Telnyx's spec has.
 *  - `spec/naming.yaml` `webhooks.alwaysPresent` paths are added to `required`, as the model does.
 *  - `enum-null-outside-type` (enum lists null, `type` does not): `"null"` is added to `type`, the
 *    IR's reading. (No schema in today's spec needs it: `language_boost` says `[string, "null"]`.)
 *  - A schema with `properties` but no `type` gets `type: object`: the IR reads it as an object
 *    (so do the generated types) and the guards follow the IR; JSON Schema alone would let any
 *    non-object through (`call-control_Error` is such a schema).
 *  - A `oneOf` with a `discriminator` gets `type: object`: with `discriminator: true` ajv skips the
 *    `oneOf` and its discriminator keyword only looks at objects, so it would accept `42`, which
 *    matches none of the (object) variants.
 *  - ajv-formats' `int64` only checks integerness; the spec means the 64-bit range, so the
 *    oracle's `int64` checks −2^63 ≤ x < 2^63 like the guards.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import type { Diagnostic } from '../../generator/core/diagnostics.ts';
import { parsePointer } from '../../generator/core/diagnostics.ts';
import type { Model } from '../../generator/ir/types.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule.default;

const BUNDLE_ID = 'https://guards.test/voice-media';

/** Deep copy with OpenAPI-only keywords removed and refs pointed into the bundle. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!isObject(node)) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'example') continue;
    const impliesObject = (key === 'properties' || key === 'discriminator') && !('type' in node);
    if (impliesObject) out.type = 'object';
    if (key === '$ref' && typeof value === 'string')
      out.$ref = value.replace('#/components/schemas/', '#/$defs/');
    else if (key === 'discriminator' && isObject(value))
      out.discriminator = { propertyName: value.propertyName };
    else out[key] = toJsonSchema(value);
  }
  return out;
}

function at(doc: unknown, pointer: string): unknown {
  let node = doc;
  for (const token of parsePointer(pointer))
    node = isObject(node) || Array.isArray(node) ? (node as Json)[token] : undefined;
  return node;
}

/** A hoisted inline schema's pointer names the response (or body); the schema is its JSON content. */
function inlineSchema(doc: Json, pointer: string): unknown {
  let node = at(doc, pointer);
  while (isObject(node) && typeof node.$ref === 'string' && !node.$ref.startsWith('#/components/schemas/'))
    node = at(doc, node.$ref);
  const content = isObject(node) && isObject(node.content) ? node.content['application/json'] : undefined;
  return isObject(content) && 'schema' in content ? content.schema : node;
}

/**
 * An operation's params object (query, header, cookie) or path parameters object (shared by the
 * operations of a path; the first one's): each parameter's schema (as the spec wrote it) under its
 * name; path parameters are all required.
 */
function paramsSchema(doc: Json, model: Model, name: string): Json {
  const op = model.operations.find((o) => o.paramsSchemaName === name || o.pathParamsSchemaName === name)!;
  const params = op.paramsSchemaName === name ? op.params : op.pathParams;
  const properties = Object.fromEntries(params.map((p) => [p.name, (at(doc, p.pointer) as Json).schema]));
  return { type: 'object', properties, required: params.filter((p) => p.required || p.in === 'path').map((p) => p.name) };
}

/**
 * ajv compiles a `discriminator` only when every `oneOf` variant declares the tag property
 * itself; a variant that is a union of its own (Telnyx's Deepgram config) stops compilation.
 * There the keyword goes, and ajv checks the plain `oneOf` plus what a discriminator adds in
 * OpenAPI: the tag must be present and one of the mapped values.
 */
function dropDiscriminatorsAjvCannotCompile(node: unknown, defs: Json): void {
  if (Array.isArray(node)) return node.forEach((n) => dropDiscriminatorsAjvCannotCompile(n, defs));
  if (!isObject(node)) return;
  const d = node.discriminator;
  if (isObject(d) && Array.isArray(node.oneOf)) {
    const declares = (variant: unknown): boolean => {
      let v = variant;
      while (isObject(v) && typeof v.$ref === 'string') v = defs[v.$ref.replace('#/$defs/', '')];
      return isObject(v) && isObject(v.properties) && String(d.propertyName) in v.properties;
    };
    if (!node.oneOf.every(declares)) {
      delete node.discriminator;
      const tag = String(d.propertyName);
      node.required = [...(Array.isArray(node.required) ? node.required : []), tag];
      if (isObject(d.mapping)) node.properties = { ...(isObject(node.properties) ? node.properties : {}), [tag]: { enum: Object.keys(d.mapping) } };
    }
  }
  for (const child of Object.values(node)) dropDiscriminatorsAjvCannotCompile(child, defs);
}

function applyAlwaysPresent(defs: Json, model: Model, paths: string[]): void {
  for (const event of model.webhooks) {
    for (const path of paths) {
      let schema = defs[event.schemaName];
      for (const token of path.split('.')) {
        while (isObject(schema) && typeof schema.$ref === 'string')
          schema = defs[schema.$ref.replace('#/$defs/', '')];
        if (!isObject(schema)) break;
        const required = Array.isArray(schema.required) ? schema.required : [];
        if (!required.includes(token)) schema.required = [...required, token];
        schema = isObject(schema.properties) ? schema.properties[token] : undefined;
      }
    }
  }
}

/** Where the IR read "nullable" into an enum whose `type` forgot null, the oracle does too. */
function applyNullableEnums(bundle: Json, diagnostics: Diagnostic[]): void {
  for (const d of diagnostics.filter((d) => d.code === 'enum-null-outside-type')) {
    const pointer = d.pointer.replace('#/components/schemas/', '#/$defs/').replace(/\/enum$/, '');
    const schema = at(bundle, pointer);
    if (isObject(schema))
      schema.type = [...(Array.isArray(schema.type) ? schema.type : [schema.type]), 'null'];
  }
}

export interface Oracle {
  validatorFor(schemaName: string): ValidateFunction;
  ajv: Ajv2020;
  bundle: Json;
}

export function buildOracle(model: Model, diagnostics: Diagnostic[], ajvOptions: { code?: { source: boolean; esm?: boolean }; allErrors?: boolean } = {}): Oracle {
  const doc = parse(readFileSync('spec/voice-media.yaml', 'utf8')) as Json;
  const naming = parse(readFileSync('spec/naming.yaml', 'utf8')) as {
    webhooks?: { alwaysPresent?: string[] };
  };
  const components = ((doc.components as Json).schemas ?? {}) as Json;
  const defs = toJsonSchema(components) as Json;
  for (const named of model.schemas) {
    if (named.origin === 'parameters') defs[named.name] = toJsonSchema(paramsSchema(doc, model, named.name));
    else if (named.origin !== 'component') defs[named.name] = toJsonSchema(inlineSchema(doc, named.pointer));
  }
  applyAlwaysPresent(defs, model, naming.webhooks?.alwaysPresent ?? []);
  const bundle: Json = { $id: BUNDLE_ID, $defs: defs };
  applyNullableEnums(bundle, diagnostics);
  dropDiscriminatorsAjvCannotCompile(bundle, defs);
  const ajv = new Ajv2020({ strict: false, allErrors: true, discriminator: true, logger: false, ...ajvOptions });
  addFormats(ajv);
  ajv.addFormat('int64', {
    type: 'number',
    validate: (x: number) => Number.isInteger(x) && x >= -(2 ** 63) && x < 2 ** 63,
  });
  ajv.addSchema(bundle);
  const cache = new Map<string, ValidateFunction>();
  return {
    ajv,
    bundle,
    validatorFor(schemaName) {
      let validate = cache.get(schemaName);
      if (!validate) {
        validate = ajv.getSchema(`${BUNDLE_ID}#/$defs/${encodeURIComponent(schemaName)}`)!;
        cache.set(schemaName, validate);
      }
      return validate;
    },
  };
}
