/**
 * View models for the resource classes (`client.calls.actions.startPlayback(...)`,
 * `client.recordings.list(...)`): every name, type, doc line and the request description each
 * method hands the client are decided here, so `resource.ts.hbs` only interpolates.
 */
import { resourceSymbols, type Symbols, symbolsOf } from '../../ir/symbols.js';
import type { BodyKind, Model, Operation, SecurityRequirements } from '../../ir/types.js';
import { compareStrings, toMethodName } from '../../core/names.js';
import { jsDocText, jsonLiteral, propertyKey, stringLiteral } from '../escape.js';
import { methodDocs } from './method-docs.js';
import { pathArgType } from './path-args.js';
import { validatedSchemas } from '../guards/scope.js';

export interface ResourceView {
  className: string;
  file: string;
  /** Dotted path from the client, e.g. `calls.actions`. */
  path: string;
  docLines: string[];
  children: Array<{ property: string; className: string; file: string }>;
  methods: MethodView[];
  typeImports: string[];
  guardImports: Array<{ name: string; module: string }>;
  /** Names imported from `core/client-core.js`: types, and the one value (`encodePathParam`). */
  coreTypes: string[];
  coreValues: string[];
}

export interface MethodView {
  name: string;
  docLines: string[];
  /** `callControlId: string, ` … for each path parameter, in URL order. */
  pathArgs: Array<{ arg: string; type: string }>;
  /** The params argument (`params?: T, `), or empty when the operation takes none. */
  paramsDecl: string;
  returnType: string;
  /** `request<T>` or `requestPage<Body, Item>`. */
  call: string;
  /** The `RequestSpec` object literal. */
  spec: string;
  /** What the method passes as params: `params`, or a copy when a JSON body must always be sent. */
  paramsArg: string;
  /** `, { kind: 'page-number', … }` for list methods; empty otherwise. */
  schemeArg: string;
}

/**
 * One class per resource path and per prefix of it, so `calls` holds `actions`. `checks`: whether
 * methods check their params with guards before sending (not under the naming config's
 * `guards: none`).
 */
export function resourceViews(model: Model, checks = true): ResourceView[] {
  const symbols = symbolsOf(model);
  const paths = new Set<string>();
  for (const op of model.operations) {
    const segments = op.resource.split('.');
    segments.forEach((_, i) => paths.add(segments.slice(0, i + 1).join('.')));
  }
  return [...paths].sort(compareStrings).map((path) => {
    const ops = model.operations.filter((op) => op.resource === path);
    const children = [...paths].filter((p) => p.startsWith(`${path}.`) && !p.slice(path.length + 1).includes('.'));
    const methods = ops.map((op) => methodView(op, symbols, model.security, checks));
    const schemaNames = ops.flatMap(usedSchemas);
    const validated = checks ? ops.flatMap(validatedSchemas).map((name) => symbols.schema(name)) : [];
    const core = new Set(['ClientCore', 'RequestOptions']);
    for (const m of methods) core.add(m.call.startsWith('requestPage') ? 'PagePromise' : 'APIPromise');
    if (ops.some((op) => op.body?.variants.some((v) => v.kind === 'binary'))) core.add('Uploadable');
    return {
      ...resourceSymbols(path),
      path,
      docLines: [resourceDoc(path, ops)],
      children: children.map((c) => ({ property: c.slice(path.length + 1), ...resourceSymbols(c) })),
      methods,
      typeImports: unique(schemaNames.map((n) => symbols.schema(n).type)),
      guardImports: uniqueBy(validated, (s) => s.validate).map((s) => ({ name: s.validate, module: s.guardModule })),
      coreTypes: [...core].sort(compareStrings),
      coreValues: ops.some((op) => op.pathParams.length) ? ['encodePathParam'] : [],
    };
  });
}

/** The top-level resources, which the client class holds. */
export function rootResources(views: ResourceView[]) {
  return views.filter((v) => !v.path.includes('.')).map((v) => ({ property: v.path, className: v.className, file: v.file }));
}

function resourceDoc(path: string, ops: Operation[]): string {
  const summaries = ops.map((o) => jsDocText(o.docs.summary ?? o.methodName));
  return `\`client.${path}\`${summaries.length ? `: ${summaries.join(', ')}.` : '.'}`;
}

