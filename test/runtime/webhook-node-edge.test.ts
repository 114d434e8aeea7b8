/**
 * toNodeListener at its edges: a declared length over the limit answered before the body
 * arrives, a client that leaves mid-body, a body parser's bytes exactly at the limit, HTTP/2
 * pseudo-headers, repeated headers, the request target, HEAD, and a failing Fetch handler.
 * Real node:http and node:http2 servers on 127.0.0.1; the adapter's structural request type
 * (what non-Node servers pass) with a plain EventEmitter where no Node server can show the case.
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateWebhookKeyPair, signWebhook } from '../../runtime/testing.ts';
import type { WebhookKeyPair } from '../../runtime/testing.ts';
import { createWebhookHandlerWith } from '../../runtime/webhook-handler.ts';
import { toNodeListener, type NodeRequestLike, type NodeResponseLike } from '../../runtime/webhook-node.ts';
import { binding, event } from './helpers/webhook-decoder.ts';
import { postTo, serve } from './helpers/webhook-http.ts';

let keys: WebhookKeyPair;
beforeAll(async () => {
  keys = await generateWebhookKeyPair();
});

const ours = (seen: unknown[] = [], maxBodyBytes = 1024) =>
  createWebhookHandlerWith(
    { publicKey: keys.publicKey, maxBodyBytes, on: { 'call.initiated': (e: unknown) => void seen.push(e) } },
    binding,
  );

/** Starts a POST that declares `length` bytes but sends only `sent`; resolves to the status. */
function partialPost(port: number, length: number, sent: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      headers: { 'content-length': length },
    });
    req.on('response', (res) => {
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', reject);
    req.write(sent);
  });
}

describe('reading the body from node:http', () => {
  it('answers 413 for a declared length over the limit before the body arrives', async () => {
    const { port, close } = await serve(toNodeListener(ours()));
    try {
      expect(await partialPost(port, 1_000_000, '{')).toBe(413);
    } finally {
      await close();
    }
  });

  it('survives a client that leaves mid-body, and goes on serving', async () => {
    const seen: unknown[] = [];
    const listener = toNodeListener(ours(seen));
    let reached!: () => void;
    const arrived = new Promise<void>((resolve) => (reached = resolve));
    const { port, close } = await serve((req, res) => {
      listener(req, res);
      req.once('data', () => reached()); // the adapter is reading this body now
    });
    try {
      const req = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        headers: { 'content-length': 500 },
      });
      req.on('error', () => undefined);
      req.write('{"data":');
      await arrived;
      req.destroy();
      const body = event('call.initiated');
      expect((await postTo(port, body, await signWebhook(body, keys.privateKey))).status).toBe(200);
      expect(seen).toHaveLength(1);
    } finally {
      await close();
    }
  });

  it('after express.raw(), takes bytes up to the limit itself and refuses one more', async () => {
    const app = express();
    app.post('/', express.raw({ type: () => true, limit: '1mb' }), toNodeListener(ours([], 64)));
    const { port, close } = await serve(app);
    try {
      const exactly = JSON.stringify({ data: { event_type: 'call.x', pad: 'x'.repeat(23) } });
      expect(Buffer.byteLength(exactly)).toBe(64);
      expect((await postTo(port, exactly, await signWebhook(exactly, keys.privateKey))).status).toBe(200);
      const over = `${exactly} `;
      expect((await postTo(port, over, await signWebhook(over, keys.privateKey))).status).toBe(413);
    } finally {
      await close();
    }
  });

  it('reads a chunked body of exactly the limit, and refuses one byte more', async () => {
    const { port, close } = await serve(toNodeListener(ours([], 64)));
    try {
      const exactly = JSON.stringify({ data: { event_type: 'call.x', pad: 'x'.repeat(23) } });
      expect(Buffer.byteLength(exactly)).toBe(64);
      const signed = await signWebhook(exactly, keys.privateKey);
      expect((await postTo(port, exactly, signed, true)).status).toBe(200);
      const over = `${exactly} `;
      expect((await postTo(port, over, await signWebhook(over, keys.privateKey), true)).status).toBe(413);
    } finally {
      await close();
    }
  });

  it('after another body parser, says exactly what to do', async () => {
    const app = express();
    app.post('/', express.text({ type: () => true }), toNodeListener(ours()));
    const { port, close } = await serve(app);
    try {
      const res = await postTo(port, 'text', {});
      expect(res.body).toEqual({
        error: 'body_already_read',
        message:
          'a body parser read this request before the webhook handler, so its raw bytes are gone and the ' +
          'signature cannot be checked: mount the handler before any body parser, or after ' +
          "express.raw({ type: 'application/json' })",
      });
    } finally {
      await close();
    }
  });
});

