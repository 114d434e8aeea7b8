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
  transformSchema,
  type GlobalContext,
  type OpenAPI3,
  type OpenAPITSOptions,
} from 'openapi-typescript';
import type { GeneratedFile } from './file.js';

const PREAMBLE = `/**
 * openapi-typescript's types for this package's fragment of the Telnyx spec, for openapi-fetch:
 * \`createClient<paths>({ baseUrl })\`. Type-only: importing this entry loads no code.
 */

`;

/** The file, or an error naming the spec when openapi-typescript cannot convert it. */
export function emitOpenApiTypes(document: unknown, specFile: string): GeneratedFile {
  // transformSchema may annotate the objects it walks; the model was built from `document`.
  const schema = structuredClone(document) as OpenAPI3;
  const options: OpenAPITSOptions = { silent: true };
  const ctx: GlobalContext = {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    defaultNonNullable: false,
    discriminators: scanDiscriminators(schema, options),
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
      content: PREAMBLE + astToString(transformSchema(schema, ctx)),
      preformatted: true,
    };
  } catch (err) {
    throw new Error(`openapi-typescript could not convert ${specFile}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}
