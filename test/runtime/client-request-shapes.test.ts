/**
 * The runtime's request shapes on their own, against a loopback server: parameters by place and
 * style, bodies by content type (and the choice between several), response kinds, and pages.
 * The generated resources are tested end to end elsewhere; these pin the pieces they stand on.
 */
import { describe, expect, it } from 'vitest';
import { ClientCore, type RequestSpec } from '../../runtime/client-core.ts';
import { Page } from '../../runtime/pagination.ts';
import { chooseVariant, encodeBody, toFile, type BodyVariant } from '../../runtime/request-body.ts';
import { cookieHeader, queryString, splitParams, type ParamSpec, withQuery } from '../../runtime/request-params.ts';
import { testServerForFile } from './helpers/http-server.ts';

const server = testServerForFile();
const DEFAULTS = {
  packageName: 'p',
  packageVersion: '1',
  baseURL: 'http://unused',
  apiKeyEnv: undefined,
  authSchemes: { bearerAuth: { type: 'bearer' } },
  security: [['bearerAuth']],
} as const;
const client = () => new ClientCore({ apiKey: 'k', baseURL: server.baseURL, maxRetries: 0 }, DEFAULTS);
const reply = (status: number, body?: string, headers: Record<string, string> = {}) =>
  server.reset((_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  });

describe('splitParams', () => {
  const specs: ParamSpec[] = [
    { name: 'filter', in: 'query', style: 'deepObject', explode: true },
    { name: 'X-Trace', in: 'header' },
    { name: 'session', in: 'cookie' },
  ];

  it('takes each parameter out of the params by place and leaves the body fields', () => {
    const split = splitParams(specs, { filter: { a: 1 }, 'X-Trace': 't', session: 's', name: 'n', extra: undefined });
    expect(split.query).toEqual([['filter[a]', '1']]);
    expect(split.headers).toEqual({ 'x-trace': 't' });
    expect(split.cookies).toEqual([['session', 's']]);
    expect(split.rest).toEqual({ name: 'n', extra: undefined });
  });

  it('leaves out undefined parameters, sends null as empty, and refuses a header with a line break', () => {
    expect(splitParams(specs, { filter: undefined, session: null }).cookies).toEqual([['session', '']]);
    expect(splitParams(specs, { filter: undefined }).query).toEqual([]);
    expect(() => splitParams(specs, { 'X-Trace': 'a\r\nb: c' })).toThrow(/X-Trace.*line breaks/);
    expect(splitParams(specs, { 'X-Trace': ['a', 'b'] }).headers).toEqual({ 'x-trace': 'a,b' });
  });

  it('writes query strings and cookies with names readable and values encoded', () => {
    expect(queryString([])).toBe('');
    expect(queryString([['filter[a b]', 'x&y=z']])).toBe('?filter[a%20b]=x%26y%3Dz');
    expect(cookieHeader([])).toBeUndefined();
    expect(cookieHeader([['a', '1 2'], ['b', ';']])).toBe('a=1%202; b=%3B');
  });

  it('sends the one value a required parameter can take when the call gives none', () => {
    const specs: ParamSpec[] = [
      { name: 'Action', in: 'query', value: 'SendMessage' },
      { name: 'X-Amz-Target', in: 'header', value: 'DynamoDB_20120810.GetItem' },
      { name: 'Version', in: 'cookie', value: 3 },
    ];
    expect(splitParams(specs, undefined)).toStrictEqual({
      query: [['Action', 'SendMessage']],
      headers: { 'x-amz-target': 'DynamoDB_20120810.GetItem' },
      cookies: [['Version', '3']],
      rest: {},
    });
    // A value the caller gives is sent instead (its guard checks it), null among them.
    const given = splitParams(specs, { Action: 'Other', 'X-Amz-Target': null, Body: 'b' });
    expect([given.query, given.headers, given.rest]).toStrictEqual([
      [['Action', 'Other']],
      { 'x-amz-target': '' },
      { Body: 'b' },
    ]);
  });

  it('appends the query after one the path already has, with `&`', () => {
    const pairs: Array<[string, string]> = [['photo_id', '7'], ['lang', 'fr CA']];
    expect(withQuery('/photos', pairs)).toBe('/photos?photo_id=7&lang=fr%20CA');
    expect(withQuery('/rest?method=get', pairs)).toBe('/rest?method=get&photo_id=7&lang=fr%20CA');
    // A key that ends its own query string takes the pairs with no empty one between.
    expect(withQuery('/rest?', pairs)).toBe('/rest?photo_id=7&lang=fr%20CA');
    expect(withQuery('/rest?method=get&', pairs)).toBe('/rest?method=get&photo_id=7&lang=fr%20CA');
    expect(withQuery('/rest?method=get', [])).toBe('/rest?method=get');
    expect(withQuery('/photos', [])).toBe('/photos');
  });
});

