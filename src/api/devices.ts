/**
 * The legacy device endpoints (GET /devices, revoke, unrevoke, override codes). Cloudflare marks them
 * deprecated and "not supported when multi-user mode is enabled"; such accounts use registrations.ts
 * and physicalDevices.ts (see needsRegistrationsApi in errors.ts).
 */
import { changeInChunks, checkIds, type ChunkedOutcome, type ChunkOptions } from './chunks';
import type { CloudflareClient } from './client';
import { CloudflareApiError, InvalidInputError } from './errors';
import { listAllPages, type ListOptions } from './paging';
import { accountPath } from './paths';
import { normaliseOverrideCodes, type Device, type DeviceDetails, type OverrideCodes } from './types';

/** The most ids Cloudflare takes in one revoke or unrevoke call. */
export const MAX_REVOKE_BATCH = 200;

/** GET /accounts/{account_id}/devices — every page, each device once (see listAllPages for odd servers). */
export function listDevices(client: CloudflareClient, accountId: string, opts: ListOptions = {}): Promise<Device[]> {
  return listAllPages<Device>(client, accountPath(accountId, 'devices'), opts);
}

/** GET /accounts/{account_id}/devices/{device_id}. A `result: null` answer is an `emptyResult` error (isNotFound). */
export async function getDevice(client: CloudflareClient, accountId: string, deviceId: string, signal?: AbortSignal): Promise<DeviceDetails> {
  const path = accountPath(accountId, 'devices', deviceId);
  const res = await client.get<DeviceDetails | null>(path, { signal });
  if (!res.result || typeof res.result !== 'object') throw CloudflareApiError.emptyResult('GET', path);
  return res.result;
}

/**
 * POST /accounts/{account_id}/devices/revoke — at most 200 ids; see changeRevocationInBatches for more.
 * A POST: never retried after it may have arrived (a lost answer is an error with outcomeUnknown).
 */
export async function revokeDevices(client: CloudflareClient, accountId: string, ids: string[], signal?: AbortSignal): Promise<void> {
  checkBatch(ids);
  await client.request('POST', accountPath(accountId, 'devices', 'revoke'), { body: ids, signal });
}

/** POST /accounts/{account_id}/devices/unrevoke — at most 200 ids. */
export async function unrevokeDevices(client: CloudflareClient, accountId: string, ids: string[], signal?: AbortSignal): Promise<void> {
  checkBatch(ids);
  await client.request('POST', accountPath(accountId, 'devices', 'unrevoke'), { body: ids, signal });
}

function checkBatch(ids: string[]): void {
  if (ids.length === 0) throw new InvalidInputError({ code: 'noIds' }, 'No device ids given.');
  if (ids.length > MAX_REVOKE_BATCH) throw new InvalidInputError({ code: 'tooManyIds', max: MAX_REVOKE_BATCH, got: ids.length }, `At most ${MAX_REVOKE_BATCH} device ids per request, got ${ids.length}.`);
  checkIds(ids, 'device');
}

/** Which ids changed, which certainly did not, and which were sent without an answer (`outcomeUnknown`). */
export type BatchOutcome = ChunkedOutcome;

/**
 * Revokes or unrevokes any number of devices in chunks of at most 200, one chunk after another,
 * and reports exactly which ids changed and which did not. A cancelled run stops before the next chunk.
 */
export async function changeRevocationInBatches(
  client: CloudflareClient,
  accountId: string,
  action: 'revoke' | 'unrevoke',
  ids: string[],
  opts: ChunkOptions = {},
): Promise<BatchOutcome> {
  checkIds(ids, 'device');
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += MAX_REVOKE_BATCH) chunks.push(ids.slice(i, i + MAX_REVOKE_BATCH));
  const call = action === 'revoke' ? revokeDevices : unrevokeDevices;
  return changeInChunks(chunks, opts, (chunk, signal) => call(client, accountId, chunk, signal));
}

/**
 * GET /accounts/{account_id}/devices/{device_id}/override_codes — the map or the list shape, or null
 * (Admin Override off), all as one open map.
 */
export async function getOverrideCodes(client: CloudflareClient, accountId: string, deviceId: string, signal?: AbortSignal): Promise<OverrideCodes> {
  const res = await client.get<unknown>(accountPath(accountId, 'devices', deviceId, 'override_codes'), { signal });
  return normaliseOverrideCodes(res.result);
}
