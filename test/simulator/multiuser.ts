/**
 * Physical devices and their registrations, the model behind /devices/physical-devices and
 * /devices/registrations (SDK v7 `resources/zero-trust/devices/devices_.d.ts`, `registrations.d.ts`;
 * ../shared/api-notes.md "Multi-user mode").
 *
 * Built lazily from the legacy fleet on first use, so simulators that never call the new endpoints
 * pay nothing. Every legacy device becomes one physical device whose first registration has the
 * legacy device's id (the legacy endpoints take "device (registration) ids", api-notes). In a
 * multi-user account some machines are shared: they get registrations of other users, some of
 * them revoked or deleted; a single-user account stays one registration per device.
 */
import type { DeviceUser } from '../../src/api/types';
import { isoTime } from './isoTime';
import { Rng, mixSeed } from './random';
import type { AccountData, MultiUserData, SimDevice, SimPhysicalDevice, SimPolicyRef, SimRegistration } from './types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const iso = isoTime;

/** The lists' default order: created_at, then id (the keyset cursors rely on it). */
function byCreated(a: { created_at: string; id: string }, b: { created_at: string; id: string }): number {
  return a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Registrations are active until revoked or deleted (SDK: "Active registrations are those which haven't been revoked or deleted"). */
export function isActive(r: SimRegistration): boolean {
  return r.revoked_at === null && r.deleted_at === null;
}

export function activeCount(d: SimPhysicalDevice): number {
  let n = 0;
  for (const r of d.registrations) if (r.revoked_at === null && r.deleted_at === null) n++;
  return n;
}

/** The registration seen last (deleted ones included: the device still saw that user last). */
export function lastSeenRegistration(d: SimPhysicalDevice): SimRegistration | undefined {
  let best: SimRegistration | undefined;
  for (const r of d.registrations) if (!best || r.last_seen_at > best.last_seen_at) best = r;
  return best;
}

function policyRefs(a: AccountData, rng: Rng, now: number): SimPolicyRef[] {
  const ago = () => iso(now - rng.int(1, 90) * DAY);
  return [
    { id: a.defaultProfile.policy_id ?? '', default: true, deleted: false, name: 'Default', updated_at: ago() },
    ...a.customProfiles.map(p => ({ id: p.policy_id ?? '', default: false, deleted: false, name: p.name ?? '', updated_at: ago() })),
  ];
}

/** WARP's virtual addresses: IPv4 from the CGNAT range 100.96.0.0/12, IPv6 from a unique-local prefix (never a real network). */
function virtualIps(rng: Rng): [string, string] {
  const v4 = `100.${96 + rng.int(0, 15)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
  const v6 = `fd01:5ca1:ab1e:${rng.hex(4)}:${rng.hex(4)}:${rng.hex(4)}:${rng.hex(4)}:${rng.hex(4)}`.replace(/:0+(?=[0-9a-f])/g, ':');
  return [v4, v6];
}

/** SDK: key_type is 'curve25519' for WireGuard and 'secp256r1' for MASQUE. */
function keyFor(rng: Rng, tunnel: string): [string, string] {
  return tunnel === 'masque'
    ? [rng.bytes(65).toString('base64'), 'secp256r1']
    : [rng.bytes(32).toString('base64'), 'curve25519'];
}

interface Ctx {
  rng: Rng;
  /** Every id handed out so far (legacy ids included): mulberry32 streams can meet, so ids are checked, not trusted. */
  taken: Set<string>;
  now: number;
  policies: SimPolicyRef[];
  deletedPolicy: SimPolicyRef;
}

function freshId(c: Ctx): string {
  for (;;) {
    const id = c.rng.uuid();
    if (!c.taken.has(id)) {
      c.taken.add(id);
      return id;
    }
  }
}

function registration(c: Ctx, id: string, deviceId: string, user: DeviceUser, created: number, lastSeen: number,
  tunnel: string, revokedAt: string | null, deletedAt: string | null): SimRegistration {
  const { rng } = c;
  const [key, keyType] = keyFor(rng, tunnel);
  // Now and then a registration still points at a profile that was deleted since (SDK Policy.deleted).
  const policy = rng.chance(0.02) ? c.deletedPolicy : rng.chance(0.5) ? c.policies[0] : rng.pick(c.policies);
  const [v4, v6] = virtualIps(rng);
  const released = deletedAt !== null; // delete releases virtual IPs, revoke does not (SDK revoke doc)
  return {
    id, created_at: iso(created), updated_at: iso(Math.max(created, lastSeen)), last_seen_at: iso(lastSeen),
    key, key_type: keyType, tunnel_type: tunnel,
    registration_type: rng.chance(0.02) ? 'browser_extension' : 'warp',
    deviceId, user: { id: user.id, email: user.email, name: user.name }, policy: { ...policy },
    revoked_at: revokedAt, deleted_at: deletedAt,
    virtual_ipv4: released ? null : v4, virtual_ipv6: released ? null : v6,
  };
}

function physical(c: Ctx, d: SimDevice, users: DeviceUser[], multiUser: boolean): SimPhysicalDevice {
  const { rng, now } = c;
  const created = Date.parse(d.created ?? iso(now));
  const lastSeen = Date.parse(d.last_seen ?? iso(now));
  const deletedAt = d.deleted ? iso(Math.min(now, lastSeen + rng.int(HOUR, 5 * DAY))) : null;
  const mobile = d.device_type === 'ios' || d.device_type === 'android';
  const dev: SimPhysicalDevice = {
    id: freshId(c),
    name: d.name ?? '',
    created_at: iso(created),
    updated_at: d.updated ?? iso(lastSeen),
    // A device enrolled but never connected has no last_seen_at (SDK: string | null).
    last_seen_at: rng.chance(0.005) ? null : iso(lastSeen),
    client_version: d.version ?? null,
    device_type: d.device_type ?? null,
    hardware_id: mobile ? null : rng.hex(32).toUpperCase(),
    mac_address: d.mac_address && d.device_type !== 'ios' ? d.mac_address : null,
    manufacturer: d.manufacturer ?? null,
    model: d.model ?? null,
    os_version: d.os_version ?? null,
    os_version_extra: d.os_version_extra || null,
    serial_number: d.serial_number ?? null,
    tags: rng.chance(0.1) ? { site: (d.name ?? 'HQ').slice(0, 3) } : {},
    deleted_at: deletedAt,
    registrations: [],
  };
  const primaryUser = d.user ?? users[0];
  const first = registration(c, d.id, dev.id, primaryUser, created, lastSeen, d.tunnel_type, d.revoked_at ?? null, deletedAt);
  dev.registrations.push(first);
  // Shared desktops of a multi-user account: other people sign in on the same machine.
  const desktop = d.device_type === 'windows' || d.device_type === 'mac' || d.device_type === 'linux';
  if (multiUser && desktop && rng.chance(0.15)) {
    const extra = rng.int(1, 3);
    for (let k = 0; k < extra; k++) {
      const u = users[rng.int(0, users.length - 1)];
      const rCreated = created + rng.int(HOUR, 30 * DAY);
      const rSeen = Math.min(now, rCreated + rng.int(HOUR, 60 * DAY));
      const roll = rng.float();
      const revoked = roll < 0.1 ? iso(rSeen + HOUR) : null;
      const deleted = deletedAt ?? (roll > 0.9 ? iso(Math.min(now, rSeen + DAY)) : null);
      dev.registrations.push(registration(c, freshId(c), dev.id, u, Math.min(now, rCreated), rSeen, d.tunnel_type, revoked, deleted));
    }
    dev.registrations.sort(byCreated);
  }
  const last = dev.registrations.reduce((m, r) => (r.last_seen_at > m ? r.last_seen_at : m), '');
  if (dev.last_seen_at !== null) dev.last_seen_at = last;
  return dev;
}

export function buildMultiUser(a: AccountData, seed: number, now: number, users: DeviceUser[]): MultiUserData {
  const rng = new Rng(mixSeed(seed, 0x3a17));
  const c: Ctx = {
    rng, now, policies: policyRefs(a, rng, now), taken: new Set(a.devices.map(d => d.id)),
    deletedPolicy: { id: rng.uuid(), default: false, deleted: true, name: 'Old Laptops', updated_at: iso(now - 200 * DAY) },
  };
  const pool = users.length ? users : [{ id: rng.uuid(), email: 'someone@acme.com', name: 'Some One' }];
  const devices = a.devices.map(d => physical(c, d, pool, a.multiUserMode));
  devices.sort(byCreated);
  const registrations = devices.flatMap(d => d.registrations);
  registrations.sort(byCreated);
  return {
    devices,
    registrations,
    deviceById: new Map(devices.map(d => [d.id, d])),
    registrationById: new Map(registrations.map(r => [r.id, r])),
    legacyById: new Map(a.devices.map(d => [d.id, d])),
  };
}

/** The account's multi-user data, built on first use. */
export function multiOf(a: AccountData, seed: number, now: number): MultiUserData {
  if (!a.multi) {
    const seen = new Map<string, DeviceUser>();
    for (const d of a.devices) if (d.user?.id) seen.set(d.user.id, d.user);
    a.multi = buildMultiUser(a, seed, now, [...seen.values()]);
  }
  return a.multi;
}

/** Keeps the legacy device of the same id in step with a registration write (single-user accounts answer both APIs). */
export function mirrorToLegacy(a: AccountData, r: SimRegistration): void {
  const d = a.multi?.legacyById.get(r.id);
  if (!d) return;
  d.revoked_at = r.revoked_at ?? undefined;
  if (r.deleted_at) d.deleted = true;
  d.updated = r.updated_at;
}

/** Keeps the registration of the same id in step with a legacy revoke/unrevoke. */
export function mirrorFromLegacy(a: AccountData, d: SimDevice): void {
  const r = a.multi?.registrationById.get(d.id);
  if (!r || r.deleted_at) return;
  r.revoked_at = d.revoked_at ?? null;
  r.updated_at = d.updated ?? r.updated_at;
}
