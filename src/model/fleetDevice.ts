/**
 * The one device model both Cloudflare device APIs map to (pure: no `vscode` import).
 *
 * - legacy: GET /accounts/{a}/devices — one item per device, revoked or not (deprecated; refused on
 *   accounts in multi-user mode).
 * - registrations: GET …/devices/physical-devices and GET …/devices/registrations — a physical device
 *   holds one registration per user that enrolled WARP on it; revocation lives on the registration.
 *
 * A FleetDevice keeps the legacy field names (it extends `Device`), so grouping, sorting, filtering,
 * tooltips, details, copy id and dashboard links read one shape whichever API filled it. What only
 * the new API has (its registrations, their count, the hardware id) is added beside.
 *
 * The input shapes below are the fields read from the SDK types (node_modules/cloudflare/resources/
 * zero-trust/devices/devices_.d.ts DeviceListResponse and registrations.d.ts RegistrationListResponse);
 * they are structural so the API layer's own types fit without a cast.
 */
import type { PhysicalDevice } from '../api/physicalDevices';
import type { Device, DeviceUser } from '../api/types';
import { Interner } from './deviceStore';
import { mapInSlices, Slicer } from '../util/slices';

export type DeviceApi = 'legacy' | 'registrations';
export type FleetStatus = 'active' | 'partlyRevoked' | 'revoked' | 'deleted';

/**
 * The fields of a physical device we read: the API's shape (devices_.d.ts DeviceListResponse), all
 * but the id optional so a partial answer still maps.
 */
export type PhysicalDeviceInput = Pick<PhysicalDevice, 'id'> & Partial<Omit<PhysicalDevice, 'id'>>;

/** The fields of a registration we read (registrations.d.ts RegistrationListResponse). */
export interface RegistrationInput {
  id: string;
  device: { id: string; name?: string; client_version?: string };
  created_at?: string;
  updated_at?: string;
  last_seen_at?: string | null;
  deleted_at?: string | null;
  revoked_at?: string | null;
  key?: string;
  key_type?: string | null;
  tunnel_type?: string | null;
  registration_type?: string;
  /** Only with include=policy. */
  policy?: { id: string; name: string; default: boolean; deleted: boolean; updated_at?: string } | null;
  user?: { id?: string; email?: string; name?: string } | null;
  virtual_ipv4?: string | null;
  virtual_ipv6?: string | null;
}

export interface FleetRegistration {
  id: string;
  deviceId: string;
  deviceName?: string;
  user?: DeviceUser;
  policy?: { id: string; name: string; default: boolean; deleted: boolean };
  lastSeen?: string;
  created?: string;
  updated?: string;
  revokedAt?: string;
  deletedAt?: string;
  virtualIpv4?: string;
  virtualIpv6?: string;
  registrationType?: string;
  key?: string;
  keyType?: string;
  tunnelType?: string;
  clientVersion?: string;
}

export interface FleetDevice extends Device {
  api: DeviceApi;
  status: FleetStatus;
  /** New API only: every registration listed for this device (active and revoked), most recently seen first. */
  registrations?: FleetRegistration[];
  /** New API only: Cloudflare's count of active registrations. */
  activeRegistrations?: number;
  hardwareId?: string;
}

const opt = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

/** Legacy fields whose values repeat across a fleet (a few OS versions, client versions, models). */
const REPEATED_LEGACY = ['device_type', 'manufacturer', 'model', 'os_distro_name', 'os_distro_revision', 'os_version', 'os_version_extra', 'version'] as const;

/**
 * A legacy list item as a FleetDevice: every field the API sent is kept (unknown ones too), with
 * repeated values shared through `pool` (pass one pool for all pages of a listing; see deviceStore.ts).
 */
export function fromLegacy(d: Device, pool: Interner = new Interner()): FleetDevice {
  const out: FleetDevice = { ...d, api: 'legacy', status: d.deleted ? 'deleted' : d.revoked_at ? 'revoked' : 'active' };
  for (const k of REPEATED_LEGACY) if (typeof d[k] === 'string') out[k] = pool.str(d[k]);
  if (d.user) out.user = pool.user(d.user);
  // The API sends `updated` equal to `last_seen` for most devices: one string for both.
  if (d.updated !== undefined && d.updated === d.last_seen) out.updated = out.last_seen;
  return out;
}

