import type { FallbackDomain, SplitTunnelEntry } from '../../api/types';
import type { ProfilesData } from '../../model/fleet';
import type { Loadable } from '../../model/loadable';
import type { ListEntry } from '../../webviews/listEditor/listData';
import type { ListTarget } from '../../webviews/listEditor/protocol';

/**
 * After a list editor saved, puts the saved list into the cached profile so the Profiles view shows
 * the new count without another request.
 */
export function updateCachedList(profiles: Loadable<ProfilesData>, target: ListTarget, entries: ListEntry[]): void {
  profiles.update(data => ({
    ...data,
    profiles: data.profiles.map(p => {
      const same = target.profileId === undefined ? p.default === true : p.policy_id === target.profileId;
      if (!same) return p;
      return target.list === 'fallback_domains'
        ? { ...p, fallback_domains: entries as FallbackDomain[] }
        : { ...p, [target.list]: entries as SplitTunnelEntry[] };
    }),
  }));
}
