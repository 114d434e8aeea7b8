/**
 * The intermediate model: everything emitters need, decided once from the spec. Emitters and
 * templates read only this, never raw OpenAPI. Wire names are kept as they are; turning them
 * into code (identifiers, string literals, comments) is the emitters' job, at the destination.
 */

/** Documentation carried from the spec to JSDoc. */
export interface Docs {
  title?: string;
  summary?: string;
  description?: string;
  /** The `default` value, as JSON. */
  default?: unknown;
  example?: unknown;
  deprecated?: boolean;
}

export type JsonLiteral = string | number | boolean | null;

interface NodeBase {
  /** Where in the spec this schema is, e.g. `#/components/schemas/SpeakRequest/properties/loop`. */
  pointer: string;
  /** `null` is also allowed (3.1 type arrays with `"null"`, 3.0 `nullable: true`). */
  nullable: boolean;
  docs: Docs;
}

export interface StringNode extends NodeBase {
  kind: 'string';
  format?: string;
  /** `format: binary` in something the package sends: a file (`Uploadable`), not text. */
  upload?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
}

export interface NumberNode extends NodeBase {
  /** `integer` is kept apart from `number`: guards enforce it and docs say it. */
  kind: 'number' | 'integer';
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
}

export interface BooleanNode extends NodeBase {
  kind: 'boolean';
}

export interface NullNode extends NodeBase {
  kind: 'null';
}

/** `enum` or `const`: a closed set of JSON literals (null counts as a value and sets `nullable`). */
export interface EnumNode extends NodeBase {
  kind: 'enum';
  values: JsonLiteral[];
  /** The declared `type`, when the spec gave one (a guard checks it too). */
  baseType?: 'string' | 'number' | 'integer' | 'boolean';
}

export interface ArrayNode extends NodeBase {
  kind: 'array';
  items: SchemaNode;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
}

export interface Property {
  /** The wire name, exactly as in the spec. */
  name: string;
  required: boolean;
  /**
   * An optional property of a schema the package only receives (webhooks, responses): Telnyx
   * sends `null` there for "no value", so the type is `T | null` and guards accept `null` unless
   * called with `strictNulls`. Always false on required and on already nullable properties.
   */
  receivedNull: boolean;
  schema: SchemaNode;
  pointer: string;
}

export interface ObjectNode extends NodeBase {
  kind: 'object';
  properties: Property[];
  /** `true`/absent: any extra key; `false`: none; a schema: extra values must match it. */
  additionalProperties: boolean | SchemaNode;
  minProperties?: number;
  maxProperties?: number;
}

export interface Discriminator {
  propertyName: string;
  /** Discriminant value → named schema, in spec order. */
  mapping: Array<{ value: string; schemaName: string }>;
}

export interface UnionNode extends NodeBase {
  kind: 'union';
  /** `oneOf` means exactly one variant matches, `anyOf` at least one. */
  mode: 'oneOf' | 'anyOf';
  variants: SchemaNode[];
  discriminator?: Discriminator;
}

export interface AllOfNode extends NodeBase {
  kind: 'allOf';
  parts: SchemaNode[];
  /** `unevaluatedProperties: false` beside the parts: which keys of an object value may appear. */
  unevaluated?: EvaluatedKeys;
}

/**
 * The keys JSON Schema counts as evaluated when a value matches: `keys` always, and each of `when`
 * only when its variant (a node of a union among the parts) matches too; `all` when that variant
 * evaluates every key (it has `additionalProperties`). Any other own key is refused.
 */
export interface EvaluatedKeys {
  keys: string[];
  when: Array<{ variant: SchemaNode; keys: string[] | 'all' }>;
}

/** A use of a named schema; the target lives in `Model.schemas`. */
export interface RefNode extends NodeBase {
  kind: 'ref';
  /** The component name in the spec, e.g. `call-control_Error`. */
  schemaName: string;
}

/** No constraint at all (`{}`, `true`). */
export interface UnknownNode extends NodeBase {
  kind: 'unknown';
}

export type SchemaNode =
  | StringNode
  | NumberNode
  | BooleanNode
  | NullNode
  | EnumNode
  | ArrayNode
  | ObjectNode
  | UnionNode
  | AllOfNode
  | RefNode
  | UnknownNode;

export interface NamedSchema {
  /** The component name in the spec (or the hoisted name of an inline schema). */
  name: string;
  /** The TypeScript name: first letter upper-cased, or PascalCase when not an identifier. */
  typeName: string;
  pointer: string;
  schema: SchemaNode;
  /** Why it exists, for schemas that are not spec components (inline bodies, params objects). */
  origin: 'component' | 'inline-response' | 'parameters' | 'ref-target';
}

export type ParamLocation = 'path' | 'query' | 'header' | 'cookie';

/** One operation parameter, path-level ones merged in (the operation's own win by name and place). */
export interface Parameter {
  /** The wire name, e.g. `call_control_id`, `filter`, `page[number]`. */
  name: string;
  in: ParamLocation;
  /** The caller must give it: a path parameter, or a required one with no `constant`. */
  required: boolean;
  /**
   * The one value a parameter the spec requires can take (a single-value `enum` or a `const`):
   * the client sends it when the caller gives none, so the caller need not.
   */
  constant?: string | number | boolean;
  /** OpenAPI `style` and `explode` as the spec gives them; absent means the default for `in`. */
  style?: string;
  explode?: boolean;
  description?: string;
  deprecated?: boolean;
  schema: SchemaNode;
  pointer: string;
}

