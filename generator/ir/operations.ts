/**
 * Operations: every method of every path item becomes an Operation with the name users call
 * (from the naming config, or from the path's shape), its parameters, request body in each
 * content type, response shape, pagination and the webhooks it documents.
 */
import { type Diagnostic, joinPointer } from '../core/diagnostics.js';
import { isObject, type Json } from '../core/json.js';
import { isIdentifier, toMethodName } from '../core/names.js';
import type { BuildContext } from './build.js';
import type { NamingConfig } from './naming-config.js';
import { defaultNames, safeMemberName, safeResourcePath } from './operation-names.js';
import {
  errorSchema,
  type OperationSource,
  parameters,
  paramsSchema,
  pathParamsSchema,
  requestBody,
  responseShape,
} from './operation-parts.js';
import { detectPagination } from './pagination.js';
import { requestPath } from './request-path.js';
import { docsOf } from './schema.js';
import type { Security } from './security.js';
import type { Operation, Parameter } from './types.js';

/** The methods OpenAPI 3.x path items can hold, in the order the output lists them. */
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export function buildOperations(doc: Json, naming: NamingConfig, ctx: BuildContext, security: Security): Operation[] {
  const operations: Operation[] = [];
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = ctx.resolve(rawItem);
    if (!isObject(item)) continue;
    // What the path key holds beside a path is reported once per key, not per method.
    let keyNoted = false;
    for (const httpMethod of METHODS) {
      const op = item[httpMethod];
      if (!isObject(op)) continue;
      const pointer = joinPointer('#/paths', path, httpMethod);
      const notes = keyNoted ? [] : ctx.diagnostics;
      keyNoted = true;
      operations.push(buildOperation({ path, httpMethod, op, item, pointer }, notes, naming, ctx, security));
    }
  }
  resolveNameCollisions(operations, naming, ctx.diagnostics);
  return operations;
}

function buildOperation(
  src: OperationSource,
  pathNotes: Diagnostic[],
  naming: NamingConfig,
  ctx: BuildContext,
  security: Security,
): Operation {
  const { op, pointer } = src;
  const operationId = typeof op.operationId === 'string' ? op.operationId : `${src.httpMethod}${src.path}`;
  const names = naming.operations[operationId];
  if (!names && Object.keys(naming.operations).length > 0) {
    // A config that names operations means to name them all; one left out is worth a word.
    const fallback = defaultNames(src.path, src.httpMethod);
    ctx.diagnostics.push({
      code: 'naming-missing',
      severity: 'warning',
      pointer: joinPointer(pointer, 'operationId'),
      message: `operation ${operationId} has no entry in the naming config; it is generated as ${fallback.resource}.${fallback.method}`,
      help: 'add it under `operations:` in spec/naming.yaml',
    });
  }
  const named = names ? checkedNames(names, pointer, ctx) : defaultNames(src.path, src.httpMethod);
  const all = parameters(src, ctx);
  const params = distinctKeys(all.filter((p) => p.in !== 'path'), ctx);
  const body = withoutFieldClashes(requestBody(src, operationId, ctx), params, pointer, ctx);
  const response = responseShape(src, operationId, ctx);
  const docs = docsOf(op);
  if (typeof op.summary === 'string') docs.summary = op.summary;
  const idempotencyField =
    naming.idempotencyField && body?.variants.some((v) => v.kind === 'json' && v.fieldNames.includes(naming.idempotencyField!))
      ? naming.idempotencyField
      : undefined;
  const pathParams = all.filter((p) => p.in === 'path');
  const paramsSchemaName = paramsSchema(operationId, params, pointer, ctx);
  const pathParamsSchemaName = pathParamsSchema(operationId, src.path, pathParams, pointer, ctx);
  // The naming config has the last word: a scheme the shape does not show, or none at all.
  const configured = naming.pagination?.[operationId];
  const pagination =
    configured === undefined ? detectPagination(src.httpMethod, params, firstJsonSchema(src, ctx), ctx) : configured || undefined;
  const errorSchemaName = errorSchema(src, operationId, ctx);
  return {
    operationId,
    methodName: named.method,
    resource: named.resource,
    httpMethod: src.httpMethod,
    path: src.path,
    requestPath: requestPath(src.path, new Set(pathParams.map((p) => p.name)), pathNotes),
    pathParams,
    params,
    ...(paramsSchemaName ? { paramsSchemaName } : {}),
    ...(pathParamsSchemaName ? { pathParamsSchemaName } : {}),
    ...(body ? { body } : {}),
    response,
    ...(response.schemaNames[0] ? { responseSchemaName: response.schemaNames[0] } : {}),
    ...(errorSchemaName ? { errorSchemaName } : {}),
    ...(idempotencyField ? { idempotencyField } : {}),
    ...(pagination ? { pagination } : {}),
    docs,
    expectedWebhooks: expectedWebhooks(docs.description ?? ''),
    ...('security' in op ? { security: security.requirements(op.security, joinPointer(pointer, 'security')) } : {}),
    pointer,
  };
}

/**
 * Query, header and cookie parameters share one params object, keyed by name; OpenAPI lets two
 * places use one name (mercure.local: `Last-Event-ID` as a query parameter and as a header). The
 * later one is left out, with a warning: the params object has one key for both. A header can
 * still be sent through `options.headers`.
 */
