/**
 * The parts of one operation: its parameters (path-level ones merged in), its request body in
 * each content type, and how its success response is read. Inline schemas are lifted to names.
 */
import { joinPointer } from '../core/diagnostics.js';
import { isObject, type Json } from '../core/json.js';
import { compareStrings, toTypeName } from '../core/names.js';
import type { BuildContext } from './build.js';
import { docsOf, mayBeObject, toSchemaNode } from './schema.js';
import type { BodyKind, BodyVariant, NamedSchema, ObjectNode, Operation, Parameter, ResponseShape, SchemaNode } from './types.js';

export interface OperationSource {
  path: string;
  httpMethod: string;
  op: Json;
  item: Json;
  pointer: string;
}

const LOCATIONS = ['path', 'query', 'header', 'cookie'] as const;
/** Headers fetch or the client set itself; a spec parameter cannot take them over. */
const CLIENT_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/** Every parameter, path-level first, the operation's own replacing one with the same name and place. */
export function parameters(src: OperationSource, ctx: BuildContext): Parameter[] {
  const byKey = new Map<string, Parameter>();
  const read = (list: unknown, base: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, i) => {
      const at = ctx.resolveAt(raw, joinPointer(base, 'parameters', i));
      const param = parameter(at.value, at.pointer, ctx);
      if (param) byKey.set(`${param.in}:${param.in === 'header' ? param.name.toLowerCase() : param.name}`, param);
    });
  };
  read(src.item.parameters, joinPointer('#/paths', src.path));
  read(src.op.parameters, src.pointer);
  const all = [...byKey.values()];
  // Path parameters in URL order, so positional arguments follow the URL.
  const pathParams = all
    .filter((p) => p.in === 'path')
    .sort((a, b) => src.path.indexOf(`{${a.name}}`) - src.path.indexOf(`{${b.name}}`));
  return [...pathParams, ...all.filter((p) => p.in !== 'path')];
}

function parameter(p: unknown, pointer: string, ctx: BuildContext): Parameter | undefined {
  if (!isObject(p) || typeof p.name !== 'string') return undefined;
  const location = LOCATIONS.find((l) => l === p.in);
  if (!location || (location === 'header' && CLIENT_HEADERS.has(p.name.toLowerCase()))) {
    ctx.diagnostics.push({
      code: 'parameter-ignored',
      severity: 'warning',
      pointer,
      message: `${String(p.in)} parameter ${p.name} is not generated: ${location ? 'the client sets this header itself' : 'unknown location'}`,
    });
    return undefined;
  }
  const schema = paramSchema(p, pointer, ctx);
  const docs = docsOf(p);
  if (docs.description !== undefined && schema.docs.description === undefined) {
    schema.docs = { ...schema.docs, description: docs.description };
  }
  const constant = location === 'path' || p.required !== true ? undefined : onlyValue(schema);
  return {
    name: p.name,
    in: location,
    required: location === 'path' || (p.required === true && constant === undefined),
    ...(constant !== undefined ? { constant } : {}),
    ...(typeof p.style === 'string' ? { style: p.style } : {}),
    ...(typeof p.explode === 'boolean' ? { explode: p.explode } : {}),
    ...(typeof p.description === 'string' ? { description: p.description } : {}),
    ...(p.deprecated === true ? { deprecated: true } : {}),
    schema,
    pointer,
  };
}

/**
 * The one value a schema allows, when it is a single-value `enum` or a `const` of a string, a
 * number or a boolean: AWS's `Action` and `Version` query parameters and `X-Amz-Target` header,
 * Azure's `api-version` (9,742 operations in 235 APIs.guru specs require one).
 */
function onlyValue(schema: SchemaNode): string | number | boolean | undefined {
  if (schema.kind !== 'enum' || schema.nullable || schema.values.length !== 1) return undefined;
  const [value] = schema.values;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}

/** A parameter's schema, or the one under `content` (a JSON-encoded parameter). */
function paramSchema(p: Json, pointer: string, ctx: BuildContext) {
  if (p.schema !== undefined) return toSchemaNode(p.schema, joinPointer(pointer, 'schema'), ctx);
  const media = isObject(p.content) ? Object.entries(p.content)[0] : undefined;
  if (media && isObject(media[1]) && media[1].schema !== undefined)
    return toSchemaNode(media[1].schema, joinPointer(pointer, 'content', media[0], 'schema'), ctx);
  return toSchemaNode({}, pointer, ctx);
}

/**
 * The query, header and cookie parameters as one object schema, named `<Operation>Params`: its
 * type is what callers pass, its guard checks their values before anything is sent.
 */
