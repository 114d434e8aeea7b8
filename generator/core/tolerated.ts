/**
 * Lint findings the generator reads one unambiguous way. Each becomes a warning with its own code
 * and a one-line message saying what the generator did; every other finding stays an error,
 * because reading past it could change what the generated code means.
 */
import { parsePointer } from './diagnostics.js';
import { ANNOTATION_KEYWORDS, KNOWN_KEYWORDS, nearMissOf, SCHEMA_ASSERTION_KEYWORDS } from './keywords.js';

export interface LintProblem {
  ruleId: string;
  message: string;
  location: ReadonlyArray<{ pointer?: string | undefined }>;
  suggest?: string[] | undefined;
}

export interface ToleratedRule {
  code: string;
  /** What the generator did about the finding, in one line. */
  message(problem: LintProblem, facts: SpecFacts): string;
  applies(problem: LintProblem, facts: SpecFacts): boolean;
}

export interface SpecFacts {
  dialect: '3.0' | '3.1';
  /** The value at a pointer into the parsed document; undefined when there is none. */
  valueAt(pointer: string): unknown;
  /** Names under #/components/schemas. */
  schemaNames: ReadonlySet<string>;
}

/**
 * Lint rules whose findings a later step resolves and reports itself, with more to say: a
 * duplicated operationId is renamed by generator/ir/operation-ids.ts, which names the new id.
 */
export const RESOLVED_LATER: ReadonlySet<string> = new Set(['operation-operationId-unique']);

const notExpected = (p: LintProblem): string | undefined =>
  p.ruleId === 'struct' ? /^Property `(.+)` is not expected here/.exec(p.message)?.[1] : undefined;

const pointerOf = (p: LintProblem): string => p.location[0]?.pointer ?? '#';

/** Keys whose values are maps of names; a token after one of them is a name, not a keyword. */
const NAME_MAPS = new Set([
  'properties',
  'schemas',
  'examples',
  'responses',
  'parameters',
  'headers',
  'requestBodies',
  'callbacks',
  'links',
  'webhooks',
  'pathItems',
  'securitySchemes',
  'mapping',
  'content',
  'encoding',
  'variables',
  'paths',
  '$defs',
  'definitions',
  'patternProperties',
  'dependentSchemas',
]);

/** Specification extensions the generator reads; the content of any other `x-` key is ignored. */
const READ_EXTENSIONS = new Set(['x-webhooks']);

/**
 * The first `x-` key the pointer passes through as a key (not as a name), unless one it reads;
 * or an `x-` entry of the webhooks map whose value cannot be a webhook (APIs.guru's specs put
 * `x-sdk-exclude: true` in `x-webhooks`), which the generator skips.
 */
function extensionOf(pointer: string, facts: SpecFacts): string | undefined {
  const tokens = parsePointer(pointer);
  const key = tokens.find((t, i) => t.startsWith('x-') && !NAME_MAPS.has(tokens[i - 1] ?? ''));
  if (key !== undefined && !READ_EXTENSIONS.has(key)) return key;
  const [map, name] = tokens;
  if (tokens.length !== 2 || (map !== 'webhooks' && map !== 'x-webhooks') || !name!.startsWith('x-'))
    return undefined;
  const value = facts.valueAt(pointer);
  return typeof value !== 'object' || value === null ? name : undefined;
}

/** The parameter and path of a "path parameter is not used in the path" finding. */
function unusedPathParameter(p: LintProblem): { name: string; path: string } | undefined {
  if (p.ruleId !== 'path-parameters-defined') return undefined;
  const match = /^Path parameter `(.+)` is not used in the path `(.+)`\.$/.exec(p.message);
  return match ? { name: match[1]!, path: match[2]! } : undefined;
}

/**
 * A `name={name}` pair in the query string of a path key whose `{name}` the linter wants a path
 * parameter for. Either the operation declares a query parameter of that name (medium.com's
 * `/search/articles?query={query}`), and the pair shows that parameter, which the client sends;
 * or it declares no parameter of that name anywhere (ClickSend's `/uploads?convert={convert}`),
 * and the pair has no value to send. The generator leaves the pair out of the path either way
 * (ir/request-path.ts). Undefined when the finding is anything else.
 */
