/**
 * `src/openapi.ts`: openapi-typescript's `paths`, `components`, `operations` and `webhooks` types
 * for the same fragment, for users who call the API through openapi-fetch
 * (`createClient<paths>()`). Type-only, so the entry costs nothing at run time.
 *
 * This calls openapi-typescript's `transformSchema` rather than its `openapiTS` wrapper. The
 * wrapper is async and first lints and bundles the spec with Redocly; here the spec is one file
 * that the lint step has already checked, and a synchronous call keeps the emit step streaming
 * files to the formatter. The options are openapiTS's defaults, spelled out, except one:
 * `defaultNonNullable: false`. With it on, a field that has a `default` becomes required, and a
 * request body such as SpeakRequest would demand `payload_type`, `service_level` and
 * `target_legs`, which the API fills in when they are left out. *
 * The file keeps openapi-typescript's own layout (TypeScript's printer: four-space indents,
 * double quotes, a union on one line), which is what its users commit, and skips prettier. It
 * is as line-stable as prettier's layout (one member per line, so a spec change touches only
 * its lines) and prettier's pass over it cost a fifth of the format step: 4 MB of Telnyx's
 * whole spec, and 14 s and 570 MB for GitHub's 5.5 MB copy.
 */
import {
  astToString,
  resolveRef,
  scanDiscriminators,
  stringToAST,
  transformSchema,
  type GlobalContext,
  type OpenAPI3,
  type OpenAPITSOptions,
} from 'openapi-typescript';
import { escapePointerToken, parsePointer } from '../core/diagnostics.js';
import { type Json, valueAt } from '../core/json.js';
import { deepRefName } from '../core/names.js';
import { structuredEnum } from '../ir/schema.js';
import type { GeneratedFile } from './file.js';

const PREAMBLE = `/**
 * openapi-typescript's types for this package's spec, for openapi-fetch:
 * \`createClient<paths>({ baseUrl })\`. Type-only: importing this entry loads no code.
 */

`;

/** The file, or an error naming the spec when openapi-typescript cannot convert it. */
export function emitOpenApiTypes(
  document: unknown,
  specFile: string,
  refNames: ReadonlyMap<string, string> = new Map(),
): GeneratedFile {
  // transformSchema may annotate the objects it walks; the model was built from `document`.
  const copy = structuredEnums(enumsOverTypes(withoutWebhookExtensions(structuredClone(document))));
  const schema = inlineDeepRefs(copy, refNames) as OpenAPI3;
  const options: OpenAPITSOptions = { silent: true };
  const ctx: GlobalContext = {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    defaultNonNullable: false,
    discriminators: declaredDiscriminants(scanDiscriminators(schema, options), schema),
    emptyObjectsUnknown: false,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    // Read only by openapiTS's lint-and-bundle step, which this file does not run (see above).
    redoc: undefined as unknown as GlobalContext['redoc'],
    silent: true,
    transform: undefined,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve: <T>($ref: string) => resolveRef<T>(schema, $ref, { silent: true }),
  };
  try {
    return {
      path: 'src/openapi.ts',
      content: PREAMBLE + astToString(transformSchema(schema, ctx).map(nullSafeHelper)),
      preformatted: true,
    };
  } catch (err) {
    throw new Error(`openapi-typescript could not convert ${specFile}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

/**
 * openapi-typescript's `WithRequired<T, K>` (for `allOf` beside `required`) needs `K` to be keys
 * of `T`, and a nullable `T` has none: plaid.com's `Cause`, `allOf: [PlaidError, …]` with
 * PlaidError nullable, did not compile. This one takes the keys of `T` without null, and leaves
 * `null` as it is (the `allOf`'s other parts decide whether it stays).
 */
type Node = ReturnType<typeof transformSchema>[number];
let withRequired: Node | undefined;

/** The helper in place of openapi-typescript's; its footer declares nothing else by that name. */
function nullSafeHelper(node: Node): Node {
  if ((node as { name?: { escapedText?: unknown } }).name?.escapedText !== 'WithRequired') return node;
  return (withRequired ??= stringToAST(
    'type WithRequired<T, K extends keyof NonNullable<T>> = T extends null ? T : T & { [P in K & keyof T]-?: T[P] };',
  )[0] as Node);
}

/**
 * openapi-typescript writes a `$ref` as an indexed access type along its pointer, which is
 * wrong for a target that is not a component (`#/components/schemas/X/properties/y` becomes
 * `components["schemas"]["X"]["properties"]["y"]`, a member the type has not). The model reads
 * such a target in place (ir/schema.ts refNode); so does this copy, given to openapi-typescript.
 * A target that leads back to itself is a component here, under the name the model gave it
 * (`refNames`, by `$ref`; a cycle the model met at another of its `$ref`s gets one made the same
 * way), and the loop is a `$ref` to it.
 */
function inlineDeepRefs(doc: unknown, refNames: ReadonlyMap<string, string>): unknown {
  const inlining = new Set<string>();
  const named = new Map(refNames);
  const component = (ref: string): string => {
    // Made only when needed: a spec without components keeps openapi-typescript's output as it was.
    const schemas: Record<string, unknown> = (((doc as Record<string, any>).components ??= {}).schemas ??=
      {});
    let name = named.get(ref);
    if (name === undefined) {
      const wanted = deepRefName(ref);
      name = wanted;
      for (let n = 2; Object.hasOwn(schemas, name); n++) name = `${wanted}${n}`;
      named.set(ref, name);
    }
    if (!Object.hasOwn(schemas, name)) {
      schemas[name] = {}; // taken before the visit, which may come back here
      const saved = [...inlining];
      inlining.clear();
      inlining.add(ref);
      schemas[name] = visit(structuredClone(valueAt(doc, ref)));
      inlining.clear();
      for (const r of saved) inlining.add(r);
    }
    return `#/components/schemas/${escapePointerToken(name)}`;
  };
  const visit = (node: unknown): unknown => {
    if (typeof node !== 'object' || node === null) return node;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const visited = visit(node[i]);
        if (visited !== node[i]) node[i] = visited;
      }
      return node;
    }
    const record = node as Record<string, unknown>;
    const ref = record.$ref;
    const loops = typeof ref === 'string' && (named.has(ref) || inlining.has(ref));
    if (loops && isDeepRef(ref) && valueAt(doc, ref) !== undefined)
      return { ...record, $ref: component(ref) };
    if (typeof ref === 'string' && isDeepRef(ref) && !inlining.has(ref)) {
      const target = valueAt(doc, ref);
      if (target !== undefined) {
        inlining.add(ref);
        const { $ref: _ref, ...siblings } = record;
        const copy = visit(structuredClone(target));
        inlining.delete(ref);
        // Keywords beside the $ref (3.1) still hold: both as allOf, as the model reads them.
        return Object.keys(siblings).length === 0 ? copy : { allOf: [copy, visit(siblings)] };
      }
    }
    for (const key of Object.keys(record)) {
      const value = record[key];
      const visited = visit(value);
      if (visited !== value) record[key] = visited;
    }
    return record;
  };
  return visit(doc);
}

