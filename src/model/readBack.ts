/**
 * Reading back what Cloudflare holds after a write whose answer was lost (see writeOutcome.ts).
 * Only GETs, which are safe to retry; an id Cloudflare no longer lists counts as gone.
 */
import { chunkIdsForQuery } from '../api/chunks';
import type { CloudflareClient } from '../api/client';
import { CloudflareApiError } from '../api/errors';
import { getPhysicalDevice } from '../api/physicalDevices';
import { listRegistrations } from '../api/registrations';
import type { ReadBack } from './writeOutcome';

/** Registrations by id (`?id=…&id=…&status=all`, in URL-safe chunks). */
export async function readBackRegistrations(client: CloudflareClient, accountId: string, ids: string[], signal?: AbortSignal): Promise<Map<string, ReadBack>> {
  const out = new Map<string, ReadBack>(ids.map(id => [id, { exists: false }]));
  for (const chunk of chunkIdsForQuery(ids)) {
    for (const r of await listRegistrations(client, accountId, { ids: chunk, status: 'all' }, { signal })) {
      if (out.has(r.id)) out.set(r.id, r.deleted_at ? { exists: false } : { exists: true, revoked: Boolean(r.revoked_at) });
    }
  }
  return out;
}

/** Physical devices by id: a 404 or a deleted_at means gone; `revoked` when every live registration is. */
export async function readBackPhysicalDevices(client: CloudflareClient, accountId: string, ids: string[], signal?: AbortSignal): Promise<Map<string, ReadBack>> {
  const out = new Map<string, ReadBack>();
  for (const id of ids) {
    try {
      const d = await getPhysicalDevice(client, accountId, id, { signal });
      if (d.deleted_at) {
        out.set(id, { exists: false });
        continue;
      }
      const regs = (await listRegistrations(client, accountId, { deviceId: id, status: 'all' }, { signal })).filter(r => !r.deleted_at);
      out.set(id, { exists: true, revoked: regs.length > 0 && regs.every(r => r.revoked_at) });
    } catch (err) {
      if (err instanceof CloudflareApiError && err.isNotFound) out.set(id, { exists: false });
      else throw err;
    }
  }
  return out;
}
