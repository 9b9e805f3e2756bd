/** The list endpoints, addressed by an editor's target. No `vscode`: plain API calls. */
import type { CloudflareClient } from '../../api/client';
import { getDefaultProfile, getFallbackDomains, getProfile, getSplitTunnel, setFallbackDomains, setSplitTunnel } from '../../api/profiles';
import type { FallbackDomain, SplitTunnelEntry } from '../../api/types';
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

export async function fetchProfileMode(client: CloudflareClient, target: ListTarget): Promise<SplitTunnelMode> {
  const profile = target.profileId === undefined
    ? await getDefaultProfile(client, target.accountId)
    : await getProfile(client, target.accountId, target.profileId);
  return splitTunnelMode(profile);
}
