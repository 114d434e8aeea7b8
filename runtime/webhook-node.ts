/**
 * Adapts the Fetch-API webhook handler to `node:http`. Typed structurally so this file has no
 * `node:` import and the package still bundles for edge runtimes. Hand-written, copied verbatim
 * into the generated package as `core/webhook-node.ts`.
 */
import {
  concat,
  declaredTooLarge,
  DEFAULT_MAX_BODY_BYTES,
  handlerCore,
  METHOD_NOT_ALLOWED,
  PAYLOAD_TOO_LARGE,
  type Reply,
  TOO_LARGE,
  type WebhookHandler,
} from './webhook-handler.js';

/** The parts of Node's `IncomingMessage` the adapter uses. */
export interface NodeRequestLike {
  method?: string | undefined;
  url?: string | undefined;
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  pause(): unknown;
  /** True once the body stream has been read to its end, e.g. by a body parser. */
  readonly readableEnded?: boolean | undefined;
  /** What a body parser that ran first left behind; `express.raw()` leaves the raw bytes. */
  readonly body?: unknown;
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

const ALREADY_READ = Symbol('already read');

const BODY_ALREADY_READ: Reply = {
  status: 500,
  body: {
    error: 'body_already_read',
    message:
      'a body parser read this request before the webhook handler, so its raw bytes are gone and ' +
      'the signature cannot be checked: mount the handler before any body parser, or after ' +
      "express.raw({ type: 'application/json' })",
  },
};

/**
 * The raw body: the bytes a raw body parser already read (Express's `express.raw()`), or else
 * the stream's. A stream some other parser has already read cannot be read again; waiting for
 * it would hang the request, so that is reported at once.
 */
function takeBody(
  req: NodeRequestLike,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | typeof TOO_LARGE | typeof ALREADY_READ> {
  const parsed = req.body;
  if (parsed instanceof Uint8Array)
    return Promise.resolve(parsed.length > maxBytes ? TOO_LARGE : new Uint8Array(parsed));
  if (req.readableEnded === true) return Promise.resolve(ALREADY_READ);
  return readNodeBody(req, maxBytes);
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

const encoder = new TextEncoder();

function writeReply(res: NodeResponseLike, reply: Reply): void {
  res.statusCode = reply.status;
  res.setHeader('content-type', 'application/json');
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  res.end(encoder.encode(JSON.stringify(reply.body)));
}

/**
 * Adapts a Fetch-API handler to `node:http`: `http.createServer(toNodeListener(handler))`.
 * The body is read as raw bytes (never re-encoded) and reading stops with 413 past the limit.
 *
 * A handler from `createWebhookHandler` is called directly with Node's headers and the body
 * bytes, and its reply is written without a Fetch `Request` or `Response` in between; its own
 * `maxBodyBytes` applies too. Any other Fetch handler gets a `Request` and answers a `Response`.
 *
 * As Express middleware it takes the bytes `express.raw()` left in `req.body`. After any other
 * body parser the raw bytes are gone: it answers 500 `body_already_read` rather than hang.
 */
export function toNodeListener(
  handler: WebhookHandler,
  options: { maxBodyBytes?: number | undefined } = {},
): (req: NodeRequestLike, res: NodeResponseLike) => void {
  const core = handlerCore(handler);
  const adapterLimit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxBytes = core === undefined ? adapterLimit : Math.min(adapterLimit, core.maxBytes);
  return (req, res) => {
    void (async () => {
      if (core !== undefined && (req.method ?? 'POST') !== 'POST') return writeReply(res, METHOD_NOT_ALLOWED);
      const body = await takeBody(req, maxBytes);
      if (body === TOO_LARGE) return writeReply(res, PAYLOAD_TOO_LARGE);
      if (body === ALREADY_READ) return writeReply(res, BODY_ALREADY_READ);
      if (core !== undefined) return writeReply(res, await core.handle(req.headers, body));
      await writeResponse(res, await handler(toRequest(req, body)));
    })().catch(() => {
      if (res.headersSent) return;
      res.statusCode = 500;
      res.end();
    });
  };
}
