/**
 * Behaviour of the hand-written client runtime against a real HTTP server on loopback.
 * Retries use a 1 ms backoff (see FastClient) so the suite never sleeps for seconds.
 */
import { describe, expect, it } from 'vitest';
import { ClientCore, encodePathParam, type ClientOptions } from '../../runtime/client-core.ts';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TelnyxError,
  UnprocessableEntityError,
} from '../../runtime/errors.ts';
import { defaultBackoffMs, retryAfterFromHeaders } from '../../runtime/retry.ts';
import { ValidationError } from '../../runtime/validation.ts';
import { replies, send, testServerForFile } from './helpers/http-server.ts';
import { failure } from '../helpers/failure.ts';
import { DEFAULTS } from './helpers/client.ts';

const API_KEY = 'KEY0123456789SECRET';
const OK = { status: 200, body: { data: { result: 'ok' } } };
const PLAYBACK = { operationName: 'calls.actions.startPlayback', idempotencyField: 'command_id' };

/** The real client with a 1 ms default backoff; server-sent Retry-After still applies. */
class FastClient extends ClientCore {
  protected override backoffMs(): number {
    return 1;
  }
}

const server = testServerForFile();

function client(options: ClientOptions = {}): FastClient {
  return new FastClient({ apiKey: API_KEY, baseURL: server.baseURL, ...options }, DEFAULTS);
}

function telnyxError(title: string, detail: string) {
  return { errors: [{ code: '90018', title, detail, source: { pointer: '/audio_url' }, meta: {} }] };
}

describe('requests', () => {
  it('POSTs JSON to baseURL + path with auth, content type and user agent', async () => {
    server.reset(replies(OK));
    const c = client({ baseURL: `${server.baseURL}/v2/`, defaultHeaders: { 'X-Team': 'a', 'X-Keep': 'k' } });
    const data = await c.post(
      '/calls/abc/actions/playback_start',
      { audio_url: 'https://x/a.mp3' },
      PLAYBACK,
      {
        headers: { 'x-team': 'b' },
      },
    );
    expect(data).toEqual({ data: { result: 'ok' } });
    const [req] = server.requests;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('/v2/calls/abc/actions/playback_start');
    expect(req?.headers['authorization']).toBe(`Bearer ${API_KEY}`);
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers['accept']).toBe('application/json');
    expect(req?.headers['user-agent']).toBe('telnyx-voice-media/1.2.3');
    expect(req?.headers['x-team']).toBe('b'); // per-call header wins, whatever its case
    expect(req?.headers['x-keep']).toBe('k');
    expect(JSON.parse(req?.body ?? '')).toMatchObject({ audio_url: 'https://x/a.mp3' });
  });

  it('gives undefined for an empty success body', async () => {
    server.reset(replies({ status: 200 }));
    expect(await client().post('/x', {}, { operationName: 'x' })).toBeUndefined();
  });

  it('withResponse gives data, headers and request id from the one request', async () => {
    server.reset(replies({ ...OK, headers: { 'x-request-id': 'req-42' } }));
    const promise = client().post('/x', {}, { operationName: 'x' });
    expect(await promise).toEqual(OK.body);
    const { data, response, requestId } = await promise.withResponse();
    expect(data).toEqual(OK.body);
    expect(requestId).toBe('req-42');
    expect(response.status).toBe(200);
    expect(await (await promise.asResponse()).json()).toEqual(OK.body);
    expect(server.requests).toHaveLength(1);
  });
});

