/**
 * Runtime guards for every named schema, as plain TypeScript with no dependencies:
 * `src/guards/<TypeName>.ts` (`isX`, `validateX`, `assertX`) and `src/guards/index.ts`. The
 * helpers they share are hand-written runtime (`runtime/guard-support.ts`,
 * `guard-formats.ts`), copied into `src/core/` with the rest of the runtime.
 *
 * Output is unformatted; the pipeline adds the header and runs prettier.
 */
import type { Diagnostic } from '../../core/diagnostics.js';
import type { Model } from '../../ir/types.js';
import { enumValueNames } from '../enum-values.js';
import type { GeneratedFile } from '../file.js';
import { analyzeModel } from './analysis.js';
import { createContext, type ModelScope } from './context.js';
import { guardModule } from './module.js';

export function emitGuards(model: Model, diagnostics: Diagnostic[]): GeneratedFile[] {
  const scope: ModelScope = {
    allFacts: analyzeModel(model),
    schemas: new Map(model.schemas.map((s) => [s.name, s])),
    typeNames: new Set(model.schemas.map((s) => s.typeName)),
    enumValueNames: enumValueNames(model.schemas),
    diagnostics,
  };
  const modules = model.schemas.map((named) => ({
    path: `src/guards/${named.typeName}.ts`,
    content: guardModule(createContext(named, scope)),
  }));
  const index = model.schemas.map(
    (s) =>
      `export { assert${s.typeName}, is${s.typeName}, validate${s.typeName} } from './${s.typeName}.js';`,
  );
  return [...modules, { path: 'src/guards/index.ts', content: `${index.join('\n')}\n` }];
}
