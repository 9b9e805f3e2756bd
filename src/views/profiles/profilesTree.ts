import * as vscode from 'vscode';
import type { SettingsPolicy } from '../../api/types';
import { CommandIds, ViewIds } from '../../constants';
import type { ProfilesData } from '../../model/fleet';
import type { Loadable } from '../../model/loadable';
import { FleetTreeProvider } from '../fleetTreeProvider';
import type { TreeNode } from '../nodes';

/** Custom profiles by precedence (lowest first, as Cloudflare evaluates them), the default last. */
export function orderProfiles(profiles: SettingsPolicy[]): SettingsPolicy[] {
  const custom = profiles.filter(p => !p.default).sort((a, b) => (a.precedence ?? Infinity) - (b.precedence ?? Infinity));
  return [...custom, ...profiles.filter(p => p.default)];
}

export class ProfileNode implements TreeNode {
  constructor(readonly profile: SettingsPolicy) {}

  get id(): string {
    return `profile:${this.profile.default ? 'default' : this.profile.policy_id}`;
  }

  getTreeItem(): vscode.TreeItem {
    const p = this.profile;
    const item = new vscode.TreeItem(p.default ? vscode.l10n.t('Default') : (p.name ?? p.policy_id ?? '?'), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('shield', p.enabled === false ? new vscode.ThemeColor('disabledForeground') : undefined);
    item.description = p.default
      ? vscode.l10n.t('last · applies when no other profile matches')
      : vscode.l10n.t('precedence {0} · {1}', p.precedence ?? '?', p.match ?? '');
    item.contextValue = ['profile', p.default ? 'default' : 'custom'].join(';');
    return item;
  }
}

export class ProfilesTreeProvider extends FleetTreeProvider<ProfilesData> {
  constructor(model: Loadable<ProfilesData>) {
    super(ViewIds.profiles, model, vscode.l10n.t('Profiles'), CommandIds.refresh);
  }

  protected rootNodes(data: ProfilesData): TreeNode[] {
    return orderProfiles(data.profiles).map(p => new ProfileNode(p));
  }
}
