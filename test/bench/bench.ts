/**
 * `npm run bench`: figures that matter at fleet scale, each beside a baseline measured in the same
 * run, printed as one table and written to bench-results/bench.json and bench-results/bench.md.
 * Timings are reported, never asserted. Parts: the API client's listing (here), the pure models of
 * the Devices view and the list editors (queryBench.ts, listBench.ts via extra.ts), and the extension
 * in a real VS Code (vscodeBench.ts; "n/a" without the tools from `npm run tools`).
 */
import Cloudflare from 'cloudflare';
import { V4PagePaginationArray } from 'cloudflare/pagination';
import * as fs from 'fs';
import nodeFetch from 'node-fetch';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { CloudflareClient, type FetchLike } from '../../src/api/client';
import { listDevices } from '../../src/api/devices';
import type { Device } from '../../src/api/types';
import { CloudflareSimulator } from '../simulator/server';
import { activationMeasures } from './activationBench';
import { extraMeasures } from './extra';
import { hostMeasures } from './hostBench';
import { memoryMeasures } from './memoryBench';
import { multiUserMeasures } from './multiUserBench';
import { vscodeMeasures } from './vscodeBench';

export interface Row {
  measure: string;
  value: string;
  baseline: string;
  ratio: string;
  note?: string;
}

const ROOT = path.join(__dirname, '..', '..', '..');
const DEVICES = Number(process.env.BENCH_DEVICES ?? 10_000);
const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 50);
const SCALE_DEVICES = Number(process.env.BENCH_SCALE_DEVICES ?? 100_000);
/** Fleet sizes for the memory rows (legacy and multi-user each). */
const MEMORY_SIZES = (process.env.BENCH_MEMORY_SIZES ?? `${DEVICES},${SCALE_DEVICES}`).split(',').map(Number);
const PER_PAGE = 100;
const CONCURRENCY = 4;

const ms = (n: number) => `${n.toFixed(0)} ms`;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');

/** Median of `runs` timings of `fn`. */
async function time(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)];
}

function countingFetch(counter: { requests: number; bytes: number }): FetchLike {
  return async (url, init) => {
    const res = await (nodeFetch as unknown as FetchLike)(url, init);
    return {
      status: res.status,
      headers: res.headers,
      text: async () => {
        const t = await res.text();
        counter.requests++;
        counter.bytes += Buffer.byteLength(t);
        return t;
      },
    };
  };
}

async function listing(sim: CloudflareSimulator): Promise<Row[]> {
  const token = sim.token;
  const ours = (fetch?: FetchLike) =>
    new CloudflareClient({ baseUrl: sim.baseUrl, credentials: () => ({ kind: 'token', token }), concurrency: CONCURRENCY, fetch });
  const sdkCounter = { requests: 0, bytes: 0 };
  const sdk = (count: boolean) =>
    new Cloudflare({
      apiToken: token,
      baseURL: sim.baseUrl,
      maxRetries: 0,
      fetch: count
        ? async (url: string | URL | Request, init?: RequestInit) => {
            const res = await fetch(url, init);
            sdkCounter.requests++;
            sdkCounter.bytes += (await res.clone().arrayBuffer()).byteLength;
            return res;
          }
        : undefined,
    });
  const sdkList = async (client: Cloudflare) => {
    const all: Device[] = [];
    // The SDK's generic page-number auto-pagination: one page after another until an empty one.
    for await (const d of client.getAPIList(`/accounts/${sim.accountId}/devices`, V4PagePaginationArray<Device>, { query: { per_page: PER_PAGE } })) {
      all.push(d as Device);
    }
    return all;
  };

  const check = await listDevices(ours(), sim.accountId, { perPage: PER_PAGE });
  const checkSdk = await sdkList(sdk(false));
  if (check.length !== DEVICES || checkSdk.length !== DEVICES) throw new Error(`listing returned ${check.length} / ${checkSdk.length}, expected ${DEVICES}`);

  const oursMs = await time(3, () => listDevices(ours(), sim.accountId, { perPage: PER_PAGE }));
  const sdkMs = await time(3, () => sdkList(sdk(false)));
  const pages = Math.ceil(DEVICES / PER_PAGE);
  const idealMs = Math.ceil((pages - 1) / CONCURRENCY) * LATENCY + LATENCY;

  const ourCounter = { requests: 0, bytes: 0 };
  await listDevices(ours(countingFetch(ourCounter)), sim.accountId, { perPage: PER_PAGE });
  await sdkList(sdk(true));

  const label = `list ${DEVICES.toLocaleString()} devices (${LATENCY} ms latency, per_page ${PER_PAGE})`;
  return [
    { measure: `${label}: this client`, value: ms(oursMs), baseline: `SDK ${ms(sdkMs)}`, ratio: ratio(oursMs, sdkMs), note: `concurrency ${CONCURRENCY}` },
    { measure: `${label}: this client vs ideal`, value: ms(oursMs), baseline: `ideal ${ms(idealMs)}`, ratio: ratio(oursMs, idealMs), note: 'first page, then ⌈(pages−1)/concurrency⌉ × latency' },
    { measure: 'requests for that listing', value: String(ourCounter.requests), baseline: `SDK ${sdkCounter.requests}`, ratio: ratio(ourCounter.requests, sdkCounter.requests) },
    { measure: 'bytes received for that listing', value: kb(ourCounter.bytes), baseline: `SDK ${kb(sdkCounter.bytes)}`, ratio: ratio(ourCounter.bytes, sdkCounter.bytes) },
  ];
}