function queryPlaceholder(p: LintProblem, facts: SpecFacts): { name: string; declared: boolean } | undefined {
  if (p.ruleId !== 'path-parameters-defined') return undefined;
  const match =
    /^The operation does not define the path parameter `\{(.+)\}` expected by path `(.+)`\.$/.exec(p.message);
  if (!match) return undefined;
  const [, name, path] = match as unknown as [string, string, string];
  const query = path.includes('?') ? path.slice(path.indexOf('?') + 1) : '';
  if (!query.split('&').includes(`${name}={${name}}`)) return undefined;
  // The operation's parameters, then its path item's, each perhaps a local $ref.
  const at = pointerOf(p);
  const lists = [facts.valueAt(at), facts.valueAt(at.replace(/\/[^/]+\/parameters$/, '/parameters'))];
  const resolve = (v: unknown): unknown => {
    const ref = (v as { $ref?: unknown } | null)?.$ref;
    return typeof ref === 'string' && ref.startsWith('#/') ? facts.valueAt(ref) : v;
  };
  const places = lists
    .flatMap((list) => (Array.isArray(list) ? list : []))
    .map(resolve)
    .filter((param) => (param as { name?: unknown } | null)?.name === name)
    .map((param) => (param as { in?: unknown }).in);
  if (places.length === 0) return { name, declared: false };
  // A header or cookie of that name: what the pair means is anyone's guess.
  return places.includes('query') ? { name, declared: true } : undefined;
}

/** True when the pointer passes through an `example` or `examples` keyword (not a name). */
function insideExample(pointer: string): boolean {
  const tokens = pointer.split('/');
  return tokens.some(
    (t, i) => (t === 'example' || t === 'examples') && i > 0 && !NAME_MAPS.has(tokens[i - 1] ?? ''),
  );
}

