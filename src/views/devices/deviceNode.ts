import * as vscode from 'vscode';
import type { Device } from '../../api/types';
import { deviceStatus, type DeviceStatus } from '../../model/deviceQuery';
import { liveRegistrations, userCount, type FleetDevice } from '../../model/fleetDevice';
import { ago, timeAndAge } from '../../util/ageText';
import { deviceDashboardUrl } from '../../util/dashboardLinks';
import { escapeMarkdown } from '../../util/untrustedText';
import type { Identified, TreeNode } from '../nodes';
import { ViewItemFlags } from '../../constants';

/** Operating system names are proper names: not translated. */
export const OS_LABELS: Record<string, string> = {
  windows: 'Windows',
  mac: 'macOS',
  linux: 'Linux',
  ios: 'iOS',
  android: 'Android',
  chromeos: 'ChromeOS',
};

export function osLabel(type: string | undefined): string {
  return type ? (OS_LABELS[type] ?? type) : vscode.l10n.t('Unknown OS');
}

export function osIcon(type: string | undefined): string {
  switch (type) {
    case 'windows':
      return 'device-desktop';
    case 'mac':
      return 'vm-outline';
    case 'linux':
      return 'terminal-linux';
    case 'ios':
    case 'android':
      return 'device-mobile';
    case 'chromeos':
      return 'browser';
    default:
      return 'question';
  }
}

/** "3 h ago", "9 d ago", "just now"; "never seen" without a time. */
export function relativeTime(iso: string | undefined, now = Date.now()): string {
  return ago(iso, now) ?? vscode.l10n.t('never seen');
}

/**
 * The contextValue flags menus test. Legacy: `device;active|revoked;deleted?;hasUser?`. New API:
 * `device;physical;canRevoke?;canUnrevoke?;deleted?;hasUser?` — no `active`/`revoked` flag, because
 * revocation lives on the registrations and the legacy Revoke/Unrevoke menus must not show.
 */
export function deviceFlags(d: Device): string {
  const regs = (d as Partial<FleetDevice>).registrations;
  if ((d as Partial<FleetDevice>).api === 'registrations') {
    const live = liveRegistrations(regs);
    return [
      ViewItemFlags.device,
      ViewItemFlags.physical,
      !d.deleted && live.some(r => !r.revokedAt) ? ViewItemFlags.canRevoke : undefined,
      !d.deleted && live.some(r => r.revokedAt) ? ViewItemFlags.canUnrevoke : undefined,
      d.deleted ? ViewItemFlags.deleted : undefined,
      d.user?.email ? ViewItemFlags.hasUser : undefined,
    ]
      .filter(Boolean)
      .join(';');
  }
  return [ViewItemFlags.device, d.revoked_at ? ViewItemFlags.revoked : ViewItemFlags.active, d.deleted ? ViewItemFlags.deleted : undefined, d.user?.email ? ViewItemFlags.hasUser : undefined]
    .filter(Boolean)
    .join(';');
}

export function statusLabel(s: DeviceStatus): string {
  switch (s) {
    case 'active':
      return vscode.l10n.t('active');
    case 'partlyRevoked':
      return vscode.l10n.t('partly revoked');
    case 'revoked':
      return vscode.l10n.t('revoked');
    case 'deleted':
      return vscode.l10n.t('deleted');
  }
}

export class DeviceNode implements TreeNode, Identified {
  constructor(
    readonly device: FleetDevice | Device,
    readonly parent?: TreeNode,
    /** Makes the registration children (views/devices/registrationNode.ts; injected to keep the import one-way). */
    private readonly childrenOf?: (node: DeviceNode) => TreeNode[],
  ) {}

  /** The physical device's registrations on the new API; undefined on the legacy API. */
  get registrations() {
    return (this.device as Partial<FleetDevice>).registrations;
  }

  getChildren(): TreeNode[] {
    return this.childrenOf?.(this) ?? [];
  }

  get id(): string {
    return `device:${this.device.id}`;
  }

  get resourceId(): string {
    return this.device.id;
  }

  get resourceName(): string {
    return this.device.name || this.device.id;
  }

  dashboardUrl(accountId: string): string {
    return deviceDashboardUrl(accountId);
  }

