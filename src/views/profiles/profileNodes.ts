import * as vscode from 'vscode';
import type { IPProfile, SettingsPolicy, SplitTunnelMode } from '../../api/types';
import { CommandIds, ViewIds, ViewItemFlags } from '../../constants';
import { splitTunnelMode } from '../../model/profileOrder';
import { DashboardPages, dashboardUrl } from '../../util/dashboardLinks';
import { escapeMarkdown, markdownCodeCell } from '../../util/untrustedText';
import { ErrorNode, type Identified, type TreeNode } from '../nodes';
import { readableMatch } from './matchText';
import { profileName } from './profileName';
import { settingsMarkdown } from './settingLabels';

/** A device settings profile; the default profile has `profile.default === true`. */
export class ProfileNode implements TreeNode, Identified {
  readonly parent = undefined;
  /** The Split Tunnel list this profile uses, so a profile's own menu can open the right list. */
  readonly mode: SplitTunnelMode;

  /** `isFirst`/`isLast`: its place among custom profiles, which decides whether it can move up or down. */
  constructor(
    readonly profile: SettingsPolicy,
    private readonly isFirst = false,
    private readonly isLast = false,
  ) {
    this.mode = splitTunnelMode(profile);
  }

  /** Stable across reloads, so reveal() and the tree's expansion state survive them. */
  get id(): string {
    return ProfileNode.idOf(this.profile);
  }

  static idOf(p: SettingsPolicy): string {
    return `profile:${p.default ? 'default' : p.policy_id}`;
  }

  get resourceId(): string {
    return this.profile.policy_id ?? '';
  }

  get resourceName(): string {
    return profileName(this.profile);
  }

  dashboardUrl(accountId: string): string {
    return dashboardUrl(accountId, DashboardPages.warpClientSettings);
  }

  /** `profile;custom|default;enabled|disabled;canMoveUp?;canMoveDown?` — menus test one flag each. */
  get contextValue(): string {
    const p = this.profile;
    const flags: string[] = [ViewItemFlags.profile, p.default ? ViewItemFlags.default : ViewItemFlags.custom, p.enabled === false ? ViewItemFlags.disabled : ViewItemFlags.enabled];
    if (!p.default && !this.isFirst) flags.push(ViewItemFlags.canMoveUp);
    if (!p.default && !this.isLast) flags.push(ViewItemFlags.canMoveDown);
    if (p.policy_id) flags.push(ViewItemFlags.hasId);
    return flags.join(';');
  }

  getTreeItem(): vscode.TreeItem {
    const p = this.profile;
    const item = new vscode.TreeItem(profileName(p), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const disabled = p.enabled === false;
    item.iconPath = new vscode.ThemeIcon(disabled ? 'circle-slash' : 'shield', disabled ? new vscode.ThemeColor('disabledForeground') : undefined);
    const where = p.default
      ? vscode.l10n.t('last · applies when no other profile matches')
      : vscode.l10n.t('precedence {0} · {1}', p.precedence ?? '?', readableMatch(p.match ?? ''));
    item.description = disabled ? vscode.l10n.t('disabled · {0}', where) : where;
    item.contextValue = this.contextValue;
    return item;
  }

  resolveTooltip(): vscode.MarkdownString {
    return settingsMarkdown(this.profile);
  }

  getChildren(): TreeNode[] {
    return [new SplitTunnelNode(this.profile, this.mode, this), new FallbackDomainsNode(this.profile, this)];
  }
}

/**
 * "Split Tunnel — Exclude (16)": the list the profile uses. A click runs the list editor's command
 * with this node as the only argument (it carries `profile` and `mode`).
 */
export class SplitTunnelNode implements TreeNode {
  constructor(
    readonly profile: SettingsPolicy,
    readonly mode: SplitTunnelMode,
    readonly parent: ProfileNode,
  ) {}

  get id(): string {
    return `${this.parent.id}/splitTunnel`;
  }

  /** The list's API name, for the list commands (history, compare, copy). */
  get list(): SplitTunnelMode {
    return this.mode;
  }

  getTreeItem(): vscode.TreeItem {
    const n = (this.mode === 'include' ? this.profile.include : this.profile.exclude)?.length ?? 0;
    const label = this.mode === 'include' ? vscode.l10n.t('Split Tunnel — Include ({0})', n) : vscode.l10n.t('Split Tunnel — Exclude ({0})', n);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('list-unordered');
    item.tooltip =
      this.mode === 'include'
        ? vscode.l10n.t('Only these routes go through WARP. Click to edit the list.')
        : vscode.l10n.t('These routes bypass WARP. Click to edit the list.');
    // Name, count, hint: the visual label's "(42)" reads badly, and the tooltip alone names no list.
    const hint = this.mode === 'include' ? vscode.l10n.t('only these routes go through WARP; press Enter to edit the list') : vscode.l10n.t('these routes bypass WARP; press Enter to edit the list');
    item.accessibilityInformation = {
      label: this.mode === 'include' ? vscode.l10n.t('Split Tunnel Include, {0}, {1}', entries(n), hint) : vscode.l10n.t('Split Tunnel Exclude, {0}, {1}', entries(n), hint),
    };
    item.command = { command: CommandIds.editSplitTunnel, title: vscode.l10n.t('Edit Split Tunnel'), arguments: [this] };
    item.contextValue = `${ViewItemFlags.splitTunnel};${this.mode}`;
    return item;
  }
}

function entries(n: number): string {
  return n === 1 ? vscode.l10n.t('1 entry') : vscode.l10n.t('{0} entries', n.toLocaleString());
}

/** "Local Domain Fallback (15)"; a click opens its editor. */
export class FallbackDomainsNode implements TreeNode {
  readonly list = 'fallback_domains';

