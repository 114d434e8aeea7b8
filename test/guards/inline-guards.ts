/**
 * Guards for a small inline spec, for tests that need keywords or shapes the real spec lacks
 * (patterns, array bounds, recursion, …): builds the model, runs `emitGuards`, writes the
 * modules with the package's `core/` helpers into a scratch folder and imports them.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../../generator/core/diagnostics.ts';
import { emitGuards } from '../../generator/emit/guards/index.ts';
import { emitSchemaTypes } from '../../generator/emit/types/schemas.ts';
import type { GeneratedFile } from '../../generator/emit/file.ts';
import { buildModel } from '../../generator/ir/build.ts';

export interface InlineGuards {
  files: GeneratedFile[];
  diagnostics: Diagnostic[];
  load(typeName: string): Promise<Record<string, (value: unknown, options?: object) => unknown>>;
}

let counter = 0;

export function inlineGuards(schemas: Record<string, unknown>): InlineGuards {
  const document = {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: {},
    components: { schemas },
  };
  const naming = {
    package: {
      name: 'p',
      version: '1',
      description: '',
      clientClass: 'C',
      apiKeyEnv: 'K',
      publicKeyEnv: 'P',
    },
    operations: {},
  };
  const built = buildModel({ document, naming, specFile: 'inline.yaml', specHash: 'x' });
  const { model } = built;
  const { files, diagnostics: emitted } = emitGuards(model);
  const diagnostics = [...built.diagnostics, ...emitted];
  const root = resolve('.tmp/guards-dev', `inline-${process.pid}-${counter++}`);
  const runtime = ['validation.ts', 'errors.ts', 'redact.ts', 'guard-support.ts', 'guard-formats.ts'].map(
    (name) => ({
      path: `src/core/${name}`,
      content: readFileSync(`runtime/${name}`, 'utf8'),
    }),
  );
  for (const f of [...files, ...runtime]) {
    mkdirSync(dirname(join(root, f.path)), { recursive: true });
    writeFileSync(join(root, f.path), f.content);
  }
  // Guards take enum value lists from schemas.ts, so the real one is written before any import.
  let schemasWritten: Promise<void> | undefined;
  const writeSchemas = async () => writeFileSync(join(root, 'src/schemas.ts'), await emitSchemaTypes(model));
  return {
    files,
    diagnostics,
    load: async (typeName) => {
      await (schemasWritten ??= writeSchemas());
      return import(pathToFileURL(join(root, 'src/guards', `${typeName}.ts`)).href);
    },
  };
}
