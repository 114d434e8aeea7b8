/**
 * How the caller's `signal` ends a request, against a real server on loopback: an abort keeps
 * its reason as the error's `cause`; a signal that timed out (`AbortSignal.timeout`) gives the
 * timeout error, not an abort; both end a wait between retries at once and are never retried.
 */
import { describe, expect, it } from 'vitest';
import { ClientCore } from '../../runtime/client-core.ts';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from '../../runtime/errors.ts';
import { replies, testServerForFile } from './helpers/http-server.ts';
import { failure } from '../helpers/failure.ts';
import { DEFAULTS } from './helpers/client.ts';

const OP = { operationName: 'x' };

const server = testServerForFile();

const client = () => new ClientCore({ apiKey: 'KEY_ABORT', baseURL: server.baseURL }, DEFAULTS);

/** Never answers; calls `onRequest` once the request has arrived. */
function hang(onRequest: () => void = () => undefined) {
  return (): void => onRequest();
}

/**
 * Aborts `controller` with `reason` as soon as the client adds its second 'abort' listener to
 * the signal: the first belongs to the attempt, the second to the wait before the retry. This
 * pins the abort inside that wait, whatever the machine's speed.
 */
function abortDuringRetryWait(controller: AbortController, reason: unknown): AbortSignal {
  const { signal } = controller;
  const add = signal.addEventListener.bind(signal);
  let added = 0;
  signal.addEventListener = (...args: Parameters<AbortSignal['addEventListener']>) => {
    add(...args);
    if (args[0] === 'abort' && ++added === 2) queueMicrotask(() => controller.abort(reason));
  };
  return signal;
}

/** Asks for a 30 s wait before the retry: far longer than the test's own timeout. */
const BUSY = replies({ status: 503, headers: { 'retry-after': '30' } });

describe('controller.abort(reason)', () => {
  it('during the request gives APIUserAbortError with the reason as cause', async () => {
    const controller = new AbortController();
    const reason = new Error('caller is shutting down');
    server.reset(hang(() => controller.abort(reason)));
    const error = await failure(client().post('/x', {}, OP, { signal: controller.signal }));
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error).toBeInstanceOf(APIError);
    expect(error.cause).toBe(reason);
    expect(server.requests).toHaveLength(1);
  });

  it('keeps a reason that is not an Error, and gives the default AbortError without one', async () => {
    const withString = new AbortController();
    server.reset(hang(() => withString.abort('user hung up')));
    const first = await failure(client().post('/x', {}, OP, { signal: withString.signal }));
    expect(first.cause).toBe('user hung up');

    const bare = new AbortController();
    server.reset(hang(() => bare.abort()));
    const second = await failure(client().post('/x', {}, OP, { signal: bare.signal }));
    expect(second).toBeInstanceOf(APIUserAbortError);
    expect((second.cause as Error).name).toBe('AbortError');
  });

  it('before the request sends nothing and keeps the reason', async () => {
    server.reset(replies({ status: 200, body: {} }));
    const reason = { why: 'already cancelled' };
    const error = await failure(client().post('/x', {}, OP, { signal: AbortSignal.abort(reason) }));
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error.cause).toBe(reason);
    expect(server.requests).toHaveLength(0);
  });

  it('while waiting 30 s to retry ends the wait at once, with the reason as cause', async () => {
    const reason = new Error('stop retrying');
    server.reset(BUSY);
    const signal = abortDuringRetryWait(new AbortController(), reason);
    const error = await failure(client().post('/x', {}, OP, { signal }));
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error.cause).toBe(reason);
    expect(server.requests).toHaveLength(1);
  });
});

describe('AbortSignal.timeout(ms) as the signal', () => {
  it('gives APIConnectionTimeoutError whose cause is the TimeoutError, without retrying', async () => {
    server.reset(hang());
    const signal = AbortSignal.timeout(50);
    const error = await failure(client().post('/x', {}, OP, { signal }));
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APIUserAbortError);
    expect(error.cause).toBe(signal.reason);
    expect((error.cause as Error).name).toBe('TimeoutError');
    expect(server.requests).toHaveLength(1); // the caller's deadline is over: no second attempt
  });

  it('while waiting to retry also gives APIConnectionTimeoutError, at once', async () => {
    // The reason AbortSignal.timeout gives, at a moment the test chooses.
    const reason = new DOMException('The operation timed out.', 'TimeoutError');
    server.reset(BUSY);
    const signal = abortDuringRetryWait(new AbortController(), reason);
    const error = await failure(client().post('/x', {}, OP, { signal }));
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(error.cause).toBe(reason);
    expect(server.requests).toHaveLength(1);
  });

  it('already timed out sends nothing', async () => {
    server.reset(replies({ status: 200, body: {} }));
    const signal = AbortSignal.timeout(0);
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    const error = await failure(client().post('/x', {}, OP, { signal }));
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(server.requests).toHaveLength(0);
  });
});
