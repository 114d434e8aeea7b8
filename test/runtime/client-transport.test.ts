/**
 * One HTTP attempt (transport.ts) as the client runs it: a body read whole however many chunks
 * it arrives in, a declared length over the limit refused before any of the body is read, the
 * caller's abort never turned into a retryable error, and the listener it adds always removed.
 * A real server on loopback where one can show the case; a `fetch` option where only another
 * Fetch implementation can (responses without a Web stream, undici's connect timeout).
 */
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ClientCore, type ClientOptions } from '../../runtime/client-core.ts';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  ResponseTooLargeError,
} from '../../runtime/errors.ts';
import { failure } from '../helpers/failure.ts';
import { DEFAULTS } from './helpers/client.ts';
import { replies, testServerForFile } from './helpers/http-server.ts';

const OP = { operationName: 'x' };

const server = testServerForFile();

const client = (options: ClientOptions = {}) =>
  new ClientCore({ apiKey: 'KEY_T', baseURL: server.baseURL, maxRetries: 0, ...options }, DEFAULTS);

/** A `fetch` option that answers every request with what `answer` makes. */
const fetchAnswering = (answer: () => unknown) => (async () => answer()) as unknown as typeof fetch;

describe('reading the body', () => {
  it('joins a body that arrives in many chunks, characters split between chunks included', async () => {
    const data = Array.from({ length: 40_000 }, (_, i) => `€${i}`);
    server.reset(replies({ status: 200, body: { data } }));
    expect(await client().post('/x', {}, OP)).toEqual({ data });
  });

  it('refuses a declared length over the limit at once, without waiting for the body', async () => {
    // The body never comes: only the declared length can end this before the timeout.
    server.reset((_req, res: ServerResponse) => {
      res.writeHead(200, { 'content-length': '1000000' });
      res.write('{');
    });
    const error = await failure(client({ timeout: 60_000 }).post('/x', {}, OP, { maxResponseBytes: 100 }));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
  });

  it('refuses a declared length over the limit on a response that has no body stream', async () => {
    const answer = () => new Response(null, { status: 200, headers: { 'content-length': '5000' } });
    const error = await failure(
      client({ fetch: fetchAnswering(answer) }).post('/x', {}, OP, { maxResponseBytes: 10 }),
    );
    expect(error).toBeInstanceOf(ResponseTooLargeError);
  });

  it('reads a response without a body stream as empty', async () => {
    const answer = () => new Response(null, { status: 200 });
    expect(await client({ fetch: fetchAnswering(answer) }).post('/x', {}, OP)).toBeUndefined();
  });

  it('reads a fetch whose bodies are not Web streams (node-fetch 2) whole, then checks the size', async () => {
    // node-fetch 2's body is a Node stream: no getReader. 4 characters, 6 bytes in UTF-8.
    const answer = () => ({
      ok: true,
      status: 200,
      statusText: 'OK',
      headers: new Headers(),
      body: { pipe() {} },
      text: async () => '"éé"',
    });
    const c = client({ fetch: fetchAnswering(answer) });
    expect(await c.post('/x', {}, OP, { maxResponseBytes: 6 })).toBe('éé');
    const error = await failure(c.post('/x', {}, OP, { maxResponseBytes: 5 }));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
  });
});

describe("the caller's signal", () => {
  it('an abort during the request is APIUserAbortError, even when no retry is left', async () => {
    server.reset(() => undefined); // never answers
    const controller = new AbortController();
    const pending = client().post('/x', {}, OP, { signal: controller.signal });
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    expect(await failure(pending)).toBeInstanceOf(APIUserAbortError);
  });

  it('keeps no listener on the signal once the request is over, whatever its outcome', async () => {
    const controller = new AbortController();
    const signal = controller.signal;
    const listening = new Set<unknown>();
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = (...args: Parameters<AbortSignal['addEventListener']>) => {
      listening.add(args[1]);
      add(...args);
    };
    signal.removeEventListener = (...args: Parameters<AbortSignal['removeEventListener']>) => {
      listening.delete(args[1]);
      remove(...args);
    };
    server.reset(replies({ status: 200, body: { ok: 1 } }));
    await client().post('/x', {}, OP, { signal });
    expect(listening.size).toBe(0);
    server.reset((_req, res) => res.socket?.destroy());
    await failure(client().post('/x', {}, OP, { signal }));
    expect(listening.size).toBe(0);
  });
});

describe('a connection error', () => {
  const failing = (error: Error) =>
    (async () => {
      throw error;
    }) as unknown as typeof fetch;

  it("is a timeout when the runtime says so, in the error's message or its cause's", async () => {
    const undici = new TypeError('fetch failed', { cause: new Error('Connect Timeout Error') });
    const deno = new Error('Operation timed out');
    for (const error of [undici, deno, new Error('connection time out'), new Error('read timedout')]) {
      const thrown = await failure(client({ fetch: failing(error) }).post('/x', {}, OP));
      expect(thrown, error.message).toBeInstanceOf(APIConnectionTimeoutError);
    }
  });

  it('is a plain connection error otherwise, with what fetch threw as its cause', async () => {
    const refused = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
    for (const error of [refused, new Error('socket hang up')]) {
      const thrown = await failure(client({ fetch: failing(error) }).post('/x', {}, OP));
      expect(thrown).toBeInstanceOf(APIConnectionError);
      expect(thrown).not.toBeInstanceOf(APIConnectionTimeoutError);
      expect(thrown.cause).toBe(error);
    }
  });
});
