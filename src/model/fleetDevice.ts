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

export function fromLegacy(d: Device): FleetDevice {
  return { ...d, api: 'legacy', status: d.deleted ? 'deleted' : d.revoked_at ? 'revoked' : 'active' };
}

export function fromRegistration(r: RegistrationInput): FleetRegistration {
  const user = r.user ? { id: opt(r.user.id), email: opt(r.user.email), name: opt(r.user.name) } : undefined;
  return {
    id: r.id,
    deviceId: r.device.id,
    deviceName: r.device.name,
    user,
    policy: r.policy ? { id: r.policy.id, name: r.policy.name, default: r.policy.default, deleted: r.policy.deleted } : undefined,
    lastSeen: opt(r.last_seen_at),
    created: r.created_at,
    updated: r.updated_at,
    revokedAt: opt(r.revoked_at),
    deletedAt: opt(r.deleted_at),
    virtualIpv4: opt(r.virtual_ipv4),
    virtualIpv6: opt(r.virtual_ipv6),
    registrationType: r.registration_type,
    key: r.key,
    keyType: opt(r.key_type),
    tunnelType: opt(r.tunnel_type),
    clientVersion: r.device.client_version,
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
export function fromPhysical(p: PhysicalDeviceInput, regs: FleetRegistration[]): FleetDevice {
  const registrations = regs.slice().sort(bySeen);
  const deletedAt = opt(p.deleted_at);
  const status = statusFrom(deletedAt, registrations);
  const user = p.last_seen_user ?? registrations.find(r => r.user?.email)?.user;
  return {
    id: p.id,
    name: opt(p.name),
    device_type: opt(p.device_type),
    created: opt(p.created_at),
    updated: opt(p.updated_at),
    last_seen: opt(p.last_seen_at) ?? latest(registrations.map(r => r.lastSeen)),
    deleted: Boolean(deletedAt) || undefined,
    revoked_at: status === 'revoked' ? latest(liveRegistrations(registrations).map(r => r.revokedAt)) : undefined,
    user: user ? { id: opt(user.id), email: opt(user.email), name: opt(user.name) } : undefined,
    version: opt(p.client_version) ?? registrations.find(r => r.clientVersion)?.clientVersion,
    model: opt(p.model),
    manufacturer: opt(p.manufacturer),
    serial_number: opt(p.serial_number),
    mac_address: opt(p.mac_address),
    ip: opt(p.public_ip),
    os_version: opt(p.os_version),
    os_version_extra: opt(p.os_version_extra),
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
export function joinPhysical(devices: readonly PhysicalDeviceInput[], registrations: readonly RegistrationInput[]): FleetDevice[] {
  const byDevice = new Map<string, FleetRegistration[]>();
  for (const r of registrations) {
    const id = r.device?.id;
    if (!id) continue;
    let list = byDevice.get(id);
    if (!list) byDevice.set(id, (list = []));
    list.push(fromRegistration(r));
  }
  return devices.map(p => fromPhysical(p, byDevice.get(p.id) ?? []));
}

/** Distinct users of a device's live registrations ("2 users"). */
export function userCount(d: FleetDevice): number {
  const users = new Set(liveRegistrations(d.registrations).map(r => (r.user?.id || r.user?.email || r.id).toLowerCase()));
  return users.size;
}

/** The number of registrations the fleet holds (live ones), for "N devices · M registrations". */
export function registrationCount(devices: readonly FleetDevice[]): number {
  let n = 0;
  for (const d of devices) n += liveRegistrations(d.registrations).length;
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