export function paramsSchema(operationId: string, params: Parameter[], pointer: string, ctx: BuildContext): string | undefined {
  if (params.length === 0) return undefined;
  const node: ObjectNode = {
    kind: 'object',
    pointer: joinPointer(pointer, 'parameters'),
    nullable: false,
    docs: {},
    properties: params.map((p) => ({ name: p.name, required: p.required, receivedNull: false, schema: p.schema, pointer: p.pointer })),
    additionalProperties: true,
  };
  const name = uniqueName(`${toTypeName(operationId)}Params`, ctx);
  ctx.hoisted.set(name, { name, typeName: toTypeName(name), pointer: node.pointer, schema: node, origin: 'parameters' });
  return name;
}

/** Per model: path parameter schemas already hoisted, by path and content (see below). */
const sharedPathParams = new WeakMap<BuildContext, Map<string, string>>();

/**
 * The path parameters as one object schema, named `<Operation>PathParams`, when any of them says
 * more than "a string" or "a number" (a format, a pattern, an enum, a length or range): its guard
 * checks the values before they are put into the URL. Plain ones are left to `encodePathParam`,
 * which refuses only an empty or non-string value, so most operations carry no extra guard.
 * Operations on one path whose path parameters are the same (`GET` and `DELETE` of an item) share
 * the first one's schema, rather than each getting a guard module with the same checks.
 */
export function pathParamsSchema(
  operationId: string,
  path: string,
  pathParams: Parameter[],
  pointer: string,
  ctx: BuildContext,
): string | undefined {
  if (!pathParams.some((p) => isConstrained(p.schema, ctx))) return undefined;
  const shared = sharedPathParams.get(ctx) ?? new Map<string, string>();
  sharedPathParams.set(ctx, shared);
  // What the guard checks: names and schemas, not where the spec wrote them or their docs.
  const key = JSON.stringify([path, pathParams.map((p) => [p.name, p.schema])], (k, v: unknown) =>
    k === 'pointer' || k === 'docs' ? undefined : v,
  );
  const existing = shared.get(key);
  if (existing !== undefined) return existing;
  const node: ObjectNode = {
    kind: 'object',
    pointer: joinPointer(pointer, 'parameters'),
    nullable: false,
    docs: {},
    properties: pathParams.map((p) => ({ name: p.name, required: true, receivedNull: false, schema: p.schema, pointer: p.pointer })),
    additionalProperties: true,
  };
  const name = uniqueName(`${toTypeName(operationId)}PathParams`, ctx);
  ctx.hoisted.set(name, { name, typeName: toTypeName(name), pointer: node.pointer, schema: node, origin: 'parameters' });
  shared.set(key, name);
  return name;
}

/**
 * Whether a path parameter's schema constrains more than its type. Only kinds a positional
 * `string` / `number` argument can satisfy count: a guard for anything else (an object, a
 * boolean) would refuse every value the method's signature allows.
 */
function isConstrained(node: SchemaNode, ctx: BuildContext): boolean {
  switch (node.kind) {
    case 'string':
      return node.format !== undefined || node.pattern !== undefined || node.minLength !== undefined || node.maxLength !== undefined;
    case 'integer':
      return true;
    case 'number':
      return [node.minimum, node.maximum, node.exclusiveMinimum, node.exclusiveMaximum, node.multipleOf].some((v) => v !== undefined);
    case 'enum':
      return node.values.every((v) => typeof v === 'string' || typeof v === 'number');
    case 'ref': {
      // A named schema gets a guard of its own; worth calling when it is a scalar or an enum.
      return isScalarTarget(node.schemaName, ctx, ['string', 'number', 'integer']);
    }
    case 'array':
      // The method takes an array of scalars (sent comma-joined); its length and items can be checked.
      return (
        isScalarItems(node.items, ctx) &&
        (node.minItems !== undefined || node.maxItems !== undefined || node.uniqueItems === true || isConstrained(node.items, ctx))
      );
    default:
      return false;
  }
}

/**
 * Whether an array path parameter's items are scalars, which the method's argument can hold; the
 * resource emitter types the argument `ReadonlyArray<…>` on the same test, and `string` otherwise.
 */
function isScalarItems(node: SchemaNode, ctx: BuildContext): boolean {
  switch (node.kind) {
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
      return true;
    case 'enum':
      return node.values.some((v) => v !== null) && node.values.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v));
    case 'ref':
      return isScalarTarget(node.schemaName, ctx, ['string', 'number', 'integer', 'boolean']);
    default:
      return false;
  }
}

