import * as vscode from 'vscode';
import type { SettingsPolicy } from '../../api/types';
import { CommandIds } from '../../constants';
import { isTestRouteRequest, rulesFromProfile, rulesWithRows, splitInputs, testRoutes, RouteTester, type RouteRules } from '../../model/routeTest';
import { renderRouteReport } from '../../views/profiles/routeMarkdown';
import { UserCancelled, type Command } from '../registry';
import { loadedProfiles, profileLabel, requireAccount, resolveProfile, type ProfilesDeps } from './common';
import { deviceFacts, explainFor } from './explainProfile';

async function askInputs(rules: RouteRules, name: string): Promise<string[]> {
  const tester = new RouteTester(rules);
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Does It Go Through WARP? ({0})', name),
    prompt: vscode.l10n.t('IP addresses, CIDRs or hostnames, separated by spaces or commas'),
    placeHolder: '10.12.3.4, 2001:db8::1, 10.0.0.0/8, app.corp.example.com',
    ignoreFocusOut: true,
    validateInput: v => {
      const inputs = splitInputs(v);
      if (!inputs.length) return vscode.l10n.t('Enter at least one address or hostname.');
      const bad = inputs.find(i => tester.test(i).kind === 'invalid');
      return bad ? vscode.l10n.t('"{0}" is not an IP address, CIDR or hostname.', bad) : undefined;
    },
  });
  if (text === undefined) throw new UserCancelled();
  return splitInputs(text);
}

/** The profile a device gets: the explanation's answer (asking only what the profiles need). */
async function profileOfDevice(node: unknown, profiles: readonly SettingsPolicy[]): Promise<{ profile: SettingsPolicy; note?: string }> {
  const { explanation, subject } = await explainFor(node, profiles);
  if (!explanation.applies) throw new Error(vscode.l10n.t('No profile applies to this device for certain.'));
  const note = explanation.undecided.length
    ? vscode.l10n.t('"{0}" applies to {1} unless {2} matches (cannot be evaluated locally).', profileLabel(explanation.applies), subject ?? '', explanation.undecided.map(profileLabel).join(', '))
    : vscode.l10n.t('"{0}" is the profile that applies to {1}.', profileLabel(explanation.applies), subject ?? '');
  return { profile: explanation.applies, note };
}

/**
 * Does an address, range or hostname go through WARP, and which DNS servers answer? On a profile, on
 * a device (through the profile that applies to it), or on list editor rows before they are saved.
 */
export function testRouteCommand(deps: ProfilesDeps): Command {
  return {
    id: CommandIds.testRoute,
    run: async (ctx, node) => {
      await requireAccount(ctx);
      const profiles = await loadedProfiles(deps.profiles);
      let profile: SettingsPolicy;
      let rules: RouteRules;
      let note: string | undefined;
      if (isTestRouteRequest(node)) {
        const found = profiles.find(p => (node.profileId ? p.policy_id === node.profileId && !p.default : p.default));
        if (!found) throw new Error(vscode.l10n.t('The profile of this list is no longer on Cloudflare.'));
        profile = found;
        rules = rulesWithRows(rulesFromProfile(profile), node.list, node.rows);
        note = vscode.l10n.t('Tested with the list as it is in the editor, unsaved changes included.');
      } else if (deviceFacts(node).name !== undefined) {
        ({ profile, note } = await profileOfDevice(node, profiles));
        rules = rulesFromProfile(profile);
      } else {
        profile = await resolveProfile(node, deps, { title: vscode.l10n.t('Test Routes of Which Profile?') });
        rules = rulesFromProfile(profile);
      }
      const name = profileLabel(profile);
      const inputs = isTestRouteRequest(node) && node.inputs?.length ? node.inputs : await askInputs(rules, name);
      const answers = testRoutes(rules, inputs);
      const title = isTestRouteRequest(node) ? vscode.l10n.t('Routes of {0} (unsaved)', name) : vscode.l10n.t('Routes of {0}', name);
      const uri = await deps.reports.show(title, renderRouteReport(name, rules, answers, note));
      return { profile, answers, uri };
    },
  };
}
