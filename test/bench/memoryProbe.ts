/**
 * Child process of memoryBench.ts: lists the fleet from a simulator running in the PARENT process and
 * prints, as one JSON line, the heap held (after a forced full GC) by
 *  - the parsed API answers (what a client that keeps the raw objects holds), and
 *  - the model the Devices view holds (FleetDevice[], raw answers dropped),
 * beside the size of the answers' items as JSON.
 *
 * Why a child: with the simulator in the same process the parsed strings can be the simulator's own
 * (V8 shares equal strings it has internalised), so an in-process figure reads smaller than what the
 * extension host holds. Run with --expose-gc.
 */
import { CloudflareClient } from '../../src/api/client';
import { listDevices } from '../../src/api/devices';
import { listPhysicalDevices } from '../../src/api/physicalDevices';
import { listRegistrations } from '../../src/api/registrations';
import { fromLegacyAll, joinPhysical, type FleetDevice } from '../../src/model/fleetDevice';

export interface MemoryProbeResult {
  api: 'legacy' | 'registrations';
  devices: number;
  /** Items as the API sent them, JSON.stringify'd (bytes). */
  jsonBytes: number;
  /** Heap held by the parsed answers (bytes). */
  rawBytes: number;
  /** Heap held by the model after the parsed answers are dropped (bytes). */
  modelBytes: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Heap used once garbage is gone: full GCs with turns of the event loop between them (so that
 * finalizers and closed sockets' buffers are released), until it no longer shrinks. */
async function heap(): Promise<number> {
  if (!gc) throw new Error('run with --expose-gc');
  let last = Infinity;
  for (let i = 0; i < 10; i++) {
    await new Promise(r => setTimeout(r, 20));
    gc();
    const used = process.memoryUsage().heapUsed;
    if (used >= last - 16 * 1024) return Math.min(used, last);
    last = used;
  }
  return last;
}

type Raw = { legacy?: unknown[]; physical?: unknown[]; registrations?: unknown[] };

const jsonSize = (raw: Raw) => Buffer.byteLength(JSON.stringify(raw.legacy ?? raw.physical)) + (raw.registrations ? Buffer.byteLength(JSON.stringify(raw.registrations)) : 0);

/** The model as the extension builds it (one pool per listing). */
function toModel(raw: Raw): FleetDevice[] {
  return raw.legacy
    ? fromLegacyAll(raw.legacy as Parameters<typeof fromLegacyAll>[0])
    : joinPhysical(raw.physical as Parameters<typeof joinPhysical>[0], raw.registrations as Parameters<typeof joinPhysical>[1]);
}

async function probe(baseUrl: string, token: string, accountId: string, api: MemoryProbeResult['api']): Promise<MemoryProbeResult> {
  const client = new CloudflareClient({ baseUrl, credentials: () => ({ kind: 'token', token }), concurrency: 4 });
  const opts = { perPage: 1000 };
  const fetchRaw = async (): Promise<Raw> =>
    api === 'legacy'
      ? { legacy: await listDevices(client, accountId, opts) }
      : {
          physical: await listPhysicalDevices(client, accountId, { activeRegistrations: 'include' }, opts),
          registrations: await listRegistrations(client, accountId, { status: 'all', includePolicy: true }, opts),
        };
  // A first listing warms up the code paths (and their lazily built caches) outside the measure.
  await fetchRaw();
  const before = await heap();
  // Held through a box, so that dropping it (below) is visible to the collector.
  const box: { raw?: Raw } = { raw: await fetchRaw() };
  const jsonBytes = jsonSize(box.raw!);
  const rawBytes = (await heap()) - before;
  const model = toModel(box.raw!);
  box.raw = undefined;
  const modelBytes = (await heap()) - before;
  if (!model.length) throw new Error('no devices listed');
  return { api, devices: model.length, jsonBytes, rawBytes, modelBytes };
}

if (require.main === module) {
  const [baseUrl, token, accountId, api] = process.argv.slice(2);
  probe(baseUrl, token, accountId, api === 'registrations' ? 'registrations' : 'legacy').then(
    r => console.log(JSON.stringify(r)),
    e => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    },
  );
}
