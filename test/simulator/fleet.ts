/**
 * The device fleet: users of acme.com and their WARP devices, generated from a seed.
 * Each device has its own random stream, so device #i is the same whatever the fleet size;
 * only the user it is assigned to depends on the size of the user pool.
 */
import type { DeviceType, DeviceUser } from '../../src/api/types';
import { isoTime } from './isoTime';
import { Rng, mixSeed } from './random';
import type { SimDevice } from './types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const FIRST = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Priya', 'Wei', 'Aisha', 'Mateo',
  'Yuki', 'Olga', 'Kwame', 'Fatima', 'Lars', 'Ines', 'Arjun', 'Chloe', 'Noah', 'Emma', 'Liam', 'Sofia', 'Omar', 'Hana'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee', 'Patel', 'Chen',
  'Nakamura', 'Okafor', 'Schmidt', 'Rossi', 'Dubois', 'Novak', 'Kowalski', 'Andersson', 'Silva', 'Kim', 'Nguyen', 'Doe'];

const SITES = ['LON', 'NYC', 'SFO', 'BER', 'SIN', 'TOR', 'AUS'];
const WARP_VERSIONS = ['2024.9.346.0', '2024.11.309.0', '2024.12.554.0', '2025.1.861.0', '2025.2.600.0',
  '2025.4.929.0', '2025.5.893.0'];

const PLATFORMS: readonly (readonly [DeviceType, number])[] = [
  ['windows', 45], ['mac', 25], ['ios', 12], ['linux', 8], ['android', 8], ['chromeos', 2],
];

export function generateUsers(seed: number, count: number): DeviceUser[] {
  const users: DeviceUser[] = [];
  const taken = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const rng = new Rng(mixSeed(seed, 0x05e7, i));
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    const base = `${first}.${last}`.toLowerCase();
    const n = (taken.get(base) ?? 0) + 1;
    taken.set(base, n);
    const local = n === 1 ? base : `${base}${n}`;
    users.push({ id: rng.uuid(), email: `${local}@acme.com`, name: `${first} ${last}` });
  }
  return users;
}

/** What a platform contributes to a device record. */
interface PlatformInfo {
  name: string;
  manufacturer: string;
  model: string;
  os_version: string;
  os_version_extra?: string;
  os_distro_name?: string;
  os_distro_revision?: string;
  serial_number?: string;
}

type Namer = (prefix: string) => string;

function initials(user: DeviceUser): string {
  const [first = '', ...rest] = (user.name ?? '').split(' ');
  return `${first.charAt(0)}. ${rest.join(' ')}`;
}

function serial(rng: Rng, len: number): string {
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
  let s = '';
  for (let i = 0; i < len; i++) s += chars[rng.int(0, chars.length - 1)];
  return s;
}

function windows(rng: Rng, name: Namer): PlatformInfo {
  const [manufacturer, model] = rng.pick([
    ['Dell Inc.', 'Latitude 7440'], ['Dell Inc.', 'XPS 13 9340'], ['LENOVO', 'ThinkPad X1 Carbon Gen 11'],
    ['LENOVO', 'ThinkPad T14 Gen 4'], ['HP', 'HP EliteBook 840 G10'], ['Microsoft Corporation', 'Surface Laptop 5'],
  ] as const);
  const [build, ubr] = rng.pick([['10.0.22631', 4460], ['10.0.26100', 2605], ['10.0.19045', 5131]] as const);
  const kind = rng.chance(0.8) ? 'LT' : 'DT';
  return { name: name(`${rng.pick(SITES)}-${kind}`), manufacturer, model, os_version: build,
    os_version_extra: String(ubr + rng.int(0, 300)), serial_number: serial(rng, 7) };
}

function mac(rng: Rng, name: Namer): PlatformInfo {
  const model = rng.pick(['MacBookPro18,3', 'Mac14,2', 'Mac14,7', 'Mac15,3', 'MacBookAir10,1', 'Mac16,1']);
  const os = rng.pick(['15.2', '15.1.1', '14.7.2', '14.6.1', '13.7.1']);
  return { name: name(`${rng.pick(SITES)}-MB`), manufacturer: 'Apple Inc.', model, os_version: os,
    os_version_extra: rng.chance(0.15) ? '(a)' : '', serial_number: `C02${serial(rng, 9)}` };
}

function linux(rng: Rng, name: Namer): PlatformInfo {
  const [distro, rev, kernel] = rng.pick([
    ['ubuntu', '24.04', '6.8.0-51-generic'], ['ubuntu', '22.04', '5.15.0-130-generic'],
    ['fedora', '41', '6.12.7-200.fc41.x86_64'], ['debian', '12', '6.1.0-28-amd64'],
  ] as const);
  const pretty = `${distro.charAt(0).toUpperCase()}${distro.slice(1)} ${rev}`;
  const [manufacturer, model] = rng.pick([['Dell Inc.', 'Precision 5680'], ['LENOVO', 'ThinkPad P1 Gen 6'],
    ['System76', 'Lemur Pro']] as const);
  return { name: name(`${rng.pick(SITES)}-LNX`), manufacturer, model, os_version: kernel, os_version_extra: pretty,
    os_distro_name: distro, os_distro_revision: rev, serial_number: serial(rng, 10) };
}

