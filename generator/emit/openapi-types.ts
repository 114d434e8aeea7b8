/**
 * `src/openapi.ts`: the spec-shaped `paths` / `components` / `webhooks` / `operations` types from
 * openapi-typescript, for users who work with the raw spec (e.g. with openapi-fetch) and as a
 * second opinion on our own schema types (a type test checks that the two agree).
 */
import type { GeneratedFile } from './file.js';

export async function emitOpenApiTypes(document: unknown): Promise<GeneratedFile> {
  // Loaded on demand: it brings the TypeScript compiler with it.
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const nodes = await openapiTS(document as Parameters<typeof openapiTS>[0], {
    silent: true,
    // A `default` does not make a field required in what we send.
    defaultNonNullable: false,
    alphabetize: true,
  });
  return { path: 'src/openapi.ts', content: astToString(nodes) };
}
