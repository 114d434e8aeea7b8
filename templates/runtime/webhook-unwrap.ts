/**
 * Verified webhook parsing and a ready-made HTTP handler. Hand-written, copied verbatim into the
 * generated package as `core/webhook-unwrap.ts`; the generated code binds these generic functions
 * to the generated event types and guards (the `decoders` argument).
 *
 * The order is the security property: the signature is checked on the raw body first, and
 * nothing is parsed, decoded or handed to user code before that succeeds.
 */
import type { ValidationResult } from './validation.js';
import { verifyWebhookSignature, WebhookVerificationError } from './webhook-verify.js';
import type { CryptoEngine, HeadersLike } from './webhook-verify.js';

/** Checks a parsed webhook body (the whole `{ data, meta }` envelope) for one event type. */
export type EventDecoder = (value: unknown, options: { strictEnums: boolean }) => ValidationResult<unknown>;

/**
 * A verified event whose `data.event_type` has no decoder, typically a type Telnyx added after
 * this package was generated. Returned rather than thrown so new events don't break receivers.
 * Known events are the decoded envelope itself and never carry `kind`.
 */
export interface UnknownWebhookEvent {
  kind: 'unknown';
  /** `data.event_type` as sent. */
  event_type: string;
  /** The envelope's `data` member, verified but not checked against any schema. */
  data: unknown;
  /** The whole parsed body, verified but not checked against any schema. */
  raw: unknown;
}

export function isUnknownWebhookEvent(event: unknown): event is UnknownWebhookEvent {
  return typeof event === 'object' && event !== null && (event as { kind?: unknown }).kind === 'unknown';
}

export interface UnwrapOptions {
  /** The request headers, as received. */
  headers: HeadersLike;
  /** Base64 public key(s); default: `TELNYX_PUBLIC_KEY` (comma-separated for rotation). */
  key?: string | readonly string[];
  /** Reject enum values this package does not know. Default false: Telnyx adds values over time. */
  strict?: boolean;
  toleranceSeconds?: number;
  now?: () => number;
  /** @internal see `VerifyOptions.engine`. */
  engine?: CryptoEngine;
}

type Decoders = Readonly<Record<string, EventDecoder>>;

