import type { ApiResponse, CloudflareClient, RequestOptions } from './client';
import { mayBePageSizeRefusal, type PageSizes } from './pageSize';
import type { ResultInfo } from './types';

export interface Progress {
  loaded: number;
  /** Known once the first page has answered (page style); undefined for cursor style. */
  total?: number;
}

/**
 * Something odd about a list the caller should tell the user, because what is shown may be
 * incomplete: the API sent the same page (or cursor) twice, or sent an item more than once.
 * The list still ends, and every item is kept once. `message` is English for the log; a view
 * words it itself (l10n) from `kind`, `shown` and `total`.
 */
export interface ListWarning {
  kind: 'repeatedPage' | 'repeatedCursor';
  /** Items kept, each once. */
  shown: number;
  /** How many the API said there are, when it said. */
  total?: number;
  message: string;
}

export interface ListOptions {
  query?: RequestOptions['query'];
  /** The page size to ask for; when absent, `pageSizes` decides (the largest the list takes), else 100. */
  perPage?: number;
  /** Learns and remembers each list's largest page (pageSize.ts); used when `perPage` is not given. */
  pageSizes?: PageSizes;
  /** The smallest page a refused ask falls back to (default 100). */
  minPerPage?: number;
  /** Each page's fresh items as it arrives (page lists: in arrival order, which may not be page order). */
  onItems?: (items: unknown[]) => void;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  onWarning?: (warning: ListWarning) => void;
}

export interface Page<T> {
  items: T[];
  page: number;
  perPage: number;
  totalCount?: number;
  totalPages?: number;
  /** Whether the answer had result_info at all. */
  paged?: boolean;
}

/**
 * A page list mapped page by page: `mapPage` turns each page's fresh items into what the caller keeps,
 * as the page arrives; `onItems` is given the mapped items and the list returns them, in page order.
 * The API's own objects are then dropped page by page (collected young) instead of being held until
 * the last page is in beside the caller's copies: at 100,000 devices, 100,000 objects fewer for the
 * collector to copy while the listing runs (#17 item 1).
 */
export interface PageMapping<T, U> {
  mapPage?: (items: T[]) => U[] | Promise<U[]>;
}

/** A safety net for lists without totals: no walk goes past this many pages, whatever the API says. */
export const MAX_PAGES = 10_000;

/**
 * GET one page of a list at the size `opts` says. Without an explicit `perPage`, a 400 may be the list
 * refusing the size: it is asked again with half as many (pageSize.ts), never below `minPerPage`.
 */
async function getPage<T>(client: CloudflareClient, path: string, query: RequestOptions['query'], opts: ListOptions): Promise<{ res: ApiResponse<T[] | null>; asked: number }> {
  let asked = opts.perPage ?? opts.pageSizes?.ask(path) ?? 100;
  for (;;) {
    try {
      return { res: await client.get<T[] | null>(path, { query: { ...query, per_page: asked }, signal: opts.signal }), asked };
    } catch (e) {
      const next = opts.perPage === undefined && opts.pageSizes && mayBePageSizeRefusal(e) ? opts.pageSizes.refused(path, asked, opts.minPerPage ?? 100) : undefined;
      if (next === undefined) throw e;
      asked = next;
    }
  }
}

/** One page of a page-style list (`page` is 1-based). */
export async function fetchPage<T>(client: CloudflareClient, path: string, page: number, opts: ListOptions = {}): Promise<Page<T>> {
  const { res, asked } = await getPage<T>(client, path, { ...opts.query, page }, opts);
  const items = Array.isArray(res.result) ? res.result : [];
  const info = res.resultInfo ?? undefined;
  const t = totals(info, asked, items.length, page);
  opts.pageSizes?.learn(path, asked, info?.per_page, items.length, t.totalPages !== undefined ? page < t.totalPages : items.length > 0);
  // The page size the API applied (it may have clamped the ask): the next pages must use the same.
  const perPage = info?.per_page && info.per_page > 0 ? info.per_page : asked;
  return { items, page, perPage, paged: info !== undefined && info !== null, ...t };
}