  getTreeItem(): vscode.TreeItem {
    const d = this.device;
    const physical = (d as Partial<FleetDevice>).api === 'registrations';
    const hasChildren = physical && (this.registrations?.length ?? 0) > 0;
    const item = new vscode.TreeItem(d.name || d.id, hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const inactive = d.revoked_at || d.deleted;
    item.iconPath = new vscode.ThemeIcon(osIcon(d.device_type), inactive ? new vscode.ThemeColor('disabledForeground') : undefined);
    item.description = deviceDescription(d);
    item.contextValue = deviceFlags(d);
    item.accessibilityInformation = { label: [d.name || d.id, osLabel(d.device_type), item.description].join(', ') };
    return item;
  }

  resolveTooltip(): vscode.MarkdownString {
    return deviceTooltip(this.device);
  }
}

/** "⊘ revoked · j.doe@acme.com · 3 h ago"; on the new API "2 users · 3 h ago" (one user: the email). */
export function deviceDescription(d: Device, now = Date.now()): string {
  const status = deviceStatus(d);
  const parts: string[] = [];
  if (d.revoked_at) parts.push(vscode.l10n.t('⊘ revoked'));
  if (status === 'partlyRevoked') parts.push(vscode.l10n.t('⊘ partly revoked'));
  if (status === 'deleted') parts.push(vscode.l10n.t('deleted'));
  const fleet = d as Partial<FleetDevice>;
  const users = fleet.api === 'registrations' ? userCount(fleet as FleetDevice) : 0;
  if (users > 1) parts.push(vscode.l10n.t('{0} users', users));
  else if (d.user?.email) parts.push(d.user.email);
  parts.push(relativeTime(d.last_seen, now));
  return parts.join(' · ');
}

/** The exact time and how long ago, as every tooltip writes it. */
export const when = timeAndAge;

/** Every field of the list item, as label/value rows; shared by the tooltip and the details document. */
export function deviceRows(d: Device, now = Date.now()): [string, string | undefined][] {
  const os = [osLabel(d.device_type), d.os_version, d.os_version_extra].filter(Boolean).join(' ');
  const distro = [d.os_distro_name, d.os_distro_revision].filter(Boolean).join(' ');
  const fleet = d as Partial<FleetDevice>;
  const regs = fleet.api === 'registrations' ? liveRegistrations(fleet.registrations) : undefined;
  return [
    [vscode.l10n.t('Status'), statusLabel(deviceStatus(d))],
    [
      vscode.l10n.t('Registrations'),
      regs ? vscode.l10n.t('{0} ({1} revoked)', regs.length, regs.filter(r => r.revokedAt).length) : undefined,
    ],
    [vscode.l10n.t('User'), [d.user?.name, d.user?.email].filter(Boolean).join(' · ') || undefined],
    [vscode.l10n.t('User ID'), d.user?.id],
    [vscode.l10n.t('Model'), d.model],
    [vscode.l10n.t('Manufacturer'), d.manufacturer],
    [vscode.l10n.t('Serial number'), d.serial_number],
    [vscode.l10n.t('Operating system'), os],
    [vscode.l10n.t('Linux distribution'), distro || undefined],
    [vscode.l10n.t('WARP version'), d.version],
    [vscode.l10n.t('IP address'), d.ip],
    [vscode.l10n.t('MAC address'), d.mac_address],
    [vscode.l10n.t('Last seen'), when(d.last_seen, now)],
    [vscode.l10n.t('Created'), when(d.created, now)],
    [vscode.l10n.t('Updated'), when(d.updated, now)],
    [vscode.l10n.t('Revoked at'), when(d.revoked_at, now)],
    [vscode.l10n.t('Deleted'), d.deleted ? vscode.l10n.t('yes') : vscode.l10n.t('no')],
    [vscode.l10n.t('Public key'), d.key],
    [vscode.l10n.t('Hardware ID'), fleet.hardwareId],
    [vscode.l10n.t('Device ID'), d.id],
  ];
}

export function markdownTable(rows: [string, string | undefined][]): string {
  const body = rows.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `| ${escapeMarkdown(k)} | ${escapeMarkdown(v!)} |`);
  return [`| ${vscode.l10n.t('Field')} | ${vscode.l10n.t('Value')} |`, '|---|---|', ...body].join('\n');
}

function deviceTooltip(d: Device): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`$(${osIcon(d.device_type)}) **${escapeMarkdown(d.name || d.id)}**\n\n`);
  md.appendMarkdown(markdownTable(deviceRows(d)));
  return md;
}