describe('bodies', () => {
  const json: BodyVariant = { contentType: 'application/json', kind: 'json' };
  const multipart: BodyVariant = { contentType: 'multipart/form-data', kind: 'multipart' };
  const form: BodyVariant = { contentType: 'application/x-www-form-urlencoded', kind: 'form' };
  const raw: BodyVariant = { contentType: 'application/octet-stream', kind: 'binary' };

  it('chooses multipart when a file is given, JSON otherwise, and what the caller names', () => {
    expect(chooseVariant([json, multipart], { a: 'x' }, undefined)).toBe(json);
    expect(chooseVariant([json, multipart], { f: new Uint8Array(1) }, undefined)).toBe(multipart);
    expect(chooseVariant([json, multipart], { f: [new Blob(['x'])] }, undefined)).toBe(multipart);
    expect(chooseVariant([multipart, json], { a: 'text is not a file' }, undefined)).toBe(json);
    expect(chooseVariant([json, multipart], { a: 'x' }, 'multipart/form-data')).toBe(multipart);
    expect(() => chooseVariant([json], {}, 'text/csv')).toThrow('Content type text/csv is not one this operation accepts (application/json).');
    expect(chooseVariant([multipart], {}, undefined)).toBe(multipart);
  });

  it('encodes JSON, form fields (arrays repeated) and raw bytes with their content types', async () => {
    expect(await encodeBody(json, { a: 1 })).toEqual({ body: '{"a":1}', contentType: 'application/json' });
    const encodedForm = await encodeBody(form, { a: 'x y', list: [1, 2], skip: undefined });
    expect(String(encodedForm.body)).toBe('a=x+y&list=1&list=2');
    const bytes = await encodeBody(raw, { body: new Uint8Array([1, 2]) });
    expect(bytes.contentType).toBe('application/octet-stream');
    expect(new Uint8Array(await (bytes.body as Blob).arrayBuffer())).toEqual(new Uint8Array([1, 2]));
    const typed = await encodeBody(raw, { body: new Blob(['x'], { type: 'audio/wav' }) });
    expect(typed.contentType).toBe('audio/wav');
    await expect(encodeBody(raw, {})).rejects.toThrow('The request body (`body`) is missing.');
  });

  it('sends a form body the caller built as it is, and refuses another kind of value', async () => {
    const form: BodyVariant = { contentType: 'application/x-www-form-urlencoded', kind: 'form', whole: 'required' };
    expect(await encodeBody(form, { body: 'a=1&b=%20' })).toEqual({ body: 'a=1&b=%20', contentType: form.contentType });
    expect((await encodeBody(form, { body: new URLSearchParams({ c: 'x y' }) })).body).toBe('c=x+y');
    await expect(encodeBody(form, { body: { a: 1 } })).rejects.toThrow(
      'The form body (`body`) must be an encoded string or URLSearchParams.',
    );
    const parts: BodyVariant = { contentType: 'multipart/form-data', kind: 'multipart', whole: 'optional' };
    const built = new FormData();
    expect(await encodeBody(parts, { body: built })).toEqual({ body: built, contentType: undefined });
    await expect(encodeBody(parts, { body: 'x' })).rejects.toThrow('The multipart body (`body`) must be a FormData.');
  });

  it('builds multipart parts: files with names and types, objects as JSON, scalars as text', async () => {
    const form = (await encodeBody(multipart, {
      file: toFile(new Uint8Array([104, 105]), 'hi.txt', 'text/plain'),
      stream: new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode('s')), c.close()) }),
      meta: { a: 1 },
      n: 3,
      gone: undefined,
    })).body as FormData;
    expect([...form.keys()]).toEqual(['file', 'stream', 'meta', 'n']);
    const file = form.get('file') as File;
    expect([file.name, file.type, await file.text()]).toEqual(['hi.txt', 'text/plain', 'hi']);
    expect(await (form.get('stream') as File).text()).toBe('s');
    expect((form.get('stream') as File).name).toBe('stream');
    expect(await (form.get('meta') as File).text()).toBe('{"a":1}');
    expect(form.get('n')).toBe('3');
    expect(await encodeBody(multipart, {}).then((e) => e.contentType)).toBeUndefined();
  });
});

