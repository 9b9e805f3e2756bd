/**
 * Public shapes of the simulator. API shapes come from src/api/types.ts (shared with the extension);
 * only what the simulator adds on top lives here.
 */
import type {
  Account,
  Device,
  DeviceUser,
  IPProfile,
  SettingsPolicy,
  WarpConnector,
  WarpConnectorTunnel,
  Zone,
} from '../../src/api/types';

export interface SimulatorOptions {
  /** 0 = a free port (default). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 1. Same seed, same fleet. */
  seed?: number;
  /** Default 50. */
  devices?: number;
  /** Custom device settings profiles, default 3. */
  profiles?: number;
  /** WARP Connector tunnels, default 4. */
  tunnels?: number;
  /** Default 3. */
  ipProfiles?: number;
  /** Default 2. */
  zones?: number;
  /** Added to every answer, default 0. */
  latencyMs?: number;
  /**
   * A multi-user-mode account: the deprecated device endpoints refuse, physical devices have 1..n
   * registrations (shared machines), and the fleet is served by /devices/physical-devices and
   * /devices/registrations. `multiUserMode` is the older name of the same option.
   */
  multiUser?: boolean;
  multiUserMode?: boolean;
  /**
   * The read-write API token to accept instead of the seed's (40+ of A-Z a-z 0-9 _ -), e.g. a
   * recognisable canary for tests that prove a token never leaks.
   */
  token?: string;
}

export type AuthKind = 'token' | 'globalKey' | 'none' | 'invalid';

export interface RecordedRequest {
  method: string;
  /** The path after /client/v4, without the query. */
  path: string;
  query: Record<string, string | string[]>;
  body: unknown;
  /** Status sent; 0 when a 'drop' fault closed the socket without an answer. */
  status: number;
  auth: AuthKind;
  at: number;
}

/**
 * 'status' | 'rateLimit' | 'html' | 'malformed' | 'drop' answer instead of the API (nothing changes);
 * 'slow' delays the real answer; the others run the API and then bend its answer:
 * - 'ignorePage': a page-style list answers page 1 whatever `page` says (result_info echoes the page asked for);
 * - 'unpaged': a page-style list answers every item at once, without result_info;
 * - 'repeatCursor': a cursor list given a cursor answers that page with the same cursor again (a stuck server);
 * - 'nullResult': a success envelope with `result: null` (GET …/devices/{id} does that, see api-notes);
 * - 'applyThenDrop': the request is applied to the state, then the socket is destroyed without an answer;
 * - 'redirect': a 3xx (default 307) whose Location is the second loopback listener (sim.redirectTarget).
 */
export type FaultKind = 'status' | 'rateLimit' | 'html' | 'malformed' | 'slow' | 'drop'
  | 'ignorePage' | 'unpaged' | 'repeatCursor' | 'nullResult' | 'applyThenDrop' | 'redirect';

export interface FaultSpec {
  /** Default: any method. */
  method?: string;
  /** Matched against the path after /client/v4: a string must be equal, a RegExp must match. */
  path: string | RegExp;
  kind: FaultKind;
  /** For 'status' (401, 403, 404, 500, 502, 503…) and 'html' (default 502). */
  status?: number;
  /** Cloudflare error code in the envelope for 'status'. */
  code?: number;
  message?: string;
  /** Seconds, for 'rateLimit' (429 + Retry-After). Default 1. */
  retryAfter?: number;
  /** For 'slow'. */
  delayMs?: number;
  /** How many matching requests it affects. Default Infinity. */
  times?: number;
  /** Matching requests to let through untouched before the fault starts (e.g. 1 = from the second chunk on). Default 0. */
  skip?: number;
  /** For 'status': an error body with only `success` and `errors` (no `messages`, no `result`), as real ones sometimes are. */
  bare?: boolean;
}

/** A device as the simulator keeps it: the list shape plus what GET /devices/{id} adds. */
export interface SimDevice extends Device {
  key_type: string;
  tunnel_type: string;
  gateway_device_id: string;
}

