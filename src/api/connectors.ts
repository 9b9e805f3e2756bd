import type { CloudflareClient } from './client';
import { listAllPages, type ListOptions } from './paging';
import { accountPath } from './paths';
import type { WarpConnector, WarpConnectorListFilter, WarpConnectorTunnel } from './types';

/** GET /accounts/{account_id}/warp_connector — every page of WARP Connector tunnels. */
export function listWarpConnectorTunnels(
  client: CloudflareClient,
  accountId: string,
  filter: WarpConnectorListFilter = {},
  opts: ListOptions = {},
): Promise<WarpConnectorTunnel[]> {
  return listAllPages<WarpConnectorTunnel>(client, accountPath(accountId, 'warp_connector'), { ...opts, query: { ...opts.query, ...filter } });
}

/** GET /accounts/{account_id}/warp_connector/{tunnel_id}/connections — the tunnel's connectors. */
export async function listTunnelConnections(client: CloudflareClient, accountId: string, tunnelId: string, signal?: AbortSignal): Promise<WarpConnector[]> {
  return (await client.get<WarpConnector[] | null>(accountPath(accountId, 'warp_connector', tunnelId, 'connections'), { signal })).result ?? [];
}