describe('request()', () => {
  const spec = (extra: Partial<RequestSpec>): RequestSpec => ({ method: 'GET', path: '/x', operationName: 'op', ...extra });

  it('reads each response kind as declared', async () => {
    reply(200, 'plain', { 'content-type': 'text/plain' });
    expect(await client().request(spec({ response: 'text' }), undefined)).toBe('plain');
    reply(204);
    expect(await client().request(spec({ response: 'empty' }), undefined)).toBeUndefined();
    reply(200, 'bytes', { 'content-type': 'application/octet-stream' });
    const response = await client().request<Response>(spec({ response: 'binary' }), undefined);
    expect(await response.text()).toBe('bytes');
    expect(server.requests[0]!.headers.accept).toBe('*/*');
    reply(200, '{"a":1}');
    expect(await client().request(spec({}), undefined)).toEqual({ a: 1 });
  });

  it("asks for the operation's own JSON media types, and for plain JSON otherwise", async () => {
    reply(200, '{"a":1}', { 'content-type': 'application/vnd.api+json' });
    expect(await client().request(spec({ accept: 'application/vnd.api+json' }), undefined)).toEqual({ a: 1 });
    await client().request(spec({}), undefined);
    expect(server.requests.map((r) => r.headers.accept)).toStrictEqual(['application/vnd.api+json', 'application/json']);
  });

  it('refuses params an operation without a body does not take, and checks parameters', async () => {
    reply(200, '{}');
    await expect(client().request(spec({}), { stray: 1 })).rejects.toThrow('op takes no parameter named "stray".');
    const validateParams = (value: unknown) =>
      (value as { n?: number }).n === 1 ? { ok: true as const, value } : { ok: false as const, errors: [{ path: '/n', message: 'bad', keyword: 'x' }] };
    const params = [{ name: 'n', in: 'query' as const }];
    await expect(client().request(spec({ params, validateParams }), { n: 2 })).rejects.toThrow(/op params/);
    expect(server.requests).toHaveLength(0);
    expect(await client().request(spec({ params, validateParams }), { n: 1 })).toEqual({});
    expect(server.requests[0]!.url).toBe('/x?n=1');
  });

  it('sends a JSON body with a content type, a multipart one with its boundary, cookies and headers', async () => {
    reply(200, '{}');
    const params: ParamSpec[] = [
      { name: 'X-Trace', in: 'header' },
      { name: 'session', in: 'cookie' },
    ];
    const body: BodyVariant[] = [
      { contentType: 'application/json', kind: 'json' },
      { contentType: 'multipart/form-data', kind: 'multipart' },
    ];
    await client().request(spec({ method: 'POST', params, body }), { 'X-Trace': 't', session: 's', a: 1 });
    await client().request(spec({ method: 'POST', params, body }), { f: new Blob(['x']) });
    const [first, second] = server.requests;
    expect([first!.headers['content-type'], first!.body, first!.headers['x-trace'], first!.headers.cookie]).toEqual([
      'application/json',
      '{"a":1}',
      't',
      'session=s',
    ]);
    expect(second!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  });
});

describe('pages', () => {
  const scheme = { kind: 'page-number', items: ['data'], pageNumber: ['meta', 'page_number'], totalPages: ['meta', 'total_pages'], param: ['page', 'number'] } as const;
  const never = () => {
    throw new Error('not fetched');
  };
  const page = (body: unknown, params: Record<string, unknown> = {}, s: ConstructorParameters<typeof Page>[3] = scheme) =>
    new Page<unknown, unknown>(body, new Response(null), params, s, never as never);

  it('asks for the next page number, keeping the other params, until the last', () => {
    const first = page({ data: [1], meta: { page_number: 1, total_pages: 2 } }, { page: { size: 5 }, filter: { a: 1 } });
    expect(first.nextPageParams()).toEqual({ page: { size: 5, number: 2 }, filter: { a: 1 } });
    expect(page({ data: [1], meta: { page_number: 2, total_pages: 2 } }).hasNextPage()).toBe(false);
    // Without page_number in the body, the number asked for counts; without a total, no guess.
    expect(page({ data: [1], meta: { total_pages: 3 } }, { page: { number: 2 } }).nextPageParams()).toEqual({ page: { number: 3 } });
    expect(page({ data: [1], meta: { page_number: 1 } }).hasNextPage()).toBe(false);
    expect(page({ data: [], meta: { page_number: 1, total_pages: 9 } }).hasNextPage()).toBe(false);
    expect(page({ meta: {} }).data).toEqual([]);
  });

  it('follows a cursor while there is one', () => {
    const cursor = { kind: 'cursor', items: ['data'], nextCursor: ['meta', 'cursors', 'after'], param: ['page[after]'] } as const;
    expect(page({ data: [1], meta: { cursors: { after: 'c2' } } }, { q: 1 }, cursor).nextPageParams()).toEqual({ q: 1, 'page[after]': 'c2' });
    expect(page({ data: [1], meta: { cursors: { after: '' } } }, {}, cursor).hasNextPage()).toBe(false);
    expect(page({ data: [1], meta: { cursors: { after: null } } }, {}, cursor).hasNextPage()).toBe(false);
    expect(page({ data: [1], meta: { cursors: 'x' } }, {}, cursor).hasNextPage()).toBe(false);
  });

  it('reads own properties only: a body cannot steer paging through the prototype', () => {
    expect(page(JSON.parse('{"data":[1],"meta":{"__proto__":{"page_number":1,"total_pages":5}}}')).hasNextPage()).toBe(false);
  });
});
