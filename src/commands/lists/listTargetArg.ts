/**
 * Which list a list command acts on: a Split Tunnel or Local Domain Fallback item of the Profiles view
 * (it carries `profile` and `list`), else the list editor that has focus, else the user picks a profile
 * and a list. Also the pick of a second list (compare, copy).
 */
import * as vscode from 'vscode';
import { CloudflareApiError } from '../../api/errors';
import type { SettingsPolicy } from '../../api/types';
import { splitTunnelMode } from '../../model/profileOrder';
import type { ListEditorRegistry } from '../../webviews/listEditor/listEditorRegistry';
import { isListKind, type ListKind, type ListTarget } from '../../webviews/listEditor/protocol';
import { modeName } from '../../webviews/listEditor/strings';
import { UserCancelled, type CommandContext } from '../registry';
import { pickProfile } from './editLists';
import { profileName } from '../../views/profiles/profileName';

interface ListNodeArg {
  profile: SettingsPolicy;
  list: ListKind;
}

function isListNodeArg(v: unknown): v is ListNodeArg {
  if (typeof v !== 'object' || v === null || !('profile' in v) || !('list' in v)) return false;
  const { profile, list } = v as { profile: unknown; list: unknown };
  if (typeof profile !== 'object' || profile === null || !isListKind(list)) return false;
  const p = profile as SettingsPolicy;
  return p.default === true || (typeof p.policy_id === 'string' && p.policy_id !== '');
}

export async function signedInAccount(ctx: CommandContext): Promise<string> {
  const state = await ctx.session.current();
  if (!state) throw new CloudflareApiError({ kind: 'notSignedIn', method: 'GET', path: '' });
  if (!state.accountId) throw new Error(vscode.l10n.t('Choose an account first: run "WARP Fleet: Select Account".'));
  return state.accountId;
}

export function targetOf(accountId: string, profile: SettingsPolicy, list: ListKind): ListTarget {
  return { accountId, profileId: profile.default ? undefined : profile.policy_id, profileName: profileName(profile), list };
}

/** The list a command was run on; see the file comment. */
export async function listTargetOf(ctx: CommandContext, editors: ListEditorRegistry, arg: unknown, title: string): Promise<ListTarget> {
  const accountId = await signedInAccount(ctx);
  if (isListNodeArg(arg)) return targetOf(accountId, arg.profile, arg.list);
  const active = editors.active;
  if (active && active.target.accountId === accountId) return active.target;
  const profile = await pickProfile(ctx, accountId, title);
  return targetOf(accountId, profile, await pickList(profile, title));
}

/** Split Tunnel Exclude / Include / Local Domain Fallback of one profile; `only` limits the choice. */
async function pickList(profile: SettingsPolicy, title: string, only?: readonly ListKind[], not?: ListKind): Promise<ListKind> {
  const mode = splitTunnelMode(profile);
  const all: { list: ListKind; label: string; description?: string }[] = [
    { list: 'exclude', label: vscode.l10n.t('Split Tunnel — {0}', modeName('exclude')), description: mode === 'exclude' ? vscode.l10n.t('the mode this profile uses') : undefined },
    { list: 'include', label: vscode.l10n.t('Split Tunnel — {0}', modeName('include')), description: mode === 'include' ? vscode.l10n.t('the mode this profile uses') : undefined },
    { list: 'fallback_domains', label: vscode.l10n.t('Local Domain Fallback') },
  ];
  const items = all.filter(i => (!only || only.includes(i.list)) && i.list !== not);
  // The list the profile uses first: the one an admin means most of the time.
  items.sort((a, b) => Number(b.list === mode) - Number(a.list === mode));
  if (items.length === 1) return items[0].list;
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Choose a list of {0}', profileName(profile)) });
  if (!picked) throw new UserCancelled();
  return picked.list;
}

/**
 * A second list for compare and copy: another profile, and for Split Tunnel which of its two lists.
 * Split Tunnel goes with Split Tunnel and fallback with fallback (the entries have different shapes);
 * the same profile is offered too for Split Tunnel (its other list), never the very same list.
 */
export async function pickOtherList(ctx: CommandContext, source: ListTarget, title: string): Promise<ListTarget> {
  const profile = await pickProfile(ctx, source.accountId, title);
  const sameProfile = (profile.default ? undefined : profile.policy_id) === source.profileId;
  const kinds: ListKind[] = source.list === 'fallback_domains' ? ['fallback_domains'] : ['exclude', 'include'];
  if (sameProfile && source.list === 'fallback_domains') throw new Error(vscode.l10n.t('Choose another profile: that is the list you started from.'));
  const list = await pickList(profile, title, kinds, sameProfile ? source.list : undefined);
  return targetOf(source.accountId, profile, list);
}
