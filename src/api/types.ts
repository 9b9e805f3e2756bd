/**
 * Shapes of the Cloudflare API as the seed pages and the official SDK's types describe them.
 * Every field the API may omit is optional: the client never assumes more than the API promises.
 */

export interface ResponseInfo {
  code: number;
  message: string;
  documentation_url?: string;
  source?: { pointer?: string };
  /** Causes of a header/auth error, e.g. 6003 "Invalid request headers" carries 6111 "Invalid format for Authorization header". */
  error_chain?: ResponseInfo[];
}

export interface ResultInfo {
  page?: number;
  per_page?: number;
  count?: number;
  total_count?: number;
  total_pages?: number;
  /** Cursor-style paging: the next cursor; empty when there is no more. */
  cursor?: string;
}

export interface Envelope<T> {
  success: boolean;
  errors: ResponseInfo[];
  messages: ResponseInfo[];
  result: T;
  result_info?: ResultInfo;
}

export type DeviceType = 'windows' | 'mac' | 'linux' | 'android' | 'ios' | 'chromeos';

export interface DeviceUser {
  id?: string;
  email?: string;
  name?: string;
}

/** An item of GET /accounts/{account_id}/devices. */
export interface Device {
  id: string;
  created?: string;
  deleted?: boolean;
  device_type?: DeviceType | string;
  ip?: string;
  key?: string;
  last_seen?: string;
  mac_address?: string;
  manufacturer?: string;
  model?: string;
  name?: string;
  os_distro_name?: string;
  os_distro_revision?: string;
  os_version?: string;
  os_version_extra?: string;
  revoked_at?: string;
  serial_number?: string;
  updated?: string;
  user?: DeviceUser;
  version?: string;
}

/** GET /accounts/{account_id}/devices/{device_id}. */
export interface DeviceDetails {
  id: string;
  account?: { id?: string; account_type?: string; name?: string };
  created?: string;
  deleted?: boolean;
  device_type?: string;
  gateway_device_id?: string;
  ip?: string;
  key?: string;
  key_type?: string;
  last_seen?: string;
  mac_address?: string;
  model?: string;
  name?: string;
  os_version?: string;
  serial_number?: string;
  tunnel_type?: string;
  updated?: string;
  user?: DeviceUser;
  version?: string;
}

/** Durations in hours for which an override code disables WARP. */
export const OVERRIDE_DURATIONS = ['1', '3', '6', '12', '24'] as const;
export type OverrideDuration = (typeof OVERRIDE_DURATIONS)[number];

/**
 * Override codes by how long they disable WARP: `{ "1": code, "3": code, … }`. The registrations API
 * types it as an open map (SDK OverrideCodeGetResponse), so durations beyond OVERRIDE_DURATIONS may appear.
 */
export interface OverrideCodes {
  disable_for_time: Record<string, string>;
}

/**
 * Override codes in the one shape above, from any shape the API is known to send: the map
 * `{ disable_for_time: {…} }`, a list of such objects (the shape the SDK now types for the legacy
 * per-device call, api-notes), or null (Admin Override off). Non-string codes are dropped.
 */
export function normaliseOverrideCodes(result: unknown): OverrideCodes {
  const out: Record<string, string> = {};
  const take = (value: unknown) => {
    if (!value || typeof value !== 'object') return;
    const map = (value as { disable_for_time?: unknown }).disable_for_time;
    if (!map || typeof map !== 'object' || Array.isArray(map)) return;
    for (const [duration, code] of Object.entries(map as Record<string, unknown>)) {
      if (typeof code === 'string' && code) out[duration] = code;
    }
  };
  if (Array.isArray(result)) result.forEach(take);
  else take(result);
  return { disable_for_time: out };
}

/** A Split Tunnel entry: an address (IP or CIDR) or a host (domain), never both. */
export type SplitTunnelEntry =
  | { address: string; host?: undefined; description?: string }
  | { host: string; address?: undefined; description?: string };