/** SCALE's rows (test/bench/scaleBench.ts): 100,000 devices, first rows, longest task, requests, incremental refresh. */
interface ScaleRow {
  name: string;
  value: string;
  baseline: string;
  ratio?: string;
  note?: string;
}

async function scaleMeasures(latencyMs: number): Promise<Row[]> {
  let mod: { scaleRows?: (o?: { devices?: number; latencyMs?: number }) => Promise<ScaleRow[]> };
  try {
    // Loaded by path so the table builds before that part exists; it is compiled with the rest.
    mod = (await import(path.join(__dirname, 'scaleBench'))) as typeof mod;
  } catch {
    return [{ measure: '100,000-device measures', value: 'n/a', baseline: '', ratio: '', note: 'test/bench/scaleBench.ts not built' }];
  }
  if (!mod.scaleRows) return [];
  let rows: ScaleRow[];
  try {
    rows = await mod.scaleRows({ devices: SCALE_DEVICES, latencyMs });
  } catch (e) {
    process.exitCode = 1;
    return [{ measure: `${SCALE_DEVICES.toLocaleString()}-device measures`, value: 'failed', baseline: '', ratio: '', note: e instanceof Error ? e.message.split('\n')[0] : String(e) }];
  }
  return rows.map(r => ({ measure: r.name, value: r.value, baseline: r.baseline, ratio: r.ratio ?? '', note: r.note }));
}

export function formatTable(rows: Row[]): string {
  const head = ['measure', 'value', 'baseline', 'ratio', 'note'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of rows) lines.push(`| ${r.measure} | ${r.value} | ${r.baseline} | ${r.ratio} | ${r.note ?? ''} |`);
  return lines.join('\n');
}

/** One part of the run, timed on stderr (the whole run should stay near 10 minutes on 2 cores). */
async function section(name: string, fn: () => Promise<Row[]>): Promise<Row[]> {
  const t = performance.now();
  try {
    return await fn();
  } finally {
    console.error(`bench: ${name} done in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
}

async function main() {
  const started = performance.now();
  // The 100,000-device part first, each in its own simulator; then the 10,000-device rows. The rows
  // are printed by topic: 100k, memory, activation (the real VS Code figures beside the bundle's), 10k.
  const scale = await section('100k', () => scaleMeasures(LATENCY));
  scale.push(...(await section('100k in the extension host', hostMeasures)));
  const memory = await section('memory', () => memoryMeasures(MEMORY_SIZES));
  const activation = await section('bundle and load', async () => activationMeasures());
  const sim = await CloudflareSimulator.start({ devices: DEVICES, seed: 1 });
  try {
    sim.setLatency(LATENCY);
    const tenK = await section('10k listing', () => listing(sim));
    sim.setLatency(0);
    tenK.push(...(await section('multi-user', () => multiUserMeasures(DEVICES, LATENCY))));
    tenK.push(...(await section('models', () => extraMeasures(sim))));
    const inVsCode = await section('real VS Code', () => vscodeMeasures({ devices: DEVICES, latencyMs: LATENCY }));
    const isActivation = (r: Row) => /activation/i.test(r.measure);
    const rows = [...scale, ...memory, ...inVsCode.filter(isActivation), ...activation, ...tenK, ...inVsCode.filter(r => !isActivation(r))];
    const table = formatTable(rows);
    console.log(`\nWARP Fleet benchmarks — ${new Date().toISOString()} — node ${process.version}, ${DEVICES.toLocaleString()} simulated devices\n`);
    console.log(table);
    const out = path.join(ROOT, 'bench-results');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'bench.json'), JSON.stringify({ at: new Date().toISOString(), devices: DEVICES, latencyMs: LATENCY, rows }, null, 2));
    fs.writeFileSync(path.join(out, 'bench.md'), table + '\n');
    console.log(`\nwritten to bench-results/bench.json and bench-results/bench.md (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  } finally {
    await sim.close();
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
