/**
 * Builds the intermediate model from a parsed spec. Runs after the spec has passed the
 * @redocly/openapi-core lint (structure, resolvable `$ref`s, unique operationIds), so here a
 * `$ref` is a name lookup under `#/components`; named schemas stay named (recursion is fine).
 */
import { type Diagnostic, joinPointer, parsePointer } from '../diagnostics.js';
import { compareStrings, isIdentifier, toMethodName, toTypeName } from '../names.js';
import type { NamingConfig } from './naming-config.js';
import { docsOf, type SchemaContext, toSchemaNode } from './schema.js';
import type { Model, NamedSchema, Operation, WebhookEvent } from './types.js';
import { applyAlwaysPresent, findWebhooks } from './webhooks.js';
import { isObject, type Json } from '../json.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

export interface BuildInput {
  document: unknown;
  naming: NamingConfig;
  specFile: string;
  specHash: string;
}

export interface BuildContext extends SchemaContext {
  doc: Json;
  /** Inline schemas lifted to names (responses, bodies), keyed by name. */
  hoisted: Map<string, NamedSchema>;
  resolve(value: unknown): unknown;
}

export function buildModel(input: BuildInput): { model: Model; diagnostics: Diagnostic[] } {
  const doc = input.document as Json;
  const ctx = createContext(doc);
  const componentSchemas =
    isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {};
  const schemas: NamedSchema[] = Object.entries(componentSchemas).map(([name, s]) => {
    const pointer = joinPointer('#/components/schemas', name);
    return {
      name,
      typeName: toTypeName(name),
      pointer,
      schema: toSchemaNode(s, pointer, ctx),
      origin: 'component',
    };
  });
  const operations = buildOperations(doc, input.naming, ctx);
  const webhooks: WebhookEvent[] = findWebhooks(doc, ctx);
  const all = [...schemas, ...ctx.hoisted.values()];
  applyAlwaysPresent(all, webhooks, input.naming.webhooks?.alwaysPresent ?? [], ctx);
  checkNameCollisions(all, ctx.diagnostics);
  const info = isObject(doc.info) ? doc.info : {};
  const servers = Array.isArray(doc.servers) ? doc.servers : [];
  const model: Model = {
    specHash: input.specHash,
    specFile: input.specFile,
    title: typeof info.title === 'string' ? info.title : '',
    version: typeof info.version === 'string' ? info.version : '',
    baseURL: isObject(servers[0]) && typeof servers[0].url === 'string' ? servers[0].url : '',
    operations,
    schemas: all.sort((a, b) => compareStrings(a.typeName, b.typeName)),
    webhooks,
  };
  return { model, diagnostics: ctx.diagnostics };
}

function createContext(doc: Json): BuildContext {
  const diagnostics: Diagnostic[] = [];
  const lookup = (ref: string): unknown => {
    if (!ref.startsWith('#/')) return undefined;
    let node: unknown = doc;
    for (const token of parsePointer(ref)) node = isObject(node) ? node[token] : undefined;
    return node;
  };
  return {
    doc,
    diagnostics,
    dialect: typeof doc.openapi === 'string' && doc.openapi.startsWith('3.0') ? '3.0' : '3.1',
    hoisted: new Map(),
    schemaNameOfRef(ref) {
      const tokens = parsePointer(ref);
      return ref.startsWith('#/components/schemas/') && tokens.length === 3 && lookup(ref) !== undefined
        ? tokens[2]
        : undefined;
    },
    resolve(value) {
      // Follows `$ref` chains of responses, parameters and request bodies; a cycle stops at 20 hops.
      let current = value;
      for (let hops = 0; isObject(current) && typeof current.$ref === 'string' && hops < 20; hops++)
        current = lookup(current.$ref);
      return current;
    },
  };
}

function buildOperations(doc: Json, naming: NamingConfig, ctx: BuildContext): Operation[] {
  const operations: Operation[] = [];
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = ctx.resolve(rawItem);
    if (!isObject(item)) continue;
    for (const httpMethod of METHODS) {
      const op = item[httpMethod];
      if (!isObject(op)) continue;
      const pointer = joinPointer('#/paths', path, httpMethod);
      operations.push(buildOperation({ path, httpMethod, op, item, pointer }, naming, ctx));
    }
  }
  checkMethodCollisions(operations, ctx.diagnostics);
  return operations;
}

