/**
 * redact.ts on its own: what it replaces (strings, keys and values of plain objects and arrays,
 * errors' own properties, causes, a `stack` kept as an accessor), what it leaves alone (other
 * classes' objects, the caller's abort reason, anything when there is no secret), and that it
 * stops: cycles and nesting deeper than any error body end the walk instead of the stack.
 * End to end through the client: client-redaction.test.ts, and here a key hidden by JSON escapes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientCore } from '../../runtime/client-core.ts';
import type { APIError } from '../../runtime/errors.ts';
import { REDACTED, redactError, redactHeaders, redactText, redactValue } from '../../runtime/redact.ts';
import { failure } from '../helpers/failure.ts';
import { DEFAULTS } from './helpers/client.ts';
import { send, startTestServer, type TestServer } from './helpers/http-server.ts';

const KEY = 'KEY_REDACT_77';

describe('strings and headers', () => {
  it('redactText replaces every occurrence, and nothing without a secret', () => {
    expect(redactText(`a ${KEY} b ${KEY}`, KEY)).toBe(`a ${REDACTED} b ${REDACTED}`);
    expect(redactText('abc', '')).toBe('abc');
    expect(redactText('', '')).toBe('');
  });

  it('redactHeaders returns the same object when no value holds the secret, else a redacted copy', () => {
    const clean = new Headers({ 'x-request-id': 'r1' });
    expect(redactHeaders(clean, KEY)).toBe(clean);
    expect(redactHeaders(clean, '')).toBe(clean);
    const leaky = new Headers({ 'x-echo': `Bearer ${KEY}`, 'x-request-id': 'r1' });
    const copy = redactHeaders(leaky, KEY);
    expect(copy).not.toBe(leaky);
    expect([...copy]).toEqual([
      ['x-echo', `Bearer ${REDACTED}`],
      ['x-request-id', 'r1'],
    ]);
    expect(leaky.get('x-echo')).toBe(`Bearer ${KEY}`);
  });
});

describe('redactValue', () => {
  it('replaces in strings, arrays and plain objects (null prototype too), keys included, in place', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { note: KEY });
    const body = { list: [KEY, 1, { [`k-${KEY}`]: KEY }], bare, headers: new Headers({ a: KEY }) };
    const result = redactValue(body, KEY) as typeof body;
    expect(result).toBe(body);
    expect(body.list).toEqual([REDACTED, 1, { [`k-${REDACTED}`]: REDACTED }]);
    expect(bare['note']).toBe(REDACTED);
    expect(body.headers.get('a')).toBe(REDACTED);
    expect(redactValue(KEY, KEY)).toBe(REDACTED);
  });

  it('keeps the order of keys it did not rename, and an own __proto__ key an own property', () => {
    const body = JSON.parse(`{"a":"${KEY}","__proto__":{"b":"${KEY}"},"c":1,"d":"${KEY}"}`) as object;
    redactValue(body, KEY);
    expect(Object.keys(body)).toEqual(['a', '__proto__', 'c', 'd']);
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(body, '__proto__')?.value).toEqual({ b: REDACTED });
  });

  it('leaves objects of other classes alone', () => {
    class Token {
      constructor(readonly value: string) {}
    }
    const body = { token: new Token(KEY), when: new Map([[KEY, KEY]]) };
    redactValue(body, KEY);
    expect(body.token.value).toBe(KEY);
    expect(body.when.get(KEY)).toBe(KEY);
  });

  it('changes nothing without a secret', () => {
    const body = { a: 'x', list: ['y'] };
    expect(redactValue(body, '')).toBe(body);
    expect(body).toEqual({ a: 'x', list: ['y'] });
  });

  it('ends on cycles, and on nesting far deeper than any error body, instead of overflowing', () => {
    const cycle: Record<string, unknown> = { note: KEY };
    cycle['self'] = cycle;
    redactValue(cycle, KEY);
    expect(cycle['note']).toBe(REDACTED);
    let deepArray: unknown = [KEY];
    let deepObject: unknown = { note: KEY };
    for (let i = 0; i < 200_000; i++) {
      deepArray = [deepArray];
      deepObject = { next: deepObject };
    }
    expect(() => redactValue(deepArray, KEY)).not.toThrow();
    expect(() => redactValue(deepObject, KEY)).not.toThrow();
  });
});

describe('redactError', () => {
  it('replaces in the message, the stack, own properties and the cause chain', () => {
    const inner = Object.assign(new Error(`inner ${KEY}`), { headers: { authorization: `Bearer ${KEY}` } });
    const error = new Error(`outer ${KEY}`, { cause: inner });
    expect(redactError(error, KEY)).toBe(error);
    expect(error.message).toBe(`outer ${REDACTED}`);
    expect(error.stack).not.toContain(KEY);
    expect(inner.message).toBe(`inner ${REDACTED}`);
    expect(inner.headers.authorization).toBe(`Bearer ${REDACTED}`);
  });

  it('with keepCause, leaves the cause exactly as it was given', () => {
    const reason = { why: `the caller's ${KEY}` };
    const error = new Error(`aborted ${KEY}`, { cause: reason });
    redactError(error, KEY, { keepCause: true });
    expect(error.message).toBe(`aborted ${REDACTED}`);
    expect(error.cause).toBe(reason);
    expect(reason.why).toBe(`the caller's ${KEY}`);
  });

  it('redacts a stack kept as an accessor, and copes with an error that has no stack', () => {
    const error = new Error('x');
    let stack = `Error: x\n    at ${KEY}`;
    Object.defineProperty(error, 'stack', {
      get: () => stack,
      set: (value: string) => void (stack = value),
      configurable: true,
    });
    redactError(error, KEY);
    expect(stack).toBe(`Error: x\n    at ${REDACTED}`);
    const bare = new Error(`no stack ${KEY}`);
    Object.defineProperty(bare, 'stack', { value: undefined, writable: true, configurable: true });
    expect(() => redactError(bare, KEY)).not.toThrow();
    expect(bare.message).toBe(`no stack ${REDACTED}`);
  });

  it('skips what it cannot change, and goes on with the rest', () => {
    const error = new Error(`m ${KEY}`);
    Object.defineProperty(error, 'frozen', { value: KEY, writable: false, configurable: false });
    redactError(error, KEY);
    expect((error as unknown as { frozen: string }).frozen).toBe(KEY);
    expect(error.message).toBe(`m ${REDACTED}`);
  });

  it('leaves values that are not errors, and any error without a secret, alone', () => {
    const notError = { message: `has ${KEY}` };
    expect(redactError(notError, KEY)).toBe(notError);
    expect(notError.message).toBe(`has ${KEY}`);
    expect(redactError(null, KEY)).toBeNull();
    expect(redactError(KEY, KEY)).toBe(KEY);
    const error = new Error(`m ${KEY}`);
    redactError(error, '');
    expect(error.message).toBe(`m ${KEY}`);
  });

  it('ends on a cause chain far longer than any real one, instead of overflowing', () => {
    let error = new Error(KEY);
    for (let i = 0; i < 100_000; i++) error = new Error('wrapped', { cause: error });
    expect(() => redactError(error, KEY)).not.toThrow();
  });
});

describe('through the client', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('a key the server wrote with JSON escapes is redacted once the body is parsed', async () => {
    // `\u004b` is "K": the text holds no copy of the key, the parsed body does.
    const escaped = `\\u004b${KEY.slice(1)}`;
    server.reset((_req, res) =>
      send(res, {
        status: 400,
        body: `{"errors":[{"code":"1","title":"t","detail":"${escaped}","meta":{"${escaped}":["${escaped}"]}}]}`,
        headers: { 'content-type': 'application/json' },
      }),
    );
    const c = new ClientCore({ apiKey: KEY, baseURL: server.baseURL, maxRetries: 0 }, DEFAULTS);
    const error = (await failure(c.post('/x', {}, { operationName: 'x' }))) as APIError;
    expect(error.errors[0]?.detail).toBe(REDACTED);
    expect(error.errors[0]?.meta).toEqual({ [REDACTED]: [REDACTED] });
    expect(JSON.stringify(error.error)).not.toContain(KEY);
  });
});