  constructor(
    readonly profile: SettingsPolicy,
    readonly parent: ProfileNode,
  ) {}

  get id(): string {
    return `${this.parent.id}/fallbackDomains`;
  }

  getTreeItem(): vscode.TreeItem {
    const n = this.profile.fallback_domains?.length ?? 0;
    const item = new vscode.TreeItem(vscode.l10n.t('Local Domain Fallback ({0})', n), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('globe');
    item.tooltip = vscode.l10n.t('Domains the WARP client resolves with local DNS servers. Click to edit the list.');
    item.accessibilityInformation = {
      label: vscode.l10n.t('Local Domain Fallback, {0}, {1}', entries(n), vscode.l10n.t('domains the WARP client resolves with local DNS servers; press Enter to edit the list')),
    };
    item.command = { command: CommandIds.editFallbackDomains, title: vscode.l10n.t('Edit Local Domain Fallback'), arguments: [this] };
    item.contextValue = ViewItemFlags.fallbackDomains;
    return item;
  }
}

/** "IP profiles (3)": the account's IP profiles, or why they could not be listed. */
export class IpProfilesGroupNode implements TreeNode {
  readonly id = 'ipProfiles';
  readonly parent = undefined;

  constructor(
    private readonly ipProfiles: readonly IPProfile[],
    private readonly error: unknown,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const failed = this.error !== undefined;
    const label = failed ? vscode.l10n.t('IP profiles') : vscode.l10n.t('IP profiles ({0})', this.ipProfiles.length);
    const state = failed || this.ipProfiles.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(label, state);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(failed ? 'warning' : 'symbol-namespace');
    item.description = failed ? vscode.l10n.t('could not be listed') : undefined;
    item.tooltip = vscode.l10n.t('IP profiles give devices that match them an IP address from a subnet.');
    item.contextValue = ViewItemFlags.ipProfiles;
    return item;
  }

  getChildren(): TreeNode[] {
    if (this.error !== undefined) {
      return [new ErrorNode(this.error, { command: CommandIds.refresh, title: vscode.l10n.t('Retry'), arguments: [ViewIds.profiles] }, vscode.l10n.t('IP profiles'), this)];
    }
    return [...this.ipProfiles].sort((a, b) => a.precedence - b.precedence).map(p => new IpProfileNode(p, this));
  }
}

export class IpProfileNode implements TreeNode, Identified {
  constructor(
    readonly ipProfile: IPProfile,
    readonly parent: IpProfilesGroupNode,
  ) {}

  get id(): string {
    return `ipProfile:${this.ipProfile.id}`;
  }

  get resourceId(): string {
    return this.ipProfile.id;
  }

  get resourceName(): string {
    return this.ipProfile.name;
  }

  dashboardUrl(accountId: string): string {
    return dashboardUrl(accountId, DashboardPages.warpClientSettings);
  }

  getTreeItem(): vscode.TreeItem {
    const p = this.ipProfile;
    const item = new vscode.TreeItem(p.name, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('symbol-interface', p.enabled ? undefined : new vscode.ThemeColor('disabledForeground'));
    const state = p.enabled ? vscode.l10n.t('enabled') : vscode.l10n.t('disabled');
    item.description = vscode.l10n.t('precedence {0} · {1} · subnet {2} · {3}', p.precedence, p.match, p.subnet_id, state);
    item.contextValue = `${ViewItemFlags.ipProfile};${ViewItemFlags.hasId}`;
    return item;
  }

  resolveTooltip(): vscode.MarkdownString {
    const p = this.ipProfile;
    const state = p.enabled ? vscode.l10n.t('enabled') : vscode.l10n.t('disabled');
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`| | |\n|---|---|\n`);
    const rows: [string, string][] = [
      [vscode.l10n.t('Name'), p.name],
      [vscode.l10n.t('Description'), p.description],
      [vscode.l10n.t('Match expression'), p.match],
      [vscode.l10n.t('Precedence'), String(p.precedence)],
      [vscode.l10n.t('Subnet id'), p.subnet_id],
      [vscode.l10n.t('Enabled'), state],
      [vscode.l10n.t('Id'), p.id],
      [vscode.l10n.t('Created'), p.created_at],
      [vscode.l10n.t('Updated'), p.updated_at],
    ];
    for (const [k, v] of rows) md.appendMarkdown(`| ${escapeMarkdown(k)} | ${v ? markdownCodeCell(v) : ''} |\n`);
    return md;
  }
}