/** A whole legacy listing (or a page of one) with one pool, so repeated values are held once. */
export function fromLegacyAll(devices: readonly Device[], pool: Interner = new Interner()): FleetDevice[] {
  return devices.map(d => fromLegacy(d, pool));
}

export function fromRegistration(r: RegistrationInput, pool: Interner = new Interner()): FleetRegistration {
  return {
    id: r.id,
    deviceId: r.device.id,
    deviceName: pool.str(r.device.name),
    user: pool.user(r.user),
    policy: r.policy ? pool.policy(r.policy) : undefined,
    lastSeen: opt(r.last_seen_at),
    created: r.created_at,
    updated: r.updated_at === r.last_seen_at && r.updated_at ? opt(r.last_seen_at) : r.updated_at,
    revokedAt: opt(r.revoked_at),
    deletedAt: opt(r.deleted_at),
    virtualIpv4: opt(r.virtual_ipv4),
    virtualIpv6: opt(r.virtual_ipv6),
    registrationType: pool.str(r.registration_type),
    key: r.key,
    keyType: pool.str(r.key_type),
    tunnelType: pool.str(r.tunnel_type),
    clientVersion: pool.str(r.device.client_version),
  };
}

/** Registrations that still count: a deleted one is gone from the device. */
export function liveRegistrations(regs: readonly FleetRegistration[] | undefined): FleetRegistration[] {
  return (regs ?? []).filter(r => !r.deletedAt);
}

/**
 * active / partly revoked / revoked / deleted from the registrations: revoked when every live
 * registration is, partly revoked when some are. A device without a listed registration counts as
 * active (nothing of it is revoked), as the legacy view shows a device without revoked_at.
 */
export function statusFrom(deletedAt: string | undefined, regs: readonly FleetRegistration[]): FleetStatus {
  if (deletedAt) return 'deleted';
  const live = liveRegistrations(regs);
  const revoked = live.filter(r => r.revokedAt).length;
  if (!live.length || revoked === 0) return 'active';
  return revoked === live.length ? 'revoked' : 'partlyRevoked';
}

function latest(times: (string | undefined)[]): string | undefined {
  let best: string | undefined;
  let bestT = -Infinity;
  for (const t of times) {
    const v = t ? Date.parse(t) : NaN;
    if (!Number.isNaN(v) && v > bestT) [best, bestT] = [t, v];
  }
  return best;
}

const bySeen = (a: FleetRegistration, b: FleetRegistration) => (Date.parse(b.lastSeen ?? '') || 0) - (Date.parse(a.lastSeen ?? '') || 0) || (a.id < b.id ? -1 : 1);

/** A physical device and its registrations as one FleetDevice; status and revoked_at derive from the registrations. */
export function fromPhysical(p: PhysicalDeviceInput, regs: FleetRegistration[], pool: Interner = new Interner()): FleetDevice {
  const registrations = regs.slice().sort(bySeen);
  const deletedAt = opt(p.deleted_at);
  const status = statusFrom(deletedAt, registrations);
  const user = p.last_seen_user ?? registrations.find(r => r.user?.email)?.user;
  const lastSeen = opt(p.last_seen_at);
  return {
    id: p.id,
    name: pool.str(p.name),
    device_type: pool.str(p.device_type),
    created: opt(p.created_at),
    updated: p.updated_at && p.updated_at === lastSeen ? lastSeen : opt(p.updated_at),
    last_seen: lastSeen ?? latest(registrations.map(r => r.lastSeen)),
    deleted: Boolean(deletedAt) || undefined,
    revoked_at: status === 'revoked' ? latest(liveRegistrations(registrations).map(r => r.revokedAt)) : undefined,
    user: pool.user(user),
    version: pool.str(p.client_version) ?? registrations.find(r => r.clientVersion)?.clientVersion,
    model: pool.str(p.model),
    manufacturer: pool.str(p.manufacturer),
    serial_number: opt(p.serial_number),
    mac_address: opt(p.mac_address),
    ip: opt(p.public_ip),
    os_version: pool.str(p.os_version),
    os_version_extra: pool.str(p.os_version_extra),
    api: 'registrations',
    status,
    registrations,
    activeRegistrations: p.active_registrations,
    hardwareId: opt(p.hardware_id),
  };
}

