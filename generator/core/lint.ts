/**
 * Validation by @redocly/openapi-core: OpenAPI structure, resolvable `$ref`s, unique operationIds.
 * External references are refused (the generator reads one file and does no I/O), which surfaces
 * as an unresolved-ref problem with its location. Findings the generator can read unambiguously
 * (TOLERATED) become warnings that say what was done about them.
 */
import { createRequire } from 'node:module';
import type { Config } from '@redocly/openapi-core';
import type { Diagnostic } from './diagnostics.js';

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

interface LintProblem {
  ruleId: string;
  message: string;
  location: ReadonlyArray<{ pointer?: string | undefined }>;
}

/**
 * Lint findings that do not change what the spec means to the generator: each becomes a warning
 * with its own code, and its message says how the generator read the spec.
 */
const TOLERATED: ReadonlyArray<{
  code: string;
  applies(problem: LintProblem, document: unknown): boolean;
  message: string;
}> = [
  {
    // Telnyx's 3.1 specs still carry 3.0's `nullable: true` in places; the model reads it anyway.
    code: 'nullable-in-3.1',
    applies: (p, doc) =>
      p.ruleId === 'struct' && /^Property `nullable` is not expected here/.test(p.message) && is31(doc),
    message: "`nullable` is not an OpenAPI 3.1 keyword; read as `type: [T, 'null']`",
  },
];

const is31 = (doc: unknown): boolean =>
  typeof doc === 'object' &&
  doc !== null &&
  String((doc as { openapi?: unknown }).openapi ?? '').startsWith('3.1');

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
  const document = { source: new Source(`/${fileName}`, text), parsed };
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
  return problems
    .filter((p) => !isPrototypeNameFalsePositive(p))
    .map((p) => {
      const location = p.location[0];
      const start = location ? getLineColLocation(location).start : undefined;
      const tolerated = TOLERATED.find((t) => t.applies(p, parsed));
      if (tolerated)
        return {
          code: tolerated.code,
          severity: 'warning',
          message: tolerated.message,
          pointer: location?.pointer ?? '#',
          file: fileName,
          ...(start ? { line: start.line, column: start.col } : {}),
        } satisfies Diagnostic;
      return {
        code:
          p.ruleId === 'struct'
            ? 'spec-structure'
            : p.ruleId === 'no-unresolved-refs'
              ? 'ref-unresolved'
              : p.ruleId,
        severity: p.severity === 'error' ? 'error' : 'warning',
        message: p.message,
        pointer: location?.pointer ?? '#',
        ...(p.suggest?.length ? { help: `did you mean ${p.suggest.slice(0, 3).join(', ')}?` } : {}),
        file: fileName,
        ...(start ? { line: start.line, column: start.col } : {}),
      } satisfies Diagnostic;
    });
}

/**
 * @redocly/openapi-core 1.x looks property names up in plain objects, so a schema property named
 * `constructor` (or `toString`, ...) finds `Object.prototype.constructor` and is reported as the
 * wrong type. Such a name is legal JSON Schema; the generator handles it, so the report is dropped.
 */
function isPrototypeNameFalsePositive(problem: LintProblem): boolean {
  const pointer = problem.location[0]?.pointer ?? '';
  const tokens = pointer.split('/');
  const name = tokens.at(-1) ?? '';
  return problem.ruleId === 'struct' && tokens.at(-2) === 'properties' && name in Object.prototype;
}
