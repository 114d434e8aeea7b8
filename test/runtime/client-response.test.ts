/**
 * What a client method's `APIPromise` gives back, against a real HTTP server on loopback: the
 * parsed body through `then`, `catch` and `finally` alike, responses that carry no body (204,
 * blank text), and a success body that is not JSON, whose parser error is kept as the cause
 * unless the body holds the API key.
 */
import { describe, expect, it } from 'vitest';
import { APIPromise, parseJsonBody } from '../../runtime/api-promise.ts';
import { ClientCore } from '../../runtime/client-core.ts';
import { TelnyxError } from '../../runtime/errors.ts';
import { failure } from '../helpers/failure.ts';
import { DEFAULTS } from './helpers/client.ts';
import { replies, testServerForFile } from './helpers/http-server.ts';

const API_KEY = 'KEY_RESPONSE_42';
const OP = { operationName: 'x' };

const server = testServerForFile();

const post = () =>
  new ClientCore({ apiKey: API_KEY, baseURL: server.baseURL, maxRetries: 0 }, DEFAULTS).post('/x', {}, OP);

describe('APIPromise', () => {
  it('catch and finally read the same one request as await', async () => {
    server.reset(replies({ status: 200, body: { data: 1 } }));
    const promise = post();
    let settled = 0;
    expect(await promise.finally(() => void settled++)).toEqual({ data: 1 });
    expect(await promise.catch(() => 'unused')).toEqual({ data: 1 });
    expect(settled).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  it('catch and finally see the failure, and derived promises are plain promises', async () => {
    server.reset(replies({ status: 400 }));
    const promise = post();
    const caught = await promise.catch((error: unknown) => error);
    expect(caught).toBeInstanceOf(TelnyxError);
    let ran = false;
    await expect(promise.finally(() => void (ran = true))).rejects.toBe(caught);
    expect(ran).toBe(true);
    const derived = promise.then(undefined, () => undefined);
    expect(derived).toBeInstanceOf(Promise);
    expect(derived).not.toBeInstanceOf(APIPromise);
    expect(server.requests).toHaveLength(1);
  });

  it('rejected() sends nothing and fails every way it is read', async () => {
    const error = new Error('bad params');
    const promise = APIPromise.rejected<number>(error);
    await expect(promise).rejects.toBe(error);
    await expect(promise.withResponse()).rejects.toBe(error);
    await expect(promise.asResponse()).rejects.toBe(error);
  });
});

describe('a response without a body', () => {
  it('204 gives undefined, and a 204 Response without a body', async () => {
    server.reset(replies({ status: 204 }));
    const promise = post();
    expect(await promise).toBeUndefined();
    const { data, response } = await promise.withResponse();
    expect(data).toBeUndefined();
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
    expect((await promise.asResponse()).status).toBe(204);
  });

  it('an empty or blank 200 body gives undefined; the rebuilt Response has no body when it had none', async () => {
    server.reset(replies({ status: 200, body: '' }));
    const empty = post();
    expect(await empty).toBeUndefined();
    expect((await empty.asResponse()).body).toBeNull();
    server.reset(replies({ status: 200, body: ' \r\n\t' }));
    const blank = post();
    expect(await blank).toBeUndefined();
    expect(await (await blank.asResponse()).text()).toBe(' \r\n\t');
  });
});

describe('a success body that is not JSON', () => {
  it('is a TelnyxError naming the status and request id, with the parser error as its cause', async () => {
    server.reset(replies({ status: 200, body: '<html>', headers: { 'x-request-id': 'r-3' } }));
    const error = await failure(post());
    expect(error.message).toBe('Response (status 200, request id: r-3) is not valid JSON.');
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('without a request id, says only the status', async () => {
    server.reset(replies({ status: 201, body: 'not json' }));
    expect((await failure(post())).message).toBe('Response (status 201) is not valid JSON.');
  });

  it('has no cause at all when the body holds the API key: the parser quotes the body', async () => {
    server.reset(replies({ status: 200, body: `token ${API_KEY}` }));
    const error = await failure(post());
    expect(error).toBeInstanceOf(TelnyxError);
    expect(Object.hasOwn(error, 'cause')).toBe(false);
  });

  it('parsed without a secret (the default), keeps the parser error whatever the body says', () => {
    const response = new Response(null, { status: 200 });
    for (const bodyText of ['not json', '{"a":', 'x']) {
      let error: unknown;
      try {
        parseJsonBody({ response, bodyText });
      } catch (thrown) {
        error = thrown;
      }
      expect((error as Error).cause, bodyText).toBeInstanceOf(SyntaxError);
    }
  });
});
