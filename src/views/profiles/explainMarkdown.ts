/** "Which profile applies?" as Markdown: what was assumed, each profile in order, the answer. */
import * as vscode from 'vscode';
import type { SettingsPolicy } from '../../api/types';
import type { ClauseOutcome, MatchFacts } from '../../model/matchEvaluate';
import type { FactKey } from '../../model/matchSelectors';
import type { Explanation, ExplainStep } from '../../model/profileExplain';
import { clauseFinding, issueText, readableMatch } from './matchText';
import { profileName } from './profileName';
import { escapeMarkdown as esc, markdownCodeCell as code } from '../../util/untrustedText';

export function factLabel(key: FactKey): string {
  switch (key) {
    case 'email': return vscode.l10n.t('User email');
    case 'userName': return vscode.l10n.t('User name');
    case 'groupNames': return vscode.l10n.t('Group names');
    case 'groupIds': return vscode.l10n.t('Group IDs');
    case 'groupEmails': return vscode.l10n.t('Group emails');
    case 'saml': return vscode.l10n.t('SAML attributes (name=value)');
    case 'osName': return vscode.l10n.t('Operating system');
    case 'osVersion': return vscode.l10n.t('OS version');
    case 'network': return vscode.l10n.t('Managed network');
    case 'postureChecks': return vscode.l10n.t('Passed posture checks (IDs)');
  }
}

function profileTitle(p: SettingsPolicy): string {
  const title = `**${esc(profileName(p))}**`;
  return p.default ? title : `${title} (${p.precedence ?? '?'})`;
}

function clauseLine(match: string, c: ClauseOutcome): string {
  const source = match.slice(c.node.start, c.node.end);
  const wanted = c.negated ? vscode.l10n.t(' (inside not)') : '';
  return `${code(source)}${esc(wanted)} → ${esc(clauseFinding(c))}`;
}

function stepLines(s: ExplainStep): string[] {
  const title = profileTitle(s.profile);
  const match = s.profile.match ?? '';
  const clauses = (s.verdict?.clauses ?? []).map(c => `    - ${clauseLine(match, c)}`);
  switch (s.state) {
    case 'matched': return [`- ✔ ${title} ${esc(vscode.l10n.t('matches:'))} ${esc(readableMatch(match))}`, ...clauses];
    case 'notMatched': return [`- ✖ ${title} ${esc(vscode.l10n.t('does not match:'))} ${esc(readableMatch(match))}`, ...clauses];
    case 'unknown': return [`- ◇ ${title} ${esc(vscode.l10n.t('cannot be evaluated locally:'))} ${esc(readableMatch(match))}`, ...clauses];
    case 'invalid': return [`- ⚠ ${title} ${esc(vscode.l10n.t('cannot be evaluated locally: its expression does not parse.'))}`, `    - ${code(match)} → ${esc(issueText(s.error!))}`];
    case 'disabled': return [`- ⊘ ${title} ${esc(vscode.l10n.t('is disabled: skipped.'))}`];
    case 'default': return [`- ✔ ${title} ${esc(vscode.l10n.t('applies when no custom profile matches.'))}`];
    case 'notReached': return [];
  }
}

function factValue(v: MatchFacts[FactKey]): string {
  if (v === undefined) return `_${esc(vscode.l10n.t('not given (clauses that need it cannot be evaluated)'))}_`;
  if (v === null || (Array.isArray(v) && !v.length)) return `_${esc(vscode.l10n.t('none'))}_`;
  return (Array.isArray(v) ? v : [v]).map(x => code(x)).join(', ');
}

export function renderExplanation(ex: Explanation, facts: MatchFacts, asked: readonly FactKey[], subject?: string): string {
  const out = [`# ${esc(vscode.l10n.t('Which profile applies?'))}`, ''];
  if (subject) out.push(esc(vscode.l10n.t('For the device {0}.', subject)), '');
  out.push(`## ${esc(vscode.l10n.t('Assuming'))}`, '');
  const keys = [...new Set<FactKey>([...asked, ...(Object.keys(facts) as FactKey[])])];
  if (!keys.length) out.push(esc(vscode.l10n.t('No custom profile reads anything about the user or device.')));
  for (const k of keys) out.push(`- ${esc(factLabel(k))}: ${factValue(facts[k])}`);
  out.push('', `## ${esc(vscode.l10n.t('Profiles, in the order Cloudflare evaluates them'))}`, '');
  for (const s of ex.steps) out.push(...stepLines(s));
  const notReached = ex.steps.filter(s => s.state === 'notReached').map(s => profileTitle(s.profile));
  if (notReached.length) out.push(`- ${esc(vscode.l10n.t('Not reached:'))} ${notReached.join(', ')}`);
  out.push('', `## ${esc(vscode.l10n.t('Answer'))}`, '');
  if (ex.applies) out.push(`${profileTitle(ex.applies)} ${esc(vscode.l10n.t('applies.'))}`);
  else out.push(esc(vscode.l10n.t('No profile applies for certain.')));
  if (ex.undecided.length) {
    out.push('', `> ${esc(vscode.l10n.t('Unless one of these matches (they cannot be evaluated locally), which would apply instead:'))} ${ex.undecided.map(profileTitle).join(', ')}`);
  }
  out.push('', `_${esc(vscode.l10n.t('Evaluated locally from the profiles as loaded; Cloudflare evaluates them on the device.'))}_`);
  return out.join('\n') + '\n';
}
