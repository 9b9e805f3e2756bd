/**
 * Grouping, sorting and filtering of the device list. Pure (no `vscode` import) so it runs in unit
 * tests and benchmarks, and fast enough to recompute for 20,000 devices on every change of the filter:
 * one sort per (list, order), then one linear pass to filter and bucket; lower-cased search text is
 * held on each device object.
 */
export { ageOf, type Age } from './age';
import type { Device } from '../api/types';
import type { FleetDevice, FleetStatus } from './fleetDevice';
import { Slicer, sortInSlices } from '../util/slices';

export const GROUP_BYS = ['os', 'user', 'status', 'lastSeen', 'none'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];
export const SORT_BYS = ['name', 'lastSeen'] as const;
export type SortBy = (typeof SORT_BYS)[number];

export interface DeviceQuery {
  groupBy: GroupBy;
  sortBy: SortBy;
  /** Case-insensitive substring; empty = no filter. */
  filter: string;
}

export const DEFAULT_QUERY: DeviceQuery = { groupBy: 'os', sortBy: 'name', filter: '' };

export type DeviceStatus = FleetStatus;
export type SeenBucket = 'today' | 'week' | 'month' | 'older' | 'never';

/** One group of the result; `key` is stable across refreshes (tree item ids and "Load more" state hang on it). */
export interface DeviceGroup {
  key: string;
  kind: Exclude<GroupBy, 'none'>;
  /** The OS type, user email, status or seen bucket the group stands for ('' = none: no user, unknown OS). */
  value: string;
  /** For user groups: the user's name. */
  userName?: string;
  devices: Device[];
}