/** Everything that belongs to one account. */
export interface AccountData {
  devices: SimDevice[];
  defaultProfile: SettingsPolicy;
  /** Custom profiles; the API lists them by precedence. */
  customProfiles: SettingsPolicy[];
  ipProfiles: IPProfile[];
  tunnels: WarpConnectorTunnel[];
  /** Connectors of each tunnel, by tunnel id. */
  connectors: Record<string, WarpConnector[]>;
  /** When false, override codes are refused (Admin Override off in the device's profile). */
  adminOverrideEnabled: boolean;
  multiUserMode: boolean;
  /**
   * Legacy GET …/devices/{id}/override_codes: 'map' = `{disable_for_time: {...}}` (the SDK v7 type),
   * 'list' = `[{disable_for_time: {...}}]` (Cloudflare's API reference types it `unknown[]`, a single page).
   */
  overrideCodesShape: 'map' | 'list';
  /** Durations (hours, as strings) a registration's override codes come with: an open map. */
  overrideDurations: string[];
  /**
   * The tunnel's deprecated `connections` field: 'empty' as Cloudflare now sends it (api-notes), or
   * 'filled' (the connectors' live connections, the older behaviour).
   */
  tunnelConnections: 'empty' | 'filled';
  /** Physical devices and registrations, built from `devices` on first use (see multiuser.ts). */
  multi?: MultiUserData;
}

/** A device settings profile as a registration reports it (SDK RegistrationListResponse.Policy). */
export interface SimPolicyRef {
  id: string;
  default: boolean;
  deleted: boolean;
  name: string;
  updated_at: string;
}

/** One WARP registration: a user's configuration on one physical device (SDK registrations.d.ts). */
export interface SimRegistration {
  id: string;
  created_at: string;
  updated_at: string;
  last_seen_at: string;
  key: string;
  key_type: string | null;
  tunnel_type: string | null;
  registration_type: 'warp' | 'browser_extension';
  deviceId: string;
  user: DeviceUser | undefined;
  policy: SimPolicyRef;
  revoked_at: string | null;
  deleted_at: string | null;
  virtual_ipv4: string | null;
  virtual_ipv6: string | null;
}

/** A physical device (SDK devices_.d.ts DeviceListResponse) and its registrations. */
export interface SimPhysicalDevice {
  id: string;
  name: string;
  created_at: string;
  updated_at: string;
  last_seen_at: string | null;
  client_version: string | null;
  device_type: string | null;
  hardware_id: string | null;
  mac_address: string | null;
  manufacturer: string | null;
  model: string | null;
  os_version: string | null;
  os_version_extra: string | null;
  serial_number: string | null;
  tags: Record<string, string>;
  deleted_at: string | null;
  /** Oldest first. */
  registrations: SimRegistration[];
}

export interface MultiUserData {
  /** Oldest first (created_at, then id): the order the list answers in without sort_by. */
  devices: SimPhysicalDevice[];
  /** Oldest first. */
  registrations: SimRegistration[];
  deviceById: Map<string, SimPhysicalDevice>;
  registrationById: Map<string, SimRegistration>;
  /** The legacy device records by id, to keep both APIs in step. */
  legacyById: Map<string, SimDevice>;
}

/**
 * The live state. Its own AccountData fields are the main account's; `byAccount` holds every
 * visible account (the main account's entry is this object itself).
 */
export interface SimulatorState extends AccountData {
  /** The instant the generator measured relative times from (ms since epoch). */
  now: number;
  accounts: Account[];
  zones: Zone[];
  /** Device certificate provisioning per zone id. */
  certificates: Record<string, boolean>;
  byAccount: Record<string, AccountData>;
  /** The device lists' per_page caps and what a larger ask gets (paging.ts PageCaps). */
  pageCaps: PageCaps;
}

/**
 * The largest per_page of the device lists, and what an ask above it gets. NOT OBSERVED: Cloudflare
 * documents no maximum (seed 001 shows `per_page` only as "Number of results per page"; the SDK v7
 * types `per_page?: number`; the API reference for physical-devices and registrations says "The
 * maximum number of devices to return in a single response", format uint64, no bounds). Some
 * Cloudflare lists refuse an ask out of bounds with 400, others answer fewer and say so in
 * result_info.per_page: the simulator does either (`over`), so the client is tested against both.
 */
export interface PageCaps {
  /** GET /devices (legacy, page style). */
  legacy: number;
  /** GET /devices/physical-devices and /devices/registrations (cursor style). */
  cursor: number;
  over: 'refuse' | 'clamp';
}

/** Credentials the simulator accepts; derived from the seed. */
export interface Credentials {
  token: string;
  readOnlyToken: string;
  /** An account-owned token (of the main account): GET /accounts and /user/tokens/verify refuse it. */
  accountToken: string;
  /** A token whose IP restriction excludes the caller: every call gets 403 / 9109. */
  restrictedToken: string;
  email: string;
  globalKey: string;
}
