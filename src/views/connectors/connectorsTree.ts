import * as vscode from 'vscode';
import type { HaStatus, WarpConnectorTunnel } from '../../api/types';
import type { Session } from '../../auth/session';
import { CommandIds, ViewIds, ViewItemFlags } from '../../constants';
import type { FleetModel } from '../../model/fleet';
import type { LoadState } from '../../model/loadable';
import { isTunnelDeleted, tunnelStateSince } from '../../model/tunnels';
import { FleetTreeProvider } from '../fleetTreeProvider';
import { tunnelsDashboardUrl } from '../../util/dashboardLinks';
import { ErrorNode, MessageNode, type Identified, type TreeNode } from '../nodes';
import { ConnectorCache } from './connectorCache';
import { ConnectorNode } from './connectorNodes';
import { ago, boldTitle, fieldsTooltip, since, themeIcon, timeCell, tunnelStatusLook, type Look } from './format';
import { TunnelFilter } from './tunnelFilter';

const HA_ORDER: (HaStatus | undefined)[] = ['active', 'passive', 'offline', undefined];

function deletedLook(): Look {
  return { icon: 'trash', color: 'disabledForeground', label: vscode.l10n.t('deleted') };
}

/** A WARP Connector tunnel; its connectors load when it is first expanded. */
export class TunnelNode implements TreeNode, Identified {
  constructor(
    readonly tunnel: WarpConnectorTunnel,
    private readonly connectors: ConnectorCache,
  ) {}

  get id(): string {
    return `tunnel:${this.tunnel.id}`;
  }

  get resourceId(): string {
    return this.tunnel.id;
  }

  get resourceName(): string | undefined {
    return this.tunnel.name;
  }

  dashboardUrl(accountId: string): string {
    return tunnelsDashboardUrl(accountId);
  }

  get deleted(): boolean {
    return isTunnelDeleted(this.tunnel);
  }

  getTreeItem(): vscode.TreeItem {
    const t = this.tunnel;
    const now = Date.now();
    const item = new vscode.TreeItem(t.name || t.id, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const status = tunnelStatusLook(t.status);
    const look = this.deleted ? deletedLook() : status;
    item.iconPath = themeIcon(look);
    item.description = this.deleted ? this.deletedDescription(status, now) : [status.label, since(tunnelStateSince(t), now)].filter(Boolean).join(' · ');
    item.contextValue = [ViewItemFlags.tunnel, t.status, this.deleted ? ViewItemFlags.deleted : ViewItemFlags.live, ViewItemFlags.hasId].filter(Boolean).join(';');
    item.accessibilityInformation = { label: `${t.name ?? t.id}, ${item.description}` };
    return item;
  }

  /** "deleted 2 d ago · was down": when it went, and the state it was left in. */
  private deletedDescription(status: Look, now: number): string {
    const when = ago(this.tunnel.deleted_at, now);
    return [when ? vscode.l10n.t('deleted {0}', when) : vscode.l10n.t('deleted'), vscode.l10n.t('was {0}', status.label)].join(' · ');
  }

  resolveTooltip(): vscode.MarkdownString {
    const t = this.tunnel;
    const now = Date.now();
    const status = tunnelStatusLook(t.status);
    const look = this.deleted ? deletedLook() : status;
    // The tunnel's own `connections` field is deprecated and empty on the real API (api-notes.md,
    // "Tunnels"): count what the connections endpoint gave once the tunnel has been expanded.
    const loaded = this.connectors.peek(t.id);
    const live = loaded?.kind === 'loaded' ? loaded.connectors.flatMap(c => c.conns ?? []) : undefined;
    const colos = [...new Set((live ?? []).map(c => c.colo_name).filter(Boolean))].join(', ');
    const metadata = t.metadata && typeof t.metadata === 'object' && Object.keys(t.metadata).length ? JSON.stringify(t.metadata) : undefined;
    return fieldsTooltip(boldTitle(look, t.name || t.id), [
      [vscode.l10n.t('ID'), t.id],
      [vscode.l10n.t('Status'), [status.label, since(tunnelStateSince(t), now)].filter(Boolean).join(' · ')],
      [vscode.l10n.t('Deleted'), timeCell(t.deleted_at, now)],
      [vscode.l10n.t('Type'), t.tun_type],
      [vscode.l10n.t('Created'), timeCell(t.created_at, now)],
      [vscode.l10n.t('Connections up since'), timeCell(t.conns_active_at, now)],
      [vscode.l10n.t('Connections down since'), timeCell(t.conns_inactive_at, now)],
      [vscode.l10n.t('Open connections'), live === undefined ? vscode.l10n.t('expand the tunnel to load them') : live.length ? `${live.length} (${colos})` : '0'],
      [vscode.l10n.t('Account'), t.account_tag],
      [vscode.l10n.t('Metadata'), metadata],
    ]);
  }

  async getChildren(): Promise<TreeNode[]> {
    const result = await this.connectors.get(this.tunnel.id);
    if (result.kind === 'failed') {
      const retry = { command: CommandIds.retryTunnelConnectors, title: vscode.l10n.t('Retry'), arguments: [this.tunnel.id] };
      return [new ErrorNode(result.error, retry, vscode.l10n.t('Connectors'), this)];
    }
    if (!result.connectors.length) {
      const why = this.tunnel.status === 'inactive' ? vscode.l10n.t('No connector has ever run for this tunnel.') : undefined;
      return [new MessageNode(vscode.l10n.t('No connectors'), 'info', undefined, why, this)];
    }
    return [...result.connectors]
      .sort((a, b) => HA_ORDER.indexOf(a.ha_status) - HA_ORDER.indexOf(b.ha_status) || (a.id ?? '').localeCompare(b.id ?? ''))
      .map(c => new ConnectorNode(this.tunnel.id, c, this));
  }
}

/**
 * WARP Connector tunnels with their connectors and connections. The status filter and the
 * show-deleted choice decide what the tunnel list asks for; connectors are fetched per tunnel.
 */
export class ConnectorsTreeProvider extends FleetTreeProvider<WarpConnectorTunnel[]> {
  readonly connectors: ConnectorCache;
  private tunnelNodes = new Map<string, TunnelNode>();

