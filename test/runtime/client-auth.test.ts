/**
 * Credentials as the spec's security schemes say (core/auth.ts through ClientCore): a bearer
 * token, HTTP basic, API keys in a header, the query and a cookie, several schemes at once,
 * optional and absent security, an operation's own requirements, and keys kept out of errors.
 * Each request goes to a real server on 127.0.0.1, which reports what arrived.
 */
import { describe, expect, it } from 'vitest';
import { type ClientDefaults, ClientCore, type RequestSpec } from '../../runtime/client-core.ts';
import { TelnyxError } from '../../runtime/errors.ts';
import { testServerForFile } from './helpers/http-server.ts';

const server = testServerForFile();

const SCHEMES: ClientDefaults['authSchemes'] = {
  token: { type: 'bearer' },
  login: { type: 'basic' },
  key: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
  appId: { type: 'apiKey', in: 'header', name: 'X-App-Id' },
  queryKey: { type: 'apiKey', in: 'query', name: 'api key' },
  querySig: { type: 'apiKey', in: 'query', name: 'sig' },
  session: { type: 'apiKey', in: 'cookie', name: 'sid' },
  csrf: { type: 'apiKey', in: 'cookie', name: 'csrf' },
};

function core(
  security: ClientDefaults['security'],
  options: ConstructorParameters<typeof ClientCore>[0] = {},
) {
  const defaults = {
    packageName: 'p',
    packageVersion: '1',
    baseURL: 'http://unused',
    authSchemes: SCHEMES,
    security,
  };
  return new ClientCore({ baseURL: server.baseURL, maxRetries: 0, ...options }, defaults);
}

const GET: RequestSpec = { method: 'GET', path: '/things', operationName: 'things.list' };

/** Sends one request and returns what the server received. */
async function received(client: ClientCore, spec: RequestSpec = GET, params?: object) {
  server.reset((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  });
  await client.request(spec, params);
  expect(server.requests).toHaveLength(1);
  const request = server.requests[0]!;
  return { headers: request.headers, query: new URL(request.url, 'http://x').searchParams };
}

describe('one scheme', () => {
  it('sends a bearer token in Authorization', async () => {
    const { headers } = await received(core([['token']], { apiKey: 'sk_1' }));
    expect(headers.authorization).toBe('Bearer sk_1');
  });

  it('sends `user:password` as HTTP basic, UTF-8 then base64', async () => {
    const { headers } = await received(core([['login']], { apiKey: 'zoë:pa:ss' }));
    expect(headers.authorization).toBe(`Basic ${Buffer.from('zoë:pa:ss', 'utf8').toString('base64')}`);
  });

  it('sends an API key as it is in its header, and no Authorization', async () => {
    const { headers } = await received(core([['key']], { apiKey: 'k=1' }));
    expect(headers['x-api-key']).toBe('k=1');
    expect(headers.authorization).toBeUndefined();
  });

  it('sends an API key in the query, encoded, beside the query parameters', async () => {
    const spec: RequestSpec = { ...GET, params: [{ name: 'limit', in: 'query' }] };
    const { query } = await received(core([['queryKey']], { apiKey: 'a+b/c&d' }), spec, { limit: 5 });
    expect(query.get('api key')).toBe('a+b/c&d');
    expect(query.get('limit')).toBe('5');
  });

  it('sends an API key in a cookie, beside a cookie parameter', async () => {
    const spec: RequestSpec = { ...GET, params: [{ name: 'theme', in: 'cookie' }] };
    const { headers } = await received(core([['session']], { apiKey: 's 1' }), spec, { theme: 'dark' });
    expect(headers.cookie).toBe('theme=dark; sid=s%201');
  });
});

describe('several schemes and alternatives', () => {
  it('sends every scheme of an alternative, each with its own credential', async () => {
    const client = core([['key', 'appId']], { credentials: { key: 'secret', appId: 'app-7' } });
    const { headers } = await received(client);
    expect(headers['x-api-key']).toBe('secret');
    expect(headers['x-app-id']).toBe('app-7');
  });

  it('fills a scheme without a credential of its own with the API key', async () => {
    const { headers } = await received(
      core([['key', 'appId']], { apiKey: 'k', credentials: { appId: 'app-7' } }),
    );
    expect([headers['x-api-key'], headers['x-app-id']]).toStrictEqual(['k', 'app-7']);
  });

  it('sends two query keys and two cookies, each pair joined as its place joins them', async () => {
    const credentials = { queryKey: 'q', querySig: 's', session: 'a', csrf: 'b' };
    const { query, headers } = await received(
      core([['queryKey', 'querySig', 'session', 'csrf']], { credentials }),
    );
    expect([query.get('api key'), query.get('sig')]).toStrictEqual(['q', 's']);
    expect(headers.cookie).toBe('sid=a; csrf=b');
  });

  it('adds a cookie parameter to the cookie header only, not to a key in another header', async () => {
    const spec: RequestSpec = { ...GET, params: [{ name: 'theme', in: 'cookie' }] };
    const { headers } = await received(core([['key']], { apiKey: 'k' }), spec, { theme: 'dark' });
    expect([headers['x-api-key'], headers.cookie]).toStrictEqual(['k', 'theme=dark']);
  });

  it('takes the first alternative it has every credential for', async () => {
    const client = core([['key', 'appId'], ['token']], { credentials: { key: 'k', token: 't' } });
    const { headers } = await received(client);
    expect(headers.authorization).toBe('Bearer t');
    expect(headers['x-api-key']).toBeUndefined();
  });

  it("uses an operation's own requirements over the document's", async () => {
    const { headers, query } = await received(core([['token']], { apiKey: 'k' }), {
      ...GET,
      security: [['queryKey']],
    });
    expect(query.get('api key')).toBe('k');
    expect(headers.authorization).toBeUndefined();
  });
});

