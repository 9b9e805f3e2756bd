/** Page-style and cursor-style paging, with the bounds checks the real endpoints apply. */
import type { ResultInfo } from '../../src/api/types';
import { Errors } from './errors';

export interface PageLimits {
  defaultPerPage: number;
  min: number;
  max: number;
  /** An ask above `max` gets `max` items (and result_info.per_page says so) instead of a 400. */
  clamp?: boolean;
}

function intParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw)) throw Errors.badPaging(`${name} must be an integer (got "${raw}")`);
  return Number(raw);
}

export function perPageParam(query: URLSearchParams, limits: PageLimits): number {
  const perPage = intParam(query, 'per_page') ?? limits.defaultPerPage;
  if (limits.clamp && perPage > limits.max) return limits.max;
  if (perPage < limits.min || perPage > limits.max) {
    throw Errors.badPaging(`per_page must be between ${limits.min} and ${limits.max} (got ${perPage})`);
  }
  return perPage;
}

/** What paginate needs of a request: its query and any paging fault injected for it. */
export interface PagedRequest {
  query: URLSearchParams;
  /** 'ignorePage' / 'unpaged' fault kinds (faults.ts). */
  paging?: 'ignorePage' | 'unpaged' | 'repeatCursor';
}

/**
 * One page of `items` and its result_info: {page, per_page, count, total_count, total_pages}.
 * Under the fault 'ignorePage' every page answers page 1's items (result_info echoes the page asked
 * for); under 'unpaged' all items come at once without result_info. ../shared/api-notes.md: handle
 * a full answer, paging, and a server that ignores `page`.
 */
export function paginate<T>(items: readonly T[], req: PagedRequest, limits: PageLimits): { page: T[]; info?: ResultInfo } {
  const { query } = req;
  const perPage = perPageParam(query, limits);
  const page = intParam(query, 'page') ?? 1;
  if (page < 1) throw Errors.badPaging(`page must be 1 or more (got ${page})`);
  if (req.paging === 'unpaged') return { page: [...items] };
  const from = req.paging === 'ignorePage' ? 0 : (page - 1) * perPage;
  const slice = items.slice(from, from + perPage);
  return {
    page: slice,
    info: { page, per_page: perPage, count: slice.length, total_count: items.length, total_pages: Math.ceil(items.length / perPage) },
  };
}

/**
 * Cursor paging. The cursor is opaque to clients; here it encodes the offset, so it survives
 * changes to other items the way a real keyset cursor roughly does.
 */
export function cursorPage<T>(items: readonly T[], query: URLSearchParams, limits: PageLimits): { page: T[]; info: ResultInfo } {
  const perPage = perPageParam(query, limits);
  const raw = query.get('cursor');
  let offset = 0;
  if (raw) {
    const decoded = /^[A-Za-z0-9_-]+$/.test(raw) ? Buffer.from(raw, 'base64url').toString('utf8') : '';
    const m = /^o:(\d+)$/.exec(decoded);
    if (!m) throw Errors.badPaging('cursor is invalid');
    offset = Number(m[1]);
  }
  const slice = items.slice(offset, offset + perPage);
  const next = offset + perPage < items.length ? Buffer.from(`o:${offset + perPage}`).toString('base64url') : '';
  return { page: slice, info: { count: slice.length, per_page: perPage, cursor: next } };
}

/** A sort key: compared element by element; null sorts last. */
export type SortKey = readonly (string | number | null)[];

function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Keyset cursor paging, the way a database-backed cursor behaves: the cursor names the last item
 * sent (its sort key), so items revoked, deleted or added meanwhile never make the walk skip or
 * repeat one. The cursor is opaque base64url text; a malformed one is refused.
 *
 * `items` is the whole collection and `accept` the filter. When `presorted` (already in ascending
 * `key` order, the default order) the page is found by binary search and a forward scan, so a walk
 * over 100,000 devices costs per page only what the page holds; otherwise the filtered items are
 * sorted here (descending when `desc`).
 *
 * A full page always carries a cursor, even when nothing follows: the next request then answers an
 * empty page ("an empty cursor or page ends it", ../shared/api-notes.md "Paging").
 */
export function keysetPage<T>(items: readonly T[], query: URLSearchParams, limits: PageLimits, key: (item: T) => SortKey,
  opts: { desc?: boolean; presorted?: boolean; accept?: (item: T) => boolean; repeatCursor?: boolean } = {}): { page: T[]; info: ResultInfo } {
  const perPage = perPageParam(query, limits);
  const dir = opts.desc ? -1 : 1;
  const accept = opts.accept;
  let sorted: readonly T[] = items;
  let filtered = !accept;
  if (!opts.presorted || opts.desc) {
    const keyed = (accept ? items.filter(accept) : items).map(item => ({ item, k: key(item) }));
    keyed.sort((a, b) => compareKeys(a.k, b.k) * dir);
    sorted = keyed.map(x => x.item);
    filtered = true;
  }
  let start = 0;
  const raw = query.get('cursor');
  if (raw) {
    let anchor: unknown;
    try {
      anchor = /^[A-Za-z0-9_-]+$/.test(raw) ? JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) : undefined;
    } catch {
      anchor = undefined;
    }
    if (!Array.isArray(anchor) || anchor.length === 0) throw Errors.badPaging('cursor is invalid');
    // First item strictly after the anchor in this order (binary search).
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(key(sorted[mid]), anchor as SortKey) * dir <= 0) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const slice: T[] = [];
  for (let i = start; i < sorted.length && slice.length < perPage; i++) {
    if (filtered || accept!(sorted[i])) slice.push(sorted[i]);
  }
  let cursor = slice.length === perPage ? Buffer.from(JSON.stringify(key(slice[slice.length - 1]))).toString('base64url') : '';
  // Fault 'repeatCursor': a server stuck on a cursor answers it again with the same items.
  if (opts.repeatCursor && raw) cursor = raw;
  return { page: slice, info: { count: slice.length, per_page: perPage, cursor } };
}