/** Kept for readers of path parameters; every parameter is a `Parameter`. */
export type PathParam = Parameter;

export type BodyKind = 'json' | 'multipart' | 'form' | 'binary' | 'text';

/** One content type of a request body. */
export interface BodyVariant {
  contentType: string;
  kind: BodyKind;
  /** The named body schema (JSON, multipart and form bodies); raw bodies have none. */
  schemaName?: string;
  /**
   * Sent whole, as the params' `body`, since it has no fields to spread among the parameters: a
   * file or text, a JSON body that need not be an object (an array, a string, a number, a
   * boolean, any value, or a union with one of them), or a form whose fields the spec does not give.
   */
  whole?: true;
  fieldNames: string[];
  hasRequiredFields: boolean;
}

/** How a successful response is read, and its named JSON schemas. */
export interface ResponseShape {
  kind: 'json' | 'text' | 'binary' | 'empty';
  /** Named schemas of the 2xx JSON bodies, one per distinct schema, in status order. */
  schemaNames: string[];
  /** A 2xx status with no body (204) is possible beside JSON ones. */
  mayBeEmpty: boolean;
  /**
   * The `Accept` header for JSON responses whose media types are not plain `application/json`
   * (`application/vnd.api+json`, `application/json;version=2`): those types, as the spec writes them.
   */
  accept?: string;
}

/** How a list operation pages, found from the spec's shape (see ir/pagination.ts). */
export type Pagination =
  | { kind: 'page-number'; items: string[]; pageNumber: string[]; totalPages: string[]; param: string[] }
  | { kind: 'cursor'; items: string[]; nextCursor: string[]; param: string[] };

/** How the client applies one security scheme (the runtime's `AuthScheme`, core/auth.ts). */
export type AuthScheme =
  { type: 'bearer' | 'basic' } | { type: 'apiKey'; in: 'header' | 'query' | 'cookie'; name: string };

/** Alternatives, each the names of the schemes it needs together; `[]`: no credentials needed. */
export type SecurityRequirements = string[][];

export interface Operation {
  operationId: string;
  /** The method name users call, from the naming config or the path's shape. */
  methodName: string;
  /** The resource the method lives on (e.g. `calls.actions`), from the naming config or the path. */
  resource: string;
  /** Lower case, as in the spec: `get`, `post`, … */
  httpMethod: string;
  /** The path key, as the spec writes it (docs show this one). */
  path: string;
  /** The path the request goes to: `path` without a fragment (ir/request-path.ts). */
  requestPath: string;
  /** In the order they appear in the path template: the method's positional arguments. */
  pathParams: Parameter[];
  /** Query, header and cookie parameters, keys of the params object. */
  params: Parameter[];
  /** The named schema of `params` (query, header and cookie values), when there are any. */
  paramsSchemaName?: string;
  /** The named schema of the path parameters, when one of them constrains more than its type. */
  pathParamsSchemaName?: string;
  /** The request body; `schemaName` and the field facts are those of the first variant. */
  body?: {
    schemaName?: string;
    required: boolean;
    hasRequiredFields: boolean;
    fieldNames: string[];
    variants: BodyVariant[];
  };
  response: ResponseShape;
  /** Named schema of the (first) 2xx JSON response. */
  responseSchemaName?: string;
  /** Named schema of the error body (from `default` or 4xx responses). */
  errorSchemaName?: string;
  /** A body field that makes retries safe (Telnyx ignores a repeated `command_id`). */
  idempotencyField?: string;
  pagination?: Pagination;
  docs: Docs;
  /** Event types this command is documented to trigger, from its "Expected Webhooks" list. */
  expectedWebhooks: string[];
  /** The operation's own `security`, when it sets one; else the document's applies. */
  security?: SecurityRequirements;
  pointer: string;
}

export interface WebhookEvent {
  /** Key under the spec's `webhooks:`, e.g. `callPlaybackEnded`. */
  name: string;
  /**
   * What the event is known by: its single `data.event_type` value, e.g. `call.playback.ended`, or
   * the webhook's key when its body lists several values or none (`deliveryUpdate`).
   */
  eventType: string;
  /**
   * The `data.event_type` values the package routes to this event's type, in spec order; empty
   * when the body lists none (it is then typed, but not routed).
   */
  routes: string[];
  /** Named schema of the whole delivered body, e.g. `CallPlaybackEndedEvent`. */
  schemaName: string;
  /** Named schema of `data`, e.g. `CallPlaybackEnded`, when it is a `$ref`. */
  dataSchemaName: string | undefined;
  docs: Docs;
  pointer: string;
}

export interface Model {
  /** sha256 of the spec bytes: provenance for headers, never a timestamp. */
  specHash: string;
  specFile: string;
  title: string;
  version: string;
  baseURL: string;
  /** The security schemes the client can apply, by name in spec order. */
  authSchemes: Record<string, AuthScheme>;
  /** The document's `security`: what an operation without its own needs. */
  security: SecurityRequirements;
  operations: Operation[];
  /** Sorted by `typeName`. */
  schemas: NamedSchema[];
  webhooks: WebhookEvent[];
}