describe('no credential needed', () => {
  it('sends without a key when the spec secures nothing', async () => {
    const { headers } = await received(core([]));
    expect(headers.authorization).toBeUndefined();
  });

  it('sends without a key when an operation opts out (`security: []`)', async () => {
    const { headers } = await received(core([['token']]), { ...GET, security: [] });
    expect(headers.authorization).toBeUndefined();
  });

  it('sends optional credentials when it has them, and goes without them when not', async () => {
    expect((await received(core([[], ['token']]))).headers.authorization).toBeUndefined();
    expect((await received(core([[], ['token']], { apiKey: 'k' }))).headers.authorization).toBe('Bearer k');
  });
});

describe('a missing credential', () => {
  it('rejects and sends nothing', async () => {
    server.reset(() => expect.unreachable('nothing should be sent'));
    const error = await core([['token']])
      .request(GET, undefined)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TelnyxError);
    expect((error as Error).message).toBe('Missing API key: pass `apiKey` to the client.');
    expect(server.requests).toHaveLength(0);
  });

  it('names the schemes it lacks when an alternative needs several', async () => {
    const error = await core([['key', 'appId', 'session']], { credentials: { key: 'k' } })
      .request(GET, undefined)
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'Missing API key: pass `apiKey` to the client (or `credentials` for each of the security schemes appId, session).',
    );
  });

  it('rejects a requirement that names no scheme it knows', async () => {
    const error = await core([['nowhere']])
      .request(GET, undefined)
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe('Missing API key: pass `apiKey` to the client.');
  });

  it('takes an API key header set in defaultHeaders, and keeps it over the API key', async () => {
    const own = { defaultHeaders: { 'X-API-Key': 'my-key' } };
    expect((await received(core([['key']], own))).headers['x-api-key']).toBe('my-key');
    expect((await received(core([['key']], { ...own, apiKey: 'k' }))).headers['x-api-key']).toBe('my-key');
  });

  it('does not take a header in defaultHeaders that is not where the scheme puts its key', async () => {
    const wrong = { defaultHeaders: { Authorization: 'Bearer mine', 'X-Api-Key': 'x', sid: 'x' } };
    server.reset(() => expect.unreachable('nothing should be sent'));
    for (const scheme of ['appId', 'queryKey', 'session']) {
      const error = await core([[scheme]], wrong)
        .request(GET, undefined)
        .catch((e: unknown) => e);
      expect((error as Error).message).toBe('Missing API key: pass `apiKey` to the client.');
    }
    expect(server.requests).toHaveLength(0);
  });

  it('takes a credential header set in defaultHeaders, and keeps it over the API key', async () => {
    const own = { defaultHeaders: { Authorization: 'Bearer mine' } };
    expect((await received(core([['token']], own))).headers.authorization).toBe('Bearer mine');
    expect((await received(core([['token']], { ...own, apiKey: 'k' }))).headers.authorization).toBe(
      'Bearer mine',
    );
  });
});

describe('credentials in errors', () => {
  it('redacts every credential, and a query key as the URL carries it, from an error', async () => {
    const client = core([['queryKey', 'appId']], { apiKey: 'a+b c', credentials: { appId: 'app-secret-7' } });
    server.reset((req, res) => {
      res.writeHead(400, { 'content-type': 'application/json', 'x-echo': req.headers['x-app-id'] as string });
      res.end(
        JSON.stringify({ errors: [{ detail: `bad request ${req.url}`, app: req.headers['x-app-id'] }] }),
      );
    });
    const error = await client.request(GET, undefined).catch((e: unknown) => e);
    const seen = JSON.stringify(error, Object.getOwnPropertyNames(error)) + (error as Error).message;
    expect(seen).toContain('[redacted]');
    for (const secret of ['app-secret-7', 'a+b c', encodeURIComponent('a+b c')])
      expect(seen).not.toContain(secret);
    expect((error as { headers: Headers }).headers.get('x-echo')).toBe('[redacted]');
  });

  it('redacts a credential that contains another one whole, and leaves an absent one alone', async () => {
    const client = core([['key']], { apiKey: 'abc', credentials: { key: 'abcdef', appId: undefined } });
    server.reset((req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ detail: `key ${String(req.headers['x-api-key'])} undefined` }] }));
    });
    const error = (await client.request(GET, undefined).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('key [redacted] undefined');
  });
});
