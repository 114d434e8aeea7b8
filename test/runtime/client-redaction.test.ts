/**
 * The API key never reaches an error object, even when the server (or a proxy in front of it)
 * echoes the request's Authorization header back in its body and headers. Every test talks to
 * a real HTTP server on loopback that does exactly that, and then looks at every way an error
 * can be read or logged.
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ClientCore, type ClientOptions } from '../../runtime/client-core.ts';
import {
  APIConnectionError,
  APIError,
  InternalServerError,
  ResponseTooLargeError,
  TelnyxError,
  UnprocessableEntityError,
} from '../../runtime/errors.ts';
import { send, type RecordedRequest, testServerForFile } from './helpers/http-server.ts';
import { failure } from '../helpers/failure.ts';
import { DEFAULTS } from './helpers/client.ts';

const API_KEY = 'KEY0199ABCDEF_SeCrEtPaRt42';
/** Enough of the key to count as a leak when it shows up cut in half. */
const KEY_PREFIX = API_KEY.slice(0, 6);
const OP = { operationName: 'x' };

const server = testServerForFile();

function client(options: ClientOptions = {}): ClientCore {
  return new ClientCore({ apiKey: API_KEY, baseURL: server.baseURL, maxRetries: 0, ...options }, DEFAULTS);
}

/** What the server received in the Authorization header: `Bearer <key>`. */
const auth = (req: RecordedRequest): string => String(req.headers['authorization']);

/** Headers that carry the echoed key, the way a debugging proxy might. */
function echoHeaders(req: RecordedRequest): Record<string, string> {
  return {
    'x-request-id': `req-${API_KEY}`,
    'x-echo-authorization': auth(req),
    'www-authenticate': `Bearer realm="${API_KEY}"`,
  };
}

/** Every way the error can be read, printed or serialized. */
function views(error: Error): Record<string, string> {
  const all: Record<string, string> = {
    message: error.message,
    stack: String(error.stack),
    string: String(error),
    json: JSON.stringify(error),
    inspect: inspect(error, { depth: Infinity }),
    inspectHidden: inspect(error, { depth: 6, showHidden: true }),
  };
  if (error instanceof APIError) {
    all['error'] = String(JSON.stringify(error.error));
    all['errors'] = JSON.stringify(error.errors);
    all['details'] = error.errors.map((e) => e.detail).join(' ');
    all['requestId'] = String(error.requestId);
    all['headers'] = JSON.stringify([...(error.headers?.entries() ?? [])]);
  }
  return all;
}

function expectNoKey(error: Error): void {
  for (const [name, text] of Object.entries(views(error))) {
    expect(text, `${name} leaks the key`).not.toContain(KEY_PREFIX);
  }
}

