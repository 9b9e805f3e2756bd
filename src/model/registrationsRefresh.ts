/**
 * Refreshing a multi-user account's devices by asking only for what changed (#17 item 3).
 *
 * What the new endpoints allow (SDK v7 RegistrationListParams / DeviceListParams): `seen_after`
 * (only items last seen after a time), `status=active|all|revoked` for registrations and
 * `active_registrations=include|only|exclude` for physical devices. So a refresh asks, side by side:
 *   1. registrations (status=all) and physical devices seen since the newest `last_seen_at` held,
 *      less OVERLAP_MS (whether the bound is inclusive is not documented; clocks of Cloudflare's
 *      servers differ): new registrations and devices, and every one that checked in;
 *   2. every revoked registration (status=revoked): revocations and unrevocations do not change
 *      `last_seen_at`, so seen_after never shows them; a registration held as revoked and no longer
 *      listed was unrevoked or deleted, and is read back by id (status=all);
 *   3. every physical device without an active registration (active_registrations=exclude): a device
 *      deleted (or revoked whole) by someone else shows up here; its registrations held as active are
 *      read back by id.
 * Registrations of devices not held yet bring their device (read by id).
 *
 * What this cannot see: a registration deleted on a device that keeps another active one (no list
 * filter shows deleted registrations as such, and deleting does not touch last_seen_at). Those are
 * caught by a full listing, which runs at least every `fullEveryMs` (default 15 minutes), and always
 * when the incremental answer would need more reads by id than a full listing costs.
 * The legacy list (GET /devices) documents no filter or order at all (seed 001: page and per_page
 * only), so legacy accounts keep listing in full.
 */
import type { CloudflareClient } from '../api/client';
import { chunkIdsForQuery } from '../api/chunks';
import type { ListOptions, ListWarning } from '../api/paging';
import type { PageSizes } from '../api/pageSize';
import { listPhysicalDevices, type PhysicalDevice } from '../api/physicalDevices';
import { listRegistrations, type Registration } from '../api/registrations';
import { copyMapInSlices, Slicer } from '../util/slices';

export const OVERLAP_MS = 60_000;
export const FULL_EVERY_MS = 15 * 60_000;
/** More reads by id than this and a full listing is cheaper (and surely complete). */
const MAX_READ_BACK = 500;

export interface RegistrationsSnapshot {
  accountId: string;
  devices: Map<string, PhysicalDevice>;
  registrations: Map<string, Registration>;
  /** The newest last_seen_at held (ISO 8601), the next refresh's `seen_after` less the overlap. */
  watermark?: string;
  /** When the last full listing finished (ms since the epoch, the caller's clock). */
  fullAt: number;
}

export interface RefreshOptions {
  pageSizes?: PageSizes;
  signal?: AbortSignal;
  now?: () => number;
  fullEveryMs?: number;
  onProgress?: (loaded: number) => void;
  onWarning?: (w: ListWarning) => void;
  /**
   * Devices and registrations as each page of a full listing arrives (for a view that fills while
   * loading): the listing's own two arrays, the same ones at each call, which only grow.
   */
  onPartial?: (devices: readonly PhysicalDevice[], registrations: readonly Registration[]) => void;
  /** Slices the work between the requests (copying and checking 100,000 devices); one per refresh. */
  slicer?: Slicer;
}

export interface RefreshResult {
  snapshot: RegistrationsSnapshot;
  /** 'full' when everything was listed again, 'incremental' when only changes were asked for. */
  kind: 'full' | 'incremental';
}

function listOpts(o: RefreshOptions): ListOptions {
  return { pageSizes: o.pageSizes, signal: o.signal, onWarning: o.onWarning };
}

function newest(a: string | undefined, b: string | null | undefined): string | undefined {
  if (!b) return a;
  return !a || b > a ? b : a;
}

/** Every physical device and every registration (status=all, with the profile), two walks side by side. */
export async function listAllRegistrations(client: CloudflareClient, accountId: string, o: RefreshOptions = {}): Promise<RegistrationsSnapshot> {
  const devices: PhysicalDevice[] = [];
  const registrations: Registration[] = [];
  const report = () => {
    o.onProgress?.(devices.length);
    o.onPartial?.(devices, registrations);
  };
  const base = listOpts(o);
  await Promise.all([
    listPhysicalDevices(client, accountId, { activeRegistrations: 'include' }, { ...base, onItems: items => (devices.push(...(items as PhysicalDevice[])), report()) }),
    listRegistrations(client, accountId, { status: 'all', includePolicy: true }, { ...base, onItems: items => (registrations.push(...(items as Registration[])), report()) }),
  ]);
  const snap: RegistrationsSnapshot = { accountId, devices: new Map(), registrations: new Map(), fullAt: (o.now ?? Date.now)() };
  // In slices: 100,000 devices and their registrations are too many for one extension-host task.
  const slicer = o.slicer ?? new Slicer();
  for (let i = 0; i < devices.length; i++) {
    if (slicer.due(i)) await slicer.pause();
    snap.devices.set(devices[i].id, devices[i]);
    snap.watermark = newest(snap.watermark, devices[i].last_seen_at);
  }
  for (let i = 0; i < registrations.length; i++) {
    if (slicer.due(i)) await slicer.pause();
    snap.registrations.set(registrations[i].id, registrations[i]);
    snap.watermark = newest(snap.watermark, registrations[i].last_seen_at);
  }
  return snap;
}

