/**
 * The error classes and how `APIError.generate` reads a failing response: a body in Telnyx's
 * `{ errors: [...] }` shape is kept and summed up in the message; anything else (no `errors`,
 * `null`, an array of non-objects, blank text, a proxy's HTML page) still gives an `APIError`
 * of the status's class, never a `TypeError`. The client-level path runs against a real server
 * on loopback; the pure parts call `generate` directly.
 */
import { describe, expect, it } from 'vitest';
import { ClientCore } from '../../runtime/client-core.ts';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  BadRequestError,
  InternalServerError,
  ResponseTooLargeError,
  TelnyxError,
} from '../../runtime/errors.ts';
import { failure } from '../helpers/failure.ts';
import { DEFAULTS } from './helpers/client.ts';
import { replies, testServerForFile } from './helpers/http-server.ts';

const server = testServerForFile();

const generate = (status: number, body: string, headers: Record<string, string> = {}) =>
  APIError.generate(status, body, new Headers(headers));

describe('a failing response whose body is not Telnyx error shape', () => {
  // Each of these used to be one mutation away from `TypeError: cannot read properties of null`.
  const notTelnyxShape = ['null', '{}', '{"errors":null}', '{"errors":"bad"}', '{"errors":[null]}', '[1,2]'];

  it.each(notTelnyxShape)('%s gives an APIError of the status class, with no parsed body', async (body) => {
    server.reset(replies({ status: 400, body, headers: { 'content-type': 'application/json' } }));
    const client = new ClientCore({ apiKey: 'K', baseURL: server.baseURL, maxRetries: 0 }, DEFAULTS);
    const error = await failure(client.post('/x', {}, { operationName: 'x' }));
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as APIError).error).toBeUndefined();
    expect((error as APIError).errors).toEqual([]);
    expect(error.message).toBe(`400 status code, body: ${body}`);
  });

  it('an errors array with any entry that is not an object is not Telnyx shape', () => {
    for (const entries of ['[5]', '["x"]', '[{"title":"A"},null]', '[{"title":"A"},7]']) {
      const error = generate(422, `{"errors":${entries}}`);
      expect(error.error, entries).toBeUndefined();
      expect(error.errors, entries).toEqual([]);
      expect(error.message, entries).toContain('status code, body:');
    }
  });

  it('a blank body reads as no body; an excerpt is trimmed, its whitespace runs folded, 200 chars', () => {
    expect(generate(503, '  \n\t ').message).toBe('503 status code (no body)');
    const page = '  <html>\n\n  <body>Bad   Gateway</body>\n</html>  ';
    expect(generate(502, page).message).toBe(
      '502 status code, body: <html> <body>Bad Gateway</body> </html>',
    );
    expect(generate(502, `${'x'.repeat(250)}`).message).toBe(`502 status code, body: ${'x'.repeat(200)}`);
  });
});

describe('the message of a Telnyx error body', () => {
  const entry = (title: string, detail?: string) => ({ code: '10015', title, ...(detail && { detail }) });
  const body = (...errors: object[]) => JSON.stringify({ errors });

  it('is the first title and detail, then how many more errors there are', () => {
    expect(generate(422, body(entry('Bad', 'no')), { 'x-request-id': 'r1' }).message).toBe(
      '422 Bad: no (request id: r1)',
    );
    expect(generate(422, body(entry('Bad'))).message).toBe('422 Bad');
    expect(generate(422, body(entry('Bad', 'no'), entry('Worse'))).message).toBe(
      '422 Bad: no (and 1 more error)',
    );
    expect(generate(422, body(entry('Bad'), entry('B'), entry('C'))).message).toBe(
      '422 Bad (and 2 more errors)',
    );
  });

  it('falls back to the code, then to "error", when an entry has no title', () => {
    expect(generate(400, body({ code: '10001' })).message).toBe('400 10001');
    expect(generate(400, body({ detail: 'only a detail' })).message).toBe('400 error: only a detail');
    expect(generate(400, body({})).errors).toEqual([{}]);
  });

  it('keeps the parsed body and its entries, and reads the request id from the headers', () => {
    const error = generate(404, body(entry('Gone', 'away')), { 'x-request-id': 'r9' });
    expect(error).toBeInstanceOf(APIError);
    expect(error.error).toEqual({ errors: [entry('Gone', 'away')] });
    expect(error.errors).toEqual([entry('Gone', 'away')]);
    expect(error.requestId).toBe('r9');
    expect(error.headers?.get('x-request-id')).toBe('r9');
    expect(generate(404, '').requestId).toBeNull();
  });
});

describe('errors without a response', () => {
  it('have no status, headers, body or entries, and a default message', () => {
    const cases: [APIError<undefined>, string][] = [
      [new APIConnectionError(), 'Connection error.'],
      [new APIConnectionTimeoutError(), 'Request timed out.'],
      [new APIUserAbortError(), 'Request was aborted.'],
    ];
    for (const [error, message] of cases) {
      expect(error.message).toBe(message);
      expect(error.status).toBeUndefined();
      expect(error.headers).toBeUndefined();
      expect(error.error).toBeUndefined();
      expect(error.errors).toEqual([]);
      expect(error.requestId).toBeNull();
      expect(error.name).toBe(error.constructor.name);
      expect(error).toBeInstanceOf(TelnyxError);
    }
    expect(new APIConnectionError({ message: 'DNS' }).message).toBe('DNS');
  });

  it('keep their cause as a native cause is kept: own, writable, configurable, not enumerable', () => {
    const reason = new Error('ECONNRESET');
    for (const error of [
      new APIConnectionError({ cause: reason }),
      new APIConnectionTimeoutError({ cause: reason }),
      new APIUserAbortError({ cause: reason }),
    ]) {
      expect(error.cause).toBe(reason);
      expect(Object.getOwnPropertyDescriptor(error, 'cause')).toEqual({
        value: reason,
        writable: true,
        configurable: true,
        enumerable: false,
      });
      expect(Object.keys(error)).not.toContain('cause');
    }
  });

  it('have no cause property at all when none was given', () => {
    for (const error of [
      new APIConnectionError(),
      new APIUserAbortError(),
      new APIConnectionTimeoutError(),
    ]) {
      expect(Object.hasOwn(error, 'cause')).toBe(false);
    }
  });
});

describe('ResponseTooLargeError', () => {
  it('names the status, the request id when there is one, and the limit', () => {
    const withId = new ResponseTooLargeError(200, new Headers({ 'x-request-id': 'r5' }), 1024);
    expect(withId.message).toBe(
      'Response body (status 200, request id: r5) is larger than maxResponseBytes (1024 bytes); it was not read.',
    );
    expect(withId.requestId).toBe('r5');
    expect(withId.maxResponseBytes).toBe(1024);
    const without = new ResponseTooLargeError(500, new Headers(), 10);
    expect(without.message).toBe(
      'Response body (status 500) is larger than maxResponseBytes (10 bytes); it was not read.',
    );
    expect(without.status).toBe(500);
  });
});

describe('the status decides the class', () => {
  it('from 500 up, InternalServerError; 499 and other unlisted statuses, a plain APIError', () => {
    expect(generate(500, '')).toBeInstanceOf(InternalServerError);
    expect(generate(599, '')).toBeInstanceOf(InternalServerError);
    expect(generate(499, '').constructor).toBe(APIError);
    expect(generate(405, '').constructor).toBe(APIError);
  });
});
