/**
 * #17 item 6, the 100,000-device listing rows: this client's API listing against the ideal and against
 * the official SDK (v7), all three against the same simulator (a child process, see scaleBench.ts) in
 * the same run, so load elsewhere on the machine moves them alike.
 *
 * - ideal: the fewest requests the fleet allows (every page at the largest size the list takes) and
 *   nothing done with an answer but `JSON.parse`; page lists fetch the first page, then the rest with
 *   the client's concurrency (the total is known only from the first answer); cursor lists walk one
 *   page after another (each page names the next), the two lists side by side.
 * - SDK: the legacy list is a SinglePage in the SDK (devices.d.ts `list(): PagePromise<DevicesSinglePage>`),
 *   so, as the 10,000-device rows in bench.ts, its generic page-number auto-pagination
 *   (`getAPIList` + V4PagePaginationArray: one page after another until an empty one); physical
 *   devices and registrations through `for await` over client.zeroTrust.devices.devices.list and
 *   .registrations.list (CursorPagination), at the same page size.
 * - this client: listDevices / listPhysicalDevices + listRegistrations, page size learnt from the API.
 */
import Cloudflare from 'cloudflare';
import { V4PagePaginationArray } from 'cloudflare/pagination';
import nodeFetch from 'node-fetch';
import { performance } from 'perf_hooks';
import { CloudflareClient, queryString, type FetchLike } from '../../src/api/client';
import { listDevices } from '../../src/api/devices';
import { runBounded } from '../../src/api/paging';
import { pageSizesOf } from '../../src/api/pageSize';
import { accountPath } from '../../src/api/paths';
import { listPhysicalDevices } from '../../src/api/physicalDevices';
import { listRegistrations } from '../../src/api/registrations';
import type { ScaleRow } from './scaleBench';
import { fmtWholeMs } from './timing';

export interface SimRef {
  baseUrl: string;
  accountId: string;
  token: string;
}

export interface Count {
  requests: number;
  bytes: number;
}

const CONCURRENCY = 4;
const ms = fmtWholeMs;
const kb = (n: number) => `${(n / 1024).toLocaleString(undefined, { maximumFractionDigits: 0 })} KB`;
const times = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '');

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

/** GET one page with nothing but fetch, text and JSON.parse (the ideal's whole work per page). */
async function bareGet(sim: SimRef, path: string, query: Record<string, string | number | undefined>, count: Count): Promise<{ result: unknown[]; result_info?: { cursor?: string; total_pages?: number } }> {
  const res = await nodeFetch(sim.baseUrl + path + queryString(query), { headers: { Authorization: `Bearer ${sim.token}` } });
  const text = await res.text();
  count.requests++;
  count.bytes += Buffer.byteLength(text);
  return JSON.parse(text);
}

/** This extension's client, counting requests and the bytes of their answers (as the API's text). */
export function countingClient(sim: SimRef, count: Count = { requests: 0, bytes: 0 }): CloudflareClient {
  const fetch: FetchLike = async (url, init) => {
    const res = await (nodeFetch as unknown as FetchLike)(url, init);
    const text = await res.text();
    count.requests++;
    count.bytes += Buffer.byteLength(text);
    return { status: res.status, headers: res.headers, text: async () => text };
  };
  return new CloudflareClient({ baseUrl: sim.baseUrl, credentials: () => ({ kind: 'token', token: sim.token }), concurrency: CONCURRENCY, fetch });
}

function sdk(sim: SimRef, count: Count): Cloudflare {
  return new Cloudflare({
    apiToken: sim.token,
    baseURL: sim.baseUrl,
    maxRetries: 0,
    fetch: async (url: string | URL | Request, init?: RequestInit) => {
      const res = await fetch(url, init);
      count.requests++;
      count.bytes += (await res.clone().arrayBuffer()).byteLength;
      return res;
    },
  });
}

/** The three rows of one comparison: time vs ideal, time vs SDK, requests and bytes vs both. */
function rows(label: string, o: { ours: number; ideal: number; sdk: number; c: Count; ci: Count; cs: Count; idealNote: string; sdkNote: string }): ScaleRow[] {
  return [
    { name: `${label}: this client vs the ideal`, value: ms(o.ours), baseline: `ideal ${ms(o.ideal)}`, ratio: times(o.ours, o.ideal), note: o.idealNote },
    { name: `${label}: this client vs the official SDK`, value: ms(o.ours), baseline: `SDK ${ms(o.sdk)}`, ratio: times(o.ours, o.sdk), note: o.sdkNote },
    {
      name: `${label}: requests, bytes`,
      value: `${o.c.requests}, ${kb(o.c.bytes)}`,
      baseline: `ideal ${o.ci.requests}, ${kb(o.ci.bytes)}; SDK ${o.cs.requests}, ${kb(o.cs.bytes)}`,
      ratio: `${times(o.c.requests, o.ci.requests)} requests of the ideal`,
    },
  ];
}

