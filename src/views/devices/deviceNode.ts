import * as vscode from 'vscode';
import type { Device } from '../../api/types';
import { deviceStatus } from '../../model/deviceQuery';
import { ago } from '../../util/ageText';
import { deviceDashboardUrl } from '../../util/dashboardLinks';
import { escapeMarkdown } from '../../util/untrustedText';
import type { Identified, TreeNode } from '../nodes';

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

/** The contextValue flags menus test: `device;active|revoked;deleted?;hasUser?`. */
export function deviceFlags(d: Device): string {
  return ['device', d.revoked_at ? 'revoked' : 'active', d.deleted ? 'deleted' : undefined, d.user?.email ? 'hasUser' : undefined]
    .filter(Boolean)
    .join(';');
}

export class DeviceNode implements TreeNode, Identified {
  constructor(
    readonly device: Device,
    readonly parent?: TreeNode,
  ) {}

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
    const item = new vscode.TreeItem(d.name || d.id, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const inactive = d.revoked_at || d.deleted;
    item.iconPath = new vscode.ThemeIcon(osIcon(d.device_type), inactive ? new vscode.ThemeColor('disabledForeground') : undefined);
    item.description = deviceDescription(d);
    item.tooltip = deviceTooltip(d);
    item.contextValue = deviceFlags(d);
    item.accessibilityInformation = { label: [d.name || d.id, osLabel(d.device_type), item.description].join(', ') };
    return item;
  }
}

/** "⊘ revoked · j.doe@acme.com · 3 h ago". */
export function deviceDescription(d: Device, now = Date.now()): string {
  const status = deviceStatus(d);
  const parts: string[] = [];
  if (d.revoked_at) parts.push(vscode.l10n.t('⊘ revoked'));
  if (status === 'deleted') parts.push(vscode.l10n.t('deleted'));
  if (d.user?.email) parts.push(d.user.email);
  parts.push(relativeTime(d.last_seen, now));
  return parts.join(' · ');
}

function when(iso: string | undefined, now: number): string | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : `${new Date(t).toLocaleString()} (${relativeTime(iso, now)})`;
}

/** Every field of the list item, as label/value rows; shared by the tooltip and the details document. */
export function deviceRows(d: Device, now = Date.now()): [string, string | undefined][] {
  const os = [osLabel(d.device_type), d.os_version, d.os_version_extra].filter(Boolean).join(' ');
  const distro = [d.os_distro_name, d.os_distro_revision].filter(Boolean).join(' ');
  return [
    [vscode.l10n.t('Status'), d.revoked_at ? vscode.l10n.t('revoked') : vscode.l10n.t('active')],
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
