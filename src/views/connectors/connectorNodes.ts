import * as vscode from 'vscode';
import type { ConnectorConnection, WarpConnector } from '../../api/types';
import { tunnelsDashboardUrl } from '../../util/dashboardLinks';
import { MessageNode, type Identified, type TreeNode } from '../nodes';
import { ago, boldTitle, fieldsTooltip, haStatusLook, shortId, themeIcon, timeCell } from './format';
import { ViewItemFlags } from '../../constants';

/** One WARP Connector (a machine running the connector) of a tunnel; its children are its connections. */
export class ConnectorNode implements TreeNode, Identified {
  constructor(
    readonly tunnelId: string,
    readonly connector: WarpConnector,
    readonly parent: TreeNode,
  ) {}

  get id(): string {
    return `connector:${this.tunnelId}:${this.connector.id ?? ''}`;
  }

  /** Empty only if the API left the id out; the menus then offer no Copy ID ("hasId" is unset). */
  get resourceId(): string {
    return this.connector.id ?? '';
  }

  dashboardUrl(accountId: string): string {
    return tunnelsDashboardUrl(accountId);
  }

  getTreeItem(): vscode.TreeItem {
    const c = this.connector;
    const now = Date.now();
    const conns = c.conns ?? [];
    const item = new vscode.TreeItem(shortId(c.id), conns.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const look = haStatusLook(c.ha_status);
    item.iconPath = themeIcon(look);
    const started = ago(c.run_at, now);
    item.description = [look.label, c.arch, c.version, started && vscode.l10n.t('started {0}', started)].filter(Boolean).join(' · ');
    item.contextValue = [ViewItemFlags.connector, c.ha_status, c.id ? ViewItemFlags.hasId : undefined].filter(Boolean).join(';');
    // The id first (the item's name, as its label shows it), then what it is and its state.
    item.accessibilityInformation = { label: vscode.l10n.t('{0}, connector, {1}', c.id ?? '', item.description) };
    return item;
  }

  resolveTooltip(): vscode.MarkdownString {
    const c = this.connector;
    const now = Date.now();
    const conns = c.conns ?? [];
    const look = haStatusLook(c.ha_status);
    return fieldsTooltip(boldTitle(look, vscode.l10n.t('Connector {0}', shortId(c.id))), [
      [vscode.l10n.t('ID'), c.id],
      [vscode.l10n.t('HA status'), look.label],
      [vscode.l10n.t('Architecture'), c.arch],
      [vscode.l10n.t('Version'), c.version],
      [vscode.l10n.t('Running since'), timeCell(c.run_at, now)],
      [vscode.l10n.t('Connections'), String(conns.length)],
      [vscode.l10n.t('Data centres'), [...new Set(conns.map(x => x.colo_name).filter(Boolean))].join(', ')],
      [vscode.l10n.t('Features'), c.features?.join(', ')],
    ]);
  }

  getChildren(): TreeNode[] {
    const conns = this.connector.conns ?? [];
    if (!conns.length) return [new MessageNode(vscode.l10n.t('No open connections'), 'info', undefined, undefined, this)];
    return [...conns].sort((a, b) => (a.colo_name ?? '').localeCompare(b.colo_name ?? '')).map(x => new ConnectionNode(this.tunnelId, x, this));
  }
}

/** One connection from a connector to a Cloudflare data centre. */
export class ConnectionNode implements TreeNode, Identified {
  constructor(
    readonly tunnelId: string,
    readonly connection: ConnectorConnection,
    readonly parent: ConnectorNode,
  ) {}

  get id(): string {
    return `connection:${this.tunnelId}:${this.parent.connector.id ?? ''}:${this.connection.id ?? ''}`;
  }

  get resourceId(): string {
    return this.connection.id ?? '';
  }

  getTreeItem(): vscode.TreeItem {
    const x = this.connection;
    const now = Date.now();
    const item = new vscode.TreeItem(x.colo_name || vscode.l10n.t('(unknown data centre)'), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('plug');
    const opened = ago(x.opened_at, now);
    item.description = [x.origin_ip, opened && vscode.l10n.t('opened {0}', opened), x.client_version].filter(Boolean).join(' · ');
    item.contextValue = [ViewItemFlags.connection, x.id ? ViewItemFlags.hasId : undefined].filter(Boolean).join(';');
    return item;
  }

  resolveTooltip(): vscode.MarkdownString {
    const x = this.connection;
    const now = Date.now();
    return fieldsTooltip(boldTitle({ icon: 'plug', color: '', label: '' }, vscode.l10n.t('Connection to {0}', x.colo_name ?? '?')), [
      [vscode.l10n.t('ID'), x.id],
      [vscode.l10n.t('Data centre'), x.colo_name],
      [vscode.l10n.t('Origin IP'), x.origin_ip],
      [vscode.l10n.t('Opened'), timeCell(x.opened_at, now)],
      [vscode.l10n.t('Client ID'), x.client_id],
      [vscode.l10n.t('Client version'), x.client_version],
    ]);
  }
}