/** The legacy list (GET /devices, page numbers) of `n` devices. */
export async function legacyListingRows(sim: SimRef, n: number, latencyMs: number): Promise<ScaleRow[]> {
  const path = accountPath(sim.accountId, 'devices');
  const c: Count = { requests: 0, bytes: 0 };
  const client = countingClient(sim, c);
  const mine = await timed(() => listDevices(client, sim.accountId, { pageSizes: pageSizesOf(client) }));
  const perPage = pageSizesOf(client).learnt(path) ?? 1000;

  const ci: Count = { requests: 0, bytes: 0 };
  const ideal = await timed(async () => {
    const first = await bareGet(sim, path, { page: 1, per_page: perPage }, ci);
    const pages = Array.from({ length: Math.max(0, (first.result_info?.total_pages ?? 1) - 1) }, (_, i) => i + 2);
    let items = first.result.length;
    await runBounded(pages, CONCURRENCY, async page => {
      const got = await bareGet(sim, path, { page, per_page: perPage }, ci);
      items += got.result.length;
    });
    return items;
  });

  const cs: Count = { requests: 0, bytes: 0 };
  const client2 = sdk(sim, cs);
  const theirs = await timed(async () => {
    let items = 0;
    for await (const _d of client2.getAPIList(path, V4PagePaginationArray<unknown>, { query: { per_page: perPage } })) items++;
    return items;
  });
  if (mine.value.length !== n || ideal.value !== n || theirs.value !== n) throw new Error(`legacy listing: this client ${mine.value.length}, ideal ${ideal.value}, SDK ${theirs.value}; expected ${n}`);
  return rows(`${n.toLocaleString()} devices (legacy), API listing at ${latencyMs} ms latency, per_page ${perPage}`, {
    ours: mine.ms, ideal: ideal.ms, sdk: theirs.ms, c, ci, cs,
    idealNote: `${ci.requests} pages, first then ${CONCURRENCY} at once, fetch + JSON.parse only`,
    sdkNote: 'SDK: getAPIList + V4PagePaginationArray, one page after another until an empty one (its devices.list is a single page)',
  });
}

/** Physical devices and registrations (cursor lists), both walks side by side, as the view lists them. */
export async function multiUserListingRows(sim: SimRef, n: number, latencyMs: number): Promise<ScaleRow[]> {
  const devPath = accountPath(sim.accountId, 'devices', 'physical-devices');
  const regPath = accountPath(sim.accountId, 'devices', 'registrations');
  const c: Count = { requests: 0, bytes: 0 };
  const client = countingClient(sim, c);
  const sizes = pageSizesOf(client);
  const mine = await timed(() =>
    Promise.all([
      listPhysicalDevices(client, sim.accountId, { activeRegistrations: 'include' }, { pageSizes: sizes }),
      listRegistrations(client, sim.accountId, { status: 'all', includePolicy: true }, { pageSizes: sizes }),
    ]),
  );
  const perPage = sizes.learnt(devPath) ?? 1000;

  const ci: Count = { requests: 0, bytes: 0 };
  const walk = async (path: string, query: Record<string, string>) => {
    let items = 0;
    let cursor: string | undefined;
    do {
      const page = await bareGet(sim, path, { ...query, per_page: perPage, cursor }, ci);
      items += page.result.length;
      cursor = page.result.length ? page.result_info?.cursor || undefined : undefined;
    } while (cursor);
    return items;
  };
  const ideal = await timed(() => Promise.all([walk(devPath, { active_registrations: 'include' }), walk(regPath, { status: 'all', include: 'policy' })]));

  const cs: Count = { requests: 0, bytes: 0 };
  const client2 = sdk(sim, cs);
  const theirs = await timed(async () => {
    const count = async (it: AsyncIterable<unknown>) => {
      let k = 0;
      for await (const _x of it) k++;
      return k;
    };
    return Promise.all([
      count(client2.zeroTrust.devices.devices.list({ account_id: sim.accountId, per_page: perPage, active_registrations: 'include' })),
      count(client2.zeroTrust.devices.registrations.list({ account_id: sim.accountId, per_page: perPage, status: 'all', include: 'policy' })),
    ]);
  });
  const [devs, regs] = mine.value;
  if (devs.length !== n || ideal.value[0] !== n || theirs.value[0] !== n || ideal.value[1] !== regs.length || theirs.value[1] !== regs.length) {
    throw new Error(`multi-user listing: devices ${devs.length}/${ideal.value[0]}/${theirs.value[0]}, registrations ${regs.length}/${ideal.value[1]}/${theirs.value[1]} (this client/ideal/SDK)`);
  }
  return rows(`${n.toLocaleString()} physical devices + ${regs.length.toLocaleString()} registrations, API listing at ${latencyMs} ms latency, per_page ${perPage}`, {
    ours: mine.ms, ideal: ideal.ms, sdk: theirs.ms, c, ci, cs,
    idealNote: 'two cursor walks side by side, fetch + JSON.parse only',
    sdkNote: 'SDK: for await over zeroTrust.devices.devices.list and .registrations.list, side by side',
  });
}
