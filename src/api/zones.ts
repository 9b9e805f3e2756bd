import type { CloudflareClient } from './client';
import { listAllPages, type ListOptions } from './paging';
import { apiPath } from './paths';
import type { CertificateProvisioning, Zone } from './types';

/** GET /zones — the account's zones (needs a token that may list zones). */
export function listZones(client: CloudflareClient, accountId: string, opts: ListOptions = {}): Promise<Zone[]> {
  return listAllPages<Zone>(client, apiPath('zones'), { ...opts, perPage: Math.min(opts.perPage ?? 50, 50), query: { ...opts.query, 'account.id': accountId } });
}

/** GET /zones/{zone_id}/devices/policy/certificates */
export async function getCertificateProvisioning(client: CloudflareClient, zoneId: string, signal?: AbortSignal): Promise<CertificateProvisioning> {
  return (await client.get<CertificateProvisioning>(apiPath('zones', zoneId, 'devices', 'policy', 'certificates'), { signal })).result;
}

/** PATCH /zones/{zone_id}/devices/policy/certificates */
export async function setCertificateProvisioning(client: CloudflareClient, zoneId: string, enabled: boolean, signal?: AbortSignal): Promise<CertificateProvisioning> {
  return (await client.request<CertificateProvisioning>('PATCH', apiPath('zones', zoneId, 'devices', 'policy', 'certificates'), { body: { enabled }, signal })).result;
}
