/**
 * Pages of list results, and iteration over every item of every page. Hand-written, copied
 * verbatim into the generated package as `core/pagination.ts`.
 *
 * ```ts
 * const page = await client.recordings.list({ page: { size: 50 } }); // one page
 * if (page.hasNextPage()) await page.getNextPage();
 * for await (const recording of client.recordings.list()) { … }        // every item, page by page
 * ```
 */
import { APIPromise, type RawResponse } from './api-promise.js';
import { hasOwn } from './guard-support.js';

/**
 * Where a list response keeps its items and how to ask for the next page; decided by the
 * generator from the spec's shape (or the naming config). Paths are property names from the root.
 */
export type PageScheme =
  | {
      /** Telnyx's `page[number]` / `meta.page_number` / `meta.total_pages`. */
      kind: 'page-number';
      items: readonly string[];
      pageNumber: readonly string[];
      totalPages: readonly string[];
      /** Where the page number goes in the params object, e.g. `['page', 'number']`. */
      param: readonly string[];
    }
  | {
      /** An opaque cursor from the response (`meta.cursors.after`), sent back as a parameter. */
      kind: 'cursor';
      items: readonly string[];
      nextCursor: readonly string[];
      param: readonly string[];
    };

/** Asks for one page with the given params; the client binds the operation and options. */
export type PageFetcher<Body, Item> = (params: Record<string, unknown>) => PagePromise<Body, Item>;

export class Page<Body, Item> implements AsyncIterable<Item> {
  /** The items of this page. */
  readonly data: Item[];

  constructor(
    /** The whole parsed response body (items, `meta`, …). */
    readonly body: Body,
    /** The HTTP response this page came in. */
    readonly response: Response,
    readonly params: Readonly<Record<string, unknown>>,
    private readonly scheme: PageScheme,
    private readonly fetchPage: PageFetcher<Body, Item>,
  ) {
    const items = valueAt(body, scheme.items);
    this.data = Array.isArray(items) ? (items as Item[]) : [];
  }

  /** The params that ask for the next page, or `null` when this is the last one. */
  nextPageParams(): Record<string, unknown> | null {
    if (this.data.length === 0) return null;
    const { scheme } = this;
    if (scheme.kind === 'cursor') {
      const cursor = valueAt(this.body, scheme.nextCursor);
      return typeof cursor === 'string' && cursor !== ''
        ? withValueAt(this.params, scheme.param, cursor)
        : null;
    }
    const asked = valueAt(this.params, scheme.param);
    const current = numberOr(valueAt(this.body, scheme.pageNumber), numberOr(asked, 1));
    const total = valueAt(this.body, scheme.totalPages);
    // Without a total there is no telling where the list ends, so one page is all there is.
    if (typeof total !== 'number' || current >= total) return null;
    return withValueAt(this.params, scheme.param, current + 1);
  }

  hasNextPage(): boolean {
    return this.nextPageParams() !== null;
  }

  /** Fetches the next page; rejects when there is none (check `hasNextPage()` first). */
  async getNextPage(): Promise<Page<Body, Item>> {
    const params = this.nextPageParams();
    if (params === null) throw new Error('There is no next page; check hasNextPage() first.');
    return this.fetchPage(params);
  }

  /** This page, then each following one, fetched as the loop asks for it. */
  async *iterPages(): AsyncGenerator<Page<Body, Item>, void, undefined> {
    let page: Page<Body, Item> = this;
    yield page;
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      yield page;
    }
  }

  /** Every item of this page and of every following page. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.iterPages()) yield* page.data;
  }
}

/**
 * What a list method returns: await it for the first page, or `for await` over it for every
 * item. The first request is sent when the method is called, as for every other method.
 */
export class PagePromise<Body, Item> extends APIPromise<Page<Body, Item>> implements AsyncIterable<Item> {
  constructor(raw: Promise<RawResponse>, parse: (raw: RawResponse) => Page<Body, Item>) {
    super(raw, parse);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    const first = await this;
    yield* first;
  }
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/**
 * The value at `path` in `root`, or undefined where a step is missing. Own keys only, so a
 * response can never lead the path into `Object.prototype`.
 */
function valueAt(root: unknown, path: readonly string[]): unknown {
  let current = root;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A copy of `root` with `value` at `path`, copying each object on the way (the caller's stays as it was). */
function withValueAt(
  root: Readonly<Record<string, unknown>>,
  path: readonly string[],
  value: unknown,
): Record<string, unknown> {
  const [key, ...rest] = path;
  if (key === undefined) return { ...root };
  const child = root[key];
  const next =
    rest.length === 0
      ? value
      : withValueAt(
          typeof child === 'object' && child !== null ? (child as Record<string, unknown>) : {},
          rest,
          value,
        );
  return { ...root, [key]: next };
}