function totals(info: ResultInfo | undefined, perPage: number, count: number, page: number): Pick<Page<unknown>, 'totalCount' | 'totalPages'> {
  if (!info) return {};
  // The API reports per_page as it applied it; trust that over what was asked.
  const size = info.per_page && info.per_page > 0 ? info.per_page : perPage;
  const totalCount = typeof info.total_count === 'number' ? info.total_count : undefined;
  const totalPages = info.total_pages ?? (totalCount !== undefined ? Math.ceil(totalCount / size) : undefined);
  return { totalCount, totalPages: totalPages ?? (count < size ? page : undefined) };
}

/** The identity of a listed item: its `id` (every list in scope has one). */
function idOf(item: unknown): unknown {
  return item !== null && typeof item === 'object' && 'id' in item ? (item as { id: unknown }).id : item;
}

/** Keeps each item once by id, and remembers whether a page brought nothing new. */
class Seen<T> {
  private readonly ids = new Set<unknown>();
  /** The new items of `items`, in order. */
  add(items: T[]): T[] {
    const fresh: T[] = [];
    for (const item of items) {
      const id = idOf(item);
      if (this.ids.has(id)) continue;
      this.ids.add(id);
      fresh.push(item);
    }
    return fresh;
  }
  get size(): number {
    return this.ids.size;
  }
}

function repeated(kind: ListWarning['kind'], shown: number, total: number | undefined): ListWarning {
  const what = kind === 'repeatedCursor' ? 'the same cursor' : 'the same page';
  const of = total !== undefined && total !== shown ? ` of ${total}` : '';
  return { kind, shown, total, message: `Cloudflare returned ${what} twice: showing ${shown}${of} items` };
}

/**
 * Every item of a page-style list: the first page tells how many there are, the rest are fetched
 * in parallel with bounded concurrency and joined in page order. A response without result_info,
 * or one that holds the whole total, is the whole list (as the SDK treats GET /devices).
 * Each item is kept once. A server that ignores `page` sends page 1 again: that stops new requests
 * and `onWarning` says how many of how many are shown; a walk without totals never runs on forever.
 */
export async function listAllPages<T, U = T>(client: CloudflareClient, path: string, opts: ListOptions & PageMapping<T, U> = {}): Promise<U[]> {
  const seen = new Seen<T>();
  const first = await fetchPage<T>(client, path, 1, opts);
  const keep = async (items: T[]): Promise<U[]> => (opts.mapPage ? opts.mapPage(items) : (items as unknown as U[]));
  const pages: U[][] = [await keep(seen.add(first.items))];
  opts.onItems?.(pages[0]);
  opts.onProgress?.({ loaded: seen.size, total: first.totalCount });
  // Every later page at the size the first one was answered with, so page offsets line up.
  const rest: ListOptions = { ...opts, perPage: first.perPage };
  let warning: ListWarning | undefined;
  const take = async (p: Page<T>): Promise<boolean> => {
    const fresh = seen.add(p.items);
    const kept = (pages[p.page - 1] = await keep(fresh));
    if (p.items.length > 0 && fresh.length === 0) warning ??= repeated('repeatedPage', 0, first.totalCount);
    if (fresh.length) opts.onItems?.(kept);
    opts.onProgress?.({ loaded: seen.size, total: first.totalCount });
    return !warning;
  };
  // The whole list in one answer: no result_info (as the SDK reads GET /devices), more items than a
  // page holds (per_page ignored), or as many as the total says.
  const wholeListInOne =
    !first.paged || first.items.length > first.perPage || (first.totalCount !== undefined && first.items.length >= first.totalCount);
  const totalPages = first.totalPages;
  if (wholeListInOne || first.items.length === 0) {
    // Nothing more to ask for.
  } else if (totalPages !== undefined) {
    if (totalPages > 1) {
      const wanted = range(2, Math.min(totalPages, MAX_PAGES));
      await runBounded(wanted, client.concurrency, async page => {
        if (warning) return; // the API repeats itself: asking for more pages would only repeat it more
        await take(await fetchPage<T>(client, path, page, rest));
      });
    }
  } else if (first.items.length >= first.perPage) {
    // No total given: walk pages one by one until a short page, or a page with nothing new.
    for (let page = 2; page <= MAX_PAGES; page++) {
      const p = await fetchPage<T>(client, path, page, rest);
      if (!(await take(p)) || p.items.length < first.perPage) break;
    }
  }
  // concat, not flat(): flat walks 100,000 items one by one in one task; concat copies each page whole.
  const items = ([] as U[]).concat(...pages.filter(Boolean));
  if (warning) opts.onWarning?.(repeated('repeatedPage', items.length, first.totalCount));
  return items;
}

