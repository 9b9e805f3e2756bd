/**
 * Public shapes of the simulator. API shapes come from src/api/types.ts (shared with the extension);
 * only what the simulator adds on top lives here.
 */
import type {
  Account,
  Device,
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
  /** The deprecated device endpoints answer an error, as Cloudflare does for multi-user accounts. */
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

export type FaultKind = 'status' | 'rateLimit' | 'html' | 'malformed' | 'slow' | 'drop';

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
}

/** Credentials the simulator accepts; derived from the seed. */
export interface Credentials {
  token: string;
  readOnlyToken: string;
  email: string;
  globalKey: string;
}
