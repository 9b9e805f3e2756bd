import * as vscode from 'vscode';
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
export class ConnectorCache implements vscode.Disposable {
  private readonly entries = new Map<string, Promise<ConnectorsResult>>();
  /** The settled result of each entry, for what must be drawn synchronously (a tunnel's tooltip). */
  private readonly settled = new Map<string, ConnectorsResult>();
  private readonly loaded = new vscode.EventEmitter<string>();
  /** Fires with a tunnel id when its connectors have been fetched (or failed). */
  readonly onDidLoad = this.loaded.event;

  constructor(private readonly session: Session) {}

  /** The connectors fetched for `tunnelId`, without fetching them. */
  peek(tunnelId: string): ConnectorsResult | undefined {
    return this.settled.get(tunnelId);
  }

  get(tunnelId: string): Promise<ConnectorsResult> {
    let entry = this.entries.get(tunnelId);
    if (!entry) {
      const fetched = this.fetch(tunnelId).then(result => {
        // Only the newest request of a tunnel settles it: an invalidate() meanwhile made this one stale.
        if (this.entries.get(tunnelId) === fetched) {
          this.settled.set(tunnelId, result);
          this.loaded.fire(tunnelId);
        }
        return result;
      });
      entry = fetched;
      this.entries.set(tunnelId, entry);
    }
    return entry;
  }

  /** Forgets one tunnel's connectors, or every tunnel's. */
  invalidate(tunnelId?: string): void {
    if (tunnelId === undefined) {
      this.entries.clear();
      this.settled.clear();
    } else {
      this.entries.delete(tunnelId);
      this.settled.delete(tunnelId);
    }
  }

  dispose(): void {
    this.loaded.dispose();
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