describe('errors', () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
  ])('%i gives %o', async (status, ErrorClass) => {
    const body = telnyxError('Invalid value', `audio_url is bad (key ${API_KEY})`);
    server.reset(replies({ status, body, headers: { 'x-request-id': 'req-7' } }));
    const error = await failure(client({ maxRetries: 0 }).post('/x', {}, { operationName: 'x' }));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(TelnyxError);
    const apiError = error as APIError;
    expect(apiError.status).toBe(status);
    expect(apiError.requestId).toBe('req-7');
    expect(apiError.errors[0]?.source?.pointer).toBe('/audio_url');
    expect(error.message).toContain(String(status));
    expect(error.message).toContain('Invalid value: audio_url is bad');
    expect(error.message).toContain('req-7');
    expect(error.message).not.toContain(API_KEY); // even though the server echoed it
  });

  it('gives a plain APIError for other statuses', async () => {
    server.reset(replies({ status: 418, body: telnyxError('Teapot', 'short and stout') }));
    const error = await failure(client().post('/x', {}, { operationName: 'x' }));
    expect(error.constructor).toBe(APIError);
    expect((error as APIError).status).toBe(418);
  });

  it('picks the class from the status when the body is not JSON or empty', async () => {
    server.reset(replies({ status: 502, body: '<html>Bad Gateway</html>' }));
    const html = await failure(client({ maxRetries: 0 }).post('/x', {}, { operationName: 'x' }));
    expect(html).toBeInstanceOf(InternalServerError);
    expect((html as APIError).error).toBeUndefined();
    expect(html.message).toContain('502');

    server.reset(replies({ status: 404 }));
    const empty = await failure(client().post('/x', {}, { operationName: 'x' }));
    expect(empty).toBeInstanceOf(NotFoundError);
    expect(empty.message).toBe('404 status code (no body)');
  });

  it('builds without an API key; a request then rejects with a TelnyxError and sends nothing', async () => {
    const saved = process.env['TELNYX_API_KEY'];
    delete process.env['TELNYX_API_KEY'];
    try {
      server.reset(replies(OK));
      const keyless = new ClientCore({ baseURL: server.baseURL }, DEFAULTS);
      const error = await failure(keyless.post('/x', {}, PLAYBACK));
      expect(error).toBeInstanceOf(TelnyxError);
      expect(error).not.toBeInstanceOf(APIError);
      expect(error.message).toMatch(/pass `apiKey` to the client or set the TELNYX_API_KEY/);
      expect(server.requests).toHaveLength(0);

      process.env['TELNYX_API_KEY'] = 'from-env';
      await new ClientCore({ baseURL: server.baseURL }, DEFAULTS).post('/x', {}, PLAYBACK);
      expect(server.requests[0]?.headers['authorization']).toBe('Bearer from-env');
    } finally {
      if (saved === undefined) delete process.env['TELNYX_API_KEY'];
      else process.env['TELNYX_API_KEY'] = saved;
    }
  });

  it('takes its default base URL and key variable from what the generated client passes', async () => {
    server.reset(replies(OK, OK));
    process.env['ACME_VOICE_KEY'] = 'acme-key';
    try {
      const defaults = { ...DEFAULTS, baseURL: `${server.baseURL}/acme/v9/`, apiKeyEnv: 'ACME_VOICE_KEY' };
      const acme = new ClientCore({}, defaults);
      expect(acme.baseURL).toBe(`${server.baseURL}/acme/v9`);
      await acme.post('/calls/x', {}, PLAYBACK);
      expect(server.requests[0]).toMatchObject({ url: '/acme/v9/calls/x' });
      expect(server.requests[0]?.headers['authorization']).toBe('Bearer acme-key');
      // Without a variable to read, the key must be passed; the message does not name one.
      const { apiKeyEnv: _none, ...noEnv } = defaults;
      const error = await failure(new ClientCore({}, noEnv).post('/x', {}, PLAYBACK));
      expect(error.message).toBe('Missing API key: pass `apiKey` to the client.');
      expect(server.requests).toHaveLength(1);
    } finally {
      delete process.env['ACME_VOICE_KEY'];
    }
  });
});

