import { listTunnelConnections } from '../../api/connectors';
import { CloudflareApiError } from '../../api/errors';
import type { WarpConnector } from '../../api/types';
import type { Session } from '../../auth/session';

export type ConnectorsResult = { kind: 'loaded'; connectors: WarpConnector[]; at: number } | { kind: 'failed'; error: unknown };

/**
 * The connectors of each tunnel, fetched the first time its node is expanded and kept until the
 * tunnel list reloads or the user retries. A failure is cached too, so the tree shows the error
 * node instead of asking again on every repaint; retry drops it.
 */
export class ConnectorCache {
  private readonly entries = new Map<string, Promise<ConnectorsResult>>();

  constructor(private readonly session: Session) {}

  get(tunnelId: string): Promise<ConnectorsResult> {
    let entry = this.entries.get(tunnelId);
    if (!entry) {
      entry = this.fetch(tunnelId);
      this.entries.set(tunnelId, entry);
    }
    return entry;
  }

  /** Forgets one tunnel's connectors, or every tunnel's. */
  invalidate(tunnelId?: string): void {
    if (tunnelId === undefined) this.entries.clear();
    else this.entries.delete(tunnelId);
  }

  private async fetch(tunnelId: string): Promise<ConnectorsResult> {
    try {
      const state = await this.session.current();
      if (!state?.accountId) throw new CloudflareApiError({ kind: 'notSignedIn', method: 'GET', path: `warp_connector/${tunnelId}/connections` });
      const connectors = await listTunnelConnections(state.client, state.accountId, tunnelId);
      return { kind: 'loaded', connectors, at: Date.now() };
    } catch (error) {
      return { kind: 'failed', error };
    }
  }
}
