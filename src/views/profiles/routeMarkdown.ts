/** "Does it go through WARP?" as Markdown: one table row per input, with the deciding entry and DNS. */
import * as vscode from 'vscode';
import type { DnsAnswer, EntryRef, RouteAnswer, RouteRules, Through } from '../../model/routeTest';
import { escapeMarkdown as esc, markdownCodeCell as code } from '../../util/untrustedText';

/** A range split by many entries lists the first few; the rest are counted. */
const MAX_EXCEPTIONS = 5;

function entry(e: EntryRef | 'auto'): string {
  if (e === 'auto') return esc(vscode.l10n.t('an automatically managed range (always through WARP)'));
  const where = e.description ? vscode.l10n.t('row {0}, "{1}"', e.row, e.description) : vscode.l10n.t('row {0}', e.row);
  return `${code(e.value)} (${esc(where)})`;
}

function through(t: Through | undefined): string {
  return t === 'warp' ? vscode.l10n.t('through WARP') : t === 'outside' ? vscode.l10n.t('outside WARP') : vscode.l10n.t('not an address');
}

function verdict(a: RouteAnswer): string {
  switch (a.through) {
    case 'warp': return `✔ ${esc(vscode.l10n.t('through WARP'))}`;
    case 'outside': return `✖ ${esc(vscode.l10n.t('NOT through WARP'))}`;
    case 'partly': return `◐ ${esc(vscode.l10n.t('partly through WARP'))}`;
    case 'depends': return `◇ ${esc(vscode.l10n.t('depends on its address'))}`;
    default: return `⚠ ${esc(vscode.l10n.t('not an IP address, CIDR or hostname'))}`;
  }
}

function reason(a: RouteAnswer, mode: RouteRules['mode']): string {
  if (a.kind === 'invalid') return '';
  // A placeholder marks where the entry goes, so the sentence is translated whole and the entry stays a code span.
  const listed = (mode === 'exclude' ? vscode.l10n.t('excluded by {0}', '\u0000') : vscode.l10n.t('included by {0}', '\u0000')).split('\u0000');
  const parts: string[] = [];
  if (a.decidedBy === 'auto') parts.push(entry('auto'));
  else if (a.decidedBy) parts.push(esc(listed[0]) + entry(a.decidedBy) + esc(listed[1] ?? ''));
  else if (a.through === 'depends') parts.push(esc(mode === 'exclude' ? vscode.l10n.t('no domain entry matches: through WARP unless the address it resolves to is excluded') : vscode.l10n.t('no domain entry matches: outside WARP unless the address it resolves to is included')));
  else parts.push(esc(vscode.l10n.t('no entry matches ({0} mode default)', mode === 'exclude' ? vscode.l10n.t('Exclude') : vscode.l10n.t('Include'))));
  const shown = (a.exceptions ?? []).slice(0, MAX_EXCEPTIONS);
  for (const x of shown) {
    const which = x.by === 'auto' || x.by.value !== x.range ? `${code(x.range)} ${esc(vscode.l10n.t('by'))} ${entry(x.by)}` : entry(x.by);
    parts.push(`${esc(vscode.l10n.t('except'))} ${which}: ${esc(through(x.through))}`);
  }
  const more = (a.exceptions?.length ?? 0) - shown.length;
  if (more > 0) parts.push(esc(vscode.l10n.t('and {0} more ranges', more)));
  if (a.wildcardOnMobile) parts.push(`_${esc(vscode.l10n.t('iOS, Android and ChromeOS apply *. entries only where wildcard DNS records exist'))}_`);
  return parts.join('<br>');
}

function dns(d: DnsAnswer | undefined): string {
  if (!d) return '—';
  if (d.by === 'gateway') return esc(vscode.l10n.t('Gateway (DNS over HTTPS, inside WARP)'));
  const servers = d.servers?.length
    ? d.servers.map(s => `${code(s.ip)} (${esc(through(s.through))})`).join(', ')
    : esc(vscode.l10n.t("the device's own DNS servers"));
  const also = d.alsoMatched?.length ? `<br>${esc(vscode.l10n.t('also covered by'))} ${d.alsoMatched.map(e => code(e.value)).join(', ')}` : '';
  return `${esc(vscode.l10n.t('Local Domain Fallback'))} ${entry(d.suffix!)}: ${servers}${also}`;
}

export function renderRouteReport(profileName: string, rules: RouteRules, answers: readonly RouteAnswer[], unsaved?: string): string {
  const mode = rules.mode === 'exclude' ? vscode.l10n.t('Exclude mode') : vscode.l10n.t('Include mode');
  const out = [
    `# ${esc(vscode.l10n.t('Does it go through WARP?'))}`,
    '',
    `${esc(vscode.l10n.t('Profile'))} **${esc(profileName)}** · ${esc(vscode.l10n.t('Split Tunnel: {0}, {1} entries', mode, rules.entries.length))} · ${esc(vscode.l10n.t('Local Domain Fallback: {0} suffixes', rules.fallback.length))}`,
  ];
  if (unsaved) out.push('', `> ${esc(unsaved)}`);
  out.push('', `| ${[vscode.l10n.t('Input'), vscode.l10n.t('Result'), vscode.l10n.t('Why'), vscode.l10n.t('DNS')].map(esc).join(' | ')} |`, '|---|---|---|---|');
  for (const a of answers) out.push(`| ${code(a.input)} | ${verdict(a)} | ${reason(a, rules.mode) || '—'} | ${a.kind === 'host' ? dns(a.dns) : '—'} |`);
  out.push('', `_${esc(vscode.l10n.t('Desktop WARP client rules: the most specific route wins; a name follows a matching domain entry, otherwise the address it resolves to.'))}_`);
  return out.join('\n') + '\n';
}
