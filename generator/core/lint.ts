/**
 * Validation by @redocly/openapi-core: OpenAPI structure, resolvable `$ref`s, unique operationIds.
 * External references are refused (the generator reads one file and does no I/O), which surfaces
 * as an unresolved-ref problem with its location. Findings the generator can read unambiguously
 * (TOLERATED, in tolerated.ts) become warnings that say what was done about them.
 */
import { createRequire } from 'node:module';
import type { Config } from '@redocly/openapi-core';
import type { Diagnostic } from './diagnostics.js';
import { valueAt } from './json.js';
import { lintSafeDocument, restoreNames } from './prototype-keys.js';
import { type LintProblem, misspellingHelp, RESOLVED_LATER, type SpecFacts, TOLERATED } from './tolerated.js';

const RULES = {
  struct: 'error',
  'no-unresolved-refs': 'error',
  'operation-operationId-unique': 'error',
  'path-parameters-defined': 'error',
  'no-identical-paths': 'error',
  'operation-parameters-unique': 'error',
  'no-path-trailing-slash': 'off',
} as const;

type Redocly = typeof import('@redocly/openapi-core');

/**
 * Loaded on first use, not at start-up, so a run that stops earlier never pays for it. A
 * CommonJS package: `require` skips the export-name scan that `import()` does first.
 */
let loaded:
  | Promise<{ redocly: Redocly; config: Config; Resolver: new () => InstanceType<Redocly['BaseResolver']> }>
  | undefined;

function load() {
  loaded ??= Promise.resolve().then(async () => {
    const redocly = createRequire(import.meta.url)('@redocly/openapi-core') as Redocly;
    /** Refuses every external `$ref`, so linting never touches the disk or the network. */
    class LocalOnlyResolver extends redocly.BaseResolver {
      override async loadExternalRef(absoluteRef: string): Promise<never> {
        throw new Error(
          `external $ref ${absoluteRef} is not supported: the spec must be one self-contained file`,
        );
      }
    }
    const config = await redocly.createConfig({ rules: RULES } as Parameters<Redocly['createConfig']>[0]);
    return { redocly, config, Resolver: LocalOnlyResolver };
  });
  return loaded;
}

/**
 * `parsed` is the document generate() already parsed from `text`; redocly lints that instead of
 * parsing again, and reads `text` (lazily) only to turn a problem's pointer into a line.
 */
export async function lintSpec(text: string, fileName: string, parsed: unknown): Promise<Diagnostic[]> {
  const { redocly, config, Resolver } = await load();
  const { getLineColLocation, lintDocument, Source } = redocly;
  const document = { source: new Source(`/${fileName}`, text), parsed: lintSafeDocument(parsed) };
  let problems;
  try {
    problems = await lintDocument({
      document,
      config: config.styleguide,
      externalRefResolver: new Resolver(),
    });
  } catch (err) {
    return [
      {
        code: 'lint-failed',
        severity: 'error',
        message: `the spec could not be validated: ${(err as Error).message}`,
        pointer: '#',
        file: fileName,
      },
    ];
  }
  const schemas = (parsed as { components?: { schemas?: unknown } } | null)?.components?.schemas;
  const facts: SpecFacts = {
    dialect: is30(parsed) ? '3.0' : '3.1',
    valueAt: (pointer) => valueAt(parsed, pointer),
    schemaNames: new Set(typeof schemas === 'object' && schemas !== null ? Object.keys(schemas) : []),
  };
  return problems
    .filter((p) => !RESOLVED_LATER.has(p.ruleId))
    .map((p) => {
      const location = p.location[0];
      const pointer = restoreNames(location?.pointer ?? '#');
      const start = location ? getLineColLocation({ ...location, pointer }).start : undefined;
      const at = { pointer, file: fileName, ...(start ? { line: start.line, column: start.col } : {}) };
      const problem: LintProblem = { ...p, message: restoreNames(p.message) };
      const tolerated = TOLERATED.find((t) => t.applies(problem, facts));
      if (tolerated)
        return {
          code: tolerated.code,
          severity: 'warning',
          message: tolerated.message(problem, facts),
          ...at,
        } satisfies Diagnostic;
      const help =
        misspellingHelp(problem) ??
        (p.suggest?.length ? `did you mean ${p.suggest.slice(0, 3).join(', ')}?` : undefined);
      return {
        code: CODES[p.ruleId] ?? p.ruleId,
        severity: p.severity === 'error' ? 'error' : 'warning',
        message: problem.message,
        ...(help ? { help } : {}),
        ...at,
      } satisfies Diagnostic;
    });
}

const CODES: Record<string, string> = { struct: 'spec-structure', 'no-unresolved-refs': 'ref-unresolved' };

const is30 = (doc: unknown): boolean =>
  typeof doc === 'object' &&
  doc !== null &&
  String((doc as { openapi?: unknown }).openapi ?? '').startsWith('3.0');
