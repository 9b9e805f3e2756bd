/**
 * The Devices view's devices as export records: JSON in the API's field names, CSV rows with every
 * field (pure: no `vscode` import, unit-tested).
 *
 * "Every field the API gives": a legacy FleetDevice is the API's device spread (fleetDevice.ts
 * fromLegacy), so its own keys are the API's — columns are the known ones in a readable order, then
 * any other key the API sent. A multi-user device's registrations go out in the API's snake_case
 * names (registrations.d.ts RegistrationListResponse), one CSV row per registration.
 * Nothing here holds a credential: the records are built from the device list alone.
 */
import type { FleetDevice, FleetRegistration } from './fleetDevice';
import { deviceStatus } from './deviceQuery';

type Scalar = string | number | boolean | null;
export type ExportValue = Scalar | ExportValue[] | { [k: string]: ExportValue };
export type ExportRecord = { [k: string]: ExportValue };

/** Keys of FleetDevice that are ours, not the API's: written under API names below, or not at all. */
const OWN_KEYS = new Set(['api', 'status', 'registrations', 'activeRegistrations', 'hardwareId']);

/** The order a person reads a device in; keys not listed follow, sorted. */
const DEVICE_ORDER = [
  'id', 'name', 'status', 'device_type', 'os_version', 'os_version_extra', 'os_distro_name', 'os_distro_revision', 'version',
  'user.id', 'user.email', 'user.name', 'last_seen', 'created', 'updated', 'revoked_at', 'deleted',
  'model', 'manufacturer', 'serial_number', 'mac_address', 'ip', 'key', 'hardware_id', 'active_registrations',
];

const NEW_API_ONLY = new Set(['hardware_id', 'active_registrations']);

const REGISTRATION_ORDER = [
  'id', 'user.id', 'user.email', 'user.name', 'policy.id', 'policy.name', 'policy.default', 'policy.deleted', 'last_seen_at',
  'created_at', 'updated_at', 'revoked_at', 'deleted_at', 'virtual_ipv4', 'virtual_ipv6', 'registration_type', 'key', 'key_type',
  'tunnel_type', 'client_version',
];

function clean(o: Record<string, unknown>): ExportRecord {
  const out: ExportRecord = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v as ExportValue;
  return out;
}

export function registrationRecord(r: FleetRegistration): ExportRecord {
  return clean({
    id: r.id,
    user: r.user ? clean({ ...r.user }) : undefined,
    policy: r.policy ? clean({ ...r.policy }) : undefined,
    last_seen_at: r.lastSeen ?? null,
    created_at: r.created,
    updated_at: r.updated,
    revoked_at: r.revokedAt ?? null,
    deleted_at: r.deletedAt ?? null,
    virtual_ipv4: r.virtualIpv4 ?? null,
    virtual_ipv6: r.virtualIpv6 ?? null,
    registration_type: r.registrationType,
    key: r.key,
    key_type: r.keyType ?? null,
    tunnel_type: r.tunnelType ?? null,
    client_version: r.clientVersion,
  });
}

/** One device as JSON: the API's fields, its derived status, and (new API) its registrations. */
export function deviceRecord(d: FleetDevice): ExportRecord {
  const own: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(d)) if (!OWN_KEYS.has(k)) own[k] = v;
  const rec = clean({ ...own, status: deviceStatus(d) });
  if (d.api === 'registrations') {
    Object.assign(rec, clean({ hardware_id: d.hardwareId, active_registrations: d.activeRegistrations }));
    rec.registrations = (d.registrations ?? []).map(registrationRecord);
  }
  return rec;
}

/** Nested objects as dotted keys ("user.email"); arrays as JSON text. */
export function flatten(rec: ExportRecord, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const [k, v] of Object.entries(rec)) {
    const key = prefix + k;
    if (v === undefined) continue;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flatten(v, `${key}.`, out);
    else out[key] = v === null ? '' : Array.isArray(v) ? JSON.stringify(v) : String(v);
  }
  return out;
}

function ordered(keys: Iterable<string>, order: readonly string[]): string[] {
  const set = new Set(keys);
  const known = order.filter(k => set.has(k));
  const rest = [...set].filter(k => !order.includes(k)).sort();
  return [...known, ...rest];
}

export interface CsvLayout {
  /** Present when the view is grouped: the first column says which group a row is in. */
  group: boolean;
  device: string[];
  /** Registration columns ("registration.…"), on a multi-user fleet only. */
  registration: string[];
}

/**
 * The columns, gathered device by device (the export adds them in slices): every key any device has,
 * known ones first. The documented fields are columns even when no device has them (an omitted
 * revoked_at), so every export of a fleet has the same columns; the new API's own ones and the
 * registration columns (registrationRecord's fixed keys) only on a multi-user fleet.
 */
export class CsvColumns {
  private readonly device = new Set<string>();
  private multi = false;

  add(d: FleetDevice): void {
    this.multi ||= d.api === 'registrations';
    for (const [k, v] of Object.entries(d)) {
      if (OWN_KEYS.has(k) || v === undefined) continue;
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) for (const sub of Object.keys(flatten(v as ExportRecord, `${k}.`))) this.device.add(sub);
      else this.device.add(k);
    }
  }

  layout(grouped: boolean): CsvLayout {
    const device = new Set(this.device);
    for (const k of DEVICE_ORDER) if (this.multi || !NEW_API_ONLY.has(k)) device.add(k);
    return { group: grouped, device: ordered(device, DEVICE_ORDER), registration: this.multi ? [...REGISTRATION_ORDER] : [] };
  }
}

export function csvLayout(devices: Iterable<FleetDevice>, grouped: boolean): CsvLayout {
  const columns = new CsvColumns();
  for (const d of devices) columns.add(d);
  return columns.layout(grouped);
}

export function csvHeader(layout: CsvLayout): string[] {
  return [...(layout.group ? ['group'] : []), ...layout.device, ...layout.registration.map(k => `registration.${k}`)];
}

/**
 * The CSV rows of one device: one per registration (device columns repeated, so each row stands alone
 * in a spreadsheet filter), or one row when it has none or the fleet is on the legacy API.
 */
export function csvRows(d: FleetDevice, layout: CsvLayout, group: string): string[][] {
  const { registrations, ...rest } = deviceRecord(d);
  const flat = flatten(rest);
  const head = [...(layout.group ? [group] : []), ...layout.device.map(k => flat[k] ?? '')];
  const regs = Array.isArray(registrations) ? (registrations as ExportRecord[]) : [];
  if (!regs.length) return [[...head, ...layout.registration.map(() => '')]];
  return regs.map(r => {
    const fr = flatten(r);
    return [...head, ...layout.registration.map(k => fr[k] ?? '')];
  });
}