/** Whether the named schema, as the spec writes it, is an enum of scalars or one of `types`. */
function isScalarTarget(schemaName: string, ctx: BuildContext, types: string[]): boolean {
  const target = ctx.resolve({ $ref: joinPointer('#/components/schemas', schemaName) });
  if (!isObject(target)) return false;
  if (Array.isArray(target.enum)) return target.enum.some((v) => v !== null) && target.enum.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v));
  return typeof target.type === 'string' && types.includes(target.type);
}

/** `wanted`, or `wanted2`, `wanted3`, …: the first name no component or lifted schema has. */
export function uniqueName(wanted: string, ctx: BuildContext): string {
  const taken = (n: string) => ctx.hoisted.has(n) || ctx.schemaNameOfRef(joinPointer('#/components/schemas', n)) !== undefined;
  let name = wanted;
  for (let i = 2; taken(name); i++) name = `${wanted}${i}`;
  return name;
}

/** The kind of body a content type is, or undefined for one the client cannot send. */
export function bodyKind(contentType: string): BodyKind | undefined {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  // `text/json` is JSON's old name, which ASP.NET still lists beside `application/json`.
  if (type === 'application/json' || type.endsWith('+json') || type === 'text/json') return 'json';
  if (type === 'multipart/form-data' || type === 'multipart/mixed') return 'multipart';
  if (type === 'application/x-www-form-urlencoded') return 'form';
  if (type.startsWith('text/')) return 'text';
  return 'binary';
}

/**
 * The content type a body goes out with. A range the spec gives (ASP.NET's `application/*+json`,
 * a converted Swagger 2 `consumes: [*\/*]`) is no content type to send: it becomes JSON when the
 * schema describes a value (`application/json`), text for a string, and bytes for a file or no
 * schema (the file's own type, else `application/octet-stream`).
 */
function wireType(range: string, schema: unknown, ctx: BuildContext): { contentType: string; kind: BodyKind | undefined } {
  if (!range.includes('*')) return { contentType: range, kind: bodyKind(range) };
  const type = range.split(';')[0]!.trim().toLowerCase();
  const target = ctx.resolve(schema);
  const string = isObject(target) && target.type === 'string';
  const file = schema === undefined || (string && target.format === 'binary');
  const json = { contentType: 'application/json', kind: 'json' } as const;
  if (type.endsWith('+json')) return json;
  if (type.startsWith('text/') || ((type === '*/*' || type === 'application/*') && string && !file))
    return { contentType: 'text/plain', kind: 'text' };
  if ((type === '*/*' || type === 'application/*') && !file) return json;
  return { contentType: 'application/octet-stream', kind: 'binary' };
}

/**
 * The content types the client sends, in the spec's order of their kinds: every binary one, and
 * one of each other kind. Any type the spec lists is one the server takes, so of JSON's, plain
 * `application/json` goes (ASP.NET lists `application/json-patch+json`, `application/json`,
 * `text/json` and `application/*+json` for one object), else the first; a range only when no
 * concrete type of its kind is listed.
 */
function sendable(content: Json, ctx: BuildContext): SendableType[] {
  const entries = Object.entries(content).flatMap(([range, media]): SendableType[] => {
    const schema = isObject(media) ? media.schema : undefined;
    const { contentType, kind } = wireType(range, schema, ctx);
    return kind === undefined ? [] : [{ range, schema, contentType, kind }];
  });
  const rank = (range: string) => (range.includes('*') ? 2 : /^application\/json\s*(;|$)/i.test(range) ? 0 : 1);
  const best = new Map<BodyKind, SendableType>();
  for (const entry of entries) {
    const held = best.get(entry.kind);
    if (!held || rank(entry.range) < rank(held.range)) best.set(entry.kind, entry);
  }
  // Binary types stay apart (a PNG or a JPEG), but two ranges that both become
  // `application/octet-stream` are one.
  const seen = new Set<string>();
  return entries.flatMap((entry) => {
    const key = entry.kind === 'binary' ? `binary ${entry.contentType}` : entry.kind;
    if (seen.has(key)) return [];
    seen.add(key);
    return [entry.kind === 'binary' ? entry : best.get(entry.kind)!];
  });
}

/** A request content type the client can send: as the spec writes it, and as it goes out. */
interface SendableType {
  range: string;
  schema: unknown;
  contentType: string;
  kind: BodyKind;
}