/** Page-style pages one at a time, for callers that show a page before the next arrives. */
export async function* iteratePages<T>(client: CloudflareClient, path: string, opts: ListOptions = {}): AsyncGenerator<Page<T>> {
  const seen = new Seen<T>();
  for (let page = 1; page <= MAX_PAGES; page++) {
    const p = await fetchPage<T>(client, path, page, opts);
    const fresh = seen.add(p.items);
    if (p.items.length > 0 && fresh.length === 0) {
      opts.onWarning?.(repeated('repeatedPage', seen.size, p.totalCount));
      return;
    }
    yield { ...p, items: fresh };
    const done = p.totalPages !== undefined ? page >= p.totalPages : p.items.length < p.perPage;
    if (done || p.items.length === 0 || (p.totalCount !== undefined && seen.size >= p.totalCount)) return;
  }
}

/** One page of a cursor-style list, and the cursor of the next (undefined at the end). */
export interface CursorPage<T> {
  items: T[];
  cursor?: string;
}

/** One page of a cursor-style list (`per_page` + `cursor`; the next cursor is in result_info.cursor). */
export async function fetchCursorPage<T>(
  client: CloudflareClient,
  path: string,
  cursor: string | undefined,
  opts: ListOptions = {},
): Promise<CursorPage<T>> {
  const { res, asked } = await getPage<T>(client, path, { ...opts.query, cursor }, opts);
  const items = Array.isArray(res.result) ? res.result : [];
  const next = res.resultInfo?.cursor || undefined;
  opts.pageSizes?.learn(path, asked, res.resultInfo?.per_page, items.length, next !== undefined);
  return { items, cursor: next };
}

/**
 * Cursor-style pages, each item once. Ends at an empty cursor or page, and also (with a warning)
 * when the API hands back a cursor it already gave or a page with nothing new: a cursor walk has
 * no total to stop it, so a server that ignores the cursor would otherwise loop for ever.
 */
export async function* iterateCursor<T>(client: CloudflareClient, path: string, opts: ListOptions = {}): AsyncGenerator<T[]> {
  const seen = new Seen<T>();
  const cursors = new Set<string>();
  let cursor: string | undefined;
  for (let n = 0; n < MAX_PAGES; n++) {
    const page = await fetchCursorPage<T>(client, path, cursor, opts);
    const fresh = seen.add(page.items);
    if (page.items.length > 0 && fresh.length === 0) {
      opts.onWarning?.(repeated('repeatedPage', seen.size, undefined));
      return;
    }
    if (fresh.length) opts.onItems?.(fresh);
    yield fresh;
    if (!page.cursor || page.items.length === 0) return;
    if (cursors.has(page.cursor)) {
      opts.onWarning?.(repeated('repeatedCursor', seen.size, undefined));
      return;
    }
    cursors.add(page.cursor);
    cursor = page.cursor;
  }
}

/** Every item of a cursor-paged list (each once, see iterateCursor), with progress after each page. */
export async function listAllCursor<T>(client: CloudflareClient, path: string, opts: ListOptions = {}): Promise<T[]> {
  const all: T[] = [];
  for await (const items of iterateCursor<T>(client, path, opts)) {
    all.push(...items);
    opts.onProgress?.({ loaded: all.length });
  }
  return all;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
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