/**
 * Joins the two listings: registrations grouped by device.id in one pass (Map), so 10,000 devices
 * with 15,000 registrations cost O(n), not a scan per device.
 */
export function joinPhysical(devices: readonly PhysicalDeviceInput[], registrations: readonly RegistrationInput[], pool: Interner = new Interner()): FleetDevice[] {
  const byDevice = new Map<string, FleetRegistration[]>();
  for (const r of registrations) addRegistration(byDevice, r, pool);
  return devices.map(p => fromPhysical(p, byDevice.get(p.id) ?? [], pool));
}

/**
 * joinPhysical in short slices (#17 item 1): at 100,000 devices and their registrations the join is
 * hundreds of milliseconds of work, and the view runs it for each partial listing as well as at the
 * end; in slices the extension host answers between them. Same result as joinPhysical.
 */
export async function joinPhysicalInSlices(
  devices: readonly PhysicalDeviceInput[],
  registrations: readonly RegistrationInput[],
  pool: Interner = new Interner(),
  slicer = new Slicer(),
): Promise<FleetDevice[]> {
  const byDevice = new Map<string, FleetRegistration[]>();
  for (let i = 0; i < registrations.length; i++) {
    if (slicer.due(i)) await slicer.pause();
    addRegistration(byDevice, registrations[i], pool);
  }
  return mapInSlices(devices, p => fromPhysical(p, byDevice.get(p.id) ?? [], pool), slicer);
}

/** Files `r` (mapped) under its device's id; one without a device id is left out, as the join leaves it. */
export function addRegistration(byDevice: Map<string, FleetRegistration[]>, r: RegistrationInput, pool: Interner): void {
  const id = r.device?.id;
  if (!id) return;
  let list = byDevice.get(id);
  if (!list) byDevice.set(id, (list = []));
  list.push(fromRegistration(r, pool));
}

/** Distinct users of a device's live registrations ("2 users"). */
export function userCount(d: FleetDevice): number {
  const users = new Set(liveRegistrations(d.registrations).map(r => (r.user?.id || r.user?.email || r.id).toLowerCase()));
  return users.size;
}

/** The number of registrations the fleet holds (live ones), for "N devices · M registrations". */
export function registrationCount(devices: readonly FleetDevice[]): number {
  // Counted in place: the view's header asks it for 100,000 devices, and an array per device (as
  // liveRegistrations makes) was 100,000 allocations for the collector each time.
  let n = 0;
  for (const d of devices) {
    const regs = d.registrations;
    if (regs) for (const r of regs) if (!r.deletedAt) n++;
  }
  return n;
}

/**
 * The device with some registrations changed locally (after a revoke, unrevoke or delete this
 * extension made): a new object with its status derived again; other devices are kept as they are
 * so caches keyed by device object stay valid.
 */
export function withRegistrationChange(
  devices: FleetDevice[],
  regIds: Iterable<string>,
  change: { revokedAt?: string | null; deletedAt?: string },
): FleetDevice[] {
  const ids = new Set(regIds);
  if (!ids.size) return devices;
  return devices.map(d => {
    if (!d.registrations?.some(r => ids.has(r.id))) return d;
    const registrations = d.registrations
      .map(r => {
        if (!ids.has(r.id)) return r;
        if (change.deletedAt) return undefined;
        if (change.revokedAt === null) {
          const { revokedAt: _r, ...rest } = r;
          return rest;
        }
        return change.revokedAt ? { ...r, revokedAt: change.revokedAt } : r;
      })
      .filter((r): r is FleetRegistration => r !== undefined);
    const status = statusFrom(d.deleted ? 'deleted' : undefined, registrations);
    const revoked_at = status === 'revoked' ? latest(liveRegistrations(registrations).map(r => r.revokedAt)) : undefined;
    const active = liveRegistrations(registrations).filter(r => !r.revokedAt).length;
    return { ...d, registrations, status, revoked_at, activeRegistrations: active };
  });
}

/** The list without the deleted devices. */
export function withoutDevices(devices: FleetDevice[], ids: Iterable<string>): FleetDevice[] {
  const set = new Set(ids);
  return set.size ? devices.filter(d => !set.has(d.id)) : devices;
}