export function requestBody(src: OperationSource, operationId: string, ctx: BuildContext): Operation['body'] {
  const { value: raw, pointer } = ctx.resolveAt(src.op.requestBody, joinPointer(src.pointer, 'requestBody'));
  if (!isObject(raw) || !isObject(raw.content)) return undefined;
  if (src.httpMethod === 'get' || src.httpMethod === 'head') {
    // fetch refuses to send any body, even an empty one, with these methods: the call would fail
    // before leaving the client (Stripe's GET operations each declare an empty form body).
    ctx.diagnostics.push({
      code: 'body-on-get',
      severity: 'warning',
      pointer,
      message: `fetch cannot send a body with ${src.httpMethod.toUpperCase()}: this request body is left out${raw.required === true ? ', though the spec requires it' : ''}`,
    });
    return undefined;
  }
  const variants: BodyVariant[] = [];
  const dropped: Array<{ contentType: string; kind: 'multipart' | 'form'; at: string }> = [];
  for (const { range, schema, contentType, kind } of sendable(raw.content, ctx)) {
    const at = joinPointer(pointer, 'content', range, 'schema');
    if (kind === 'binary' || kind === 'text' || schema === undefined) {
      // A file or text is the body itself, taken whole: required only when the spec says so.
      variants.push({
        contentType,
        kind: kind === 'text' ? 'text' : 'binary',
        whole: true,
        fieldNames: [],
        hasRequiredFields: raw.required === true,
      });
      continue;
    }
    if ((kind === 'multipart' || kind === 'form') && !mayBeObject(schema, ctx)) {
      // Form fields are an object's properties; a string or an array has none to encode.
      dropped.push({ contentType, kind, at });
      continue;
    }
    const suffix = variants.length === 0 ? 'Request' : `${toTypeName(kind)}Request`;
    const schemaName = nameSchema(schema, `${toTypeName(operationId)}${suffix}`, at, ctx, false);
    if (kind === 'json' && !isObjectSchema(schema, ctx)) {
      variants.push({ contentType, kind, schemaName, whole: true, fieldNames: [], hasRequiredFields: raw.required === true });
      continue;
    }
    const target = ctx.resolve(schema);
    const props = isObject(target) && isObject(target.properties) ? Object.keys(target.properties) : [];
    const required = isObject(target) && Array.isArray(target.required) ? target.required : [];
    variants.push({ contentType, kind, schemaName, fieldNames: props, hasRequiredFields: required.length > 0 });
  }
  const others = variants.map((v) => v.contentType);
  for (const { contentType, kind, at } of dropped) {
    const why = `${contentType} sends an object's properties as fields, and this schema accepts no object`;
    if (others.length) {
      ctx.diagnostics.push({
        code: 'form-body-not-object',
        severity: 'warning',
        pointer: at,
        message: `${why}; this content type is left out, and the method sends ${others.join(' or ')}`,
      });
      continue;
    }
    // The only way to call the operation: the caller builds the body, as the spec cannot say
    // which fields it has (Jira's attachment upload: a multipart body of one binary string).
    variants.push({ contentType, kind, whole: true, fieldNames: [], hasRequiredFields: raw.required === true });
    ctx.diagnostics.push({
      code: 'form-body-whole',
      severity: 'warning',
      pointer: at,
      message: `${why}, so its fields are unknown; the method takes the whole body as \`body\`: ${
        kind === 'multipart' ? 'a FormData' : 'an encoded form string or URLSearchParams'
      } the caller builds`,
    });
  }
  const first = variants[0];
  if (!first) return undefined;
  return {
    ...(first.schemaName === undefined ? {} : { schemaName: first.schemaName }),
    required: raw.required === true,
    hasRequiredFields: first.hasRequiredFields,
    fieldNames: first.fieldNames,
    variants,
  };
}

/**
 * True when every value `schema` accepts is an object (`null` aside, which a params object cannot
 * be): `type: object`, object keywords without a type, an `allOf` with an object part, or a
 * `oneOf`/`anyOf` of objects. Anything else is a body sent whole (BodyVariant.whole).
 */
function isObjectSchema(schema: unknown, ctx: BuildContext, depth = 0): boolean {
  const target = ctx.resolve(schema);
  if (!isObject(target) || depth > 32) return false;
  const types = (Array.isArray(target.type) ? target.type : [target.type]).filter((t) => t !== undefined && t !== 'null');
  if (types.length) return types.every((t) => t === 'object');
  if (['properties', 'additionalProperties', 'required', 'minProperties', 'maxProperties'].some((k) => k in target)) return true;
  if (Array.isArray(target.allOf) && target.allOf.some((part) => isObjectSchema(part, ctx, depth + 1))) return true;
  return (['oneOf', 'anyOf'] as const).some(
    (k) => Array.isArray(target[k]) && target[k].length > 0 && target[k].every((part) => isObjectSchema(part, ctx, depth + 1)),
  );
}

