import type { CloudflareClient } from './client';
import { listAllPages, type ListOptions } from './paging';
import { accountPath } from './paths';
import type { FallbackDomain, IPProfile, SettingsPolicy, SettingsPolicyCreate, SettingsPolicyPatch, SplitTunnelEntry, SplitTunnelMode } from './types';

/** GET /accounts/{account_id}/devices/policies — every profile, the default one with `default: true`. */
export async function listProfiles(client: CloudflareClient, accountId: string, signal?: AbortSignal): Promise<SettingsPolicy[]> {
  return (await client.get<SettingsPolicy[] | null>(accountPath(accountId, 'devices', 'policies'), { signal })).result ?? [];
}

/** GET /accounts/{account_id}/devices/policy */
export async function getDefaultProfile(client: CloudflareClient, accountId: string, signal?: AbortSignal): Promise<SettingsPolicy> {
  return (await client.get<SettingsPolicy>(accountPath(accountId, 'devices', 'policy'), { signal })).result;
}

/** PATCH /accounts/{account_id}/devices/policy */
export async function updateDefaultProfile(client: CloudflareClient, accountId: string, patch: SettingsPolicyPatch, signal?: AbortSignal): Promise<SettingsPolicy> {
  return (await client.request<SettingsPolicy>('PATCH', accountPath(accountId, 'devices', 'policy'), { body: patch, signal })).result;
}

/** POST /accounts/{account_id}/devices/policy — not idempotent: never retried after it may have arrived. */
export async function createProfile(client: CloudflareClient, accountId: string, profile: SettingsPolicyCreate, signal?: AbortSignal): Promise<SettingsPolicy> {
  return (await client.request<SettingsPolicy>('POST', accountPath(accountId, 'devices', 'policy'), { body: profile, signal, idempotent: false })).result;
}

/** GET /accounts/{account_id}/devices/policy/{policy_id} */
export async function getProfile(client: CloudflareClient, accountId: string, policyId: string, signal?: AbortSignal): Promise<SettingsPolicy> {
  return (await client.get<SettingsPolicy>(accountPath(accountId, 'devices', 'policy', policyId), { signal })).result;
}

/** PATCH /accounts/{account_id}/devices/policy/{policy_id} */
export async function updateProfile(client: CloudflareClient, accountId: string, policyId: string, patch: SettingsPolicyPatch, signal?: AbortSignal): Promise<SettingsPolicy> {
  return (await client.request<SettingsPolicy>('PATCH', accountPath(accountId, 'devices', 'policy', policyId), { body: patch, signal })).result;
}

/** DELETE /accounts/{account_id}/devices/policy/{policy_id} — returns the remaining profiles. */
export async function deleteProfile(client: CloudflareClient, accountId: string, policyId: string, signal?: AbortSignal): Promise<SettingsPolicy[]> {
  return (await client.request<SettingsPolicy[] | null>('DELETE', accountPath(accountId, 'devices', 'policy', policyId), { signal })).result ?? [];
}

/** The path of a profile's list: the default profile's when policyId is undefined. */
function listPath(accountId: string, policyId: string | undefined, list: SplitTunnelMode | 'fallback_domains'): string {
  return policyId === undefined ? accountPath(accountId, 'devices', 'policy', list) : accountPath(accountId, 'devices', 'policy', policyId, list);
}

/** GET …/devices/policy[/{policy_id}]/exclude|include */
export async function getSplitTunnel(client: CloudflareClient, accountId: string, policyId: string | undefined, mode: SplitTunnelMode, signal?: AbortSignal): Promise<SplitTunnelEntry[]> {
  return (await client.get<SplitTunnelEntry[] | null>(listPath(accountId, policyId, mode), { signal })).result ?? [];
}

/** PUT …/devices/policy[/{policy_id}]/exclude|include — replaces the whole list. */
export async function setSplitTunnel(client: CloudflareClient, accountId: string, policyId: string | undefined, mode: SplitTunnelMode, entries: SplitTunnelEntry[], signal?: AbortSignal): Promise<SplitTunnelEntry[]> {
  return (await client.request<SplitTunnelEntry[] | null>('PUT', listPath(accountId, policyId, mode), { body: entries, signal })).result ?? [];
}

/** GET …/devices/policy[/{policy_id}]/fallback_domains */
export async function getFallbackDomains(client: CloudflareClient, accountId: string, policyId: string | undefined, signal?: AbortSignal): Promise<FallbackDomain[]> {
  return (await client.get<FallbackDomain[] | null>(listPath(accountId, policyId, 'fallback_domains'), { signal })).result ?? [];
}

/** PUT …/devices/policy[/{policy_id}]/fallback_domains — replaces the whole list. */
export async function setFallbackDomains(client: CloudflareClient, accountId: string, policyId: string | undefined, entries: FallbackDomain[], signal?: AbortSignal): Promise<FallbackDomain[]> {
  return (await client.request<FallbackDomain[] | null>('PUT', listPath(accountId, policyId, 'fallback_domains'), { body: entries, signal })).result ?? [];
}

/** GET /accounts/{account_id}/devices/ip-profiles — every page (per_page at most 100). */
export function listIpProfiles(client: CloudflareClient, accountId: string, opts: ListOptions = {}): Promise<IPProfile[]> {
  return listAllPages<IPProfile>(client, accountPath(accountId, 'devices', 'ip-profiles'), { ...opts, perPage: Math.min(opts.perPage ?? 100, 100) });
}