function usedSchemas(op: Operation): string[] {
  return [
    ...(op.paramsSchemaName ? [op.paramsSchemaName] : []),
    ...(op.body?.variants.flatMap((v) => (v.schemaName ? [v.schemaName] : [])) ?? []),
    ...op.response.schemaNames,
  ];
}

function methodView(op: Operation, symbols: Symbols, docSecurity: SecurityRequirements, checks: boolean): MethodView {
  // `params` and `options` are the method's own last two arguments.
  const argName = (wire: string) => {
    const name = toMethodName(wire);
    return ['params', 'options'].includes(name) ? `${name}Path` : name;
  };
  const argNames = new Map(op.pathParams.map((p) => [p.name, argName(p.name)]));
  const responseType = resultType(op, symbols);
  const page = op.pagination;
  const itemType = page ? `NonNullable<${responseType}[${page.items.map(stringLiteral).join('][')}]>[number]` : '';
  const typeArgs = page ? `${responseType}, ${itemType}` : responseType;
  return {
    name: op.methodName,
    docLines: methodDocs(op, argNames, checks),
    pathArgs: op.pathParams.map((p) => ({ arg: argNames.get(p.name)!, type: pathArgType(p, symbols) })),
    paramsDecl: takesParams(op) ? `params${paramsRequired(op) ? '' : '?'}: ${paramsType(op, symbols)}, ` : '',
    returnType: page ? `PagePromise<${typeArgs}>` : `APIPromise<${responseType}>`,
    call: page ? `requestPage<${typeArgs}>` : `request<${typeArgs}>`,
    spec: requestSpec(op, argNames, symbols, docSecurity, checks),
    paramsArg: !takesParams(op) ? 'undefined' : op.body?.variants.some((v) => v.kind === 'json' && !v.whole) ? '{ ...params }' : 'params',
    schemeArg: page ? `, ${objectLiteral(page)}` : '',
  };
}

const takesParams = (op: Operation) => op.params.length > 0 || op.body !== undefined;

/** Security requirements as TypeScript: `[['api_key'], ['oauth']]`. */
export function securityLiteral(requirements: SecurityRequirements): string {
  return `[${requirements.map((names) => `[${names.map(stringLiteral).join(', ')}]`).join(', ')}]`;
}

/** A plain data object as TypeScript: identifier keys unquoted, as prettier would leave them. */
export function objectLiteral(value: object): string {
  const entries = Object.entries(value).map(([k, v]) => `${propertyKey(k)}: ${jsonLiteral(v)}`);
  return `{ ${entries.join(', ')} }`;
}

/**
 * What `params.body` takes for a body with no schema to type it: a file or text, or a form whose
 * fields the spec does not give (built by the caller).
 */
const RAW_BODY_TYPES: Record<BodyKind, string> = {
  binary: 'Uploadable',
  text: 'string',
  multipart: 'FormData',
  form: 'string | URLSearchParams',
  json: 'unknown',
};

/** The params object: parameters and body fields together, keyed by wire name. */
function paramsType(op: Operation, symbols: Symbols): string {
  const parts: string[] = [];
  if (op.paramsSchemaName) parts.push(symbols.schema(op.paramsSchemaName).type);
  const bodies = (op.body?.variants ?? []).map((v) => {
    if (!v.schemaName) return `{ body${v.hasRequiredFields ? '' : '?'}: ${RAW_BODY_TYPES[v.kind]} }`;
    const { type, schema } = symbols.schema(v.schemaName);
    if (v.whole) return `{ body${v.hasRequiredFields ? '' : '?'}: ${type} }`;
    // The params object itself cannot be null, whatever a nullable body schema allows.
    return schema.schema.nullable ? `NonNullable<${type}>` : type;
  });
  const uniqueBodies = [...new Set(bodies)];
  if (uniqueBodies.length === 1) parts.push(uniqueBodies[0]!);
  else if (uniqueBodies.length > 1) parts.push(`(${uniqueBodies.join(' | ')})`);
  return parts.join(' & ');
}

function paramsRequired(op: Operation): boolean {
  const body = op.body;
  const bodyRequired = body ? body.variants.some((v) => !v.schemaName && v.hasRequiredFields) || body.hasRequiredFields : false;
  return bodyRequired || op.params.some((p) => p.required);
}

