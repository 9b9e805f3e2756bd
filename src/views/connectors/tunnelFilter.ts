import * as vscode from 'vscode';
import type { TunnelStatus } from '../../api/types';
import { ContextKeys } from '../../constants';
import { normalizeTunnelQuery, type TunnelQuery } from '../../model/tunnels';
import { tunnelStatusLook } from './format';

const STATE_KEY = 'warpFleet.connectors.query';

/**
 * The Connectors view's status filter and show-deleted choice: kept in globalState so they survive
 * a restart; a context key tells the title bar to show "clear filter" only when it applies.
 */
export class TunnelFilter implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TunnelQuery>();
  readonly onDidChange = this.changed.event;
  private current: TunnelQuery;

  constructor(private readonly memento: vscode.Memento) {
    this.current = normalizeTunnelQuery(memento.get(STATE_KEY));
    this.updateContext();
  }

  get query(): TunnelQuery {
    return this.current;
  }

  async setStatuses(statuses: readonly TunnelStatus[]): Promise<void> {
    await this.set({ ...this.current, statuses });
  }

  async setIncludeDeleted(includeDeleted: boolean): Promise<void> {
    await this.set({ ...this.current, includeDeleted });
  }

  /** "healthy, down · with deleted"; undefined when every live tunnel is listed. */
  describe(): string | undefined {
    const parts: string[] = [];
    if (this.current.statuses.length) {
      parts.push(vscode.l10n.t('filter: {0}', this.current.statuses.map(s => tunnelStatusLook(s).label).join(', ')));
    }
    if (this.current.includeDeleted) parts.push(vscode.l10n.t('with deleted'));
    return parts.length ? parts.join(' · ') : undefined;
  }

  private async set(query: TunnelQuery): Promise<void> {
    const next = normalizeTunnelQuery(query);
    // Nothing changed: no reload, the list already answers this query.
    if (next.includeDeleted === this.current.includeDeleted && next.statuses.join() === this.current.statuses.join()) return;
    this.current = next;
    await this.memento.update(STATE_KEY, this.current);
    this.updateContext();
    this.changed.fire(this.current);
  }

  private updateContext(): void {
    void vscode.commands.executeCommand('setContext', ContextKeys.connectorsFiltered, this.current.statuses.length > 0);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
