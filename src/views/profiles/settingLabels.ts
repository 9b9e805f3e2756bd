/** The words for profile settings: labels, values and problems, shared by the tree's tooltips and the editor. */
import * as vscode from 'vscode';
import type { SettingsPolicy } from '../../api/types';
import { formFromProfile, visibleFields, type FieldKey, type FieldValue, type Problem } from '../../model/profileSettings';
import { escapeMarkdown, markdownCodeCell } from '../../util/untrustedText';

export function fieldLabel(key: FieldKey): string {
  switch (key) {
    case 'name': return vscode.l10n.t('Name');
    case 'description': return vscode.l10n.t('Description');
    case 'match': return vscode.l10n.t('Match expression');
    case 'precedence': return vscode.l10n.t('Precedence');
    case 'enabled': return vscode.l10n.t('Enabled');
    case 'service_mode': return vscode.l10n.t('Service mode');
    case 'proxy_port': return vscode.l10n.t('Proxy port');
    case 'tunnel_protocol': return vscode.l10n.t('Tunnel protocol');
    case 'switch_locked': return vscode.l10n.t('Lock WARP switch');
    case 'allow_mode_switch': return vscode.l10n.t('Allow mode switch');
    case 'allowed_to_leave': return vscode.l10n.t('Allow leaving the organization');
    case 'allow_updates': return vscode.l10n.t('Allow updates');
    case 'auto_connect': return vscode.l10n.t('Auto connect (seconds)');
    case 'captive_portal': return vscode.l10n.t('Captive portal timeout (seconds)');
    case 'disable_auto_fallback': return vscode.l10n.t('Disable auto fallback');
    case 'exclude_office_ips': return vscode.l10n.t('Exclude office IPs');
    case 'lan_allow_minutes': return vscode.l10n.t('Local network access (minutes)');
    case 'lan_allow_subnet_size': return vscode.l10n.t('Local network subnet size');
    case 'register_interface_ip_with_dns': return vscode.l10n.t('Register interface IP with DNS');
    case 'sccm_vpn_boundary_support': return vscode.l10n.t('SCCM VPN boundary support');
    case 'support_url': return vscode.l10n.t('Support URL');
  }
}

/** What each choice means, for the pickers. */
export function choiceLabel(value: string): string {
  switch (value) {
    case 'warp': return vscode.l10n.t('Traffic and DNS (WARP)');
    case 'proxy': return vscode.l10n.t('Local proxy');
    case 'posture_only': return vscode.l10n.t('Device information only (posture)');
    case 'warp_tunnel_only': return vscode.l10n.t('Traffic only (WARP tunnel only)');
    case '1dot1': return vscode.l10n.t('DNS only (1.1.1.1)');
    case 'wireguard': return vscode.l10n.t('WireGuard');
    case 'masque': return vscode.l10n.t('MASQUE');
    default: return value;
  }
}

export function formatValue(key: FieldKey, value: FieldValue): string {
  if (value === undefined || value === '') return vscode.l10n.t('not set');
  if (typeof value === 'boolean') return value ? vscode.l10n.t('on') : vscode.l10n.t('off');
  if (key === 'auto_connect' && value === 0) return vscode.l10n.t('0 (off)');
  if (key === 'service_mode' || key === 'tunnel_protocol') return `${choiceLabel(String(value))} (${value})`;
  return String(value);
}

export function problemText(problem: Problem): string {
  switch (problem.kind) {
    case 'required': return vscode.l10n.t('A value is required.');
    case 'notInteger': return vscode.l10n.t('Enter a whole number.');
    case 'range': return vscode.l10n.t('Enter a whole number from {0} to {1}.', problem.min, problem.max);
    case 'nameTaken': return vscode.l10n.t('A profile named "{0}" already exists.', problem.name);
    case 'precedenceTaken': return vscode.l10n.t('Precedence {0} is already used by "{1}". Precedence must be unique.', problem.precedence, problem.by);
    case 'url': return vscode.l10n.t('Enter an https:// URL or a mailto: address, or leave it empty.');
    case 'choice': return vscode.l10n.t('Choose one of: {0}.', problem.choices.join(', '));
    case 'portRequired': return vscode.l10n.t('Local proxy mode needs a port (1 to 65535).');
    case 'customOnly': return vscode.l10n.t('The default profile has no {0}.', fieldLabel(problem.field));
    case 'match':
      return problem.detail === 'quote'
        ? vscode.l10n.t('The expression has an unclosed "string".')
        : vscode.l10n.t('The expression has unbalanced brackets.');
  }
}

/** A profile's settings as a Markdown table, for its tooltip. */
export function settingsMarkdown(p: SettingsPolicy): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMarkdown(p.default ? vscode.l10n.t('Default profile') : (p.name ?? ''))}**`);
  if (p.description) md.appendMarkdown(`  \n${escapeMarkdown(p.description)}`);
  if (p.default) md.appendMarkdown(`  \n${escapeMarkdown(vscode.l10n.t('Applies to every device no other profile matches.'))}`);
  md.appendMarkdown(`\n\n| ${escapeMarkdown(vscode.l10n.t('Setting'))} | ${escapeMarkdown(vscode.l10n.t('Value'))} |\n|---|---|\n`);
  const form = formFromProfile(p);
  for (const key of visibleFields(form, p.default === true)) {
    if (key === 'name' || key === 'description') continue;
    const value = key === 'match' && form.match ? markdownCodeCell(String(form.match)) : escapeMarkdown(formatValue(key, form[key]));
    md.appendMarkdown(`| ${escapeMarkdown(fieldLabel(key))} | ${value} |\n`);
  }
  return md;
}