/** How the 2xx responses read: JSON (typed per status), text, a binary stream, or nothing. */
export function responseShape(src: OperationSource, operationId: string, ctx: BuildContext): ResponseShape {
  const responses = isObject(src.op.responses) ? src.op.responses : {};
  const codes = Object.keys(responses)
    .filter((c) => /^2(\d\d|XX)$/i.test(c))
    .sort(compareStrings);
  const shape: ResponseShape = { kind: 'empty', schemaNames: [], mayBeEmpty: false };
  const jsonTypes = new Set<string>();
  for (const code of codes) {
    const { value: response, pointer } = ctx.resolveAt(responses[code], joinPointer(src.pointer, 'responses', code));
    const content = isObject(response) && isObject(response.content) ? Object.entries(response.content) : [];
    if (content.length === 0) {
      shape.mayBeEmpty = true;
      continue;
    }
    const json = content.find(([type]) => bodyKind(type) === 'json');
    if (json) {
      shape.kind = 'json';
      for (const [type] of content) if (bodyKind(type) === 'json') jsonTypes.add(type);
      const schema = isObject(json[1]) ? json[1].schema : undefined;
      if (schema === undefined) continue;
      const fallback = `${toTypeName(operationId)}Response${codes.indexOf(code) === 0 ? '' : code}`;
      const at = joinPointer(pointer, 'content', json[0], 'schema');
      const name = nameSchema(schema, fallback, at, ctx, true);
      if (!shape.schemaNames.includes(name)) shape.schemaNames.push(name);
    } else if (shape.kind !== 'json') {
      shape.kind = content.every(([type]) => bodyKind(type) === 'text') ? 'text' : 'binary';
    }
  }
  if (shape.kind === 'empty') shape.mayBeEmpty = false;
  // A server that negotiates strictly answers 406 to `Accept: application/json` when it serves
  // only `application/vnd.api+json` or a versioned type: ask for what the spec says it serves.
  const plain = (type: string) => /^application\/json\s*(;\s*charset=[^;]*)?$/i.test(type.trim());
  if (shape.kind === 'json' && ![...jsonTypes].every(plain)) shape.accept = [...jsonTypes].join(', ');
  return shape;
}

/** Named schema of the error body (from `default` or 4xx/5xx responses), when JSON. */
export function errorSchema(src: OperationSource, operationId: string, ctx: BuildContext): string | undefined {
  const responses = isObject(src.op.responses) ? src.op.responses : {};
  const code = Object.keys(responses)
    .filter((c) => /^(default|[45](\d\d|XX))$/i.test(c))
    .sort(compareStrings)[0];
  if (code === undefined) return undefined;
  const { value: response, pointer } = ctx.resolveAt(responses[code], joinPointer(src.pointer, 'responses', code));
  const content = isObject(response) && isObject(response.content) ? Object.entries(response.content) : [];
  const json = content.find(([type]) => bodyKind(type) === 'json');
  const schema = json && isObject(json[1]) ? json[1].schema : undefined;
  if (schema === undefined) return undefined;
  const at = joinPointer(pointer, 'content', json![0], 'schema');
  return nameSchema(schema, `${toTypeName(operationId)}ErrorResponse`, at, ctx, true);
}

/** A schema is named by its `$ref`, or lifted to a name of its own when written inline. */
export function nameSchema(schema: unknown, fallbackName: string, pointer: string, ctx: BuildContext, receiving: boolean): string {
  if (isObject(schema) && typeof schema.$ref === 'string' && Object.keys(schema).length === 1) {
    const name = ctx.schemaNameOfRef(schema.$ref);
    if (name) return name;
  }
  const title = isObject(schema) && typeof schema.title === 'string' ? toTypeName(schema.title) : undefined;
  const name = title ?? fallbackName;
  const node = toSchemaNode(schema, pointer, { ...ctx, receiving });
  const existing = ctx.hoisted.get(name);
  if (existing && sameShape(existing.schema, node)) return name;
  const unique = existing || ctx.schemaNameOfRef(joinPointer('#/components/schemas', name)) ? uniqueName(fallbackName, ctx) : name;
  const named: NamedSchema = { name: unique, typeName: toTypeName(unique), pointer, schema: node, origin: 'inline-response' };
  ctx.hoisted.set(unique, named);
  return unique;
}

/** Two inline schemas are one type when they differ only in where they were written. */
function sameShape(a: unknown, b: unknown): boolean {
  const withoutPointers = (key: string, value: unknown) => (key === 'pointer' ? undefined : value);
  return JSON.stringify(a, withoutPointers) === JSON.stringify(b, withoutPointers);
}
