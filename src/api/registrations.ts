/**
 * WARP registrations: one per user on a physical device, the unit multi-user mode accounts manage.
 * Shapes and parameters from the official SDK v7 types
 * (cloudflare/resources/zero-trust/devices/registrations.d.ts and override-codes.d.ts).
 */
import type { CloudflareClient } from './client';
import { CloudflareApiError } from './errors';
import { listAllCursor, type ListOptions } from './paging';
import { accountPath } from './paths';
import { normaliseOverrideCodes, type OverrideCodes } from './types';
import { changeInChunks, chunkIdsForQuery, type ChunkOptions, type ChunkedOutcome } from './chunks';

/** The profile (device settings policy) that applied to a registration; listed only with `include=policy`. */
export interface RegistrationPolicy {
  id: string;
  default: boolean;
  deleted: boolean;
  name: string;
  updated_at: string;
}

/** A WARP configuration tied to one user on one device (SDK RegistrationListResponse / RegistrationGetResponse). */
export interface Registration {
  id: string;
  created_at: string;
  device: { id: string; name: string; client_version?: string };
  key: string;
  last_seen_at: string;
  registration_type: 'warp' | 'browser_extension';
  updated_at: string;
  deleted_at?: string | null;
  key_type?: string | null;
  policy?: RegistrationPolicy;
  revoked_at?: string | null;
  tunnel_type?: string | null;
  user?: { id?: string; email?: string; name?: string };
  virtual_ipv4?: string | null;
  virtual_ipv6?: string | null;
}

export type RegistrationStatus = 'active' | 'all' | 'revoked';
export type RegistrationSortBy = 'id' | 'user.name' | 'user.email' | 'last_seen_at' | 'created_at';

/** The list filters the SDK types (RegistrationListParams). The API's `status` defaults to `active`. */
export interface RegistrationFilter {
  ids?: string[];
  status?: RegistrationStatus;
  deviceId?: string;
  userId?: string;
  policyId?: string;
  registrationType?: 'warp' | 'browser_extension';
  search?: string;
  /** RFC 3339; only registrations last seen after / before it. */
  seenAfter?: string;
  seenBefore?: string;
  sortBy?: RegistrationSortBy;
  sortOrder?: 'asc' | 'desc';
  /** Ask for `policy` on each registration (`include=policy`). */
  includePolicy?: boolean;
}

/** The query the filter stands for; nested names are dotted as the SDK sends them (`device.id`). */
export function registrationQuery(f: RegistrationFilter = {}): NonNullable<ListOptions['query']> {
  return {
    id: f.ids,
    status: f.status,
    'device.id': f.deviceId,
    'user.id': f.userId,
    'policy.id': f.policyId,
    registration_type: f.registrationType,
    search: f.search,
    seen_after: f.seenAfter,
    seen_before: f.seenBefore,
    sort_by: f.sortBy,
    sort_order: f.sortOrder,
    include: f.includePolicy ? 'policy' : undefined,
  };
}

const registrationsPath = (accountId: string, ...rest: string[]) => accountPath(accountId, 'devices', 'registrations', ...rest);

/** GET /accounts/{a}/devices/registrations — every page (cursor paging), each registration once. */
export function listRegistrations(
  client: CloudflareClient,
  accountId: string,
  filter: RegistrationFilter = {},
  opts: ListOptions = {},
): Promise<Registration[]> {
  return listAllCursor<Registration>(client, registrationsPath(accountId), { ...opts, query: { ...opts.query, ...registrationQuery(filter) } });
}

/** GET /accounts/{a}/devices/registrations/{id} */
export async function getRegistration(
  client: CloudflareClient,
  accountId: string,
  registrationId: string,
  opts: { includePolicy?: boolean; signal?: AbortSignal } = {},
): Promise<Registration> {
  const path = registrationsPath(accountId, registrationId);
  const res = await client.get<Registration | null>(path, { query: { include: opts.includePolicy ? 'policy' : undefined }, signal: opts.signal });
  if (!res.result) throw CloudflareApiError.emptyResult('GET', path);
  return res.result;
}

/**
 * POST /accounts/{a}/devices/registrations/revoke?id=…&id=… — ids in the query, so they go in
 * chunks short enough for any URL limit; one chunk after another, each reported. The SDK marks
 * revoke deprecated: "Prefer delete: revoke does not release virtual IPs".
 * A chunk whose answer was lost is reported with `outcomeUnknown`: read the registrations back.
 */
export async function revokeRegistrations(client: CloudflareClient, accountId: string, ids: string[], opts: ChunkOptions = {}): Promise<ChunkedOutcome> {
  return changeInChunks(chunkIdsForQuery(ids), opts, (chunk, signal) =>
    client.request('POST', registrationsPath(accountId, 'revoke'), { query: { id: chunk }, signal }),
  );
}

/** POST /accounts/{a}/devices/registrations/unrevoke?id=…&id=… — as revokeRegistrations. */
export async function unrevokeRegistrations(client: CloudflareClient, accountId: string, ids: string[], opts: ChunkOptions = {}): Promise<ChunkedOutcome> {
  return changeInChunks(chunkIdsForQuery(ids), opts, (chunk, signal) =>
    client.request('POST', registrationsPath(accountId, 'unrevoke'), { query: { id: chunk }, signal }),
  );
}

/** DELETE /accounts/{a}/devices/registrations/{id} — cannot be undone; releases the virtual IPs. Never retried blindly. */
export async function deleteRegistration(client: CloudflareClient, accountId: string, registrationId: string, signal?: AbortSignal): Promise<void> {
  await client.request('DELETE', registrationsPath(accountId, registrationId), { signal });
}

/** DELETE /accounts/{a}/devices/registrations?id=…&id=… (bulk delete), chunked as revoke. */
export async function deleteRegistrations(client: CloudflareClient, accountId: string, ids: string[], opts: ChunkOptions = {}): Promise<ChunkedOutcome> {
  return changeInChunks(chunkIdsForQuery(ids), opts, (chunk, signal) =>
    client.request('DELETE', registrationsPath(accountId), { query: { id: chunk }, signal }),
  );
}

/**
 * GET /accounts/{a}/devices/registrations/{id}/override_codes — `disable_for_time` is an open map
 * of duration to code (SDK OverrideCodeGetResponse: `{ [key: string]: string }`), not five fixed keys.
 */
export async function getRegistrationOverrideCodes(
  client: CloudflareClient,
  accountId: string,
  registrationId: string,
  signal?: AbortSignal,
): Promise<OverrideCodes> {
  const res = await client.get<unknown>(registrationsPath(accountId, registrationId, 'override_codes'), { signal });
  return normaliseOverrideCodes(res.result);
}