function ios(rng: Rng, user: DeviceUser): PlatformInfo {
  const ipad = rng.chance(0.2);
  const model = ipad ? rng.pick(['iPad13,18', 'iPad14,3']) : rng.pick(['iPhone14,5', 'iPhone15,2', 'iPhone16,1', 'iPhone17,3']);
  return { name: `${ipad ? 'iPad' : 'iPhone'} of ${initials(user)}`, manufacturer: 'Apple Inc.', model,
    os_version: rng.pick(['18.2', '18.1.1', '17.7.2', '17.6.1']) };
}

function android(rng: Rng, user: DeviceUser): PlatformInfo {
  const [manufacturer, model, label] = rng.pick([['Google', 'Pixel 8', 'Pixel 8'], ['Google', 'Pixel 9 Pro', 'Pixel 9 Pro'],
    ['samsung', 'SM-S911B', 'Galaxy S23'], ['samsung', 'SM-A546B', 'Galaxy A54']] as const);
  return { name: `${label} of ${initials(user)}`, manufacturer, model, os_version: rng.pick(['15', '14', '13']),
    serial_number: serial(rng, 11) };
}

function chromeos(rng: Rng, user: DeviceUser): PlatformInfo {
  const [manufacturer, model] = rng.pick([['HP', 'HP Chromebook x360 14c'], ['Google', 'Pixelbook Go'],
    ['Acer', 'Chromebook Spin 714']] as const);
  return { name: `Chromebook of ${initials(user)}`, manufacturer, model,
    os_version: rng.pick(['131.0.6778.191', '130.0.6723.126']), serial_number: serial(rng, 10) };
}

function platformInfo(type: DeviceType, rng: Rng, user: DeviceUser, name: Namer): PlatformInfo {
  switch (type) {
    case 'windows': return windows(rng, name);
    case 'mac': return mac(rng, name);
    case 'linux': return linux(rng, name);
    case 'ios': return ios(rng, user);
    case 'android': return android(rng, user);
    case 'chromeos': return chromeos(rng, user);
  }
}

/** How long ago a device was last seen: ~30% today, ~30% this week, ~20% this month, ~20% older. */
function lastSeenAgo(rng: Rng): number {
  const r = rng.float();
  if (r < 0.3) return rng.int(60_000, 20 * HOUR);
  if (r < 0.6) return rng.int(DAY, 7 * DAY);
  if (r < 0.8) return rng.int(7 * DAY, 30 * DAY);
  return rng.int(30 * DAY, 400 * DAY);
}

function publicIp(rng: Rng): string {
  if (rng.chance(0.1)) return `2001:db8:${rng.hex(4)}::${rng.hex(4)}`;
  // Documentation ranges only: the simulator must never point at someone's real address.
  const net = rng.pick(['192.0.2', '198.51.100', '203.0.113']);
  return `${net}.${rng.int(1, 254)}`;
}

function macAddress(rng: Rng): string {
  return rng.bytes(6).toString('hex').toUpperCase().replace(/(..)(?!$)/g, '$1-');
}

const iso = isoTime;

/**
 * Builds one device and returns its created time (for sorting) with it. Every field is written in
 * one literal, in the same order, so all devices share one object shape: spreads here made the
 * generator several times slower.
 */
function makeDevice(seed: number, i: number, users: DeviceUser[], now: number, name: Namer): [number, SimDevice] {
  const rng = new Rng(mixSeed(seed, 0xde71ce, i));
  const type = rng.weighted(PLATFORMS);
  const user = users[rng.int(0, users.length - 1)];
  const info = platformInfo(type, rng, user, name);
  const id = rng.uuid();
  const lastSeen = now - lastSeenAgo(rng);
  const created = lastSeen - rng.int(HOUR, 700 * DAY);
  const revoked = rng.chance(0.03) ? Math.min(now, lastSeen + rng.int(0, 2 * DAY)) : undefined;
  const device: SimDevice = {
    id,
    created: iso(created),
    deleted: rng.chance(0.01),
    device_type: type,
    ip: publicIp(rng),
    key: rng.bytes(32).toString('base64'),
    last_seen: iso(lastSeen),
    mac_address: macAddress(rng),
    manufacturer: info.manufacturer,
    model: info.model,
    name: info.name,
    os_distro_name: info.os_distro_name,
    os_distro_revision: info.os_distro_revision,
    os_version: info.os_version,
    os_version_extra: info.os_version_extra,
    revoked_at: revoked === undefined ? undefined : iso(revoked),
    serial_number: info.serial_number,
    updated: iso(revoked ?? lastSeen),
    user: { id: user.id, email: user.email, name: user.name },
    version: rng.pick(WARP_VERSIONS),
    key_type: 'curve25519',
    tunnel_type: rng.chance(0.8) ? 'masque' : 'wireguard',
    gateway_device_id: `PD${rng.hex(8).toUpperCase()}X${id.replace(/-/g, '').slice(0, 24)}Q`,
  };
  return [created, device];
}

/** Sorted by created, then id: the order the list endpoints answer in. */
export function generateDevices(seed: number, count: number, users: DeviceUser[], now: number): SimDevice[] {
  const counters = new Map<string, number>();
  const name: Namer = prefix => {
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    return `${prefix}-${String(n).padStart(4, '0')}`;
  };
  const pairs: [number, SimDevice][] = [];
  for (let i = 0; i < count; i++) pairs.push(makeDevice(seed, i, users, now, name));
  pairs.sort((a, b) => a[0] - b[0] || (a[1].id < b[1].id ? -1 : 1));
  return pairs.map(p => p[1]);
}
