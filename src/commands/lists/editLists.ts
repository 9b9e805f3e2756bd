/**
 * "Edit Split Tunnel" and "Edit Local Domain Fallback": open a profile's list in its editor. From
 * the Profiles view the node says which profile (and which Split Tunnel mode); from the palette a
 * quick pick asks.
 */
import * as vscode from 'vscode';
import { CloudflareApiError } from '../../api/errors';
import { listProfiles } from '../../api/profiles';
import type { SettingsPolicy } from '../../api/types';
import { CommandIds } from '../../constants';
import type { ListEditorPanel } from '../../webviews/listEditor/listEditorPanel';
import type { ListEditorRegistry } from '../../webviews/listEditor/listEditorRegistry';
import type { ListKind, SplitTunnelMode } from '../../webviews/listEditor/protocol';
import { splitTunnelMode } from '../../model/profileOrder';
import { profileName } from '../../views/profiles/profileName';
import { UserCancelled, type Command, type CommandContext } from '../registry';
import { escapeIcons } from '../../util/untrustedText';

/** What a Profiles-view node (or any caller) passes: a profile, and for Split Tunnel its mode. */
interface ProfileArg {
  profile: SettingsPolicy;
  mode?: SplitTunnelMode;
}

function isProfileArg(v: unknown): v is ProfileArg {
  if (typeof v !== 'object' || v === null || !('profile' in v)) return false;
  const p = (v as { profile: unknown }).profile;
  if (typeof p !== 'object' || p === null) return false;
  const profile = p as SettingsPolicy;
  return profile.default === true || (typeof profile.policy_id === 'string' && profile.policy_id !== '');
}

export async function pickProfile(ctx: CommandContext, accountId: string, title: string): Promise<SettingsPolicy> {
  const state = await ctx.session.current();
  if (!state) throw new CloudflareApiError({ kind: 'notSignedIn', method: 'GET', path: '' });
  const profiles = listProfiles(state.client, accountId).then(list => {
    const custom = list.filter(p => !p.default).sort((a, b) => (a.precedence ?? Infinity) - (b.precedence ?? Infinity));
    return [...custom, ...list.filter(p => p.default)].map(p => ({
      label: escapeIcons(profileName(p)),
      description: p.default ? vscode.l10n.t('applies when no other profile matches') : vscode.l10n.t('precedence {0}', p.precedence ?? '?'),
      detail: p.match === undefined ? undefined : escapeIcons(p.match),
      profile: p,
    }));
  });
  const picked = await vscode.window.showQuickPick(profiles, { title, placeHolder: vscode.l10n.t('Choose a device settings profile') });
  if (!picked) throw new UserCancelled();
  return picked.profile;
}

async function openList(ctx: CommandContext, editors: ListEditorRegistry, arg: unknown, kind: 'splitTunnel' | 'fallback'): Promise<ListEditorPanel> {
  const state = await ctx.session.current();
  if (!state) throw new CloudflareApiError({ kind: 'notSignedIn', method: 'GET', path: '' });
  if (!state.accountId) throw new Error(vscode.l10n.t('Choose an account first: run "WARP Fleet: Select Account".'));
  const title = kind === 'fallback' ? vscode.l10n.t('Edit Local Domain Fallback') : vscode.l10n.t('Edit Split Tunnel');
  const fromNode = isProfileArg(arg) ? arg : undefined;
  const profile = fromNode?.profile ?? (await pickProfile(ctx, state.accountId, title));
  const list: ListKind = kind === 'fallback' ? 'fallback_domains' : (fromNode?.mode ?? splitTunnelMode(profile));
  return editors.open({
    accountId: state.accountId,
    profileId: profile.default ? undefined : profile.policy_id,
    profileName: profileName(profile),
    list,
  });
}

export function listEditorCommands(editors: ListEditorRegistry): Command[] {
  return [
    { id: CommandIds.editSplitTunnel, run: (ctx, arg) => openList(ctx, editors, arg, 'splitTunnel') },
    { id: CommandIds.editFallbackDomains, run: (ctx, arg) => openList(ctx, editors, arg, 'fallback') },
  ];
}
