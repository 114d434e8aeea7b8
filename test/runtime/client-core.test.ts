/**
 * What ClientCore sends and when it waits, against a real HTTP server on loopback: headers
 * merged by name whatever their letter case, paths given as functions, local validation that
 * passes, the wait before a retry, and an abort reason handed back exactly as it was given.
 */
import { describe, expect, it } from 'vitest';
import { ClientCore, type ClientOptions } from '../../runtime/client-core.ts';
import { APIUserAbortError, TelnyxError } from '../../runtime/errors.ts';
import { failure } from '../helpers/failure.ts';
import { DEFAULTS } from './helpers/client.ts';
import { replies, testServerForFile } from './helpers/http-server.ts';

const API_KEY = 'KEY_CORE_0123456789';
const OK = { status: 200, body: { data: { result: 'ok' } } };
const OP = { operationName: 'calls.actions.x' };

const server = testServerForFile();

/** The real client, recording each default backoff it is asked for and waiting 1 ms instead. */
class RecordingClient extends ClientCore {
  readonly backoffs: number[] = [];
  protected override backoffMs(retriesDone: number): number {
    this.backoffs.push(retriesDone);
    return 1;
  }
  /** The backoff the real client would use. */
  realBackoff(retriesDone: number): number {
    return super.backoffMs(retriesDone);
  }
}

function client(options: ClientOptions = {}): RecordingClient {
  return new RecordingClient({ apiKey: API_KEY, baseURL: server.baseURL, ...options }, DEFAULTS);
}

describe('headers', () => {
  it('a per-call header replaces a built-in one whatever its letter case, never adding a second', async () => {
    server.reset(replies(OK));
    const headers = {
      'User-Agent': 'my-app/2',
      ACCEPT: 'application/vnd.x+json',
      'Content-Type': 'text/json',
    };
    await client().post('/x', {}, OP, { headers });
    const sent = server.requests[0]?.headers;
    expect(sent?.['user-agent']).toBe('my-app/2');
    expect(sent?.['accept']).toBe('application/vnd.x+json');
    expect(sent?.['content-type']).toBe('text/json');
  });

  it('a default header replaces a built-in one, and a per-call header a default, in any case', async () => {
    server.reset(replies(OK, OK));
    const c = client({ defaultHeaders: { 'USER-AGENT': 'proxy/1', 'X-Tenant': 'a' } });
    await c.post('/x', {}, OP);
    await c.post('/x', {}, OP, { headers: { 'x-TENANT': 'b', Authorization: 'Bearer other' } });
    const [first, second] = server.requests;
    expect(first?.headers['user-agent']).toBe('proxy/1');
    expect(first?.headers['x-tenant']).toBe('a');
    expect(second?.headers['x-tenant']).toBe('b');
    expect(second?.headers['authorization']).toBe('Bearer other');
    expect(second?.headers['user-agent']).toBe('proxy/1');
  });
});

describe('paths', () => {
  it('calls a path given as a function, and sends to what it returns', async () => {
    server.reset(replies(OK));
    await client().post(() => '/calls/v3%3Aabc/actions/answer', {}, OP);
    expect(server.requests.map((r) => r.url)).toEqual(['/calls/v3%3Aabc/actions/answer']);
  });

  it('rejects with the error a path function throws, and sends nothing', async () => {
    server.reset(replies(OK));
    const bad = new TelnyxError('Path parameter `call_control_id` must not be empty.');
    const promise = client().post(
      () => {
        throw bad;
      },
      {},
      OP,
    );
    expect(await failure(promise)).toBe(bad);
    expect(server.requests).toHaveLength(0);
  });
});

describe('local validation', () => {
  it('sends the body when its check passes', async () => {
    server.reset(replies(OK));
    const validateBody = () => ({ ok: true as const, value: {} });
    expect(await client().post('/x', { audio_url: 'https://a' }, { ...OP, validateBody })).toEqual(OK.body);
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({ audio_url: 'https://a' });
  });

  it('sends no body at all when there are no params', async () => {
    server.reset(replies(OK));
    await client().post('/x', undefined, OP);
    expect(server.requests[0]?.body).toBe('');
    expect(server.requests[0]?.headers['content-length']).toBe('0');
  });
});

describe('the wait before a retry', () => {
  it("is the server's Retry-After when it sends one, and the default backoff otherwise", async () => {
    const c = client();
    server.reset(replies({ status: 503, headers: { 'retry-after-ms': '5' } }, OK));
    await c.post('/x', {}, OP);
    expect(c.backoffs).toEqual([]);
    server.reset(replies({ status: 503 }, { status: 503 }, OK));
    await c.post('/x', {}, OP);
    expect(c.backoffs).toEqual([0, 1]);
  });

  it('by default grows from about half a second, with up to a quarter taken off at random', () => {
    const c = client();
    for (let i = 0; i < 20; i++) {
      const first = c.realBackoff(0);
      expect(first).toBeGreaterThan(375 - 1e-9);
      expect(first).toBeLessThanOrEqual(500);
      const third = c.realBackoff(2);
      expect(third).toBeGreaterThan(1_500 - 1e-9);
      expect(third).toBeLessThanOrEqual(2_000);
    }
  });
});

describe('an abort', () => {
  it('keeps its reason as given, even when the reason holds the API key', async () => {
    server.reset(() => undefined); // never answers
    const controller = new AbortController();
    const reason = new Error(`cancelled by the caller, who knows ${API_KEY}`);
    const pending = client().post('/x', {}, OP, { signal: controller.signal });
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(reason);
    const error = await failure(pending);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error.cause).toBe(reason);
    expect(reason.message).toBe(`cancelled by the caller, who knows ${API_KEY}`);
  });
});