function resultType(op: Operation, symbols: Symbols): string {
  const { kind, schemaNames, mayBeEmpty } = op.response;
  if (kind === 'binary') return 'Response';
  if (kind === 'text') return 'string';
  if (kind === 'empty') return 'void';
  const types = schemaNames.map((n) => symbols.schema(n).type);
  const json = types.length ? types.join(' | ') : 'unknown';
  return mayBeEmpty && types.length ? `${json} | undefined` : json;
}

/**
 * The `RequestSpec` literal: method, path, parameters, bodies, validators (when `checks`), response
 * kind, and the operation's security when it is not the document's (which the client class carries).
 */
function requestSpec(
  op: Operation,
  argNames: Map<string, string>,
  symbols: Symbols,
  docSecurity: SecurityRequirements,
  checks: boolean,
): string {
  const validator = (schemaName: string | undefined) => (checks && schemaName ? symbols.schema(schemaName).validate : undefined);
  const fields = [
    `method: ${stringLiteral(op.httpMethod.toUpperCase())}`,
    `path: ${op.pathParams.length ? `() => ${pathExpression(op.requestPath, argNames)}` : stringLiteral(op.requestPath)}`,
    `operationName: ${stringLiteral(`${op.resource}.${op.methodName}`)}`,
  ];
  if (op.params.length) {
    const specs = op.params.map((p) => {
      const parts = [`name: ${stringLiteral(p.name)}`, `in: ${stringLiteral(p.in)}`];
      if (p.style !== undefined) parts.push(`style: ${stringLiteral(p.style)}`);
      if (p.explode !== undefined) parts.push(`explode: ${p.explode}`);
      if (p.constant !== undefined)
        parts.push(`value: ${typeof p.constant === 'string' ? stringLiteral(p.constant) : String(p.constant)}`);
      return `{ ${parts.join(', ')} }`;
    });
    fields.push(`params: [${specs.join(', ')}]`);
  }
  const validateParams = validator(op.paramsSchemaName);
  if (validateParams) fields.push(`validateParams: ${validateParams}`);
  const validatePath = validator(op.pathParamsSchemaName);
  if (validatePath) {
    const values = op.pathParams.map((p) => `${propertyKey(p.name)}: ${argNames.get(p.name)!}`);
    fields.push(`pathParams: { ${values.join(', ')} }`, `validatePath: ${validatePath}`);
  }
  if (op.body) {
    const variants = op.body.variants.map((v) => {
      const parts = [`contentType: ${stringLiteral(v.contentType)}`, `kind: ${stringLiteral(v.kind)}`];
      if (v.whole) parts.push(`whole: ${stringLiteral(v.hasRequiredFields ? 'required' : 'optional')}`);
      const validate = validator(v.schemaName);
      if (validate) parts.push(`validate: ${validate}`);
      return `{ ${parts.join(', ')} }`;
    });
    fields.push(`body: [${variants.join(', ')}]`);
  }
  if (op.idempotencyField) fields.push(`idempotencyField: ${stringLiteral(op.idempotencyField)}`);
  if (op.response.kind !== 'json') fields.push(`response: ${stringLiteral(op.response.kind)}`);
  if (op.response.accept !== undefined) fields.push(`accept: ${stringLiteral(op.response.accept)}`);
  if (op.security && JSON.stringify(op.security) !== JSON.stringify(docSecurity))
    fields.push(`security: ${securityLiteral(op.security)}`);
  return `{ ${fields.join(', ')} }`;
}

/** `'/calls/' + encodePathParam('call_control_id', callControlId) + '/actions/speak'` */
function pathExpression(path: string, argNames: Map<string, string>): string {
  return path
    .split(/(\{[^}]+\})/)
    .filter(Boolean)
    .map((part) => {
      const name = /^\{(.+)\}$/.exec(part)?.[1];
      const arg = name === undefined ? undefined : argNames.get(name);
      return arg ? `encodePathParam(${stringLiteral(name!)}, ${arg})` : stringLiteral(part);
    })
    .join(' + ');
}

const unique = (items: string[]) => [...new Set(items)].sort(compareStrings);
/** One item per key, sorted by key. */
function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const byKey = new Map(items.map((item) => [key(item), item]));
  return [...byKey.keys()].sort(compareStrings).map((k) => byKey.get(k)!);
}
