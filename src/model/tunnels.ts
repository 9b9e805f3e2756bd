/**
 * Which WARP Connector tunnels the Connectors view lists, and how they are fetched. Pure (no
 * `vscode` import) so unit tests run it against the simulator.
 */
import type { CloudflareClient } from '../api/client';
import { listWarpConnectorTunnels } from '../api/connectors';
import type { ListOptions } from '../api/paging';
import type { TunnelStatus, WarpConnectorTunnel } from '../api/types';

export const TUNNEL_STATUSES: readonly TunnelStatus[] = ['healthy', 'degraded', 'down', 'inactive'];

export interface TunnelQuery {
  /** Only tunnels in one of these states; empty = every state. */
  statuses: readonly TunnelStatus[];
  /** Also list deleted tunnels (marked as such). */
  includeDeleted: boolean;
}

export const DEFAULT_TUNNEL_QUERY: TunnelQuery = { statuses: [], includeDeleted: false };

/** Sanitises a stored query: unknown statuses are dropped; all four states is the same as none. */
export function normalizeTunnelQuery(q: Partial<Record<keyof TunnelQuery, unknown>> | undefined): TunnelQuery {
  const given = Array.isArray(q?.statuses) ? q.statuses : [];
  const statuses = TUNNEL_STATUSES.filter(s => given.includes(s));
  return { statuses: statuses.length === TUNNEL_STATUSES.length ? [] : statuses, includeDeleted: q?.includeDeleted === true };
}

export function isTunnelDeleted(t: WarpConnectorTunnel): boolean {
  return Boolean(t.deleted_at);
}

/**
 * Every tunnel the query asks for. The API filters by one status and by `is_deleted` (true = only
 * deleted, false = only live, absent = both), so a query for several states sends one list per
 * state, and deleted tunnels come from their own `is_deleted=true` list (Cloudflare's own clients
 * ask for `is_deleted=false` by default: deleted tunnels linger in the unfiltered list).
 * Live tunnels come first (by name), then deleted ones (marked by `deleted_at`).
 */
export async function listTunnels(client: CloudflareClient, accountId: string, query: TunnelQuery, opts: ListOptions = {}): Promise<WarpConnectorTunnel[]> {
  const statuses: (TunnelStatus | undefined)[] = query.statuses.length ? [...query.statuses] : [undefined];
  const deletedFlags = query.includeDeleted ? [false, true] : [false];
  const lists = await Promise.all(
    deletedFlags.flatMap(isDeleted =>
      statuses.map(status => listWarpConnectorTunnels(client, accountId, { is_deleted: isDeleted, ...(status ? { status } : {}) }, opts)),
    ),
  );
  const byId = new Map<string, WarpConnectorTunnel>();
  for (const t of lists.flat()) byId.set(t.id, t);
  return [...byId.values()].sort(compareTunnels);
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function compareTunnels(a: WarpConnectorTunnel, b: WarpConnectorTunnel): number {
  return Number(isTunnelDeleted(a)) - Number(isTunnelDeleted(b)) || collator.compare(a.name ?? '', b.name ?? '') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The moment a tunnel entered its current state: when connections came up for a healthy or degraded
 * tunnel, when they went away for a down or inactive one; the creation time when that is unknown.
 */
export function tunnelStateSince(t: WarpConnectorTunnel): string | undefined {
  const since = t.status === 'healthy' || t.status === 'degraded' ? t.conns_active_at : t.conns_inactive_at;
  return since || t.created_at;
}

