/**
 * Names a schema type may not take, because generated modules already use them for something
 * else: the runtime's exports (re-exported by `index.ts`, or imported beside schema types by the
 * guard, resource and webhook modules), the names `webhooks.ts.hbs` and `index.ts.hbs` declare,
 * the guard functions a runtime helper already has (`Object` would make a second `isObject`), and
 * the JavaScript and TypeScript globals generated types refer to (a schema `Record` would hide
 * `Record<K, V>`). A test keeps the runtime and template lists in step with `runtime/` and
 * `templates/`.
 */
import type { NamingConfig } from './naming-config.js';

/** Every capitalized name `runtime/*.ts` exports, and X of every `isX`-style helper it exports. */
export const RUNTIME_NAMES: readonly string[] = [
  'APIConnectionError',
  'APIConnectionTimeoutError',
  'APIError',
  'APIPromise',
  'APIUserAbortError',
  'AppliedAuth',
  'AttemptInput',
  'AttemptOutcome',
  'AuthScheme',
  'AuthenticationError',
  'BadRequestError',
  'BodyKind',
  'BodyVariant',
  'Check',
  'ClientCore',
  'ClientDefaults',
  'ClientOptions',
  'ConflictError',
  'CryptoEngine',
  'DEFAULT_MAX_BODY_BYTES',
  'EncodedBody',
  'EventDecoder',
  'FileData',
  'FileUpload',
  'GuardOptions',
  'HandlerCore',
  'HeadersLike',
  'InternalServerError',
  'MAX_DEPTH',
  'METHOD_NOT_ALLOWED',
  'NodeRequestLike',
  'NodeResponseLike',
  'NotFoundError',
  'OperationSpec',
  'PAYLOAD_TOO_LARGE',
  'Page',
  'PageFetcher',
  'PagePromise',
  'PageScheme',
  'ParamLocation',
  'ParamSpec',
  'PathScalar',
  'PermissionDeniedError',
  'PreparedRequest',
  'RAW_BODY_KEY',
  'REDACTED',
  'RateLimitError',
  'RawResponse',
  'Reply',
  'RequestOptions',
  'RequestSpec',
  'ResolvedOptions',
  'ResponseKind',
  'ResponseTooLargeError',
  'Secrets',
  'SecurityRequirements',
  'SplitParams',
  'TOO_LARGE',
  'TelnyxError',
  'TelnyxErrorBody',
  'TelnyxErrorObject',
  'UnknownWebhookEvent',
  'UnprocessableEntityError',
  'UnwrapOptions',
  'Unwrapped',
  'Uploadable',
  'ValidationError',
  'ValidationIssue',
  'ValidationResult',
  'VerifyOptions',
  'WebhookBinding',
  'WebhookClient',
  'WebhookDrift',
  'WebhookErrorContext',
  'WebhookHandler',
  'WebhookHandlerConfig',
  'WebhookKeyPair',
  'WebhookLogger',
  'WebhookSignatureHeaders',
  'WebhookVerificationError',
  'WebhookVerificationReason',
  // From helpers: isDate, isDateTime, isEmail, isFileData, isJsonPointer, isMultipleOf, isObject, checkByteLimit,
  // assertValid, …
  'ByteLimit',
  'Valid',
  'WebhookSignature',
  'Date',
  'DateTime',
  'Email',
  'JsonPointer',
  'MultipleOf',
  'Object',
  'Uri',
  'Uuid',
];

/** The names the client templates declare from `package.clientClass`. */
export const clientNames = (clientClass: string): string[] => [
  clientClass,
  `${clientClass}Options`,
  `${clientClass}Client`,
  `${clientClass}ClientOptions`,
  `${clientClass}Core`,
];

/** Names the templates declare in modules that also hold schema types. */
export const TEMPLATE_NAMES: readonly string[] = [
  'WebhookEvent',
  'WebhookEventMap',
  'WebhookEventType',
  'WebhookBodies',
  'WEBHOOK_EVENT_TYPES',
  'WebhookHandlerOptions',
  'WebhookClientOptions',
  'Webhooks',
];

/** Globals generated code names, which a module-level declaration would hide. */
const GLOBALS: readonly string[] = [
  'Array',
  'ArrayBuffer',
  'AsyncIterable',
  'AsyncIterator',
  'Awaited',
  'BigInt',
  'Blob',
  'Boolean',
  'Buffer',
  'Error',
  'Exclude',
  'Extract',
  'File',
  'FormData',
  'Function',
  'Headers',
  'Iterable',
  'JSON',
  'Lowercase',
  'Map',
  'Math',
  'NonNullable',
  'Number',
  'Omit',
  'Parameters',
  'Partial',
  'Pick',
  'Promise',
  'PromiseLike',
  'PropertyKey',
  'ReadableStream',
  'Readonly',
  'ReadonlyArray',
  'ReadonlyMap',
  'ReadonlySet',
  'Record',
  'RegExp',
  'Request',
  'Required',
  'Response',
  'ReturnType',
  'Set',
  'String',
  'Symbol',
  'TextDecoder',
  'TypeError',
  'URL',
  'URLSearchParams',
  'Uint8Array',
  'Uppercase',
];

/**
 * A resource class may not take a name the runtime, the templates or a global already gives
 * `index.ts` or its own module (`/page` would make a second `Page`); symbols.ts adds `Resource`.
 */
export function isTakenClassName(name: string): boolean {
  return RUNTIME_NAMES.includes(name) || TEMPLATE_NAMES.includes(name) || GLOBALS.includes(name);
}

/** Each reserved name, lower-cased (see build.ts: names that differ in case collide), and why. */
export function reservedTypeNames(
  naming: NamingConfig,
  resourceClasses: Iterable<{ path: string; className: string }>,
): Map<string, string> {
  const reserved = new Map<string, string>();
  const add = (name: string, why: string) => reserved.set(name.toLowerCase(), why);
  for (const name of RUNTIME_NAMES) add(name, 'a name of the package runtime');
  for (const name of TEMPLATE_NAMES) add(name, 'a name webhooks.ts declares');
  for (const name of GLOBALS) add(name, 'a global that generated types use');
  for (const name of clientNames(naming.package.clientClass)) add(name, 'a name of the client');
  for (const { path, className } of resourceClasses) add(className, `the class of resource ${path}`);
  // Each schema's guards are the module guards/<TypeName>.ts, beside the folder's index.ts.
  add('index', 'the name of guards/index.ts on a case-insensitive disk');
  return reserved;
}
