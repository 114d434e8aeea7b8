/**
 * What `prepareRequest` makes of a call before anything is sent: path checks, exactly which
 * parameters the parameter check sees, the body of non-JSON operations, and the Cookie header
 * only when there are cookies. Written from the mutation run of prepare-request.ts
 * (bench/MUTATION.md).
 */
import { describe, expect, it } from 'vitest';
import type { RequestSpec } from '../../runtime/client-options.ts';
import { TelnyxError } from '../../runtime/errors.ts';
import { prepareRequest } from '../../runtime/prepare-request.ts';
import type { BodyVariant } from '../../runtime/request-body.ts';
import { ValidationError, type ValidationResult } from '../../runtime/validation.ts';

const spec = (extra: Partial<RequestSpec>): RequestSpec => ({
  method: 'GET',
  path: '/x',
  operationName: 'op',
  ...extra,
});
const ok = (value: unknown): ValidationResult<unknown> => ({ ok: true, value });
const bad = (): ValidationResult<unknown> => ({
  ok: false,
  errors: [{ path: '/id', keyword: 'format', message: 'not a uuid' }],
});

/** A check that records each value it is given and answers with `answer`. */
function recorder(answer: (value: unknown) => ValidationResult<unknown> = ok) {
  const seen: unknown[] = [];
  const check = (value: unknown) => {
    seen.push(value);
    return answer(value);
  };
  return { seen, check };
}

describe('path check', () => {
  it('throws a ValidationError naming the path before the path is built', () => {
    let built = false;
    const path = () => {
      built = true;
      return '/x';
    };
    const call = () =>
      prepareRequest(spec({ path, pathParams: { id: 'x' }, validatePath: bad }), undefined, {}, true);
    expect(call).toThrow(ValidationError);
    expect(call).toThrow('op path is not valid:\n  /id: not a uuid');
    expect(built).toBe(false);
  });

  it('checks an empty object when the spec lists no path params, and nothing when validation is off', () => {
    const { seen, check } = recorder();
    prepareRequest(spec({ validatePath: check }), undefined, {}, true);
    expect(seen).toEqual([{}]);
    expect(prepareRequest(spec({ validatePath: bad }), undefined, {}, false).url).toBe('/x');
    expect(prepareRequest(spec({ validatePath: bad }), undefined, { validate: false }, true).url).toBe('/x');
  });
});

describe('parameter check', () => {
  const params = [
    { name: 'a', in: 'query' as const },
    { name: 'b', in: 'query' as const },
  ];

  it('sees only the parameters given, with no key for one left undefined', () => {
    const { seen, check } = recorder();
    prepareRequest(spec({ params, validateParams: check }), { a: 1, b: undefined }, {}, true);
    expect(Object.keys(seen[0] as object)).toEqual(['a']);
  });

  it('sees an empty object when no params object is given at all', () => {
    const { seen, check } = recorder();
    prepareRequest(spec({ params, validateParams: check }), undefined, {}, true);
    expect(seen).toEqual([{}]);
  });

  it('names every stray key of an operation without a body', () => {
    expect(() => prepareRequest(spec({}), { x: 1, y: 2 }, {}, true)).toThrow(
      new TelnyxError('op takes no parameter named "x", "y".'),
    );
  });
});

describe('body and headers', () => {
  const multipart: BodyVariant = { contentType: 'multipart/form-data', kind: 'multipart' };

  it('adds no idempotency key outside JSON, and keeps an empty body where no params were given', () => {
    const prepared = prepareRequest(
      spec({ body: [multipart], idempotencyField: 'command_id' }),
      undefined,
      {},
      true,
    );
    expect(prepared.body).toEqual({});
    const withFields = prepareRequest(
      spec({ body: [multipart], idempotencyField: 'command_id' }),
      { a: 'x' },
      {},
      true,
    );
    expect(withFields.body).toEqual({ a: 'x' });
  });

  it('has no cookie header unless a cookie parameter is given', () => {
    const params = [{ name: 's', in: 'cookie' as const }];
    expect(prepareRequest(spec({ params }), {}, {}, true).headers).not.toHaveProperty('cookie');
    expect(prepareRequest(spec({ params }), { s: 'v' }, {}, true).headers).toEqual({ cookie: 's=v' });
  });
});

describe('a whole JSON body (one that need not be an object)', () => {
  const whole = (required: boolean, validate?: BodyVariant['validate']): BodyVariant => ({
    contentType: 'application/json',
    kind: 'json',
    whole: required ? 'required' : 'optional',
    validate,
  });
  const params = [{ name: 'lang', in: 'query' as const }];

  it('checks `body` alone, under the name "body", and sends the params with it', () => {
    const { seen, check } = recorder();
    const prepared = prepareRequest(
      spec({ params, body: [whole(true, check)], idempotencyField: 'command_id' }),
      { body: [1, 2], lang: 'en' },
      {},
      true,
    );
    expect(seen).toEqual([[1, 2]]);
    // No key is added: the body has no field to carry it.
    expect(prepared.body).toEqual({ body: [1, 2] });
    expect(prepared.url).toBe('/x?lang=en');
    expect(() => prepareRequest(spec({ body: [whole(true, bad)] }), { body: 'x' }, {}, true)).toThrow(
      'op body is not valid:\n  /id: not a uuid',
    );
  });

  it('refuses other keys, and a required body left out; an optional one left out sends nothing', () => {
    const { check } = recorder();
    expect(() =>
      prepareRequest(spec({ body: [whole(false, check)] }), { body: 1, extra: 2 }, {}, true),
    ).toThrow(new TelnyxError('op takes no parameter named "extra".'));
    expect(() => prepareRequest(spec({ body: [whole(true, check)] }), {}, {}, true)).toThrow(
      new TelnyxError('op needs a request body: pass it as `body`.'),
    );
    expect(prepareRequest(spec({ body: [whole(false, check)] }), {}, {}, true).body).toBeUndefined();
    expect(prepareRequest(spec({ body: [whole(false, check)] }), undefined, {}, true).body).toBeUndefined();
    // `null` is a value a body may be, not a missing one.
    expect(prepareRequest(spec({ body: [whole(true, check)] }), { body: null }, {}, true).body).toEqual({
      body: null,
    });
  });

  it('with validation off, checks nothing and refuses nothing', () => {
    const prepared = prepareRequest(spec({ body: [whole(true, bad)] }), { body: 'x', extra: 1 }, {}, false);
    expect(prepared.body).toEqual({ body: 'x', extra: 1 });
  });
});

describe('a whole form body (one whose fields the spec does not give)', () => {
  const form = (required: boolean): BodyVariant => ({
    contentType: 'multipart/form-data',
    kind: 'multipart',
    whole: required ? 'required' : 'optional',
  });

  it('is checked for presence only, with no schema to check it against', () => {
    const built = new FormData();
    expect(prepareRequest(spec({ body: [form(true)] }), { body: built }, {}, true).body).toEqual({
      body: built,
    });
    expect(() => prepareRequest(spec({ body: [form(true)] }), {}, {}, true)).toThrow(
      new TelnyxError('op needs a request body: pass it as `body`.'),
    );
    expect(() => prepareRequest(spec({ body: [form(false)] }), { body: built, extra: 1 }, {}, true)).toThrow(
      new TelnyxError('op takes no parameter named "extra".'),
    );
    expect(prepareRequest(spec({ body: [form(false)] }), {}, {}, true).body).toBeUndefined();
  });
});
