/**
 * Listing a cursor-paged collection in parallel. A cursor walk is sequential by nature (each page
 * names the next), so 10,000 items at 100 a page cost 100 round trips one after another. The
 * registrations and physical-devices lists take `seen_after` / `seen_before` (SDK v7
 * RegistrationListParams, DeviceListParams), so disjoint windows of last-seen time are independent
 * walks that can run side by side. Windows overlap by a second at each boundary (whether the API's
 * bounds are inclusive is not documented) and each item is kept once by id.
 *
 * Completeness: an item without `last_seen_at` is in no window. Registrations always have one
 * (`last_seen_at: string`), so windows cover them all; a physical device may not (`string | null`:
 * enrolled, never connected), so a windowed device list can miss those (the bench counts them against
 * a plain walk). Use it for registrations, or where the never-seen devices are fetched otherwise.
 */
import type { CloudflareClient } from './client';
import { fetchCursorPage, iterateCursor, runBounded, type ListOptions } from './paging';

export interface TimeWindow {
  seenAfter?: string;
  seenBefore?: string;
}

/** `count` windows that tile [from, to] (ms since the epoch), open-ended at both ends, overlapping by `overlapMs`. */
export function timeWindows(from: number, to: number, count: number, overlapMs = 1000): TimeWindow[] {
  const n = Math.max(1, Math.floor(count));
  if (!(to > from) || n === 1) return [{}];
  const step = (to - from) / n;
  const edges = Array.from({ length: n - 1 }, (_, i) => Math.round(from + step * (i + 1)));
  return Array.from({ length: n }, (_, i) => ({
    seenAfter: i === 0 ? undefined : new Date(edges[i - 1] - overlapMs).toISOString(),
    seenBefore: i === n - 1 ? undefined : new Date(edges[i] + overlapMs).toISOString(),
  }));
}

/**
 * The oldest and newest `last_seen_at` of a list: two one-item requests sorted by last_seen_at,
 * sent together. Undefined when the list is empty or carries no times.
 */
export async function lastSeenRange(
  client: CloudflareClient,
  path: string,
  query: NonNullable<ListOptions['query']>,
  signal?: AbortSignal,
): Promise<{ from: number; to: number } | undefined> {
  const edge = async (order: 'asc' | 'desc') => {
    const res = await client.get<{ last_seen_at?: string | null }[] | null>(path, {
      // seen_after the epoch: items never seen (last_seen_at null) may sort first; they bound nothing.
      query: { ...query, sort_by: 'last_seen_at', sort_order: order, per_page: 1, seen_after: query.seen_after ?? '1970-01-01T00:00:00Z' },
      signal,
    });
    const at = Array.isArray(res.result) ? res.result[0]?.last_seen_at : undefined;
    return at ? Date.parse(at) : undefined;
  };
  const [from, to] = await Promise.all([edge('asc'), edge('desc')]);
  if (from === undefined || to === undefined || Number.isNaN(from) || Number.isNaN(to)) return undefined;
  return { from: Math.min(from, to), to: Math.max(from, to) };
}

/** Every item of a cursor list, walking `windows` side by side (at most `concurrency` at once), each item once by id. */
export async function listInWindows<T extends { id: string }>(
  client: CloudflareClient,
  path: string,
  windows: TimeWindow[],
  opts: ListOptions & { concurrency?: number } = {},
): Promise<T[]> {
  const walks: NonNullable<ListOptions['query']>[] = windows.map(w => ({ ...opts.query, seen_after: w.seenAfter, seen_before: w.seenBefore }));
  const pages: T[][][] = walks.map(() => []);
  await runBounded(
    walks.map((q, i) => ({ q, i })),
    Math.max(1, opts.concurrency ?? windows.length),
    async ({ q, i }) => {
      for await (const items of iterateCursor<T>(client, path, { ...opts, query: q })) pages[i].push(items);
    },
  );
  const seen = new Set<string>();
  const out: T[] = [];
  for (const walk of pages) {
    for (const page of walk) {
      for (const item of page) {
        if (seen.has(item.id)) continue;
        seen.add(item.id);
        out.push(item);
      }
    }
  }
  opts.onProgress?.({ loaded: out.length });
  return out;
}

interface Span {
  /** Exclusive-ish lower bound in ms (undefined = open); the query overlaps it by `overlapMs`. */
  after?: number;
  before?: number;
}

/**
 * Like listInWindows, but the windows balance themselves: last-seen times are rarely spread evenly
 * (most devices were seen in the last hours), so fixed windows leave one walk with most of the work.
 * Each walk goes oldest first (`sort_by=last_seen_at`); when a page comes back full while a worker is
 * idle, the rest of the walk's span is cut in two at its middle and the idle worker takes the newer half.
 * Each item is kept once by id; items without `last_seen_at` are in no span (see the file comment).
 */
export async function listSplitting<T extends { id: string; last_seen_at?: string | null }>(
  client: CloudflareClient,
  path: string,
  range: { from: number; to: number },
  opts: ListOptions & { concurrency?: number; overlapMs?: number } = {},
): Promise<T[]> {
  const workers = Math.max(1, opts.concurrency ?? client.concurrency);
  const overlap = opts.overlapMs ?? 1000;
  const perPage = opts.perPage ?? 100;
  const queue: Span[] = timeWindows(range.from, range.to, workers, 0).map(w => ({
    after: w.seenAfter ? Date.parse(w.seenAfter) : undefined,
    before: w.seenBefore ? Date.parse(w.seenBefore) : undefined,
  }));
  const seen = new Map<string, T>();
  let idle = 0;
  let waiting: (() => void)[] = [];
  let active = 0;
  const wake = () => {
    const w = waiting;
    waiting = [];
    w.forEach(f => f());
  };
  const query = (span: Span) => ({
    ...opts.query,
    sort_by: 'last_seen_at',
    sort_order: 'asc',
    seen_after: span.after === undefined ? undefined : new Date(span.after - overlap).toISOString(),
    seen_before: span.before === undefined ? undefined : new Date(span.before + overlap).toISOString(),
  });
  const walk = async (start: Span) => {
    let span = start;
    let cursor: string | undefined;
    for (;;) {
      const page = await fetchCursorPage<T>(client, path, cursor, { ...opts, perPage, query: query(span) });
      for (const item of page.items) if (!seen.has(item.id)) seen.set(item.id, item);
      const last = page.items.at(-1)?.last_seen_at;
      if (!page.cursor || page.items.length < perPage || !last) return;
      const lastMs = Date.parse(last);
      const top = span.before ?? range.to;
      if (idle > 0 && top - lastMs > 2 * overlap) {
        // Hand the newer half of what is left to an idle worker; go on with the older half afresh.
        const mid = Math.round((lastMs + top) / 2);
        queue.push({ after: mid, before: span.before });
        wake();
        span = { after: lastMs, before: mid };
        cursor = undefined;
      } else {
        cursor = page.cursor;
      }
    }
  };
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (;;) {
        const span = queue.shift();
        if (span) {
          active++;
          try {
            await walk(span);
          } finally {
            active--;
          }
          continue;
        }
        if (active === 0) {
          wake();
          return;
        }
        idle++;
        await new Promise<void>(r => waiting.push(r));
        idle--;
      }
    }),
  );
  opts.onProgress?.({ loaded: seen.size });
  return [...seen.values()];
}