  constructor(
    private readonly fleet: FleetModel,
    session: Session,
    readonly filter: TunnelFilter,
  ) {
    super(ViewIds.connectors, fleet.tunnels, {
      name: vscode.l10n.t('Connectors'),
      loading: (n, total) => (total ? vscode.l10n.t('Loading connectors… {0} of {1}', n, total) : vscode.l10n.t('Loading connectors… {0}', n)),
    }, CommandIds.refresh);
    this.connectors = new ConnectorCache(session);
    this.register(
      fleet.tunnels.onDidChange(state => this.onTunnels(state)),
      this.connectors,
      // Redraw the tunnel once its connectors are in, so its tooltip counts their connections.
      this.connectors.onDidLoad(id => {
        const node = this.tunnelNodes.get(id);
        if (node) this.refresh(node);
      }),
      filter.onDidChange(() => {
        this.showDescription();
        // The old list answers a different question: show progress, not stale tunnels.
        void fleet.tunnels.reload(true);
      }),
    );
  }

  override createView(options: Partial<vscode.TreeViewOptions<TreeNode>> = {}): vscode.TreeView<TreeNode> {
    const view = super.createView(options);
    this.showDescription();
    return view;
  }

  protected rootNodes(tunnels: WarpConnectorTunnel[]): TreeNode[] {
    const nodes = new Map<string, TunnelNode>();
    for (const t of tunnels) nodes.set(t.id, new TunnelNode(t, this.connectors));
    this.tunnelNodes = nodes;
    if (nodes.size) return [...nodes.values()];
    if (this.filter.query.statuses.length) {
      return [
        new MessageNode(vscode.l10n.t('No tunnels match the status filter. Click to clear it.'), 'filter', {
          command: CommandIds.clearConnectorsFilter,
          title: vscode.l10n.t('Clear Filter'),
        }),
      ];
    }
    return [new MessageNode(vscode.l10n.t('No WARP Connector tunnels in this account.'), 'info')];
  }

  protected override describe(tunnels: WarpConnectorTunnel[]): string {
    const live = tunnels.filter(t => !isTunnelDeleted(t));
    const count = (s: string) => live.filter(t => t.status === s).length;
    const parts = [live.length === 1 ? vscode.l10n.t('1 tunnel') : vscode.l10n.t('{0} tunnels', live.length.toLocaleString())];
    if (count('down')) parts.push(vscode.l10n.t('{0} down', count('down')));
    if (count('degraded')) parts.push(vscode.l10n.t('{0} degraded', count('degraded')));
    const filter = this.filter.describe();
    if (filter) parts.push(filter);
    return parts.join(' · ');
  }

  /** The tunnel node currently shown for `tunnelId`, if any. */
  tunnelNode(tunnelId: string): TunnelNode | undefined {
    return this.tunnelNodes.get(tunnelId);
  }

  /** Fetches one tunnel's connectors again (the retry of its error node). */
  reloadConnectors(tunnelId: string): void {
    this.connectors.invalidate(tunnelId);
    this.refresh(this.tunnelNodes.get(tunnelId));
  }

  private onTunnels(state: LoadState<WarpConnectorTunnel[]>): void {
    // A new tunnel list (refresh, auto-refresh, filter or account change) makes every cached
    // connector list stale: expanded tunnels fetch theirs again when the tree asks.
    if (state.kind === 'loading' && state.loaded === undefined) this.connectors.invalidate();
    if (state.kind !== 'loaded') this.showDescription();
  }

  /** Keeps counts and filter visible while reloading or after a failure, where the base clears them. */
  private showDescription(): void {
    if (!this.view) return;
    const data = this.fleet.tunnels.data;
    this.view.description = data ? this.describe(data) : this.filter.describe();
  }
}