describe('retries', () => {
  it('honours Retry-After on 429, then succeeds', async () => {
    server.reset(replies({ status: 429, headers: { 'retry-after': '0.2' } }, OK));
    const started = performance.now();
    expect(await client().post('/x', {}, { operationName: 'x' })).toEqual(OK.body);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(server.requests).toHaveLength(2);
  });

  it('makes 1 + maxRetries attempts on 503, then throws', async () => {
    server.reset(replies({ status: 503, headers: { 'retry-after-ms': '1' } }));
    const error = await failure(client({ maxRetries: 2 }).post('/x', {}, { operationName: 'x' }));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(3);
  });

  it.each([400, 401, 403, 404, 422])('never retries %i', async (status) => {
    server.reset(replies({ status }));
    await failure(client().post('/x', {}, { operationName: 'x' }));
    expect(server.requests).toHaveLength(1);
  });

  it('lets x-should-retry override the status rule both ways', async () => {
    server.reset(replies({ status: 503, headers: { 'x-should-retry': 'false' } }));
    await failure(client().post('/x', {}, { operationName: 'x' }));
    expect(server.requests).toHaveLength(1);

    server.reset(replies({ status: 400, headers: { 'x-should-retry': 'true' } }, OK));
    expect(await client().post('/x', {}, { operationName: 'x' })).toEqual(OK.body);
    expect(server.requests).toHaveLength(2);
  });

  it('retries a dropped connection, then throws APIConnectionError', async () => {
    server.reset((_req, res) => res.socket?.destroy());
    const error = await failure(client().post('/x', {}, { operationName: 'x' }));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APIConnectionTimeoutError);
    expect(server.requests).toHaveLength(3);

    server.reset((req, res, attempt) =>
      attempt === 0 ? res.socket?.destroy() : replies(OK)(req, res, attempt),
    );
    expect(await client().post('/x', {}, { operationName: 'x' })).toEqual(OK.body);
  });

  it('times out a slow server after all retries', async () => {
    server.reset((_req, res) => setTimeout(() => send(res, OK), 2_000).unref());
    const error = await failure(
      client({ timeout: 100, maxRetries: 1 }).post('/x', {}, { operationName: 'x' }),
    );
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(server.requests).toHaveLength(2);
  });

  it('gives APIUserAbortError on abort, without retrying', async () => {
    server.reset((_req, res) => setTimeout(() => send(res, OK), 2_000).unref());
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const pending = client().post('/x', {}, { operationName: 'x' }, { signal: controller.signal });
    expect(await failure(pending)).toBeInstanceOf(APIUserAbortError);
    expect(server.requests).toHaveLength(1);

    // Aborts while waiting to retry, and their causes: client-abort.test.ts.
    server.reset(replies(OK));
    const early = client().post('/x', {}, { operationName: 'x' }, { signal: AbortSignal.abort() });
    expect(await failure(early)).toBeInstanceOf(APIUserAbortError);
    expect(server.requests).toHaveLength(0);
  });

  it('reads Retry-After as seconds or a date, within (0, 60 s]', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    const at = (h: Record<string, string>) => retryAfterFromHeaders(new Headers(h), now);
    expect(at({ 'retry-after-ms': '250' })).toBe(250);
    expect(at({ 'retry-after': '3' })).toBe(3_000);
    expect(at({ 'retry-after': 'Wed, 01 Jan 2025 00:00:05 GMT' })).toBe(5_000);
    expect(at({ 'retry-after': '0' })).toBeUndefined();
    expect(at({ 'retry-after': '61' })).toBeUndefined();
    expect(at({ 'retry-after': 'soon' })).toBeUndefined();
    expect(defaultBackoffMs(0, () => 0)).toBe(500);
    expect(defaultBackoffMs(1, () => 0)).toBe(1_000);
    expect(defaultBackoffMs(10, () => 0)).toBe(8_000);
    expect(defaultBackoffMs(0, () => 1)).toBe(375);
  });
});

describe('idempotency', () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  const commandIds = () => server.requests.map((r) => JSON.parse(r.body).command_id);

  it('sends one generated command_id on every retry, without touching the caller body', async () => {
    server.reset(replies({ status: 503 }, { status: 503 }, OK));
    const body = { audio_url: 'https://x/a.mp3' };
    await client().post('/x', body, PLAYBACK);
    const ids = commandIds();
    expect(ids).toHaveLength(3);
    expect(ids[0]).toMatch(UUID);
    expect(new Set(ids).size).toBe(1);
    expect(body).toEqual({ audio_url: 'https://x/a.mp3' });

    server.reset(replies(OK));
    await client().post('/x', body, PLAYBACK);
    expect(commandIds()[0]).not.toBe(ids[0]); // a new call gets a new key
  });

  it("keeps the caller's own command_id", async () => {
    server.reset(replies({ status: 500 }, OK));
    await client().post('/x', { command_id: 'mine' }, PLAYBACK);
    expect(commandIds()).toEqual(['mine', 'mine']);
  });
});

describe('local checks', () => {
  it('encodes path params, numbers included, and rejects empty and non-scalar ones', () => {
    expect(encodePathParam('call_control_id', 'v3:a/b?c')).toBe('v3:a%2Fb%3Fc');
    expect(encodePathParam('issue_number', 42)).toBe('42');
    expect(() => encodePathParam('call_control_id', '')).toThrow(/call_control_id/);
    expect(() => encodePathParam('issue_number', Number.NaN)).toThrow(/must be a string/);
    expect(() => encodePathParam('call_control_id', {} as unknown as string)).toThrow(/must be a string/);
  });

  const validateBody = () => ({
    ok: false as const,
    errors: [{ path: '/audio_url', keyword: 'format', message: 'expected a URL' }],
  });

  it('throws ValidationError and sends nothing when params are invalid', async () => {
    server.reset(replies(OK));
    const error = await failure(client().post('/x', { audio_url: 'nope' }, { ...PLAYBACK, validateBody }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain('calls.actions.startPlayback params');
    expect((error as ValidationError).issues[0]?.path).toBe('/audio_url');
    expect(server.requests).toHaveLength(0);
  });

  it('skips validation when validate is false, per client or per call', async () => {
    server.reset(replies(OK));
    await client({ validate: false }).post('/x', {}, { ...PLAYBACK, validateBody });
    await client().post('/x', {}, { ...PLAYBACK, validateBody }, { validate: false });
    expect(server.requests).toHaveLength(2);
  });
});