const isActive = (r: Registration) => !r.revoked_at && !r.deleted_at;

/**
 * The snapshot brought up to date: incrementally when a full listing ran less than `fullEveryMs`
 * ago and the changes are few, else by a full listing. The snapshot passed in is not changed.
 */
export async function refreshRegistrations(
  client: CloudflareClient,
  prev: RegistrationsSnapshot | undefined,
  accountId: string,
  o: RefreshOptions = {},
): Promise<RefreshResult> {
  const now = (o.now ?? Date.now)();
  const full = async (): Promise<RefreshResult> => ({ snapshot: await listAllRegistrations(client, accountId, o), kind: 'full' });
  if (!prev || prev.accountId !== accountId || !prev.watermark || now - prev.fullAt >= (o.fullEveryMs ?? FULL_EVERY_MS)) return full();

  const since = new Date(Date.parse(prev.watermark) - OVERLAP_MS).toISOString();
  const base = listOpts(o);
  const [seenRegs, seenDevs, revoked, inactive] = await Promise.all([
    listRegistrations(client, accountId, { status: 'all', includePolicy: true, seenAfter: since }, base),
    listPhysicalDevices(client, accountId, { activeRegistrations: 'include', seenAfter: since }, base),
    listRegistrations(client, accountId, { status: 'revoked', includePolicy: true }, base),
    listPhysicalDevices(client, accountId, { activeRegistrations: 'exclude' }, base),
  ]);

  // Everything below walks the whole snapshot (100,000 devices, more registrations): in slices, as
  // one task it stalled the extension host for over half a second at each auto-refresh (#17 item 1).
  const slicer = o.slicer ?? new Slicer();
  const snap: RegistrationsSnapshot = { ...prev, devices: await copyMapInSlices(prev.devices, slicer), registrations: await copyMapInSlices(prev.registrations, slicer) };
  const fresh = new Set<string>();
  let i = 0;
  for (const list of [seenRegs, revoked]) {
    for (const r of list) {
      if (slicer.due(i++)) await slicer.pause();
      snap.registrations.set(r.id, r);
      fresh.add(r.id);
      snap.watermark = newest(snap.watermark, r.last_seen_at);
    }
  }
  for (const list of [seenDevs, inactive]) {
    for (const d of list) {
      if (slicer.due(i++)) await slicer.pause();
      snap.devices.set(d.id, d);
      snap.watermark = newest(snap.watermark, d.last_seen_at);
    }
  }

  // Registrations whose state may have changed without a trace in the lists above: read back by id.
  const suspects = new Set<string>();
  const revokedNow = new Set(revoked.map(r => r.id));
  for (const r of prev.registrations.values()) {
    if (slicer.due(i++)) await slicer.pause();
    if (r.revoked_at && !r.deleted_at && !revokedNow.has(r.id) && !fresh.has(r.id)) suspects.add(r.id);
  }
  const inactiveNow = new Set(inactive.map(d => d.id));
  if (inactiveNow.size) {
    for (const r of snap.registrations.values()) {
      if (slicer.due(i++)) await slicer.pause();
      if (inactiveNow.has(r.device.id) && isActive(r) && !fresh.has(r.id)) suspects.add(r.id);
    }
  }
  const missingDevices = new Set<string>();
  for (const r of seenRegs) if (!snap.devices.has(r.device.id)) missingDevices.add(r.device.id);
  if (suspects.size + missingDevices.size > MAX_READ_BACK) return full();

  const chunks = chunkIdsForQuery([...suspects]);
  const devChunks = chunkIdsForQuery([...missingDevices]);
  const [readBack, newDevices] = await Promise.all([
    Promise.all(chunks.map(ids => listRegistrations(client, accountId, { ids, status: 'all', includePolicy: true }, base))),
    Promise.all(devChunks.map(ids => listPhysicalDevices(client, accountId, { ids, activeRegistrations: 'include' }, base))),
  ]);
  const found = new Set<string>();
  for (const r of readBack.flat()) {
    snap.registrations.set(r.id, r);
    found.add(r.id);
  }
  // Not even listed with status=all: gone from the account; nothing of it is shown any more.
  for (const id of suspects) if (!found.has(id)) snap.registrations.delete(id);
  for (const d of newDevices.flat()) snap.devices.set(d.id, d);
  o.onProgress?.(snap.devices.size);
  return { snapshot: snap, kind: 'incremental' };
}