/**
 * `type: object` beside `enum: [PKW, VAN]` (mercedes-benz.com): no value is of the type, and
 * openapi-typescript stops with an internal error on it. The model reads the values (ir/schema.ts
 * enumNode), so this copy drops the `type` there and openapi-typescript reads them too.
 */
function enumsOverTypes(doc: unknown): unknown {
  const jsonType = (v: unknown) =>
    v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? 'number' : typeof v;
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) return node.forEach(visit);
    const record = node as Record<string, unknown>;
    const types = typeof record.type === 'string' ? [record.type] : record.type;
    if (Array.isArray(record.enum) && Array.isArray(types) && record.enum.length > 0) {
      const allowed = new Set(types.flatMap((t) => (t === 'integer' ? ['number'] : [t])));
      if (!record.enum.some((v) => allowed.has(jsonType(v)))) delete record.type;
    }
    Object.values(record).forEach(visit);
  };
  visit(doc);
  return doc;
}

/**
 * openapi-typescript adds the discriminator property, required, to each schema that extends a
 * discriminated one through `allOf`, even where the schema declares that property itself: Apple's
 * SiriKit specs declare `class` on every result type, and openapi.ts declared it twice and did not
 * compile. Such a schema is marked handled, so its own declaration stands alone.
 */
function declaredDiscriminants(
  found: GlobalContext['discriminators'],
  schema: OpenAPI3,
): GlobalContext['discriminators'] {
  for (const [ref, discriminator] of Object.entries(found.objects)) {
    if (found.refsHandled.includes(ref) || !ref.startsWith('#/')) continue;
    const target = valueAt(schema, ref) as Json | undefined;
    const properties = target?.properties;
    if (
      typeof properties === 'object' &&
      properties !== null &&
      Object.hasOwn(properties, discriminator.propertyName) &&
      !target?.discriminator
    )
      found.refsHandled.push(ref);
  }
  return found;
}

/**
 * An enum of objects or arrays (Docker Engine's `enum: [{}]`) becomes the `oneOf` of each value's
 * exact schema, as the model reads it: openapi-typescript would read each value as a schema, and
 * stops at one that is a string. Only the annotations stay beside it.
 */
function structuredEnums(doc: unknown): unknown {
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) return node.forEach(visit);
    const record = node as Record<string, unknown>;
    Object.values(record).forEach(visit);
    const values = structuredEnum(record as Json);
    if (values === undefined) return;
    const nullable = values.some((v) => v.value === null) || record.nullable === true;
    for (const key of Object.keys(record)) if (!ANNOTATIONS.has(key)) delete record[key];
    record.oneOf = values.flatMap((v) => (v.value !== null && !v.excluded && v.exact ? [v.exact] : []));
    if (nullable) record.nullable = true;
  };
  visit(doc);
  return doc;
}

const ANNOTATIONS = new Set([
  'title',
  'description',
  'deprecated',
  'readOnly',
  'writeOnly',
  'example',
  'examples',
]);

/**
 * An `x-` entry of the webhooks map that is no path item (`x-sdk-exclude: true`) is left out, as
 * the model leaves it (ir/webhooks.ts); openapi-typescript would type it as a webhook.
 */
function withoutWebhookExtensions(doc: unknown): unknown {
  for (const key of ['webhooks', 'x-webhooks']) {
    const map = (doc as Record<string, unknown>)[key];
    if (typeof map !== 'object' || map === null) continue;
    for (const [name, item] of Object.entries(map))
      if (name.startsWith('x-') && (typeof item !== 'object' || item === null))
        delete (map as Record<string, unknown>)[name];
  }
  return doc;
}

/** A local `$ref` whose target is not a component of its own (`#/components/<kind>/<name>`). */
function isDeepRef(ref: string): boolean {
  if (!ref.startsWith('#/')) return false;
  const tokens = parsePointer(ref);
  return !(tokens[0] === 'components' && tokens.length === 3);
}
