/**
 * Operations: each path item's methods become an Operation with its method name (from the naming
 * config), path parameters, named request body and responses, and the webhooks it documents.
 * Inline body and response schemas are lifted to names of their own.
 */
import { type Diagnostic, joinPointer } from '../core/diagnostics.js';
import { isObject, type Json } from '../core/json.js';
import { compareStrings, isIdentifier, toMethodName, toTypeName } from '../core/names.js';
import type { BuildContext } from './build.js';
import type { NamingConfig } from './naming-config.js';
import { docsOf, toSchemaNode } from './schema.js';
import type { Operation } from './types.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

export function buildOperations(doc: Json, naming: NamingConfig, ctx: BuildContext): Operation[] {
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
function nameSchema(
  schema: unknown,
  fallbackName: string,
  pointer: string,
  ctx: BuildContext,
  receiving: boolean,
): string {
  if (isObject(schema) && typeof schema.$ref === 'string' && Object.keys(schema).length === 1) {
    const name = ctx.schemaNameOfRef(schema.$ref);
    if (name) return name;
  }
  const title = isObject(schema) && typeof schema.title === 'string' ? toTypeName(schema.title) : undefined;
  const name = title ?? fallbackName;
  const existing = ctx.hoisted.get(name);
  const node = toSchemaNode(schema, pointer, { ...ctx, receiving });
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
  const schemaName = nameSchema(schema, `${toTypeName(operationId)}Request`, at, ctx, false);
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
    true,
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