export interface QueryResult {
  /** Devices before filtering. */
  total: number;
  /** Devices that match the filter. */
  matched: number;
  /** Undefined when groupBy is 'none'. */
  groups?: DeviceGroup[];
  /** The matching devices, sorted; only when groupBy is 'none'. */
  devices?: Device[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Sanitises a stored or typed query: unknown values fall back to the defaults. */
export function normalizeQuery(q: Partial<Record<keyof DeviceQuery, unknown>> | undefined): DeviceQuery {
  const groupBy = GROUP_BYS.includes(q?.groupBy as GroupBy) ? (q!.groupBy as GroupBy) : DEFAULT_QUERY.groupBy;
  const sortBy = SORT_BYS.includes(q?.sortBy as SortBy) ? (q!.sortBy as SortBy) : DEFAULT_QUERY.sortBy;
  const filter = typeof q?.filter === 'string' ? q.filter.trim() : '';
  return { groupBy, sortBy, filter };
}

/** The FleetDevice's derived status (partly revoked exists only on the new API); a plain legacy Device's from its fields. */
export function deviceStatus(d: Device): DeviceStatus {
  const fleet = (d as Partial<FleetDevice>).status;
  if (fleet) return fleet;
  if (d.deleted) return 'deleted';
  return d.revoked_at ? 'revoked' : 'active';
}

/** Milliseconds since epoch, or NaN for a missing or unreadable time. */
export function timeOf(iso: string | undefined): number {
  return iso ? Date.parse(iso) : NaN;
}

export function seenBucket(d: Device, now: number): SeenBucket {
  const t = timeOf(d.last_seen);
  if (Number.isNaN(t)) return 'never';
  const age = now - t;
  if (age < DAY) return 'today';
  if (age < 7 * DAY) return 'week';
  if (age < 30 * DAY) return 'month';
  return 'older';
}

/**
 * The lower-cased search text, held on the device object itself under a symbol (not enumerable: not in
 * JSON, Object.keys or deep equality). Devices are replaced, not mutated, when they change, so it
 * stays right. It was a WeakMap keyed by device: at 100,000 devices each growth of that table was one
 * `set` of 30–50 ms on the extension host (#17 item 1; a WeakMap's table is rehashed whole).
 */
const SEARCH = Symbol('warpFleet.searchText');

function haystack(d: Device): string {
  const held = (d as { [SEARCH]?: string })[SEARCH];
  if (held !== undefined) return held;
  // On the new API every registration's user is searchable too, not only the last one seen.
  const regUsers = (d as Partial<FleetDevice>).registrations?.flatMap(r => [r.user?.name, r.user?.email]) ?? [];
  const h = [d.name, d.user?.name, d.user?.email, d.serial_number, d.ip, d.model, ...regUsers].filter(Boolean).join('\n').toLowerCase();
  if (Object.isExtensible(d)) Object.defineProperty(d, SEARCH, { value: h });
  return h;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function compareDevices(sortBy: SortBy): (a: Device, b: Device) => number {
  const byName = (a: Device, b: Device) => collator.compare(a.name ?? '', b.name ?? '') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  if (sortBy === 'name') return byName;
  // Most recently seen first; never seen last.
  return (a, b) => {
    const ta = timeOf(a.last_seen);
    const tb = timeOf(b.last_seen);
    const va = Number.isNaN(ta) ? -Infinity : ta;
    const vb = Number.isNaN(tb) ? -Infinity : tb;
    return vb - va || byName(a, b);
  };
}

const STATUS_ORDER: DeviceStatus[] = ['active', 'partlyRevoked', 'revoked', 'deleted'];
const SEEN_ORDER: SeenBucket[] = ['today', 'week', 'month', 'older', 'never'];

function groupValue(d: Device, kind: DeviceGroup['kind'], now: number): string {
  switch (kind) {
    case 'os':
      return d.device_type ?? '';
    case 'user':
      return (d.user?.email ?? '').toLowerCase();
    case 'status':
      return deviceStatus(d);
    case 'lastSeen':
      return seenBucket(d, now);
  }
}

/** Largest OS groups first; users by name; status and last-seen buckets in their natural order. */
function orderGroups(groups: DeviceGroup[], kind: DeviceGroup['kind']): DeviceGroup[] {
  return groups.sort(groupOrder(kind));
}

function groupOrder(kind: DeviceGroup['kind']): (a: DeviceGroup, b: DeviceGroup) => number {
  const fixed = kind === 'status' ? STATUS_ORDER : kind === 'lastSeen' ? SEEN_ORDER : undefined;
  if (fixed) return (a, b) => fixed.indexOf(a.value as never) - fixed.indexOf(b.value as never);
  if (kind === 'os') return (a, b) => b.devices.length - a.devices.length || collator.compare(a.value, b.value);
  // Devices without a user last.
  return (a, b) => Number(!a.value) - Number(!b.value) || collator.compare(a.userName || a.value, b.userName || b.value);
}

// Sorting dominates the cost; the list only changes on a reload or a local update (a new array), so
// each (list, order) is sorted once and filtering/grouping then keep that order in one linear pass.
const sortedCache = new WeakMap<readonly Device[], Map<SortBy, Device[]>>();

function sorted(devices: readonly Device[], sortBy: SortBy): Device[] {
  let byOrder = sortedCache.get(devices);
  if (!byOrder) sortedCache.set(devices, (byOrder = new Map()));
  let list = byOrder.get(sortBy);
  if (!list) byOrder.set(sortBy, (list = sortBy === 'lastSeen' ? byLastSeen(devices) : devices.slice().sort(compareDevices(sortBy))));
  return list;
}

/** compareDevices('lastSeen') with each time parsed once instead of once per comparison. */
function byLastSeen(devices: readonly Device[]): Device[] {
  const byName = compareDevices('name');
  return devices
    .map(d => {
      const t = timeOf(d.last_seen);
      return { d, t: Number.isNaN(t) ? -Infinity : t };
    })
    .sort((a, b) => b.t - a.t || byName(a.d, b.d))
    .map(x => x.d);
}

/** Filters, groups and sorts `devices` as `query` says; `now` decides the last-seen buckets. */
export function queryDevices(devices: readonly Device[], query: DeviceQuery, now: number): QueryResult {
  return group(devices, sorted(devices, query.sortBy), query, now);
}

/**
 * queryDevices in slices of a few milliseconds (slices.ts), for the view: sorting, the search text
 * and grouping of 100,000 devices would otherwise be one task of several hundred ms on the
 * extension host. Same result as queryDevices. The clock is read every 64 devices: the search text of
 * a multi-user device (every registration's user) takes tens of microseconds to build.
 */
export async function queryDevicesAsync(devices: readonly Device[], query: DeviceQuery, now: number, slicer = new Slicer(undefined, 64)): Promise<QueryResult> {
  let byOrder = sortedCache.get(devices);
  if (!byOrder) sortedCache.set(devices, (byOrder = new Map()));
  let list = byOrder.get(query.sortBy);
  if (!list) {
    if (query.sortBy === 'lastSeen') {
      const keyed: { d: Device; t: number }[] = [];
      for (let i = 0; i < devices.length; i++) {
        if (slicer.due(i)) await slicer.pause();
        const t = timeOf(devices[i].last_seen);
        keyed.push({ d: devices[i], t: Number.isNaN(t) ? -Infinity : t });
      }
      const byName = compareDevices('name');
      list = (await sortInSlices(keyed, (a, b) => b.t - a.t || byName(a.d, b.d), slicer)).map(x => x.d);
    } else {
      list = await sortInSlices(devices, compareDevices(query.sortBy), slicer);
    }
    byOrder.set(query.sortBy, list);
  }
  if (query.filter.trim()) {
    // The search text of each device, built once (cached per device object), in slices.
    for (let i = 0; i < list.length; i++) {
      if (slicer.due(i)) await slicer.pause();
      haystack(list[i]);
    }
  }
  return group(devices, list, query, now, slicer);
}

function group(devices: readonly Device[], all: readonly Device[], query: DeviceQuery, now: number): QueryResult;
function group(devices: readonly Device[], all: readonly Device[], query: DeviceQuery, now: number, slicer: Slicer): Promise<QueryResult>;
function group(devices: readonly Device[], all: readonly Device[], query: DeviceQuery, now: number, slicer?: Slicer): QueryResult | Promise<QueryResult> {
  const filter = query.filter.trim().toLowerCase();
  const kind = query.groupBy;
  if (kind === 'none') {
    const matching = filter ? all.filter(d => haystack(d).includes(filter)) : all.slice();
    const r = { total: devices.length, matched: matching.length, devices: matching };
    return slicer ? Promise.resolve(r) : r;
  }
  const byKey = new Map<string, DeviceGroup>();
  let matched = 0;
  const take = (d: Device) => {
    if (filter && !haystack(d).includes(filter)) return;
    matched++;
    const value = groupValue(d, kind, now);
    let g = byKey.get(value);
    if (!g) {
      g = { key: `${kind}:${value}`, kind, value, devices: [] };
      if (kind === 'user') g.userName = d.user?.name;
      byKey.set(value, g);
    }
    g.devices.push(d);
  };
  const done = (): QueryResult => ({ total: devices.length, matched, groups: orderGroups([...byKey.values()], kind) });
  if (!slicer) {
    for (const d of all) take(d);
    return done();
  }
  return (async () => {
    for (let i = 0; i < all.length; i++) {
      if (slicer.due(i)) await slicer.pause();
      take(all[i]);
    }
    // Thousands of user groups sorted by name are a long task of their own: in slices too.
    const groups = await sortInSlices([...byKey.values()], groupOrder(kind), slicer);
    return { total: devices.length, matched, groups };
  })();
}
