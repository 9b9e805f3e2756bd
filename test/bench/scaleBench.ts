/**
 * #17 items 1–3 at 100,000 devices: listing (legacy, and multi-user physical devices with their
 * registrations) at the page size learnt from the API, requests and bytes against the minimum, time to
 * the first rows, the longest event-loop stall while loading and grouping/filtering, and requests per
 * refresh on an unchanged and a slightly changed multi-user fleet. Figures only, no assertions.
 *
 * The simulator runs in a child process (childSimulator.ts), so its own work (generating and
 * serialising pages) is not charged to the event loop measured here. `scaleRows()` returns the rows for
 * the table in bench.ts; `node out/test/bench/scaleBench.js [devices] [latencyMs]` prints them alone.
 */
import nodeFetch from 'node-fetch';
import { performance } from 'perf_hooks';
import type { CloudflareClient } from '../../src/api/client';
import { pageSizesOf } from '../../src/api/pageSize';
import { accountPath } from '../../src/api/paths';
import { queryDevicesAsync, queryDevices } from '../../src/model/deviceQuery';
import type { FleetDevice } from '../../src/model/fleetDevice';
import { loadLegacyFleet, loadPhysicalFleet } from '../../src/model/fleetLoad';
import type { LoadContext } from '../../src/model/loadable';
import { startChildSimulator as startSim, stopChildSimulator as stopSim, type ChildSim } from './childSimulator';
import { countingClient, legacyListingRows, multiUserListingRows, type Count } from './scaleListing';
import { describeStalls, watchStalls } from './stallWatch';
import { fmtWholeMs } from './timing';

export interface ScaleRow {
  name: string;
  value: string;
  baseline: string;
  ratio?: string;
  note?: string;
}

async function control(sim: ChildSim, method: string, name: string, body?: unknown): Promise<unknown> {
  const res = await nodeFetch(sim.controlUrl + name, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return res.json();
}

/** A client that counts requests and the bytes of their answers. */
function countingClientOf(sim: ChildSim): { client: CloudflareClient; counter: Count } {
  const counter: Count = { requests: 0, bytes: 0 };
  return { client: countingClient(sim, counter), counter };
}

/** A LoadContext like the extension's, that also notes when the first rows could be drawn. */
function loadContext(client: CloudflareClient, accountId: string, onPartial: (devices: FleetDevice[]) => void): LoadContext<FleetDevice[]> {
  let last = 0;
  return {
    client, accountId, pageSize: 100, signal: new AbortController().signal, fresh: false,
    progress: () => undefined,
    // At most once a second after the first, as Loadable passes partial data on (PARTIAL_EVERY_MS in
    // src/model/loadable.ts, which imports vscode and so cannot be loaded here).
    partial: make => {
      const now = Date.now();
      if (last !== 0 && now - last < 1000) return;
      last = now;
      void Promise.resolve(make()).then(onPartial);
    },
  };
}

const ms = fmtWholeMs;
const kb = (n: number) => `${(n / 1024).toLocaleString(undefined, { maximumFractionDigits: 0 })} KB`;
const times = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '');

/** Loads through `load`, then groups and filters as the view does; the longest event-loop stall throughout. */
async function measureLoad(load: (onPartial: (d: FleetDevice[]) => void) => Promise<FleetDevice[]>) {
  // The longest gap of a 1 ms timer (stallWatch.ts), as the extension-host rows measure it
  // (test/extension/bench/hostStalls.bench.ts).
  const watch = watchStalls(50);
  const start = performance.now();
  let firstRows: number | undefined;
  const devices = await load(partial => {
    if (firstRows === undefined && partial.length) {
      // The view's first draw: the sliced query over what has arrived.
      void queryDevicesAsync(partial, { groupBy: 'os', sortBy: 'name', filter: '' }, Date.now()).then(() => (firstRows ??= performance.now() - start));
    }
  });
  const loaded = performance.now() - start;
  await queryDevicesAsync(devices, { groupBy: 'os', sortBy: 'name', filter: '' }, Date.now());
  await queryDevicesAsync(devices, { groupBy: 'user', sortBy: 'lastSeen', filter: 'lon' }, Date.now());
  const stalls = watch.stop();
  // Baseline: the same grouping and filter in one task, as before this change.
  const fresh = devices.slice();
  const t = performance.now();
  queryDevices(fresh, { groupBy: 'user', sortBy: 'lastSeen', filter: 'lon' }, Date.now());
  const oneTask = performance.now() - t;
  return { devices, loaded, firstRows: firstRows ?? loaded, longestMs: stalls.longest?.ms ?? 0, oneTask, stalls };
}