export type SplitTunnelMode = 'include' | 'exclude';

export interface FallbackDomain {
  suffix: string;
  description?: string;
  dns_server?: string[];
}

export interface ServiceModeV2 {
  mode?: string;
  port?: number;
}

export interface TargetTest {
  id?: string;
  name?: string;
}

/** A device settings profile (SettingsPolicy). The default profile has `default: true` and no name/match/precedence. */
export interface SettingsPolicy {
  policy_id?: string;
  default?: boolean;
  name?: string;
  description?: string;
  match?: string;
  precedence?: number;
  enabled?: boolean;
  allow_mode_switch?: boolean;
  allow_updates?: boolean;
  allowed_to_leave?: boolean;
  auto_connect?: number;
  captive_portal?: number;
  disable_auto_fallback?: boolean;
  exclude?: SplitTunnelEntry[];
  include?: SplitTunnelEntry[];
  exclude_office_ips?: boolean;
  fallback_domains?: FallbackDomain[];
  gateway_unique_id?: string;
  lan_allow_minutes?: number;
  lan_allow_subnet_size?: number;
  register_interface_ip_with_dns?: boolean;
  sccm_vpn_boundary_support?: boolean;
  service_mode_v2?: ServiceModeV2;
  support_url?: string;
  switch_locked?: boolean;
  target_tests?: TargetTest[];
  tunnel_protocol?: string;
}

/** Fields a PATCH of a profile may carry (the lists have endpoints of their own). */
export type SettingsPolicyPatch = Partial<
  Omit<SettingsPolicy, 'policy_id' | 'default' | 'exclude' | 'include' | 'fallback_domains' | 'target_tests' | 'gateway_unique_id'>
>;

export type SettingsPolicyCreate = SettingsPolicyPatch & { name: string; match: string; precedence: number };

export interface IPProfile {
  id: string;
  created_at: string;
  description: string;
  enabled: boolean;
  match: string;
  name: string;
  precedence: number;
  subnet_id: string;
  updated_at: string;
}

export type TunnelStatus = 'inactive' | 'degraded' | 'healthy' | 'down';

export interface TunnelConnectionSummary {
  id?: string;
  client_id?: string;
  client_version?: string;
  colo_name?: string;
  is_pending_reconnect?: boolean;
  opened_at?: string;
  origin_ip?: string;
  uuid?: string;
}

/** An item of GET /accounts/{account_id}/warp_connector. */
export interface WarpConnectorTunnel {
  id: string;
  account_tag?: string;
  connections?: TunnelConnectionSummary[];
  conns_active_at?: string | null;
  conns_inactive_at?: string | null;
  created_at?: string;
  deleted_at?: string | null;
  metadata?: unknown;
  name?: string;
  status?: TunnelStatus;
  tun_type?: string;
}

export type HaStatus = 'offline' | 'passive' | 'active';

export interface ConnectorConnection {
  id?: string;
  client_id?: string;
  client_version?: string;
  colo_name?: string;
  opened_at?: string;
  origin_ip?: string;
}

/** An item of GET /accounts/{account_id}/warp_connector/{tunnel_id}/connections: one connector. */
export interface WarpConnector {
  id?: string;
  arch?: string;
  conns?: ConnectorConnection[];
  features?: string[];
  ha_status?: HaStatus;
  run_at?: string;
  version?: string;
}

export interface WarpConnectorListFilter {
  name?: string;
  status?: TunnelStatus;
  is_deleted?: boolean;
}

export interface Account {
  id: string;
  name: string;
  type?: string;
  created_on?: string;
  settings?: Record<string, unknown>;
}

export interface TokenVerification {
  id: string;
  status: 'active' | 'disabled' | 'expired' | string;
  expires_on?: string;
  not_before?: string;
}

export interface Zone {
  id: string;
  name: string;
  status?: string;
  account?: { id?: string; name?: string };
}

export interface CertificateProvisioning {
  enabled: boolean;
}
