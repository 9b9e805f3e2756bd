import type { CloudflareClient } from './client';
import { listAllCursor, listAllPages, fetchPage, type ListOptions, type Page } from './paging';
import { accountPath } from './paths';
import type { Device, DeviceDetails, OverrideCodes } from './types';

/** The most ids Cloudflare takes in one revoke or unrevoke call. */
export const MAX_REVOKE_BATCH = 200;

/** GET /accounts/{account_id}/devices — every page. */
export function listDevices(client: CloudflareClient, accountId: string, opts: ListOptions = {}): Promise<Device[]> {
  return listAllPages<Device>(client, accountPath(accountId, 'devices'), opts);
}

/** GET /accounts/{account_id}/devices — one page. */
export function listDevicesPage(client: CloudflareClient, accountId: string, page: number, opts: ListOptions = {}): Promise<Page<Device>> {
  return fetchPage<Device>(client, accountPath(accountId, 'devices'), page, opts);
}

/** GET /accounts/{account_id}/devices/{device_id} */
export async function getDevice(client: CloudflareClient, accountId: string, deviceId: string, signal?: AbortSignal): Promise<DeviceDetails> {
  return (await client.get<DeviceDetails>(accountPath(accountId, 'devices', deviceId), { signal })).result;
}

/** POST /accounts/{account_id}/devices/revoke — at most 200 ids; see revokeInBatches for more. */
export async function revokeDevices(client: CloudflareClient, accountId: string, ids: string[], signal?: AbortSignal): Promise<void> {
  checkBatch(ids);
  await client.request('POST', accountPath(accountId, 'devices', 'revoke'), { body: ids, signal, idempotent: true });
}

/** POST /accounts/{account_id}/devices/unrevoke — at most 200 ids. */
export async function unrevokeDevices(client: CloudflareClient, accountId: string, ids: string[], signal?: AbortSignal): Promise<void> {
  checkBatch(ids);
  await client.request('POST', accountPath(accountId, 'devices', 'unrevoke'), { body: ids, signal, idempotent: true });
}

function checkBatch(ids: string[]): void {
  if (ids.length === 0) throw new RangeError('No device ids given.');
  if (ids.length > MAX_REVOKE_BATCH) throw new RangeError(`At most ${MAX_REVOKE_BATCH} device ids per request, got ${ids.length}.`);
}

export interface BatchOutcome {
  succeeded: string[];
  failed: { ids: string[]; error: unknown }[];
}

/**
 * Revokes or unrevokes any number of devices in chunks of at most 200, one chunk after another,
 * and reports exactly which ids changed and which did not. A cancelled run stops before the next chunk.
 */
export async function changeRevocationInBatches(
  client: CloudflareClient,
  accountId: string,
  action: 'revoke' | 'unrevoke',
  ids: string[],
  opts: { signal?: AbortSignal; onChunk?: (done: number, total: number) => void } = {},
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { succeeded: [], failed: [] };
  const call = action === 'revoke' ? revokeDevices : unrevokeDevices;
  for (let i = 0; i < ids.length; i += MAX_REVOKE_BATCH) {
    const chunk = ids.slice(i, i + MAX_REVOKE_BATCH);
    if (opts.signal?.aborted) {
      outcome.failed.push({ ids: ids.slice(i), error: new Error('cancelled') });
      break;
    }
    try {
      await call(client, accountId, chunk, opts.signal);
      outcome.succeeded.push(...chunk);
    } catch (error) {
      outcome.failed.push({ ids: chunk, error });
    }
    opts.onChunk?.(Math.min(i + MAX_REVOKE_BATCH, ids.length), ids.length);
  }
  return outcome;
}

/** GET /accounts/{account_id}/devices/{device_id}/override_codes */
export async function getOverrideCodes(client: CloudflareClient, accountId: string, deviceId: string, signal?: AbortSignal): Promise<OverrideCodes> {
  const res = await client.get<OverrideCodes | null>(accountPath(accountId, 'devices', deviceId, 'override_codes'), { signal });
  return res.result ?? { disable_for_time: {} };
}

/** A registration as GET /devices/registrations lists it (cursor paging). */
export interface Registration {
  id: string;
  created_at?: string;
  last_seen_at?: string;
  revoked_at?: string | null;
  device?: { id?: string; name?: string; client_version?: string };
  user?: { id?: string; email?: string; name?: string };
  [key: string]: unknown;
}

/** GET /accounts/{account_id}/devices/registrations — cursor-style paging. */
export function listRegistrations(client: CloudflareClient, accountId: string, opts: ListOptions = {}): Promise<Registration[]> {
  return listAllCursor<Registration>(client, accountPath(accountId, 'devices', 'registrations'), opts);
}
