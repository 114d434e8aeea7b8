/**
 * Runtime guards for every named schema, as plain TypeScript with no dependencies:
 * `src/guards/<TypeName>.ts` (`isX`, `validateX`, `assertX`) and `src/guards/index.ts`. The
 * helpers they share are hand-written runtime (`runtime/guard-support.ts`,
 * `guard-formats.ts`), copied into `src/core/` with the rest of the runtime.
 *
 * Modules come laid out in prettier's style (layout.ts) and skip prettier; the few that hold a
 * construct layout.ts does not cover come flat, and the pipeline runs prettier on those.
 */
import type { Diagnostic } from '../../core/diagnostics.js';
import { symbolsOf } from '../../ir/symbols.js';
import type { GuardScope } from '../../ir/naming-config.js';
import type { Model } from '../../ir/types.js';
import { enumValueNames } from '../enum-values.js';
import type { GeneratedFile } from '../file.js';
import { analyzeModel } from './analysis.js';
import { createContext, siblingModule, type ModelScope } from './context.js';
import { layOutReExports } from './layout.js';
import { guardModule } from './module.js';
import { guardedSchemas } from './scope.js';

/**
 * The guard modules of the schemas `guards` covers (see scope.ts), and what writing them found
 * (keywords the guards cannot enforce).
 */
export function emitGuards(
  model: Model,
  guards: GuardScope = 'all',
): { files: GeneratedFile[]; diagnostics: Diagnostic[] } {
  const symbols = symbolsOf(model);
  const scope: ModelScope = {
    allFacts: analyzeModel(model),
    symbols,
    enumValueNames: enumValueNames(model.schemas),
    diagnostics: [],
  };
  const guarded = guardedSchemas(model, guards);
  const schemas = model.schemas.filter((s) => guarded.has(s.name));
  const modules = schemas.map((named) =>
    guardModule(createContext(named, scope), `src/${symbols.schema(named.name).guardModule}.ts`),
  );
  const index = schemas.map((s) => {
    const { assert, is, validate } = symbols.schema(s.name);
    return { names: [assert, is, validate], from: siblingModule(symbols, s.name) };
  });
  // A barrel with nothing to re-export is still a module, which `export *` of it needs.
  const content = index.length > 0 ? layOutReExports(index) : 'export {};\n';
  const indexFile = { path: 'src/guards/index.ts', content, preformatted: true };
  return { files: [...modules, indexFile], diagnostics: scope.diagnostics };
}