export async function scaleRows(o: { devices?: number; latencyMs?: number } = {}): Promise<ScaleRow[]> {
  const n = o.devices ?? 100_000;
  const latency = o.latencyMs ?? 50;
  const N = n.toLocaleString();
  const rows: ScaleRow[] = [];

  // Legacy API.
  const legacy = await startSim(['--devices', String(n), '--latency', String(latency)]);
  try {
    rows.push({ name: `simulator start, ${N} devices (legacy)`, value: ms(legacy.startMs), baseline: '' });
    const { client, counter } = countingClientOf(legacy);
    const r = await measureLoad(onPartial => loadLegacyFleet(loadContext(client, legacy.accountId, onPartial)));
    const cap = pageSizesOf(client).learnt(accountPath(legacy.accountId, 'devices')) ?? 1000;
    const minimum = Math.ceil(n / cap);
    rows.push({ name: `${N} devices (legacy): full listing at ${latency} ms latency`, value: ms(r.loaded), baseline: '', note: `${r.devices.length.toLocaleString()} devices, per_page ${cap} learnt from result_info` });
    rows.push({ name: `${N} devices (legacy): requests`, value: String(counter.requests), baseline: `minimum ${minimum}; at per_page 100 (before) ${Math.ceil(n / 100)}`, ratio: times(counter.requests, minimum) });
    rows.push({ name: `${N} devices (legacy): bytes received`, value: kb(counter.bytes), baseline: `devices' JSON alone ${kb(Buffer.byteLength(JSON.stringify(r.devices.map(stripFleet))))}`, ratio: '' });
    rows.push({ name: `${N} devices (legacy): first rows shown`, value: ms(r.firstRows), baseline: `last page in: ${ms(r.loaded)}`, ratio: times(r.firstRows, r.loaded) });
    rows.push({ name: `${N} devices (legacy): longest event-loop stall, loading + grouping + filtering`, value: ms(r.longestMs), baseline: `group+filter in one task (before): ${ms(r.oneTask)}`, note: 'the longest gap of a 1 ms timer (includes time the OS gave other processes)' });
    rows.push({ name: `${N} devices (legacy): what the stalls were`, value: describeStalls(r.stalls), baseline: '', note: 'a 1 ms timer that fired late; CPU of this process during the gap; GC pauses inside it (PerformanceObserver)' });
    rows.push(...(await legacyListingRows(legacy, n, latency)));
  } finally {
    await stopSim(legacy);
  }

  // Multi-user API.
  const mu = await startSim(['--devices', String(n), '--latency', String(latency), '--multi-user']);
  try {
    rows.push({ name: `simulator start, ${N} physical devices + registrations (multi-user)`, value: ms(mu.startMs), baseline: 'before this session: ~34,000 ms (issue #17)' });
    const { client, counter } = countingClientOf(mu);
    let snapshot: Awaited<ReturnType<typeof loadPhysicalFleet>>['snapshot'] | undefined;
    const r = await measureLoad(async onPartial => {
      const res = await loadPhysicalFleet(loadContext(client, mu.accountId, onPartial), undefined);
      snapshot = res.snapshot;
      return res.devices;
    });
    const regs = snapshot!.registrations.size;
    const minimum = Math.ceil(n / 1000) + Math.ceil(regs / 1000);
    rows.push({ name: `${N} physical devices + ${regs.toLocaleString()} registrations: full listing`, value: ms(r.loaded), baseline: '' });
    rows.push({ name: `${N} physical devices: requests`, value: String(counter.requests), baseline: `minimum ${minimum}; at per_page 100 (before) ${Math.ceil(n / 100) + Math.ceil(regs / 100)}`, ratio: times(counter.requests, minimum) });
    rows.push({ name: `${N} physical devices: first rows shown`, value: ms(r.firstRows), baseline: `last page in: ${ms(r.loaded)}`, ratio: times(r.firstRows, r.loaded) });
    rows.push({ name: `${N} physical devices: longest event-loop stall, loading + grouping + filtering`, value: ms(r.longestMs), baseline: `group+filter in one task (before): ${ms(r.oneTask)}` });
    rows.push({ name: `${N} physical devices: what the stalls were`, value: describeStalls(r.stalls), baseline: '' });
    const listingRows = await multiUserListingRows(mu, n, latency);

    const refresh = async (label: string) => {
      const before = { ...counter };
      const t = performance.now();
      const res = await loadPhysicalFleet(loadContext(client, mu.accountId, () => undefined), snapshot);
      snapshot = res.snapshot;
      rows.push({
        name: `refresh of ${N} physical devices, ${label}`,
        value: `${counter.requests - before.requests} requests, ${kb(counter.bytes - before.bytes)}, ${ms(performance.now() - t)}`,
        baseline: `full listing: ${counter.requests === 0 ? '' : before.requests} requests`,
        note: res.kind,
      });
    };
    const fullRequests = counter.requests;
    await refresh('unchanged');
    await control(mu, 'POST', 'churn', { enrol: 20, checkIns: 500 });
    await refresh('20 new devices, 500 check-ins');
    for (const row of rows.slice(-2)) row.baseline = `full listing: ${fullRequests} requests`;
    rows.push(...listingRows);
  } finally {
    await stopSim(mu);
  }
  return rows;
}

/** The API's fields of a FleetDevice (what the devices' JSON would be without the model's additions). */
function stripFleet(d: FleetDevice): unknown {
  const { api: _a, status: _s, registrations: _r, activeRegistrations: _n, hardwareId: _h, ...rest } = d;
  return rest;
}

if (require.main === module) {
  const [devices, latency] = process.argv.slice(2).map(Number);
  scaleRows({ devices: devices || undefined, latencyMs: Number.isFinite(latency) ? latency : undefined }).then(
    rows => {
      for (const r of rows) console.log(`${r.name}: ${r.value}${r.baseline ? ` | ${r.baseline}` : ''}${r.ratio ? ` | ${r.ratio}` : ''}${r.note ? ` | ${r.note}` : ''}`);
    },
    e => {
      console.error(e);
      process.exit(1);
    },
  );
}
