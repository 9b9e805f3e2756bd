import * as vscode from 'vscode';
import type { WarpConnectorTunnel } from '../../api/types';
import { CommandIds, ViewIds } from '../../constants';
import type { Loadable } from '../../model/loadable';
import { FleetTreeProvider } from '../fleetTreeProvider';
import { MessageNode, type TreeNode } from '../nodes';

const STATUS_ICONS: Record<string, [string, string]> = {
  healthy: ['pass-filled', 'testing.iconPassed'],
  degraded: ['warning', 'list.warningForeground'],
  down: ['error', 'list.errorForeground'],
  inactive: ['circle-outline', 'disabledForeground'],
};

export class TunnelNode implements TreeNode {
  constructor(readonly tunnel: WarpConnectorTunnel) {}

  get id(): string {
    return `tunnel:${this.tunnel.id}`;
  }

  getTreeItem(): vscode.TreeItem {
    const t = this.tunnel;
    const item = new vscode.TreeItem(t.name ?? t.id, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const [icon, color] = STATUS_ICONS[t.status ?? 'inactive'] ?? STATUS_ICONS.inactive;
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    item.description = t.status;
    item.contextValue = ['tunnel', t.status].filter(Boolean).join(';');
    return item;
  }
}

export class ConnectorsTreeProvider extends FleetTreeProvider<WarpConnectorTunnel[]> {
  constructor(model: Loadable<WarpConnectorTunnel[]>) {
    super(ViewIds.connectors, model, vscode.l10n.t('Connectors'), CommandIds.refresh);
  }

  protected rootNodes(tunnels: WarpConnectorTunnel[]): TreeNode[] {
    if (!tunnels.length) return [new MessageNode(vscode.l10n.t('No WARP Connector tunnels in this account.'), 'info')];
    return tunnels.map(t => new TunnelNode(t));
  }
}
