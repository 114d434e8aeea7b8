/**
 * Which list operations page, and how, read from the spec's shape:
 * - page numbers (Telnyx): a `page[number]` query parameter (or a deepObject `page` with a
 *   `number` property) and a response with an items array beside `meta.page_number` and
 *   `meta.total_pages`;
 * - cursors: a response with `meta.cursors.after` (or `meta.next_cursor`), sent back as
 *   `page[after]` (or the cursor parameter the operation declares).
 * A list whose shape is neither is a plain call returning the whole body.
 */
import { isObject, type Json } from '../core/json.js';
import type { BuildContext } from './build.js';
import type { Pagination, Parameter } from './types.js';

export function detectPagination(
  httpMethod: string,
  params: Parameter[],
  responseSchema: unknown,
  ctx: BuildContext,
): Pagination | undefined {
  if (httpMethod !== 'get') return undefined;
  const props = propertiesOf(responseSchema, ctx);
  if (!props) return undefined;
  const items = Object.keys(props).find((k) => isArraySchema(props[k], ctx));
  const meta = propertiesOf(props.meta, ctx);
  if (items === undefined || !meta) return undefined;
  const query = params.filter((p) => p.in === 'query');

  if ('page_number' in meta && 'total_pages' in meta) {
    const param = pageParam(query, 'number');
    if (param) return { kind: 'page-number', items: [items], pageNumber: ['meta', 'page_number'], totalPages: ['meta', 'total_pages'], param };
  }
  const cursors = propertiesOf(meta.cursors, ctx);
  if (cursors && 'after' in cursors) {
    const param =
      pageParam(query, 'after') ?? (query.some((p) => p.name === 'page') ? ['page', 'after'] : undefined);
    if (param) return { kind: 'cursor', items: [items], nextCursor: ['meta', 'cursors', 'after'], param };
  }
  return undefined;
}

/** `['page[number]']` for a flat parameter, `['page', 'number']` for a deepObject `page`. */
function pageParam(query: Parameter[], key: string): string[] | undefined {
  if (query.some((p) => p.name === `page[${key}]`)) return [`page[${key}]`];
  const page = query.find((p) => p.name === 'page' && p.style === 'deepObject');
  if (!page || page.schema.kind !== 'object') return undefined;
  return page.schema.properties.some((p) => p.name === key) ? ['page', key] : undefined;
}

function propertiesOf(schema: unknown, ctx: BuildContext): Json | undefined {
  const target = ctx.resolve(schema);
  if (!isObject(target)) return undefined;
  if (isObject(target.properties)) return target.properties;
  // `allOf: [{ $ref: List }, { properties: … }]`: the properties of every part.
  if (Array.isArray(target.allOf)) {
    const merged: Json = {};
    for (const part of target.allOf) Object.assign(merged, propertiesOf(part, ctx) ?? {});
    return Object.keys(merged).length ? merged : undefined;
  }
  return undefined;
}

function isArraySchema(schema: unknown, ctx: BuildContext): boolean {
  const target = ctx.resolve(schema);
  return isObject(target) && (target.type === 'array' || (Array.isArray(target.type) && target.type.includes('array')));
}
