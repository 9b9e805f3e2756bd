/**
 * Physical WARP devices: the machines of a multi-user mode account, each with its registrations.
 * Shapes and parameters from the official SDK v7 types (cloudflare/resources/zero-trust/devices/devices_.d.ts,
 * served at /accounts/{a}/devices/physical-devices).
 */
import type { CloudflareClient } from './client';
import { CloudflareApiError } from './errors';
import { listAllCursor, type ListOptions } from './paging';
import { accountPath } from './paths';
import type { RegistrationPolicy } from './registrations';

/** A WARP device (SDK DeviceListResponse / DeviceGetResponse). */
export interface PhysicalDevice {
  id: string;
  /** Registrations neither revoked nor deleted. */
  active_registrations: number;
  created_at: string;
  last_seen_at: string | null;
  name: string;
  /** Empty object when the device has no tags. */
  tags: Record<string, string>;
  updated_at: string;
  client_version?: string | null;
  deleted_at?: string | null;
  device_type?: string | null;
  hardware_id?: string | null;
  /** Its policy only with `include=last_seen_registration.policy`. */
  last_seen_registration?: { policy?: RegistrationPolicy | null } | null;
  last_seen_user?: { id?: string; email?: string; name?: string } | null;
  mac_address?: string | null;
  manufacturer?: string | null;
  model?: string | null;
  os_version?: string | null;
  os_version_extra?: string | null;
  /** Deprecated by Cloudflare (DEX has IP information). */
  public_ip?: string | null;
  serial_number?: string | null;
}

export type PhysicalDeviceSortBy = 'name' | 'id' | 'client_version' | 'last_seen_user.email' | 'last_seen_at' | 'active_registrations' | 'created_at';

/** The list filters the SDK types (DeviceListParams). */
export interface PhysicalDeviceFilter {
  ids?: string[];
  /** The API's default is `only`: devices without an active registration are left out unless asked for. */
  activeRegistrations?: 'include' | 'only' | 'exclude';
  hasRegistrationType?: 'warp' | 'browser_extension';
  /** Profile id of the last seen registration. */
  lastSeenPolicyId?: string;
  lastSeenUserEmail?: string;
  search?: string;
  /** RFC 3339; only devices last seen after / before it. */
  seenAfter?: string;
  seenBefore?: string;
  sortBy?: PhysicalDeviceSortBy;
  sortOrder?: 'asc' | 'desc';
  /** `key:value`; a device must match all. */
  tags?: string[];
  /** Ask for `last_seen_registration.policy`. */
  includeLastSeenPolicy?: boolean;
}

export function physicalDeviceQuery(f: PhysicalDeviceFilter = {}): NonNullable<ListOptions['query']> {
  return {
    id: f.ids,
    active_registrations: f.activeRegistrations,
    has_registration_type: f.hasRegistrationType,
    'last_seen_registration.policy': f.lastSeenPolicyId,
    'last_seen_user.email': f.lastSeenUserEmail,
    search: f.search,
    seen_after: f.seenAfter,
    seen_before: f.seenBefore,
    sort_by: f.sortBy,
    sort_order: f.sortOrder,
    tag: f.tags,
    include: f.includeLastSeenPolicy ? 'last_seen_registration.policy' : undefined,
  };
}

const devicesPath = (accountId: string, ...rest: string[]) => accountPath(accountId, 'devices', 'physical-devices', ...rest);

/** GET /accounts/{a}/devices/physical-devices — every page (cursor paging), each device once. */
export function listPhysicalDevices(
  client: CloudflareClient,
  accountId: string,
  filter: PhysicalDeviceFilter = {},
  opts: ListOptions = {},
): Promise<PhysicalDevice[]> {
  return listAllCursor<PhysicalDevice>(client, devicesPath(accountId), { ...opts, query: { ...opts.query, ...physicalDeviceQuery(filter) } });
}

/** GET /accounts/{a}/devices/physical-devices/{id} */
export async function getPhysicalDevice(
  client: CloudflareClient,
  accountId: string,
  deviceId: string,
  opts: { includeLastSeenPolicy?: boolean; signal?: AbortSignal } = {},
): Promise<PhysicalDevice> {
  const path = devicesPath(accountId, deviceId);
  const query = { include: opts.includeLastSeenPolicy ? 'last_seen_registration.policy' : undefined };
  const res = await client.get<PhysicalDevice | null>(path, { query, signal: opts.signal });
  if (!res.result) throw CloudflareApiError.emptyResult('GET', path);
  return res.result;
}

/**
 * POST /accounts/{a}/devices/physical-devices/{id}/revoke — revokes every registration of the device.
 * The SDK: "Prefer delete: revoke does not release virtual IPs". Not retried after it may have arrived.
 */
export async function revokePhysicalDevice(client: CloudflareClient, accountId: string, deviceId: string, signal?: AbortSignal): Promise<void> {
  await client.request('POST', devicesPath(accountId, deviceId, 'revoke'), { signal });
}

/** DELETE /accounts/{a}/devices/physical-devices/{id} — cannot be undone. Not retried after it may have arrived. */
export async function deletePhysicalDevice(client: CloudflareClient, accountId: string, deviceId: string, signal?: AbortSignal): Promise<void> {
  await client.request('DELETE', devicesPath(accountId, deviceId), { signal });
}
