/**
 * Listing a multi-user-mode fleet (10,000 physical devices and their registrations) at a fixed latency:
 * this client's cursor walk against the official SDK's cursor auto-pagination
 * (`for await` over client.zeroTrust.devices.devices.list / .registrations.list, SDK v7), the page-style
 * ideal (what parallel pages would cost if these lists had page numbers), and a parallel listing over
 * disjoint `seen_after`/`seen_before` windows, checked for completeness and uniqueness against the walk.
 */
import Cloudflare from 'cloudflare';
import { performance } from 'perf_hooks';
import { CloudflareClient } from '../../src/api/client';
import { listPhysicalDevices, type PhysicalDevice } from '../../src/api/physicalDevices';
import { listRegistrations, type Registration } from '../../src/api/registrations';
import { lastSeenRange, listInWindows, recencyWindows } from '../../src/api/windows';
import { accountPath } from '../../src/api/paths';
import { CloudflareSimulator } from '../simulator/server';
import type { Row } from './bench';

const PER_PAGE = 100;
const CONCURRENCY = 4;
const WINDOWS = 16;

const ms = (n: number) => `${n.toFixed(0)} ms`;
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const s = performance.now();
  const value = await fn();
  return { ms: performance.now() - s, value };
}

/** Median time of `runs` runs, and the last run's value. */
async function median<T>(runs: number, fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const times: number[] = [];
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const r = await timed(fn);
    times.push(r.ms);
    value = r.value;
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], value };
}

function completeness<T extends { id: string }>(got: T[], truth: T[]): string {
  const ids = new Set(got.map(x => x.id));
  const missing = truth.filter(x => !ids.has(x.id)).length;
  const unique = ids.size === got.length;
  return `${ids.size.toLocaleString()} of ${truth.length.toLocaleString()} ids, ${unique ? 'each once' : 'DUPLICATES'}${missing ? `, ${missing} missing` : ''}`;
}

export async function multiUserMeasures(devices: number, latencyMs: number, runs = 3): Promise<Row[]> {
  const sim = await CloudflareSimulator.start({ multiUser: true, devices, seed: 1 });
  try {
    const acc = sim.accountId;
    const client = () =>
      new CloudflareClient({ baseUrl: sim.baseUrl, credentials: () => ({ kind: 'token', token: sim.token }), concurrency: CONCURRENCY });
    const sdk = new Cloudflare({ apiToken: sim.token, baseURL: sim.baseUrl, maxRetries: 0 });
    // Every device and every registration, not the APIs' defaults (active only), so both sides list the same.
    const deviceFilter = { activeRegistrations: 'include' as const };
    const regFilter = { status: 'all' as const };

    const sdkDevices = async () => {
      const all: PhysicalDevice[] = [];
      for await (const d of sdk.zeroTrust.devices.devices.list({ account_id: acc, per_page: PER_PAGE, active_registrations: 'include' })) {
        all.push(d as PhysicalDevice);
      }
      return all;
    };
    const sdkRegs = async () => {
      const all: Registration[] = [];
      for await (const r of sdk.zeroTrust.devices.registrations.list({ account_id: acc, per_page: PER_PAGE, status: 'all' })) all.push(r as Registration);
      return all;
    };
    const windowed = async <T extends { id: string }>(path: string, query: Record<string, string>) => {
      const c = client();
      const range = await lastSeenRange(c, path, query);
      if (!range) throw new Error('no last_seen_at range');
      // Same concurrency as the page-style listing: the gain comes from independent walks, not more sockets.
      return listInWindows<T>(c, path, recencyWindows(range.from, range.to, WINDOWS), { query, perPage: PER_PAGE, concurrency: CONCURRENCY });
    };

    sim.setLatency(latencyMs);
    const rows: Row[] = [];
    for (const kind of ['physical devices', 'registrations'] as const) {
      const isDevices = kind === 'physical devices';
      type Item = PhysicalDevice | Registration;
      const ours = await median<Item[]>(runs, () =>
        isDevices ? listPhysicalDevices(client(), acc, deviceFilter, { perPage: PER_PAGE }) : listRegistrations(client(), acc, regFilter, { perPage: PER_PAGE }),
      );
      const theirs = await median<Item[]>(runs, () => (isDevices ? sdkDevices() : sdkRegs()));
      const path = accountPath(acc, 'devices', isDevices ? 'physical-devices' : 'registrations');
      const query: Record<string, string> = isDevices ? { active_registrations: 'include' } : { status: 'all' };
      const parallel = await median<Item[]>(runs, () => windowed<Item>(path, query));
      const n = ours.value.length;
      const sdkUnique = new Set(theirs.value.map(x => x.id)).size;
      if (sdkUnique !== n) throw new Error(`${kind}: this client listed ${n}, the SDK ${sdkUnique} distinct`);
      const sdkNote = theirs.value.length !== sdkUnique ? `; the SDK listed ${theirs.value.length - sdkUnique} item(s) twice` : '';
      const pages = Math.ceil(n / PER_PAGE);
      const ideal = Math.ceil((pages - 1) / CONCURRENCY) * latencyMs + latencyMs;
      const label = `list ${n.toLocaleString()} ${kind} (multi-user, cursor, ${latencyMs} ms latency, per_page ${PER_PAGE})`;
      rows.push(
        { measure: `${label}: this client`, value: ms(ours.ms), baseline: `SDK for-await ${ms(theirs.ms)}`, ratio: ratio(ours.ms, theirs.ms), note: `both walk the cursor one page after another${sdkNote}` },
        { measure: `${label}: this client vs page-style ideal`, value: ms(ours.ms), baseline: `ideal ${ms(ideal)}`, ratio: ratio(ours.ms, ideal), note: `${pages} pages, concurrency ${CONCURRENCY} if pages were numbered` },
        {
          measure: `${label}: ${WINDOWS} seen_after/seen_before windows (narrow when recent), ${CONCURRENCY} at once`,
          value: ms(parallel.ms),
          baseline: `cursor walk ${ms(ours.ms)}`,
          ratio: ratio(parallel.ms, ours.ms),
          note: `${completeness(parallel.value, ours.value)}; +2 requests for the time range`,
        },
      );
    }
    return rows;
  } finally {
    await sim.close();
  }
}
