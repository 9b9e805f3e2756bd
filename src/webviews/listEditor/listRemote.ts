/** The list endpoints, addressed by an editor's target. No `vscode`: plain API calls. */
import type { CloudflareClient } from '../../api/client';
import { getDefaultProfile, getFallbackDomains, getProfile, getSplitTunnel, setFallbackDomains, setSplitTunnel, updateDefaultProfile, updateProfile } from '../../api/profiles';
import type { FallbackDomain, SettingsPolicyPatch, SplitTunnelEntry } from '../../api/types';
import { splitTunnelMode } from '../../model/profileOrder';
import type { ListEntry } from './listData';
import type { ListTarget, SplitTunnelMode } from './protocol';

export function fetchList(client: CloudflareClient, target: ListTarget): Promise<ListEntry[]> {
  return target.list === 'fallback_domains'
    ? getFallbackDomains(client, target.accountId, target.profileId)
    : getSplitTunnel(client, target.accountId, target.profileId, target.list);
}

/** PUT replaces the whole list; returns the list as Cloudflare stored it. */
export function putList(client: CloudflareClient, target: ListTarget, entries: ListEntry[]): Promise<ListEntry[]> {
  return target.list === 'fallback_domains'
    ? setFallbackDomains(client, target.accountId, target.profileId, entries as FallbackDomain[])
    : setSplitTunnel(client, target.accountId, target.profileId, target.list, entries as SplitTunnelEntry[]);
}

/**
 * The body that switches a profile's Split Tunnel mode: the new mode's list and nothing else. The
 * real API refuses a PATCH that sets both ("Both 'exclude' and 'include' cannot be set in the same
 * request": the SDK's CustomEditParams / DefaultEditParams, zero-trust/devices/policies).
 */
export function modeSwitchPatch(mode: SplitTunnelMode, entries: readonly SplitTunnelEntry[]): { include: SplitTunnelEntry[] } | { exclude: SplitTunnelEntry[] } {
  return mode === 'include' ? { include: [...entries] } : { exclude: [...entries] };
}

/**
 * Writes a list. When the profile uses the other Split Tunnel mode, PATCHes the profile with the new
 * mode's list only (that is what switches the mode); otherwise PUTs the list. A PATCH answer without
 * the list is read back rather than assumed.
 */
export async function writeList(client: CloudflareClient, target: ListTarget, entries: ListEntry[], switchMode: boolean): Promise<ListEntry[]> {
  if (!switchMode || target.list === 'fallback_domains') return putList(client, target, entries);
  // SettingsPolicyPatch leaves the lists out (they have endpoints of their own); the mode switch is the one PATCH that carries one.
  const patch = modeSwitchPatch(target.list, entries as SplitTunnelEntry[]) as SettingsPolicyPatch;
  const profile = target.profileId === undefined
    ? await updateDefaultProfile(client, target.accountId, patch)
    : await updateProfile(client, target.accountId, target.profileId, patch);
  return profile[target.list] ?? fetchList(client, target);
}

export async function fetchProfileMode(client: CloudflareClient, target: ListTarget): Promise<SplitTunnelMode> {
  const profile = target.profileId === undefined
    ? await getDefaultProfile(client, target.accountId)
    : await getProfile(client, target.accountId, target.profileId);
  return splitTunnelMode(profile);
}