/** A request in the adapter's structural shape, and a response that records how it ended. */
function structural(init: Partial<NodeRequestLike>) {
  const req = Object.assign(new EventEmitter(), { headers: {}, pause: () => undefined }, init);
  let ended!: (status: number) => void;
  const done = new Promise<number>((resolve) => (ended = resolve));
  const res: NodeResponseLike & { headers: Record<string, string> } = {
    statusCode: 200,
    headersSent: false,
    headers: {},
    setHeader(name, value) {
      this.headers[name] = value;
    },
    end() {
      ended(this.statusCode);
    },
  };
  return { req: req as unknown as NodeRequestLike & EventEmitter, res, done };
}

describe('the structural request type', () => {
  it('answers 500 when the stream fails or closes before its end, instead of waiting forever', async () => {
    for (const [name, ...args] of [['error', new Error('reset')], ['close']] as const) {
      const { req, res, done } = structural({ method: 'POST' });
      toNodeListener(ours())(req, res);
      req.emit('data', new TextEncoder().encode('{"da'));
      req.emit(name, ...args);
      expect(await done, name).toBe(500);
    }
  });

  it('reads an unset method as POST and an unset url as /, and skips headers without a value', async () => {
    const seen: Request[] = [];
    const fetchHandler = async (request: Request) => (
      seen.push(request),
      new Response('{}', { status: 202 })
    );
    const { req, res, done } = structural({ headers: { 'x-a': 'a', 'x-gone': undefined } });
    toNodeListener(fetchHandler)(req, res);
    req.emit('end');
    expect(await done).toBe(202);
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.url).toBe('http://localhost/');
    expect([...(seen[0]?.headers ?? [])]).toEqual([['x-a', 'a']]);
    const direct = structural({});
    toNodeListener(ours())(direct.req, direct.res);
    direct.req.emit('end');
    expect(await direct.done).toBe(400); // read as a POST: verified, not refused with 405
  });
});

describe('any other Fetch handler', () => {
  const seen: Request[] = [];
  const handler = async (request: Request) => {
    seen.push(request);
    if (request.headers.get('x-fail')) throw new Error('handler bug');
    return new Response(null, { status: 204 });
  };

  it('gets the path and query, repeated headers joined, HEAD without a body; a throw is 500', async () => {
    const { port, close } = await serve(toNodeListener(handler));
    const send = (options: http.RequestOptions) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, ...options }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    try {
      seen.length = 0;
      expect(await send({ method: 'POST', path: '/hooks/telnyx?x=1' })).toBe(204);
      expect(await send({ method: 'POST', path: 'http://example.com/elsewhere' })).toBe(204);
      expect(await send({ method: 'POST', path: '/', headers: { 'set-cookie': ['a=1', 'b=2'] } })).toBe(204);
      expect(await send({ method: 'HEAD', path: '/' })).toBe(204);
      expect(seen.map((r) => r.url)).toEqual([
        'http://localhost/hooks/telnyx?x=1',
        'http://localhost/',
        'http://localhost/',
        'http://localhost/',
      ]);
      expect(seen[2]?.headers.get('set-cookie')).toBe('a=1, b=2');
      expect(seen[3]?.method).toBe('HEAD');
      expect(await send({ method: 'POST', path: '/', headers: { 'x-fail': '1' } })).toBe(500);
    } finally {
      await close();
    }
  });

  it('behind node:http2, gets the headers without the pseudo-headers', async () => {
    seen.length = 0;
    const server = http2.createServer(toNodeListener(handler) as never);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const session = http2.connect(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const stream = session.request({ ':method': 'POST', ':path': '/h2', 'x-sent': 'yes' });
        stream.on('response', (headers) => resolve(Number(headers[':status'])));
        stream.on('error', reject);
        stream.end('{}');
      });
      expect(status).toBe(204);
      expect(seen[0]?.url).toBe('http://localhost/h2');
      expect(seen[0]?.headers.get('x-sent')).toBe('yes');
      expect([...(seen[0]?.headers.keys() ?? [])].some((name) => name.startsWith(':'))).toBe(false);
    } finally {
      session.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
