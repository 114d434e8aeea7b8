/**
 * The ready-made webhook handler for Fetch-API runtimes: `(Request) => Promise<Response>`.
 * Hand-written, copied verbatim into the generated package as `core/webhook-handler.ts`; the
 * generated `webhooks.ts` binds it to the generated event types and guards.
 */
import type { WebhookDrift, WebhookLogger } from './webhook-drift.js';
import {
  reportDrift,
  type UnknownWebhookEvent,
  type Unwrapped,
  unwrapDetailed,
  type WebhookBinding,
} from './webhook-unwrap.js';
import { type CryptoEngine, type HeadersLike, WebhookVerificationError } from './webhook-verify.js';

export interface WebhookHandlerConfig<M extends object = Record<string, unknown>> {
  /**
   * Base64 public key(s): an array or one comma-separated string (`"old,new"` while rotating).
   * Default: `TELNYX_PUBLIC_KEY`, read the same way.
   */
  publicKey?: string | readonly string[] | undefined;
  /** One callback per event type; each verified event runs its callback exactly once. */
  on: { readonly [K in keyof M]?: (event: M[K]) => unknown };
  /** Called for verified events without a decoder. Without it they are acknowledged and dropped. */
  onUnknown?: ((event: UnknownWebhookEvent) => unknown) | undefined;
  /**
   * Called when a callback (or `onDrift`, `onUnknown`) throws or rejects; the handler then answers
   * 500 so Telnyx delivers the event again. Default: `logger.error` with the event type and id,
   * never the body.
   */
  onError?: ((error: unknown, context: WebhookErrorContext) => unknown) | undefined;
  /** See `UnwrapOptions.onDrift`: called before a drifting event's callback runs. */
  onDrift?: ((drift: WebhookDrift) => unknown) | undefined;
  /** Where the default `onDrift` and `onError` write. Default: `console`. */
  logger?: WebhookLogger | undefined;
  /** Bodies above this many bytes get 413. Default 1 MiB. */
  maxBodyBytes?: number | undefined;
  /** See `UnwrapOptions.strict`: refuse drifting events with 400 `invalid_payload`. */
  strict?: boolean | undefined;
  toleranceSeconds?: number | undefined;
  now?: (() => number) | undefined;
  /** @internal see `VerifyOptions.engine`. */
  engine?: CryptoEngine | undefined;
}

export type WebhookHandler = (request: Request) => Promise<Response>;

/** Which event a failed callback was handling. */
export interface WebhookErrorContext {
  eventType: string;
  eventId: string | undefined;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** @internal Marks a body that went past the size limit; shared with the node:http adapter. */
export const TOO_LARGE = Symbol('too large');

/** @internal A handler's answer before it becomes a Fetch `Response` or a `node:http` reply. */
export interface Reply {
  status: number;
  /** Sent as JSON. */
  body: unknown;
  headers?: Readonly<Record<string, string>> | undefined;
}

/** @internal */
export const METHOD_NOT_ALLOWED: Reply = {
  status: 405,
  body: { error: 'method_not_allowed' },
  headers: { allow: 'POST' },
};
/** @internal */
export const PAYLOAD_TOO_LARGE: Reply = {
  status: 413,
  body: { error: 'payload_too_large' },
  headers: { connection: 'close' },
};

/** @internal */
export function jsonResponse(reply: Reply): Response {
  const headers = { 'content-type': 'application/json', ...reply.headers };
  return new Response(JSON.stringify(reply.body), { status: reply.status, headers });
}

/**
 * @internal What a handler from `createWebhookHandlerWith` does with a POST body it has read:
 * verify, decode, dispatch. The node:http adapter finds it on the handler and calls it with
 * Node's own header object and body bytes, skipping the Request and Response it would
 * otherwise build and read back: on loopback HTTP those cost more than the Ed25519 check.
 */
export interface HandlerCore {
  /** The handler's `maxBodyBytes`. */
  maxBytes: number;
  handle(headers: HeadersLike, body: Uint8Array<ArrayBuffer>): Promise<Reply>;
}

/** Where a handler keeps its `HandlerCore`; a symbol, so no other property can collide. */
const CORE = Symbol('telnyx webhook handler core');

/** @internal The core behind a handler made by `createWebhookHandlerWith`; undefined for others. */
export function handlerCore(handler: WebhookHandler): HandlerCore | undefined {
  return (handler as { [CORE]?: HandlerCore })[CORE];
}

/** True when a declared content-length already rules the body out. */
export function declaredTooLarge(contentLength: string | null | undefined, maxBytes: number): boolean {
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
export function concat(chunks: readonly Uint8Array[], total: number): Uint8Array<ArrayBuffer> {
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

/** Hands a callback's failure to `onError`, or logs it; a failing `onError` is only logged. */
function reportCallbackError<M extends object>(
  config: WebhookHandlerConfig<M>,
  error: unknown,
  unwrapped: Unwrapped,
): void {
  const context: WebhookErrorContext = { eventType: unwrapped.eventType, eventId: unwrapped.eventId };
  const logger = config.logger ?? console;
  try {
    if (config.onError) return void config.onError(error, context);
  } catch (hookError) {
    error = hookError;
  }
  const id = context.eventId === undefined ? 'without an id' : context.eventId;
  logger.error(`telnyx webhook: the ${context.eventType} callback failed for event ${id}`, error);
}

/**
 * A Fetch-API handler (`Request` → `Response`) that verifies, decodes and dispatches webhooks.
 * 200 after the callback succeeds; 400 `{ error: reason }` for bad signatures or payloads;
 * 413 for oversized bodies; 500 when the callback throws or the public key is not configured
 * (a server fault, so Telnyx retries once it is fixed); 405 for anything but POST.
 */
export function createWebhookHandlerWith<M extends object = Record<string, unknown>>(
  config: WebhookHandlerConfig<M>,
  binding: WebhookBinding,
): WebhookHandler {
  const maxBytes = config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const options = {
    ...(config.publicKey !== undefined && { key: config.publicKey }),
    ...(config.strict !== undefined && { strict: config.strict }),
    ...(config.toleranceSeconds !== undefined && { toleranceSeconds: config.toleranceSeconds }),
    ...(config.now !== undefined && { now: config.now }),
    ...(config.engine !== undefined && { engine: config.engine }),
  };
  const core: HandlerCore = {
    maxBytes,
    async handle(headers, body) {
      let unwrapped: Unwrapped;
      try {
        unwrapped = await unwrapDetailed(body, { ...options, headers }, binding);
      } catch (error) {
        if (!(error instanceof WebhookVerificationError))
          return { status: 500, body: { error: 'internal_error' } };
        const status = error.reason === 'invalid_public_key' ? 500 : 400;
        return { status, body: { error: error.reason, message: error.message, issues: error.issues } };
      }
      try {
        if (unwrapped.drift) reportDrift(unwrapped.drift, config);
        await dispatch(config, unwrapped);
      } catch (error) {
        reportCallbackError(config, error, unwrapped);
        return { status: 500, body: { error: 'handler_failed' } };
      }
      return { status: 200, body: { ok: true } };
    },
  };
  const handler: WebhookHandler = async (request) => {
    if (request.method !== 'POST') return jsonResponse(METHOD_NOT_ALLOWED);
    const body = await readBody(request, maxBytes);
    if (body === TOO_LARGE) return jsonResponse(PAYLOAD_TOO_LARGE);
    return jsonResponse(await core.handle(request.headers, body));
  };
  return Object.defineProperty(handler, CORE, { value: core });
}