function distinctKeys(params: Parameter[], ctx: BuildContext): Parameter[] {
  const first = new Map<string, Parameter>();
  return params.filter((p) => {
    const earlier = first.get(p.name);
    if (!earlier) {
      first.set(p.name, p);
      return true;
    }
    const header = p.in === 'header' ? '; send it through `options.headers`' : '';
    ctx.diagnostics.push({
      code: 'parameter-name-taken',
      severity: 'warning',
      pointer: p.pointer,
      message: `${p.in} parameter ${p.name} has the name of the ${earlier.in} parameter before it, and the params object has one key for both: left out${header}`,
    });
    return false;
  });
}

/**
 * A body's fields sit beside the parameters in the params object, so a field named like a
 * parameter (clever-cloud.com: query `terms`, body field `terms`) would be one key for two
 * values, and types that cannot both hold. A JSON body is then sent whole, as the params' `body`,
 * with a warning; a form or multipart body has no such place, so it is an error.
 */
function withoutFieldClashes(
  body: Operation['body'],
  params: Parameter[],
  operation: string,
  ctx: BuildContext,
): Operation['body'] {
  if (!body) return body;
  const names = new Set(params.map((p) => p.name));
  const variants = body.variants.map((v) => {
    const clashing = v.fieldNames.filter((f) => names.has(f));
    if (clashing.length === 0) return v;
    const at = joinPointer(operation, 'requestBody', 'content', v.contentType);
    const list = clashing.join(', ');
    if (v.kind !== 'json') {
      ctx.diagnostics.push({
        code: 'body-field-clash',
        severity: 'error',
        pointer: at,
        message: `${v.contentType} body fields ${list} are named like parameters of the operation, and the params object has one key for each name`,
      });
      return v;
    }
    ctx.diagnostics.push({
      code: 'body-field-clash',
      severity: 'warning',
      pointer: at,
      message: `body fields ${list} are named like parameters of the operation: the body is passed whole, as \`body\``,
    });
    return { ...v, whole: true as const, fieldNames: [], hasRequiredFields: body.required };
  });
  const [first] = variants;
  return { ...body, variants, fieldNames: first!.fieldNames, hasRequiredFields: first!.hasRequiredFields };
}

/** Names from the config: used as given when they are identifiers, escaped when unsafe on an object. */
function checkedNames(names: { method: string; resource?: string }, pointer: string, ctx: BuildContext) {
  const resource = names.resource ?? 'root';
  for (const name of [names.method, ...resource.split('.')]) {
    if (!isIdentifier(name))
      ctx.diagnostics.push({
        code: 'naming-invalid',
        severity: 'error',
        pointer,
        message: `${name} (in ${resource}.${names.method}) is not an identifier`,
      });
  }
  return { method: safeMemberName(names.method), resource: safeResourcePath(resource.split('.')) };
}

/** The schema of the first 2xx JSON response, unresolved (pagination reads its shape). */
function firstJsonSchema(src: OperationSource, ctx: BuildContext): unknown {
  const responses = isObject(src.op.responses) ? src.op.responses : {};
  for (const code of Object.keys(responses).filter((c) => /^2\d\d$/.test(c)).sort()) {
    const response = ctx.resolve(responses[code]);
    const content = isObject(response) && isObject(response.content) ? response.content : {};
    const json = Object.entries(content).find(([type]) => type === 'application/json' || type.endsWith('+json'));
    if (json && isObject(json[1])) return json[1].schema;
  }
  return undefined;
}

/**
 * Two operations cannot share a method on one resource, and a method cannot share a name with a
 * child resource. A default name that collides takes its operationId instead (with a warning);
 * a name the config gave is an error to fix there.
 */
function resolveNameCollisions(operations: Operation[], naming: NamingConfig, diagnostics: Diagnostic[]): void {
  const taken = new Map<string, Operation>();
  const children = new Set<string>();
  for (const op of operations) {
    const segments = op.resource.split('.');
    segments.forEach((_, i) => i > 0 && children.add(segments.slice(0, i + 1).join('.')));
  }
  const key = (op: Operation) => `${op.resource}.${op.methodName}`;
  // Configured names claim their places first, so a default never pushes one aside.
  const ordered = [...operations].sort((a, b) => Number(!naming.operations[a.operationId]) - Number(!naming.operations[b.operationId]));
  for (const op of ordered) {
    const clash = () => taken.get(key(op)) ?? (children.has(key(op)) ? op : undefined);
    let other = clash();
    if (other && !naming.operations[op.operationId]) {
      const before = key(op);
      op.methodName = safeMemberName(toMethodName(op.operationId));
      for (let n = 2; clash(); n++) op.methodName = `${safeMemberName(toMethodName(op.operationId))}${n}`;
      diagnostics.push({
        code: 'name-collision',
        severity: 'warning',
        pointer: joinPointer(op.pointer, 'operationId'),
        message: `${op.operationId} would be ${before}, taken by ${other === op ? 'a resource' : other.operationId}; it is generated as ${key(op)}`,
        help: 'give it a name in spec/naming.yaml',
      });
      other = undefined;
    }
    if (other) {
      diagnostics.push({
        code: 'name-collision',
        severity: 'error',
        pointer: joinPointer(op.pointer, 'operationId'),
        message: `operations ${other.operationId} and ${op.operationId} both become the method ${key(op)}`,
        help: 'give one of them another method name in spec/naming.yaml',
      });
    } else taken.set(key(op), op);
  }
}

/** Reads the event types listed under "Expected Webhooks" in an operation's description. */
export function expectedWebhooks(description: string): string[] {
  const section = description.split(/\*\*Expected Webhooks:?\*\*:?/i)[1];
  if (!section) return [];
  return [...section.matchAll(/`([a-z_]+(?:\.[a-z_]+)+)`/g)]
    .map((m) => m[1]!)
    .filter((v, i, a) => a.indexOf(v) === i);
}
