import * as vscode from 'vscode';
import type { FleetRegistration } from '../../model/fleetDevice';
import { deviceDashboardUrl } from '../../util/dashboardLinks';
import type { Identified, TreeNode } from '../nodes';
import { escapeMarkdown } from '../../util/untrustedText';
import { markdownTable, relativeTime, when, type DeviceNode } from './deviceNode';
import { profileName } from '../profiles/profileName';
import { ViewItemFlags } from '../../constants';

/** The contextValue flags menus test: `registration;active|revoked;hasUser?`. */
export function registrationFlags(r: FleetRegistration): string {
  return [ViewItemFlags.registration, r.revokedAt ? ViewItemFlags.revoked : ViewItemFlags.active, r.user?.email ? ViewItemFlags.hasUser : undefined].filter(Boolean).join(';');
}

/** "⊘ revoked · Engineering · 3 h ago · 100.96.0.12" — the profile is the one that applied (include=policy). */
export function registrationDescription(r: FleetRegistration, now = Date.now()): string {
  const parts: string[] = [];
  if (r.revokedAt) parts.push(vscode.l10n.t('⊘ revoked'));
  if (r.policy) parts.push(profileName(r.policy));
  parts.push(relativeTime(r.lastSeen, now));
  if (r.virtualIpv4) parts.push(r.virtualIpv4);
  return parts.join(' · ');
}

export function registrationLabel(r: FleetRegistration): string {
  return r.user?.email || r.user?.name || vscode.l10n.t('No user');
}

/** Every field of a registration, as label/value rows; shared by the tooltip and the details document. */
export function registrationRows(r: FleetRegistration, now = Date.now()): [string, string | undefined][] {
  const policy = r.policy ? [profileName(r.policy), r.policy.deleted ? vscode.l10n.t('(deleted)') : ''].filter(Boolean).join(' ') : undefined;
  return [
    [vscode.l10n.t('Status'), r.deletedAt ? vscode.l10n.t('deleted') : r.revokedAt ? vscode.l10n.t('revoked') : vscode.l10n.t('active')],
    [vscode.l10n.t('User'), [r.user?.name, r.user?.email].filter(Boolean).join(' · ') || undefined],
    [vscode.l10n.t('User ID'), r.user?.id],
    [vscode.l10n.t('Device settings profile'), policy],
    [vscode.l10n.t('Virtual IPv4'), r.virtualIpv4],
    [vscode.l10n.t('Virtual IPv6'), r.virtualIpv6],
    [vscode.l10n.t('WARP version'), r.clientVersion],
    [vscode.l10n.t('Registration type'), r.registrationType],
    [vscode.l10n.t('Tunnel type'), r.tunnelType],
    [vscode.l10n.t('Key type'), r.keyType],
    [vscode.l10n.t('Public key'), r.key],
    [vscode.l10n.t('Last seen'), when(r.lastSeen, now)],
    [vscode.l10n.t('Created'), when(r.created, now)],
    [vscode.l10n.t('Updated'), when(r.updated, now)],
    [vscode.l10n.t('Revoked at'), when(r.revokedAt, now)],
    [vscode.l10n.t('Deleted at'), when(r.deletedAt, now)],
    [vscode.l10n.t('Device'), r.deviceName],
    [vscode.l10n.t('Device ID'), r.deviceId],
    [vscode.l10n.t('Registration ID'), r.id],
  ];
}

/** One user's registration of WARP on a physical device (new API). */
export class RegistrationNode implements TreeNode, Identified {
  constructor(
    readonly registration: FleetRegistration,
    readonly parent: DeviceNode,
  ) {}

  get id(): string {
    return `registration:${this.registration.id}`;
  }

  get resourceId(): string {
    return this.registration.id;
  }

  get resourceName(): string {
    return this.registration.user?.email || this.registration.id;
  }

  /** Like devices, registrations have no per-item dashboard address we could verify: the device list. */
  dashboardUrl(accountId: string): string {
    return deviceDashboardUrl(accountId);
  }

  getTreeItem(): vscode.TreeItem {
    const r = this.registration;
    const item = new vscode.TreeItem(registrationLabel(r), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(r.revokedAt ? 'circle-slash' : 'person', r.revokedAt ? new vscode.ThemeColor('disabledForeground') : undefined);
    item.description = registrationDescription(r);
    item.contextValue = registrationFlags(r);
    item.accessibilityInformation = { label: [registrationLabel(r), item.description].join(', ') };
    return item;
  }

  resolveTooltip(): vscode.MarkdownString {
    const r = this.registration;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`$(person) **${escapeMarkdown(registrationLabel(r))}**\n\n`);
    md.appendMarkdown(markdownTable(registrationRows(r)));
    return md;
  }
}

/** The children of a physical device's node: its registrations, most recently seen first (deleted ones hidden). */
export function registrationChildren(node: DeviceNode): TreeNode[] {
  return (node.registrations ?? []).filter(r => !r.deletedAt).map(r => new RegistrationNode(r, node));
}
