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
import { iterateCursor, runBounded, type ListOptions } from './paging';

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
 * `count` windows over [from, to] that are narrow near `to` and widen geometrically into the past:
 * fleets are seen mostly recently (devices check in all the time; a few were last seen weeks ago),
 * so equal slices of time would leave most items in the newest one. Open-ended at both ends.
 */
export function recencyWindows(from: number, to: number, count: number, overlapMs = 1000): TimeWindow[] {
  const n = Math.max(1, Math.floor(count));
  const span = to - from;
  if (!(span > 0) || n === 1) return [{}];
  // Edges at to − span·(2^k − 1)/(2^(n) − 1) for k = 1 … n−1: the newest window is the narrowest.
  const denom = 2 ** n - 1;
  const edges = Array.from({ length: n - 1 }, (_, k) => Math.round(to - (span * (2 ** (k + 1) - 1)) / denom)).reverse();
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

