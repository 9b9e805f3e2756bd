/** Page-style and cursor-style paging, with the bounds checks the real endpoints apply. */
import type { ResultInfo } from '../../src/api/types';
import { Errors } from './errors';

export interface PageLimits {
  defaultPerPage: number;
  min: number;
  max: number;
}

function intParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw)) throw Errors.badPaging(`${name} must be an integer (got "${raw}")`);
  return Number(raw);
}

export function perPageParam(query: URLSearchParams, limits: PageLimits): number {
  const perPage = intParam(query, 'per_page') ?? limits.defaultPerPage;
  if (perPage < limits.min || perPage > limits.max) {
    throw Errors.badPaging(`per_page must be between ${limits.min} and ${limits.max} (got ${perPage})`);
  }
  return perPage;
}

/** One page of `items` and its result_info: {page, per_page, count, total_count, total_pages}. */
export function paginate<T>(items: readonly T[], query: URLSearchParams, limits: PageLimits): { page: T[]; info: ResultInfo } {
  const perPage = perPageParam(query, limits);
  const page = intParam(query, 'page') ?? 1;
  if (page < 1) throw Errors.badPaging(`page must be 1 or more (got ${page})`);
  const slice = items.slice((page - 1) * perPage, page * perPage);
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