function resolveKey(key: string | readonly string[] | undefined): string | readonly string[] {
  if (key !== undefined) return key;
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const fromEnv = (env?.['TELNYX_PUBLIC_KEY'] ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  if (fromEnv.length > 0) return fromEnv;
  throw new WebhookVerificationError(
    'invalid_public_key',
    'no public key configured: pass `key` / `publicKey`, or set the TELNYX_PUBLIC_KEY environment ' +
      'variable to the base64 public key shown in the Telnyx Mission Control portal',
  );
}

function parseJson(rawBody: string | Uint8Array): unknown {
  try {
    // `fatal` so a body that is not UTF-8 is reported, not silently patched with U+FFFD.
    const text =
      typeof rawBody === 'string' ? rawBody : new TextDecoder('utf-8', { fatal: true }).decode(rawBody);
    return JSON.parse(text);
  } catch {
    throw new WebhookVerificationError('invalid_json', 'the verified body is not valid UTF-8 JSON');
  }
}

/** `value[name]` when `value` is an object, else undefined. */
function member(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

/** What `unwrap` learned, with the event type kept for dispatch. */
interface Unwrapped {
  eventType: string;
  event: unknown;
  known: boolean;
}

async function unwrapDetailed(
  rawBody: string | Uint8Array,
  options: UnwrapOptions,
  decoders: Decoders,
): Promise<Unwrapped> {
  const { headers, key, strict, ...verifyOptions } = options;
  await verifyWebhookSignature(rawBody, headers, resolveKey(key), verifyOptions);
  const body = parseJson(rawBody);
  const data = member(body, 'data');
  const eventType = member(data, 'event_type');
  if (typeof eventType !== 'string') {
    const issue = { path: '/data/event_type', keyword: 'required', message: 'expected a string' };
    throw new WebhookVerificationError('invalid_payload', 'no data.event_type', [issue]);
  }
  // hasOwn: an event_type such as "constructor" must not reach Object.prototype.
  const decoder = Object.hasOwn(decoders, eventType) ? decoders[eventType] : undefined;
  if (decoder === undefined) {
    const event: UnknownWebhookEvent = { kind: 'unknown', event_type: eventType, data, raw: body };
    return { eventType, event, known: false };
  }
  const result = decoder(body, { strictEnums: strict ?? false });
  if (!result.ok) {
    throw new WebhookVerificationError(
      'invalid_payload',
      `the ${eventType} event does not match its schema`,
      result.errors,
    );
  }
  return { eventType, event: result.value, known: true };
}

/**
 * Verifies `rawBody` (exactly as received), then parses and decodes it. Resolves to the decoded
 * event, or an `UnknownWebhookEvent` for event types without a decoder. Throws
 * `WebhookVerificationError` otherwise; nothing unverified is ever returned.
 */
export function unwrapWebhookWith(
  rawBody: string | Uint8Array,
  options: UnwrapOptions,
  decoders: Decoders,
): Promise<unknown> {
  // A plain `then`, not another async layer: this sits on every webhook's path.
  return unwrapDetailed(rawBody, options, decoders).then((unwrapped) => unwrapped.event);
}

// ---- Fetch-API handler ----------------------------------------------------------------------

export interface WebhookHandlerConfig<M extends object = Record<string, unknown>> {
  /** Base64 public key(s); default: `TELNYX_PUBLIC_KEY`. */
  publicKey?: string | readonly string[];
  /** One callback per event type; each verified event runs its callback exactly once. */
  on: { readonly [K in keyof M]?: (event: M[K]) => unknown };
  /** Called for verified events without a decoder. Without it they are acknowledged and dropped. */
  onUnknown?: (event: UnknownWebhookEvent) => unknown;
  /** Bodies above this many bytes get 413. Default 1 MiB. */
  maxBodyBytes?: number;
  strict?: boolean;
  toleranceSeconds?: number;
  now?: () => number;
}

export type WebhookHandler = (request: Request) => Promise<Response>;

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const TOO_LARGE = Symbol('too large');

function jsonResponse(status: number, body: unknown, extraHeaders: Record<string, string> = {}): Response {
  const headers = { 'content-type': 'application/json', ...extraHeaders };
  return new Response(JSON.stringify(body), { status, headers });
}

/** True when a declared content-length already rules the body out. */
function declaredTooLarge(contentLength: string | null | undefined, maxBytes: number): boolean {
  return contentLength != null && /^[0-9]+$/.test(contentLength) && Number(contentLength) > maxBytes;
}

/** Reads the body as bytes, stopping as soon as it passes `maxBytes`. */
async function readBody(
  request: Request,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | typeof TOO_LARGE> {
  if (declaredTooLarge(request.headers.get('content-length'), maxBytes)) return TOO_LARGE;
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    total += read.value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return TOO_LARGE;
    }
    chunks.push(read.value);
  }
  return concat(chunks, total);
}

/** Joins chunks into one fresh buffer (a copy, so it never aliases a pooled Node Buffer). */
function concat(chunks: readonly Uint8Array[], total: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** Runs the callback for a verified event; returns it so the handler can await it. */
function dispatch<M extends object>(config: WebhookHandlerConfig<M>, unwrapped: Unwrapped): unknown {
  if (!unwrapped.known) return config.onUnknown?.(unwrapped.event as UnknownWebhookEvent);
  const callbacks = config.on as Readonly<Record<string, unknown>>;
  const callback = Object.hasOwn(callbacks, unwrapped.eventType) ? callbacks[unwrapped.eventType] : undefined;
  return typeof callback === 'function'
    ? (callback as (event: unknown) => unknown)(unwrapped.event)
    : undefined;
}

/**
 * A Fetch-API handler (`Request` → `Response`) that verifies, decodes and dispatches webhooks.
 * 200 after the callback succeeds; 400 `{ error: reason }` for bad signatures or payloads;
 * 413 for oversized bodies; 500 when the callback throws or the public key is not configured
 * (a server fault, so Telnyx retries once it is fixed); 405 for anything but POST.
 */
export function createWebhookHandlerWith<M extends object = Record<string, unknown>>(
  config: WebhookHandlerConfig<M>,
  decoders: Decoders,
): WebhookHandler {
  const maxBytes = config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const options = {
    ...(config.publicKey !== undefined && { key: config.publicKey }),
    ...(config.strict !== undefined && { strict: config.strict }),
    ...(config.toleranceSeconds !== undefined && { toleranceSeconds: config.toleranceSeconds }),
    ...(config.now !== undefined && { now: config.now }),
  };
  return async (request) => {
    if (request.method !== 'POST')
      return jsonResponse(405, { error: 'method_not_allowed' }, { allow: 'POST' });
    const body = await readBody(request, maxBytes);
    if (body === TOO_LARGE) return jsonResponse(413, { error: 'payload_too_large' }, { connection: 'close' });
    let unwrapped: Unwrapped;
    try {
      unwrapped = await unwrapDetailed(body, { ...options, headers: request.headers }, decoders);
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) return jsonResponse(500, { error: 'internal_error' });
      const status = error.reason === 'invalid_public_key' ? 500 : 400;
      return jsonResponse(status, {
        error: error.reason,
        message: error.message,
        issues: error.issues,
      });
    }
    try {
      await dispatch(config, unwrapped);
    } catch {
      return jsonResponse(500, { error: 'handler_failed' });
    }
    return jsonResponse(200, { ok: true });
  };
}

// ---- node:http adapter ----------------------------------------------------------------------
// Typed structurally so this file has no `node:` import and still bundles for edge runtimes.

/** The parts of Node's `IncomingMessage` the adapter uses. */
export interface NodeRequestLike {
  method?: string | undefined;
  url?: string | undefined;
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  pause(): unknown;
}

/** The parts of Node's `ServerResponse` the adapter uses. */
export interface NodeResponseLike {
  statusCode: number;
  readonly headersSent: boolean;
  setHeader(name: string, value: string): unknown;
  end(body?: Uint8Array): unknown;
}

/** Reads a Node request body, giving up (and pausing the stream) once it passes `maxBytes`. */
function readNodeBody(
  req: NodeRequestLike,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | typeof TOO_LARGE> {
  const declared = req.headers['content-length'];
  if (typeof declared === 'string' && declaredTooLarge(declared, maxBytes)) return Promise.resolve(TOO_LARGE);
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let total = 0;
    let settled = false;
    req.on('data', (chunk) => {
      if (settled) return;
      total += chunk.length;
      if (total <= maxBytes) return void chunks.push(chunk);
      settled = true;
      req.pause();
      resolve(TOO_LARGE);
    });
    req.on('end', () => {
      if (!settled) resolve(concat(chunks, total));
      settled = true;
    });
    req.on('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    // A client that disconnects mid-body may emit only 'close'; don't leave the promise hanging.
    req.on('close', () => {
      if (!settled) reject(new Error('request closed before its body ended'));
      settled = true;
    });
  });
}

function toRequest(req: NodeRequestLike, body: Uint8Array<ArrayBuffer>): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith(':') || value === undefined) continue; // HTTP/2 pseudo-headers
    // Repeats stay repeats: Headers joins them with ", ", which the verifier rejects.
    for (const item of typeof value === 'string' ? [value] : value) headers.append(name, item);
  }
  const method = req.method ?? 'POST';
  const path = req.url?.startsWith('/') ? req.url : '/';
  const withBody = method !== 'GET' && method !== 'HEAD';
  return new Request(`http://localhost${path}`, { method, headers, ...(withBody && { body }) });
}

async function writeResponse(res: NodeResponseLike, response: Response): Promise<void> {
  const body = new Uint8Array(await response.arrayBuffer());
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(body);
}

/**
 * Adapts a Fetch-API handler to `node:http`: `http.createServer(toNodeListener(handler))`.
 * The body is read as raw bytes (never re-encoded) and reading stops with 413 past the limit.
 */
export function toNodeListener(
  handler: WebhookHandler,
  options: { maxBodyBytes?: number } = {},
): (req: NodeRequestLike, res: NodeResponseLike) => void {
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return (req, res) => {
    void (async () => {
      const body = await readNodeBody(req, maxBytes);
      const response =
        body === TOO_LARGE
          ? jsonResponse(413, { error: 'payload_too_large' }, { connection: 'close' })
          : await handler(toRequest(req, body));
      await writeResponse(res, response);
    })().catch(() => {
      if (res.headersSent) return;
      res.statusCode = 500;
      res.end();
    });
  };
}