export const TOLERATED: readonly ToleratedRule[] = [
  {
    // Telnyx's 3.1 specs still carry 3.0's `nullable: true`; the model reads it in both dialects.
    code: 'nullable-in-3.1',
    message: () => "`nullable` is not an OpenAPI 3.1 keyword; read as `type: [T, 'null']`",
    applies: (p, facts) => facts.dialect === '3.1' && notExpected(p) === 'nullable',
  },
  {
    // Telnyx's 3.0 specs write `nullable: true` alone for "any value, or null".
    code: 'nullable-without-type',
    message: () => '`nullable` without `type`; read as whatever the rest of the schema allows, or null',
    applies: (p) =>
      p.ruleId === 'struct' && /^The `type` field must be defined when the `nullable`/.test(p.message),
  },
  {
    // Examples never reach the generated code except as comments, whatever their shape.
    code: 'example-misplaced',
    message: () =>
      'an `example`/`examples` the OpenAPI version does not allow here; ignored (examples are documentation only)',
    applies: (p) => p.ruleId === 'struct' && insideExample(pointerOf(p)),
  },
  {
    // Redocly checks some vendors' extensions (`x-code-samples`, `x-logo`) against their own
    // schemas; the generator reads none of them, so their shape cannot change the output.
    code: 'extension-content',
    message: (p, facts) =>
      `inside \`${extensionOf(pointerOf(p), facts)}\`, an extension the generator does not read; ignored`,
    applies: (p, facts) => p.ruleId === 'struct' && extensionOf(pointerOf(p), facts) !== undefined,
  },
  {
    // ReadMe's example specs: 3.0's `exclusiveMinimum: true` beside `minimum` in a 3.1 document.
    code: 'exclusive-bound-boolean',
    message: (p) => {
      const keyword = pointerOf(p).split('/').at(-1)!;
      const bound = keyword === 'exclusiveMinimum' ? 'minimum' : 'maximum';
      return `a boolean \`${keyword}\` is OpenAPI 3.0's; read as 3.0 reads it (\`true\` makes \`${bound}\` exclusive)`;
    },
    applies: (p, facts) =>
      facts.dialect === '3.1' &&
      p.ruleId === 'struct' &&
      /^Expected type `number` but got `boolean`/.test(p.message) &&
      /\/exclusiveM(in|ax)imum$/.test(pointerOf(p)),
  },
  {
    // OpenAPI allows a discriminator mapping value to be a schema's name instead of a $ref.
    code: 'discriminator-mapping-name',
    message: (p, facts) => {
      const name = String(facts.valueAt(pointerOf(p)));
      return `the mapping value "${name}" is a schema name; read as #/components/schemas/${name}`;
    },
    applies: (p, facts) => {
      if (p.ruleId !== 'no-unresolved-refs' || !/\/discriminator\/mapping\/[^/]+$/.test(pointerOf(p)))
        return false;
      const value = facts.valueAt(pointerOf(p));
      return typeof value === 'string' && !/[#/]/.test(value) && facts.schemaNames.has(value);
    },
  },
  {
    // APIs.guru's idealspot-geodata: `/data/insights/{insight_id:}` with a parameter named
    // `insight_id:`. The linter reads only some characters in a template; the names match.
    code: 'path-parameter-name',
    message: (p) =>
      `\`{${unusedPathParameter(p)?.name}}\` is in the path as written; the parameter fills it (the linter misread the name)`,
    applies: (p) => {
      const found = unusedPathParameter(p);
      return found !== undefined && found.path.includes(`{${found.name}}`);
    },
  },
  {
    code: 'path-query-parameter',
    message: (p, facts) => {
      const { name } = queryPlaceholder(p, facts)!;
      return `\`${name}={${name}}\` in the path's query string is the query parameter of that name; sent as that parameter`;
    },
    applies: (p, facts) => queryPlaceholder(p, facts)?.declared === true,
  },
  {
    code: 'path-query-undeclared',
    message: (p, facts) => {
      const { name } = queryPlaceholder(p, facts)!;
      return `\`${name}={${name}}\` in the path's query string names no parameter, so has no value; left out of the path`;
    },
    applies: (p, facts) => queryPlaceholder(p, facts)?.declared === false,
  },
  {
    // GitHub's spec has /orgs/{org}/attestations/{attestation_id} and …/{subject_digest}: a server
    // may not tell them apart, but a client only fills each in, so the output means the same.
    code: 'paths-identical',
    message: () => 'two paths differ only in parameter names; each is generated as written',
    applies: (p) => p.ruleId === 'no-identical-paths',
  },
  {
    code: 'keyword-unknown',
    message: (p) => `\`${notExpected(p) ?? ''}\` is not an OpenAPI or JSON Schema keyword; ignored`,
    applies: (p) => {
      const key = notExpected(p);
      return (
        key !== undefined &&
        !key.startsWith('x-') &&
        !KNOWN_KEYWORDS.has(key) &&
        nearMissOf(key, [...KNOWN_KEYWORDS, ...(p.suggest ?? [])]) === undefined
      );
    },
  },
  {
    // vercel.com (APIs.guru): `name: subdomain` inside a property's schema. A field of another
    // OpenAPI object means nothing to a schema, which JSON Schema ignores like any unknown key.
    code: 'keyword-unknown',
    message: (p) =>
      `\`${notExpected(p) ?? ''}\` is a field of other OpenAPI objects, not of a schema; ignored`,
    applies: (p) => {
      const key = notExpected(p);
      return (
        key !== undefined &&
        OPENAPI_ONLY_FIELDS.has(key) &&
        inSchema(pointerOf(p)) &&
        nearMissOf(key, [...SCHEMA_ASSERTION_KEYWORDS]) === undefined
      );
    },
  },
  {
    // mailchimp.com writes `discriminator: {propertyName: condition_type, type: string}`, and
    // azure.com's logic a `description` there. A Discriminator Object has `propertyName` and
    // `mapping` only; any other key says nothing about which variant a value is.
    code: 'keyword-unknown',
    message: (p) => `\`${notExpected(p) ?? ''}\` is not a field of a discriminator; ignored`,
    applies: (p) => {
      const key = notExpected(p);
      const tokens = pointerOf(p).split('/');
      return (
        key !== undefined &&
        tokens.at(-2) === 'discriminator' &&
        tokens.at(-3) !== 'properties' &&
        inSchema(pointerOf(p)) &&
        nearMissOf(key, DISCRIMINATOR_FIELDS) === undefined
      );
    },
  },
];

/** The fields of a Discriminator Object. */
const DISCRIMINATOR_FIELDS = ['propertyName', 'mapping'];

/** Keys OpenAPI gives a meaning outside schemas only (`name`, `in`, `content`, …). */
const OPENAPI_ONLY_FIELDS = new Set(
  [...KNOWN_KEYWORDS].filter((k) => !SCHEMA_ASSERTION_KEYWORDS.has(k) && !ANNOTATION_KEYWORDS.has(k)),
);

/** The pointer names a key of a schema: it passes through a `schema` or `schemas` entry. */
function inSchema(pointer: string): boolean {
  const tokens = pointer.split('/');
  return tokens.slice(0, -1).some((t) => t === 'schema' || t === 'schemas');
}

/** The help line for a key that is not expected: the keyword it most likely misspells. */
export function misspellingHelp(p: LintProblem): string | undefined {
  const key = notExpected(p);
  if (key === undefined || KNOWN_KEYWORDS.has(key)) return undefined;
  const keyword = nearMissOf(key, [...(p.suggest ?? []), ...KNOWN_KEYWORDS]);
  return keyword
    ? `did you mean ${keyword}? A misspelt keyword would be ignored and change the output`
    : undefined;
}
