import type { CloudflareClient, RequestOptions } from './client';
import type { ResultInfo } from './types';

export interface Progress {
  loaded: number;
  /** Known once the first page has answered (page style); undefined for cursor style. */
  total?: number;
}

export interface ListOptions {
  query?: RequestOptions['query'];
  perPage?: number;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

export interface Page<T> {
  items: T[];
  page: number;
  perPage: number;
  totalCount?: number;
  totalPages?: number;
}

/** One page of a page-style list (`page` is 1-based). */
export async function fetchPage<T>(client: CloudflareClient, path: string, page: number, opts: ListOptions = {}): Promise<Page<T>> {
  const perPage = opts.perPage ?? 100;
  const res = await client.get<T[] | null>(path, { query: { ...opts.query, page, per_page: perPage }, signal: opts.signal });
  const items = res.result ?? [];
  return { items, page, perPage, ...totals(res.resultInfo, perPage, items.length, page) };
}

function totals(info: ResultInfo | undefined, perPage: number, count: number, page: number): Pick<Page<unknown>, 'totalCount' | 'totalPages'> {
  if (!info) return {};
  // The API reports per_page as it applied it; trust that over what was asked.
  const size = info.per_page && info.per_page > 0 ? info.per_page : perPage;
  const totalCount = typeof info.total_count === 'number' ? info.total_count : undefined;
  const totalPages = info.total_pages ?? (totalCount !== undefined ? Math.ceil(totalCount / size) : undefined);
  return { totalCount, totalPages: totalPages ?? (count < size ? page : undefined) };
}

/**
 * Every item of a page-style list: the first page tells how many there are, the rest are fetched
 * in parallel with bounded concurrency and joined in page order. A response without result_info is
 * the whole list (as the SDK treats GET /devices).
 */
export async function listAllPages<T>(client: CloudflareClient, path: string, opts: ListOptions = {}): Promise<T[]> {
  const first = await fetchPage<T>(client, path, 1, opts);
  const pages: T[][] = [first.items];
  let loaded = first.items.length;
  opts.onProgress?.({ loaded, total: first.totalCount });
  const totalPages = first.totalPages;
  if (totalPages !== undefined) {
    if (totalPages > 1) {
      await runBounded(range(2, totalPages), client.concurrency, async page => {
        const p = await fetchPage<T>(client, path, page, opts);
        pages[page - 1] = p.items;
        loaded += p.items.length;
        opts.onProgress?.({ loaded, total: first.totalCount });
      });
    }
  } else if (first.items.length >= first.perPage) {
    // No total given: walk pages one by one until a short page.
    for (let page = 2; ; page++) {
      const p = await fetchPage<T>(client, path, page, opts);
      pages.push(p.items);
      loaded += p.items.length;
      opts.onProgress?.({ loaded });
      if (p.items.length < first.perPage) break;
    }
  }
  return pages.flat();
}

/** Page-style pages one at a time, for callers that show a page before the next arrives. */
export async function* iteratePages<T>(client: CloudflareClient, path: string, opts: ListOptions = {}): AsyncGenerator<Page<T>> {
  for (let page = 1; ; page++) {
    const p = await fetchPage<T>(client, path, page, opts);
    yield p;
    const done = p.totalPages !== undefined ? page >= p.totalPages : p.items.length < p.perPage;
    if (done || p.items.length === 0) return;
  }
}

/** Cursor-style pages (`per_page` + `cursor`; the next cursor is in result_info.cursor, empty at the end). */
export async function* iterateCursor<T>(client: CloudflareClient, path: string, opts: ListOptions = {}): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  for (;;) {
    const res = await client.get<T[] | null>(path, { query: { ...opts.query, per_page: opts.perPage ?? 100, cursor }, signal: opts.signal });
    const items = res.result ?? [];
    yield items;
    cursor = res.resultInfo?.cursor || undefined;
    if (!cursor || items.length === 0) return;
  }
}

export async function listAllCursor<T>(client: CloudflareClient, path: string, opts: ListOptions = {}): Promise<T[]> {
  const all: T[] = [];
  for await (const items of iterateCursor<T>(client, path, opts)) {
    all.push(...items);
    opts.onProgress?.({ loaded: all.length });
  }
  return all;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Runs `fn` over `items` with at most `limit` at once; the first failure stops new work and rejects. */
export async function runBounded<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++];
      try {
        await fn(item);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