describe('the API key is redacted from', () => {
  it('an HTTP error: message, stack, body, details, request id, headers, JSON and inspect', async () => {
    server.reset((req, res) => {
      const echoed = auth(req);
      const body = {
        errors: [
          {
            code: '10001',
            title: `Unauthorized ${echoed}`,
            detail: `header was ${echoed}`,
            source: { pointer: '/audio_url', parameter: echoed },
            meta: {
              echo: { headers: { authorization: echoed }, list: ['a', echoed] },
              [API_KEY]: 'as a key',
            },
          },
          { code: '10002', title: 'Second', detail: `again ${API_KEY}` },
        ],
      };
      send(res, { status: 422, body, headers: echoHeaders(req) });
    });
    const error = await failure(client().post('/x', {}, OP));
    expect(server.requests[0]?.headers['authorization']).toBe(`Bearer ${API_KEY}`);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expectNoKey(error);

    // Redacted, not dropped: the rest of what the server said is still there.
    const apiError = error as APIError;
    expect(apiError.errors.map((e) => e.detail)).toEqual([
      'header was Bearer [redacted]',
      'again [redacted]',
    ]);
    expect(apiError.errors[0]?.meta).toEqual({
      echo: { headers: { authorization: 'Bearer [redacted]' }, list: ['a', 'Bearer [redacted]'] },
      '[redacted]': 'as a key',
    });
    expect(apiError.requestId).toBe('req-[redacted]');
    expect(apiError.headers?.get('x-echo-authorization')).toBe('Bearer [redacted]');
    expect(apiError.headers?.get('www-authenticate')).toBe('Bearer realm="[redacted]"');
    expect(apiError.status).toBe(422);
    expect(error.message).toContain('Unauthorized Bearer [redacted]: header was Bearer [redacted]');
    expect(error.stack).toContain('[redacted]');
  });

  it('the excerpt of a body that is not JSON, even where the excerpt cuts the key in half', async () => {
    // The message quotes the first 200 characters: put the key across that boundary.
    server.reset((req, res) =>
      send(res, {
        status: 502,
        body: `<html>${'.'.repeat(180)}${auth(req)}</html>`,
        headers: echoHeaders(req),
      }),
    );
    const error = await failure(client().post('/x', {}, OP));
    expect(error).toBeInstanceOf(InternalServerError);
    expectNoKey(error);
    expect(error.message).toContain('Bearer [redact (request id');
  });

  it('a success body that is not JSON, including the parser error kept as its cause', async () => {
    server.reset((req, res) =>
      send(res, { status: 200, body: `${auth(req)} is not json`, headers: echoHeaders(req) }),
    );
    const error = await failure(client().post('/x', {}, OP));
    expect(error).toBeInstanceOf(TelnyxError);
    expect(error.message).toContain('is not valid JSON');
    expectNoKey(error);
    expect(error.message).toContain('req-[redacted]');
  });

  it('ResponseTooLargeError, whose message quotes the request id', async () => {
    server.reset((req, res) => send(res, { status: 500, body: 'x'.repeat(100), headers: echoHeaders(req) }));
    const error = await failure(client().post('/x', {}, OP, { maxResponseBytes: 10 }));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expectNoKey(error);
    expect((error as APIError).requestId).toBe('req-[redacted]');
  });

  it('the cause chain of a connection error', async () => {
    // A fetch wrapper (tracing, a proxy agent) that puts the request's headers in its error.
    const tracingFetch: typeof fetch = async (url, init) => {
      try {
        return await fetch(url, init);
      } catch (error) {
        const sentHeaders = init?.headers as Record<string, string>;
        const inner = Object.assign(new Error(`upstream closed; sent ${JSON.stringify(sentHeaders)}`), {
          sentHeaders,
          cause: error,
        });
        throw new TypeError(`fetch failed with Authorization ${sentHeaders['authorization']}`, {
          cause: inner,
        });
      }
    };
    server.reset((_req, res) => res.socket?.destroy());
    const error = await failure(client({ fetch: tracingFetch }).post('/x', {}, OP));
    expect(error).toBeInstanceOf(APIConnectionError);
    expectNoKey(error);
    const cause = error.cause as Error;
    expect(cause).toBeInstanceOf(TypeError); // redacted in place: the cause keeps its class
    expect(cause.message).toBe('fetch failed with Authorization Bearer [redacted]');
    expect((cause.cause as { sentHeaders: Record<string, string> }).sentHeaders['authorization']).toBe(
      'Bearer [redacted]',
    );
  });
});

describe('what redaction leaves alone', () => {
  it("a body's own __proto__ key stays an own property, and prototypes stay as they were", async () => {
    server.reset((req, res) => {
      const raw = `{"errors":[{"code":"1","title":"t","meta":{"__proto__":{"echo":"${auth(req)}"}}}]}`;
      send(res, { status: 400, body: raw, headers: { 'content-type': 'application/json' } });
    });
    const error = (await failure(client().post('/x', {}, OP))) as APIError;
    const meta = error.errors[0]?.meta as object;
    expect(Object.getPrototypeOf(meta)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(meta, '__proto__')?.value).toEqual({ echo: 'Bearer [redacted]' });
    expectNoKey(error);
  });

  it('an error without the key is unchanged, and the success path is untouched', async () => {
    server.reset((_req, res) => send(res, { status: 200, body: { data: { note: `no secret here` } } }));
    expect(await client().post('/x', {}, OP)).toEqual({ data: { note: 'no secret here' } });

    server.reset((_req, res) =>
      send(res, {
        status: 404,
        body: { errors: [{ code: '1', title: 'Not found' }] },
        headers: { 'x-request-id': 'r-1' },
      }),
    );
    const error = (await failure(client().post('/x', {}, OP))) as APIError;
    expect(error.message).toBe('404 Not found (request id: r-1)');
    expect(error.requestId).toBe('r-1');
    expect(error.errors).toEqual([{ code: '1', title: 'Not found' }]);
  });
});
