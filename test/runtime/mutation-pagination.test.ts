/**
 * Pages fetched for real: `requestPage` against a loopback server that serves three pages, walked
 * with `getNextPage`, `iterPages` and `for await`; and the reading of page numbers, totals and
 * cursors from bodies that lack them or hold the wrong types. Written from the mutation run of
 * pagination.ts and client-core.ts (bench/MUTATION.md).
 */
import { describe, expect, it } from 'vitest';
import { ClientCore, type RequestSpec } from '../../runtime/client-core.ts';
import { Page, type PageScheme } from '../../runtime/pagination.ts';
import { DEFAULTS } from './helpers/client.ts';
import { send, testServerForFile } from './helpers/http-server.ts';

const server = testServerForFile();

const PAGES: PageScheme = {
  kind: 'page-number',
  items: ['data'],
  pageNumber: ['meta', 'page_number'],
  totalPages: ['meta', 'total_pages'],
  param: ['page', 'number'],
};
const LIST: RequestSpec = {
  method: 'GET',
  path: '/recordings',
  operationName: 'recordings.list',
  params: [
    { name: 'page', in: 'query', style: 'deepObject' },
    { name: 'filter', in: 'query', style: 'deepObject' },
  ],
};

/** Serves page n (from `page[number]`, 1 when absent) of three, two items each. */
function serveThreePages(): void {
  server.reset((req, res) => {
    const n = Number(new URL(req.url, 'http://x').searchParams.get('page[number]') ?? '1');
    send(res, { status: 200, body: { data: [`${n}a`, `${n}b`], meta: { page_number: n, total_pages: 3 } } });
  });
}

const client = () => new ClientCore({ apiKey: 'k', baseURL: server.baseURL, maxRetries: 0 }, DEFAULTS);
const list = () => client().requestPage<unknown, string>(LIST, { filter: { status: 'done' } }, PAGES);

describe('requestPage', () => {
  it('fetches the next page with the same params and the next number', async () => {
    serveThreePages();
    const first = await list();
    expect(first.data).toEqual(['1a', '1b']);
    expect(first.params).toEqual({ filter: { status: 'done' } });
    expect(first.response.status).toBe(200);
    expect(first.hasNextPage()).toBe(true);
    const second = await first.getNextPage();
    expect(second.data).toEqual(['2a', '2b']);
    expect(second.params).toEqual({ filter: { status: 'done' }, page: { number: 2 } });
    expect(server.requests.map((r) => decodeURIComponent(r.url))).toEqual([
      '/recordings?filter[status]=done',
      '/recordings?page[number]=2&filter[status]=done',
    ]);
  });

  it('walks every page with iterPages, and every item with for await, then stops', async () => {
    serveThreePages();
    const pages: string[][] = [];
    for await (const page of (await list()).iterPages()) pages.push(page.data);
    expect(pages).toEqual([
      ['1a', '1b'],
      ['2a', '2b'],
      ['3a', '3b'],
    ]);

    serveThreePages();
    const items: string[] = [];
    for await (const item of list()) items.push(item);
    expect(items).toEqual(['1a', '1b', '2a', '2b', '3a', '3b']);
    expect(server.requests).toHaveLength(3);

    serveThreePages();
    const fromPage: string[] = [];
    for await (const item of await list()) fromPage.push(item);
    expect(fromPage).toEqual(items);
  });

  it('rejects getNextPage on the last page, without a request', async () => {
    server.reset((_req, res) =>
      send(res, { status: 200, body: { data: [1], meta: { page_number: 1, total_pages: 1 } } }),
    );
    const only = await client().requestPage(LIST, undefined, PAGES);
    await expect(only.getNextPage()).rejects.toThrow('There is no next page; check hasNextPage() first.');
    expect(server.requests).toHaveLength(1);
  });

  it('reads a list answered with no body (204) as one empty page', async () => {
    server.reset((_req, res) => send(res, { status: 204 }));
    const empty = await client().requestPage(LIST, undefined, PAGES);
    expect(empty.body).toBeUndefined();
    expect([empty.data, empty.hasNextPage()]).toEqual([[], false]);
    const items: unknown[] = [];
    for await (const item of client().requestPage(LIST, undefined, PAGES)) items.push(item);
    expect(items).toEqual([]);
  });
});

describe('reading the body', () => {
  const page = (body: unknown, params: Record<string, unknown> = {}) =>
    new Page<unknown, unknown>(body, new Response(null), params, PAGES, () => {
      throw new Error('not fetched');
    });

  it('has no next page, and does not throw, where the meta object is missing, null or not an object', () => {
    for (const meta of [undefined, null, 'x', 5]) {
      expect(page({ data: [1], ...(meta === undefined ? {} : { meta }) }).nextPageParams()).toBeNull();
    }
    expect(page(null).data).toEqual([]);
  });

  it('takes the number asked for when the body gives no usable page number', () => {
    for (const pageNumber of ['2', null, Number.NaN]) {
      const body = { data: [1], meta: { page_number: pageNumber, total_pages: 5 } };
      expect(page(body, { page: { number: 2 } }).nextPageParams()).toEqual({ page: { number: 3 } });
    }
    // Nothing asked for either: page 1.
    expect(page({ data: [1], meta: { total_pages: 5 } }).nextPageParams()).toEqual({ page: { number: 2 } });
  });

  it('replaces a page param that is not an object instead of writing into it', () => {
    const body = { data: [1], meta: { page_number: 1, total_pages: 5 } };
    expect(page(body, { page: null }).nextPageParams()).toEqual({ page: { number: 2 } });
    expect(page(body, { page: 'ab' }).nextPageParams()).toEqual({ page: { number: 2 } });
  });
});
