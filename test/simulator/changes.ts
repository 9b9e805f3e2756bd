/**
 * What happens to a fleet between two refreshes without this extension: a new machine enrols, a
 * device checks in. Revoking and deleting go through the API itself (another admin's client does
 * that), so tests call the endpoints. Used by the incremental refresh tests and the benchmark.
 */
import { isoTime } from './isoTime';
import { Rng, mixSeed } from './random';
import type { MultiUserData, SimPhysicalDevice, SimRegistration } from './types';

let enrolled = 0;

/**
 * A new physical device with one active registration of `user`, enrolled and seen at `at` (ms).
 * Appended: it is the newest by created_at, so the lists' default order (created_at, id) holds.
 */
export function enrolDevice(m: MultiUserData, at: number, seed = 1): SimPhysicalDevice {
  const rng = new Rng(mixSeed(seed, 0xe4201, ++enrolled));
  const template = m.registrations[rng.int(0, m.registrations.length - 1)];
  const when = isoTime(Math.max(at, Date.parse(m.registrations[m.registrations.length - 1]?.created_at ?? '1970-01-01T00:00:00Z') + 1));
  const device: SimPhysicalDevice = {
    id: rng.uuid(), name: `NEW-LT-${String(enrolled).padStart(4, '0')}`, created_at: when, updated_at: when, last_seen_at: when,
    client_version: '2025.5.893.0', device_type: 'windows', hardware_id: rng.hex(32).toUpperCase(), mac_address: null,
    manufacturer: 'LENOVO', model: 'ThinkPad T14 Gen 4', os_version: '10.0.26100', os_version_extra: null,
    serial_number: rng.hex(8).toUpperCase(), tags: {}, deleted_at: null, registrations: [],
  };
  const reg: SimRegistration = {
    id: rng.uuid(), created_at: when, updated_at: when, last_seen_at: when, key: rng.bytes(32).toString('base64'),
    key_type: 'curve25519', tunnel_type: 'wireguard', registration_type: 'warp', deviceId: device.id,
    user: template?.user ? { ...template.user } : undefined, policy: { ...template.policy },
    revoked_at: null, deleted_at: null, virtual_ipv4: `100.96.0.${rng.int(1, 254)}`, virtual_ipv6: null,
  };
  device.registrations.push(reg);
  m.devices.push(device);
  m.registrations.push(reg);
  m.deviceById.set(device.id, device);
  m.registrationById.set(reg.id, reg);
  return device;
}

/** The registration (and its device) checks in at `at` (ms): last_seen_at moves, nothing else. */
export function checkIn(m: MultiUserData, registrationId: string, at: number): void {
  const r = m.registrationById.get(registrationId);
  if (!r) throw new Error(`no registration ${registrationId}`);
  r.last_seen_at = isoTime(at);
  const d = m.deviceById.get(r.deviceId);
  if (d && (d.last_seen_at === null || d.last_seen_at < r.last_seen_at)) d.last_seen_at = r.last_seen_at;
}
