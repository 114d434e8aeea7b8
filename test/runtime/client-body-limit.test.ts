/**
 * Response bodies are read up to `maxResponseBytes` and no further. A real server on loopback
 * streams a 64 MiB body with backpressure and records how much it managed to write before the
 * client closed the connection: had the client buffered the whole body, the server would have
 * finished writing it.
 */
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ClientCore, type ClientOptions } from '../../runtime/client-core.ts';
import { APIError, ResponseTooLargeError, TelnyxError } from '../../runtime/errors.ts';
import { replies, send, testServerForFile } from './helpers/http-server.ts';
import { failure } from '../helpers/failure.ts';
import { DEFAULTS } from './helpers/client.ts';

const OP = { operationName: 'x' };
const MiB = 1024 * 1024;
const HUGE = 64 * MiB;
const DEFAULT_LIMIT = 8 * MiB;

const server = testServerForFile();

/** Backoff of 1 ms, so that a retry, if one happened, would not slow the suite. */
class FastClient extends ClientCore {
  protected override backoffMs(): number {
    return 1;
  }
}

function client(options: ClientOptions = {}): ClientCore {
  return new FastClient({ apiKey: 'KEY_LIMIT', baseURL: server.baseURL, ...options }, DEFAULTS);
}

interface Streamed {
  /** Bytes handed to the socket before it closed. */
  written: number;
  /** Whether the whole body was written and flushed. */
  finished: boolean;
}

/**
 * Answers `status` with `total` bytes, 64 KiB at a time, writing the next chunk only once the
 * previous one drained; resolves when the connection closes, whoever closed it.
 */
function streamBody(
  res: ServerResponse,
  status: number,
  total: number,
  declareLength: boolean,
): Promise<Streamed> {
  return new Promise((resolve) => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let written = 0;
    res.on('close', () => resolve({ written, finished: res.writableFinished }));
    res.writeHead(status, {
      'content-type': 'text/plain',
      ...(declareLength ? { 'content-length': String(total) } : {}),
    });
    const pump = (): void => {
      while (written < total && !res.destroyed) {
        written += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      if (written >= total) res.end();
    };
    pump();
  });
}

/** Scripts the server to stream a huge body, and hands back what the server saw. */
function serveHuge(status: number, declareLength: boolean): Promise<Streamed> {
  return new Promise((resolve) => {
    server.reset((_req, res) => void streamBody(res, status, HUGE, declareLength).then(resolve));
  });
}

describe('a 64 MiB body', () => {
  it.each([
    ['streamed without a length', false],
    ['with a declared content-length', true],
  ])('%s ends in ResponseTooLargeError and the connection is closed early', async (_label, declareLength) => {
    const seen = serveHuge(500, declareLength);
    const error = await failure(client().post('/x', {}, OP));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toBeInstanceOf(APIError);
    const tooLarge = error as ResponseTooLargeError;
    expect(tooLarge.status).toBe(500);
    expect(tooLarge.maxResponseBytes).toBe(DEFAULT_LIMIT);
    expect(tooLarge.headers?.get('content-type')).toBe('text/plain');
    expect(error.message).toBe(
      `Response body (status 500) is larger than maxResponseBytes (${DEFAULT_LIMIT} bytes); it was not read.`,
    );
    // Not retried, although 500 is: see ResponseTooLargeError.
    expect(server.requests).toHaveLength(1);

    const { written, finished } = await seen;
    expect(finished).toBe(false);
    // The client read at most the limit; the rest is what socket buffers held.
    expect(written).toBeLessThan(HUGE / 2);
  });

  it('after a success status also ends in ResponseTooLargeError', async () => {
    const seen = serveHuge(200, false);
    const error = await failure(client().post('/x', {}, OP, { maxResponseBytes: MiB }));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as APIError).status).toBe(200);
    expect((await seen).finished).toBe(false);
  });
});

describe('the limit', () => {
  const body = 'x'.repeat(1000);

  it.each([
    ['chunked', false],
    ['with content-length', true],
  ])('accepts a body of exactly maxResponseBytes and refuses one byte more (%s)', async (_label, declare) => {
    const text = JSON.stringify({ data: body });
    server.reset((req, res) => {
      expect(req.url).toBe('/x');
      res.writeHead(200, declare ? { 'content-length': String(text.length) } : {});
      res.end(text);
    });
    expect(await client({ maxResponseBytes: text.length }).post('/x', {}, OP)).toEqual({ data: body });
    const error = await failure(client({ maxResponseBytes: text.length - 1 }).post('/x', {}, OP));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
  });

  it('counts bytes, not characters', async () => {
    server.reset(replies({ status: 200, body: JSON.stringify('é'.repeat(10)) })); // 22 bytes, 12 characters
    expect(await client({ maxResponseBytes: 22 }).post('/x', {}, OP)).toBe('é'.repeat(10));
    expect(await failure(client({ maxResponseBytes: 21 }).post('/x', {}, OP))).toBeInstanceOf(
      ResponseTooLargeError,
    );
  });

  it('per call overrides the client option, and Infinity turns it off', async () => {
    server.reset(replies({ status: 200, body: { data: body } }));
    const small = client({ maxResponseBytes: 10 });
    expect(await small.post('/x', {}, OP, { maxResponseBytes: 2000 })).toEqual({ data: body });
    expect(await small.post('/x', {}, OP, { maxResponseBytes: Infinity })).toEqual({ data: body });
    expect(await failure(client().post('/x', {}, OP, { maxResponseBytes: 10 }))).toBeInstanceOf(
      ResponseTooLargeError,
    );
  });

  it('is 8 MiB by default and must be a non-negative number', async () => {
    expect(client().maxResponseBytes).toBe(DEFAULT_LIMIT);
    expect(() => client({ maxResponseBytes: -1 })).toThrow(/maxResponseBytes/);
    expect(() => client({ maxResponseBytes: Number.NaN })).toThrow(TelnyxError);
    server.reset(replies({ status: 200, body: {} }));
    const error = await failure(client().post('/x', {}, OP, { maxResponseBytes: -5 }));
    expect(error.message).toMatch(/maxResponseBytes/);
    expect(server.requests).toHaveLength(0);
  });

  it('leaves a body under the limit exactly as Response.text() reads it', async () => {
    // A byte-order mark is dropped, and a multi-byte character split across chunks survives.
    server.reset((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const bytes = Buffer.from('\uFEFF{"data":"ünïcödé"}', 'utf8');
      res.write(bytes.subarray(0, 13)); // BOM (3) + '{"data":"' (9) + the first byte of 'ü'
      setImmediate(() => res.end(bytes.subarray(13)));
    });
    expect(await client().post('/x', {}, OP)).toEqual({ data: 'ünïcödé' });
    server.reset((_req, res) => send(res, { status: 204 }));
    expect(await client().post('/x', {}, OP)).toBeUndefined();
  });
});
