import * as vscode from 'vscode';
import type { HaStatus, TunnelStatus } from '../../api/types';

/** Icon, theme colour and word for each state; the word is what the description and filter show. */
export interface Look {
  icon: string;
  color: string;
  label: string;
}

export function tunnelStatusLook(status: TunnelStatus | undefined): Look {
  switch (status) {
    case 'healthy':
      return { icon: 'pass-filled', color: 'testing.iconPassed', label: vscode.l10n.t('healthy') };
    case 'degraded':
      return { icon: 'warning', color: 'list.warningForeground', label: vscode.l10n.t('degraded') };
    case 'down':
      return { icon: 'error', color: 'list.errorForeground', label: vscode.l10n.t('down') };
    case 'inactive':
      return { icon: 'circle-outline', color: 'disabledForeground', label: vscode.l10n.t('inactive') };
    default:
      return { icon: 'question', color: 'disabledForeground', label: status ?? vscode.l10n.t('unknown') };
  }
}

/** Active serves traffic, passive stands by (normal in a HA pair), offline is a replica that is gone. */
export function haStatusLook(status: HaStatus | undefined): Look {
  switch (status) {
    case 'active':
      return { icon: 'vm-running', color: 'testing.iconPassed', label: vscode.l10n.t('active') };
    case 'passive':
      return { icon: 'vm-outline', color: 'charts.blue', label: vscode.l10n.t('passive') };
    case 'offline':
      return { icon: 'vm', color: 'list.errorForeground', label: vscode.l10n.t('offline') };
    default:
      return { icon: 'vm', color: 'disabledForeground', label: status ?? vscode.l10n.t('unknown') };
  }
}

export function themeIcon(look: Look): vscode.ThemeIcon {
  return new vscode.ThemeIcon(look.icon, new vscode.ThemeColor(look.color));
}

import { escapeMarkdown } from '../../util/untrustedText';

export { ago, since } from '../../util/ageText';

/** The first 8 characters of a UUID, as the dashboard shortens connector ids. */
export function shortId(id: string | undefined): string {
  if (!id) return vscode.l10n.t('(no id)');
  return id.length > 9 ? `${id.slice(0, 8)}…` : id;
}

/** The exact time and how long ago, as every tooltip writes it. */
export { timeAndAge as timeCell } from '../../util/ageText';

/**
 * A Markdown tooltip: a bold title line (may hold `$(icon)` syntax) and a two-column table of
 * every field that has a value. Values are escaped: names come from the API, not from us.
 */
export function fieldsTooltip(title: string, rows: [string, string | undefined][]): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.appendMarkdown(`${title}\n\n`);
  const shown = rows.filter((r): r is [string, string] => r[1] !== undefined && r[1] !== '');
  if (shown.length) {
    md.appendMarkdown(`| | |\n|---|---|\n`);
    for (const [k, v] of shown) md.appendMarkdown(`| ${escapeMarkdown(k)} | ${escapeMarkdown(v)} |\n`);
  }
  return md;
}

export function boldTitle(icon: Look | undefined, text: string): string {
  return `${icon ? `$(${icon.icon}) ` : ''}**${escapeMarkdown(text)}**`;
}
