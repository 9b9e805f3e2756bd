import * as vscode from 'vscode';
import type { SettingsPolicy } from '../../api/types';
import type { ProfilesData } from '../../model/fleet';
import { loadedData, type Loadable } from '../../model/loadable';
import { orderProfiles } from '../../model/profileOrder';
import { ProfileNode } from '../../views/profiles/profileNodes';
import type { ProfilesTreeProvider } from '../../views/profiles/profilesTree';
import type { ReportDocuments } from '../../views/reportDocument';
import { profileName as profileLabel } from '../../views/profiles/profileName';
import { UserCancelled } from '../registry';
import { notSignedIn } from '../account';
import { escapeIcons } from '../../util/untrustedText';

/** What the profile commands work on besides the CommandContext. */
export interface ProfilesDeps {
  profiles: Loadable<ProfilesData>;
  tree: ProfilesTreeProvider;
  /** Where the explain / test-route reports are shown. */
  reports: ReportDocuments;
}

export { requireAccount } from '../account';

/** The profiles as loaded (loading them first if the view has not); a failed load is the command's error. */
export async function loadedProfiles(profiles: Loadable<ProfilesData>): Promise<SettingsPolicy[]> {
  return (await loadedData(profiles, notSignedIn)).profiles;
}

/** Puts the API's answer into the cache without another request (or reloads if nothing is cached). */
export function applyProfiles(profiles: Loadable<ProfilesData>, mutate: (list: SettingsPolicy[]) => SettingsPolicy[]): void {
  if (profiles.state.kind === 'loaded') profiles.update(d => ({ ...d, profiles: mutate(d.profiles) }));
  else void profiles.reload();
}

/** Replaces one profile in a list with the API's answer, keeping fields a PATCH answer may leave out. */
export function replaceProfile(list: SettingsPolicy[], updated: SettingsPolicy): SettingsPolicy[] {
  return list.map(p => (sameProfile(p, updated) ? { ...p, ...updated } : p));
}

export function sameProfile(a: SettingsPolicy, b: SettingsPolicy): boolean {
  return a.default ? b.default === true : !b.default && a.policy_id === b.policy_id;
}

/** The one profile-name helper (views/profiles/profileName.ts), under the name the profile commands use. */
export { profileLabel };

/**
 * The profile a command acts on: the clicked node's (or its list child's), else one the admin picks.
 * `filter` narrows the pick (e.g. custom profiles only for delete).
 */
export async function resolveProfile(
  node: unknown,
  deps: ProfilesDeps,
  opts: { title: string; filter?: (p: SettingsPolicy) => boolean },
): Promise<SettingsPolicy> {
  const fromNode = profileOf(node);
  const all = await loadedProfiles(deps.profiles);
  if (fromNode) return all.find(p => sameProfile(p, fromNode)) ?? fromNode;
  const candidates = orderProfiles(all).filter(opts.filter ?? (() => true));
  if (!candidates.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There is no custom profile. Create one with "WARP Fleet: Create Profile".'));
    throw new UserCancelled();
  }
  const items = candidates.map(p => ({
    label: escapeIcons(profileLabel(p)),
    description: p.default ? vscode.l10n.t('last') : vscode.l10n.t('precedence {0}', p.precedence ?? '?'),
    detail: p.match === undefined ? undefined : escapeIcons(p.match),
    profile: p,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: opts.title, matchOnDescription: true, matchOnDetail: true });
  if (!picked) throw new UserCancelled();
  return picked.profile;
}

function profileOf(node: unknown): SettingsPolicy | undefined {
  if (node instanceof ProfileNode) return node.profile;
  if (typeof node === 'object' && node !== null && 'profile' in node) {
    const p = (node as { profile: unknown }).profile;
    if (typeof p === 'object' && p !== null) return p as SettingsPolicy;
  }
  return undefined;
}
