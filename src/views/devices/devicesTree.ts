import * as vscode from 'vscode';
import type { Device } from '../../api/types';
import { CommandIds, ViewIds } from '../../constants';
import type { Loadable } from '../../model/loadable';
import { FleetTreeProvider } from '../fleetTreeProvider';
import { MessageNode, type TreeNode } from '../nodes';

const PAGE = 200;

const OS_LABELS: Record<string, string> = {
  windows: 'Windows',
  mac: 'macOS',
  linux: 'Linux',
  ios: 'iOS',
  android: 'Android',
  chromeos: 'ChromeOS',
};

export function osIcon(type: string | undefined): string {
  switch (type) {
    case 'ios':
    case 'android':
      return 'device-mobile';
    case 'linux':
      return 'terminal-linux';
    default:
      return 'device-desktop';
  }
}

export class DeviceNode implements TreeNode {
  constructor(
    readonly device: Device,
    readonly parent?: TreeNode,
  ) {}

  get id(): string {
    return `device:${this.device.id}`;
  }

  getTreeItem(): vscode.TreeItem {
    const d = this.device;
    const item = new vscode.TreeItem(d.name || d.id, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(osIcon(d.device_type), d.revoked_at ? new vscode.ThemeColor('disabledForeground') : undefined);
    item.description = [d.revoked_at ? vscode.l10n.t('revoked') : undefined, d.user?.email].filter(Boolean).join(' · ');
    item.contextValue = ['device', d.revoked_at ? 'revoked' : 'active', d.deleted ? 'deleted' : undefined].filter(Boolean).join(';');
    return item;
  }
}

class LoadMoreNode implements TreeNode {
  constructor(
    private readonly group: GroupNode,
    private readonly remaining: number,
  ) {}

  get parent(): TreeNode {
    return this.group;
  }

  getTreeItem(): vscode.TreeItem {
    const n = Math.min(PAGE, this.remaining);
    const item = new vscode.TreeItem(vscode.l10n.t('Load {0} more ({1} left)', n, this.remaining.toLocaleString()));
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.command = { command: CommandIds.loadMore, title: vscode.l10n.t('Load More'), arguments: [this.group] };
    item.contextValue = 'loadMore';
    return item;
  }
}

export class GroupNode implements TreeNode {
  shown = PAGE;

  constructor(
    readonly key: string,
    readonly label: string,
    readonly devices: Device[],
    private readonly icon: string,
    readonly provider: DevicesTreeProvider,
  ) {}

  get id(): string {
    return `group:${this.key}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.description = this.devices.length.toLocaleString();
    item.contextValue = 'deviceGroup';
    return item;
  }

  getChildren(): TreeNode[] {
    const nodes: TreeNode[] = this.devices.slice(0, this.shown).map(d => new DeviceNode(d, this));
    if (this.devices.length > this.shown) nodes.push(new LoadMoreNode(this, this.devices.length - this.shown));
    return nodes;
  }

  loadMore(): void {
    this.shown += PAGE;
    this.provider.refresh(this);
  }
}

export class DevicesTreeProvider extends FleetTreeProvider<Device[]> {
  constructor(model: Loadable<Device[]>) {
    super(ViewIds.devices, model, vscode.l10n.t('Devices'), CommandIds.refresh);
  }

  protected rootNodes(devices: Device[]): TreeNode[] {
    if (!devices.length) return [new MessageNode(vscode.l10n.t('No devices are enrolled in this account.'), 'info')];
    const groups = new Map<string, Device[]>();
    for (const d of devices) {
      const key = d.device_type ?? 'other';
      let list = groups.get(key);
      if (!list) groups.set(key, (list = []));
      list.push(d);
    }
    return [...groups.entries()]
      .sort((a, b) => b[1].length - a[1].length)
      .map(([key, list]) => {
        list.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
        return new GroupNode(key, OS_LABELS[key] ?? key, list, osIcon(key), this);
      });
  }

  protected override describe(devices: Device[]): string {
    return vscode.l10n.t('{0} devices', devices.length.toLocaleString());
  }
}
