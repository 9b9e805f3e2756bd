/** Local changes to the cached device list after a revoke or unrevoke (pure: no `vscode` import). */
import type { Device } from '../api/types';

/**
 * The list with `ids` revoked (or unrevoked) at `at`, as Cloudflare records it. Changed devices are
 * new objects and the rest are kept, so caches keyed by device object (the filter's search text) stay valid.
 */
export function withRevocation<D extends Device>(devices: D[], ids: Iterable<string>, revoked: boolean, at: string): D[] {
  const set = new Set(ids);
  if (!set.size) return devices;
  return devices.map(d => {
    if (!set.has(d.id) || Boolean(d.revoked_at) === revoked) return d;
    // A FleetDevice's derived status follows (status is only present on FleetDevice objects).
    const status = 'status' in d ? { status: revoked ? 'revoked' : 'active' } : {};
    if (revoked) return { ...d, revoked_at: at, updated: at, ...status };
    const { revoked_at: _r, ...rest } = d;
    return { ...rest, updated: at, ...status } as D;
  });
}
