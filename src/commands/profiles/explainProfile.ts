import * as vscode from 'vscode';
import type { SettingsPolicy } from '../../api/types';
import { CommandIds } from '../../constants';
import type { MatchFacts } from '../../model/matchEvaluate';
import { OS_NAME_VALUES, type FactKey } from '../../model/matchSelectors';
import { explainProfiles, factsNeeded, type Explanation } from '../../model/profileExplain';
import { OS_LABELS } from '../../views/devices/deviceNode';
import { factLabel, renderExplanation } from '../../views/profiles/explainMarkdown';
import { UserCancelled, type Command } from '../registry';
import { loadedProfiles, requireAccount, type ProfilesDeps } from './common';

/** What a device tree node tells about its user and OS (read by shape: the devices view may change). */
export function deviceFacts(node: unknown): { facts: MatchFacts; name?: string } {
  const holder = typeof node === 'object' && node !== null ? (node as Record<string, unknown>) : {};
  const d = (holder.device ?? holder.registration) as { name?: string; id?: string; device_type?: string; os_version?: string; user?: { email?: string; name?: string }; device?: { name?: string; device_type?: string; os_version?: string } } | undefined;
  if (!d || typeof d !== 'object') return { facts: {} };
  const facts: MatchFacts = {};
  const user = d.user;
  if (user?.email) facts.email = user.email;
  if (user?.name) facts.userName = user.name;
  const type = d.device_type ?? d.device?.device_type;
  if (type && (OS_NAME_VALUES as readonly string[]).includes(type)) facts.osName = type;
  const version = d.os_version ?? d.device?.os_version;
  if (version) facts.osVersion = version;
  return { facts, name: d.name ?? d.device?.name ?? d.id };
}

const LIST_FACTS: readonly FactKey[] = ['groupNames', 'groupIds', 'groupEmails', 'saml', 'postureChecks'];

/** Asks for each needed fact not known yet; an empty answer means "none" for lists and networks, "unknown" otherwise. */
async function askFacts(needed: readonly FactKey[], facts: MatchFacts): Promise<FactKey[]> {
  const missing = needed.filter(k => facts[k] === undefined);
  for (const [i, key] of missing.entries()) {
    const title = vscode.l10n.t('Which Profile Applies? ({0}/{1})', i + 1, missing.length);
    if (key === 'osName') {
      const items = [...OS_NAME_VALUES.map(os => ({ label: OS_LABELS[os] ?? os, description: os, os: os as string | undefined })), { label: vscode.l10n.t('Not known'), description: '', os: undefined }];
      const picked = await vscode.window.showQuickPick(items, { title, placeHolder: factLabel(key), ignoreFocusOut: true });
      if (!picked) throw new UserCancelled();
      if (picked.os) facts.osName = picked.os;
      continue;
    }
    const list = LIST_FACTS.includes(key);
    const answer = await vscode.window.showInputBox({
      title,
      prompt: list
        ? vscode.l10n.t('{0}, separated by commas; leave empty for none', factLabel(key))
        : key === 'network'
          ? vscode.l10n.t('{0} the device is on; leave empty for none', factLabel(key))
          : vscode.l10n.t('{0}; leave empty if not known', factLabel(key)),
      ignoreFocusOut: true,
    });
    if (answer === undefined) throw new UserCancelled();
    const text = answer.trim();
    if (list) facts[key as Exclude<FactKey, 'network'>] = text.split(/[,\n]/).map(s => s.trim()).filter(Boolean);
    else if (key === 'network') facts.network = text === '' ? null : text;
    else if (text) facts[key as Exclude<FactKey, 'network'>] = text;
  }
  return missing;
}

/** Prefills what the node tells, asks for the rest the profiles need, evaluates. Shared with Test Route. */
export async function explainFor(node: unknown, profiles: readonly SettingsPolicy[]): Promise<{ explanation: Explanation; facts: MatchFacts; asked: FactKey[]; subject?: string }> {
  const { facts, name } = deviceFacts(node);
  const needed = factsNeeded(profiles);
  await askFacts(needed, facts);
  return { explanation: explainProfiles(profiles, facts), facts, asked: needed, subject: name };
}

/**
 * "Which profile applies?": from the Profiles view (asks about the user and device) or a device
 * (prefilled from it). Shown as a Markdown preview; returns the explanation and the report's URI.
 */
export function explainProfileCommand(deps: ProfilesDeps): Command {
  return {
    id: CommandIds.explainProfile,
    run: async (ctx, node) => {
      await requireAccount(ctx);
      const profiles = await loadedProfiles(deps.profiles);
      const { explanation, facts, asked, subject } = await explainFor(node, profiles);
      const title = subject ? vscode.l10n.t('Which profile applies to {0}', subject) : vscode.l10n.t('Which profile applies');
      const uri = await deps.reports.show(title, renderExplanation(explanation, facts, asked, subject));
      return { explanation, uri };
    },
  };
}
