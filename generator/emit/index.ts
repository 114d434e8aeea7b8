/**
 * The emit step: every file of the package from the model. Files come out one at a time, the
 * ones prettier still formats first: a formatter on another thread works on them (see
 * `GenerateServices.format`) while this one writes the guards and openapi-typescript's types,
 * which are already in their final layout.
 */
import type { Diagnostic } from '../core/diagnostics.js';
import type { Json } from '../core/json.js';
import { withUniqueOperationIds } from '../ir/operation-ids.js';
import type { NamingConfig } from '../ir/naming-config.js';
import type { Model } from '../ir/types.js';
import type { GeneratedFile } from './file.js';
import { emitGuards } from './guards/index.js';
import { changelogFile, emitPackageFiles } from './package/package.js';
import { emitOpenApiTypes } from './openapi.js';
import { createRenderer, type TemplateSet } from './package/render.js';
import { emitRuntime, type RuntimeFiles } from './runtime.js';
import { emitSchemaTypes } from './types/schemas.js';

export interface Emitted {
  /** Produced as they are read; read them once. */
  files: Iterable<GeneratedFile>;
  /**
   * What the emitters found (guards that cannot enforce a format, say). Complete once `files`
   * has been read to the end: the guards, which report them, are written after the files the
   * formatter needs first.
   */
  diagnostics: Diagnostic[];
}

export function emitPackage(
  model: Model,
  /** The parsed spec the model was built from; only openapi-typescript's types read it. */
  document: unknown,
  naming: NamingConfig,
  templates: TemplateSet,
  runtime: RuntimeFiles,
  changelog?: string,
): Emitted {
  const render = createRenderer(templates);
  const diagnostics: Diagnostic[] = [];
  function* files(): Generator<GeneratedFile> {
    // The package files first: they are ready in a tenth of a second, and the formatter works on
    // them while ts-morph loads and writes schemas.ts, the largest file it formats.
    yield* emitPackageFiles(model, naming, render);
    // ts-morph writes one declaration per top-level statement, blank lines only between them.
    yield { path: 'src/schemas.ts', content: emitSchemaTypes(model), statementsAtBlankLines: true };
    // Then the guards, laid out here while the formatter works on schemas.ts.
    if (naming.guards !== 'none') {
      const guards = emitGuards(model, naming.guards);
      diagnostics.push(...guards.diagnostics);
      yield* guards.files;
    }
    yield* emitRuntime(runtime);
    yield* changelogFile(changelog);
    if (naming.openapiTypes === false) return;
    // The operationIds the model was built with (operation-ids.ts reported the renames).
    const refNames = new Map(
      model.schemas.filter((s) => s.origin === 'ref-target').map((s) => [s.pointer, s.name]),
    );
    yield emitOpenApiTypes(withUniqueOperationIds(document as Json, []), model.specFile, refNames);
  }
  return { files: files(), diagnostics };
}