/** `SpeakCall` and `speak-call` both become `speakCall`; one resource cannot hold both. */
function checkMethodCollisions(operations: Operation[], diagnostics: Diagnostic[]): void {
  const seen = new Map<string, Operation>();
  for (const op of operations) {
    const key = `${op.resource}.${op.methodName}`;
    const other = seen.get(key);
    if (other) {
      diagnostics.push({
        code: 'name-collision',
        severity: 'error',
        pointer: joinPointer(op.pointer, 'operationId'),
        message: `operations ${other.operationId} and ${op.operationId} both become the method ${key}`,
        help: 'give one of them a method name in spec/naming.yaml',
      });
    } else seen.set(key, op);
  }
}

interface OperationSource {
  path: string;
  httpMethod: Operation['httpMethod'];
  op: Json;
  item: Json;
  pointer: string;
}

function buildOperation(src: OperationSource, naming: NamingConfig, ctx: BuildContext): Operation {
  const { op, pointer } = src;
  const operationId = typeof op.operationId === 'string' ? op.operationId : `${src.httpMethod}${src.path}`;
  const names = naming.operations[operationId];
  if (src.httpMethod !== 'post') {
    // The client runtime sends JSON bodies with POST, which is all call control uses; a GET would
    // need query parameters, which the model does not carry yet. Refuse rather than emit a POST.
    ctx.diagnostics.push({
      code: 'method-unsupported',
      severity: 'error',
      pointer,
      message: `${src.httpMethod.toUpperCase()} ${src.path} (${operationId}): only POST operations are supported`,
    });
  }
  if (!names) {
    ctx.diagnostics.push({
      code: 'naming-missing',
      severity: 'warning',
      pointer: joinPointer(pointer, 'operationId'),
      message: `operation ${operationId} has no entry in the naming config; it is generated as ${toMethodName(operationId)}`,
      help: 'add it under `operations:` in spec/naming.yaml',
    });
  }
  const methodName = names?.method ?? toMethodName(operationId);
  if (!isIdentifier(methodName))
    ctx.diagnostics.push({
      code: 'naming-invalid',
      severity: 'error',
      pointer,
      message: `method name ${methodName} is not an identifier`,
    });
  const body = requestBody(src, operationId, ctx);
  const docs = docsOf(op);
  if (typeof op.summary === 'string') docs.summary = op.summary;
  const idempotencyField =
    naming.idempotencyField && body?.fieldNames.includes(naming.idempotencyField)
      ? naming.idempotencyField
      : undefined;
  return {
    operationId,
    methodName,
    resource: names?.resource ?? naming.defaultResource,
    httpMethod: src.httpMethod,
    path: src.path,
    pathParams: pathParams(src, ctx),
    ...(body ? { body } : {}),
    ...optional('responseSchemaName', responseSchema(src, operationId, ctx, /^2\d\d$/)),
    ...optional('errorSchemaName', responseSchema(src, operationId, ctx, /^(default|[45]\d\d)$/)),
    ...optional('idempotencyField', idempotencyField),
    docs,
    expectedWebhooks: expectedWebhooks(docs.description ?? ''),
    pointer,
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  value === undefined ? {} : ({ [key]: value } as { [P in K]: V });

function pathParams(src: OperationSource, ctx: BuildContext): Operation['pathParams'] {
  const all = [
    ...(Array.isArray(src.item.parameters) ? src.item.parameters : []),
    ...(Array.isArray(src.op.parameters) ? src.op.parameters : []),
  ];
  const params: Operation['pathParams'] = [];
  all.forEach((raw, i) => {
    const p = ctx.resolve(raw);
    const at = joinPointer(src.pointer, 'parameters', i);
    if (!isObject(p) || typeof p.name !== 'string') return;
    if (p.in !== 'path') {
      ctx.diagnostics.push({
        code: 'parameter-unsupported',
        severity: 'error',
        pointer: at,
        message: `${String(p.in)} parameter ${p.name} is not supported yet; only path parameters are`,
      });
      return;
    }
    const schema = toSchemaNode(p.schema ?? {}, joinPointer(at, 'schema'), ctx);
    params.push({
      name: p.name,
      schema,
      ...(typeof p.description === 'string' ? { description: p.description } : {}),
    });
  });
  // Order by where each appears in the path template, so positional arguments follow the URL.
  return params.sort((a, b) => src.path.indexOf(`{${a.name}}`) - src.path.indexOf(`{${b.name}}`));
}

function jsonSchemaOf(value: unknown, ctx: BuildContext): unknown {
  const resolved = ctx.resolve(value);
  const content = isObject(resolved) && isObject(resolved.content) ? resolved.content : undefined;
  const media = content
    ? (content['application/json'] ?? Object.entries(content).find(([k]) => k.endsWith('+json'))?.[1])
    : undefined;
  return isObject(media) ? media.schema : undefined;
}

/** A schema is named by its `$ref`, or lifted to a name of its own when written inline. */
function nameSchema(schema: unknown, fallbackName: string, pointer: string, ctx: BuildContext): string {
  if (isObject(schema) && typeof schema.$ref === 'string' && Object.keys(schema).length === 1) {
    const name = ctx.schemaNameOfRef(schema.$ref);
    if (name) return name;
  }
  const title = isObject(schema) && typeof schema.title === 'string' ? toTypeName(schema.title) : undefined;
  const name = title ?? fallbackName;
  const existing = ctx.hoisted.get(name);
  const node = toSchemaNode(schema, pointer, ctx);
  if (existing && sameShape(existing.schema, node)) return name;
  const unique = existing ? fallbackName : name;
  ctx.hoisted.set(unique, {
    name: unique,
    typeName: toTypeName(unique),
    pointer,
    schema: node,
    origin: 'inline-response',
  });
  return unique;
}

/** Two inline schemas are one type when they differ only in where they were written. */
function sameShape(a: unknown, b: unknown): boolean {
  const withoutPointers = (_key: string, value: unknown) => (_key === 'pointer' ? undefined : value);
  return JSON.stringify(a, withoutPointers) === JSON.stringify(b, withoutPointers);
}

function requestBody(src: OperationSource, operationId: string, ctx: BuildContext): Operation['body'] {
  const raw = ctx.resolve(src.op.requestBody);
  if (!isObject(raw)) return undefined;
  const schema = jsonSchemaOf(raw, ctx);
  const at = joinPointer(src.pointer, 'requestBody', 'content', 'application/json', 'schema');
  if (schema === undefined) {
    ctx.diagnostics.push({
      code: 'body-unsupported',
      severity: 'error',
      pointer: joinPointer(src.pointer, 'requestBody'),
      message: 'only application/json request bodies are supported',
    });
    return undefined;
  }
  const schemaName = nameSchema(schema, `${toTypeName(operationId)}Request`, at, ctx);
  const target = ctx.resolve(schema);
  const props = isObject(target) && isObject(target.properties) ? Object.keys(target.properties) : [];
  const required = isObject(target) && Array.isArray(target.required) ? target.required : [];
  return {
    schemaName,
    required: raw.required === true,
    hasRequiredFields: required.length > 0,
    fieldNames: props,
  };
}

function responseSchema(
  src: OperationSource,
  operationId: string,
  ctx: BuildContext,
  status: RegExp,
): string | undefined {
  const responses = isObject(src.op.responses) ? src.op.responses : {};
  const code = Object.keys(responses)
    .filter((c) => status.test(c))
    .sort(compareStrings)[0];
  if (code === undefined) return undefined;
  const schema = jsonSchemaOf(responses[code], ctx);
  if (schema === undefined) return undefined;
  const suffix = code.startsWith('2') ? 'Response' : 'ErrorResponse';
  return nameSchema(
    schema,
    `${toTypeName(operationId)}${suffix}`,
    joinPointer(src.pointer, 'responses', code),
    ctx,
  );
}

/** Reads the event types listed under "Expected Webhooks" in an operation's description. */
export function expectedWebhooks(description: string): string[] {
  const section = description.split(/\*\*Expected Webhooks:?\*\*:?/i)[1];
  if (!section) return [];
  return [...section.matchAll(/`([a-z_]+(?:\.[a-z_]+)+)`/g)]
    .map((m) => m[1]!)
    .filter((v, i, a) => a.indexOf(v) === i);
}

function checkNameCollisions(schemas: NamedSchema[], diagnostics: Diagnostic[]): void {
  const byType = new Map<string, NamedSchema>();
  for (const s of schemas) {
    const other = byType.get(s.typeName);
    if (other) {
      diagnostics.push({
        code: 'name-collision',
        severity: 'error',
        pointer: s.pointer,
        message: `schemas ${other.name} and ${s.name} both become the TypeScript name ${s.typeName}`,
        help: 'rename one of the schemas in the spec',
      });
    } else byType.set(s.typeName, s);
  }
}
