import * as vscode from 'vscode';
import { deleteProfile } from '../../api/profiles';
import { CommandIds } from '../../constants';
import { UserCancelled, type Command } from '../registry';
import { profileLabel, requireAccount, resolveProfile, type ProfilesDeps } from './common';
import { messageText } from '../../util/untrustedText';

/**
 * Deletes a custom profile after a modal confirmation. The default profile cannot be deleted: the
 * menu never offers it and this refuses it too. The tree then shows the profiles the API returned.
 */
export function deleteProfileCommand(deps: ProfilesDeps): Command {
  return {
    id: CommandIds.deleteProfile,
    run: async (ctx, node) => {
      const { client, accountId } = await requireAccount(ctx);
      const profile = await resolveProfile(node, deps, { title: vscode.l10n.t('Delete Which Profile?'), filter: p => !p.default });
      if (profile.default || !profile.policy_id) {
        throw new Error(vscode.l10n.t('The default profile cannot be deleted: it applies to every device no other profile matches.'));
      }
      // For the messages: a name is API text, and a notification would make links of it.
      const name = messageText(profileLabel(profile));
      const confirm = vscode.l10n.t('Delete');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Delete profile "{0}"?', name),
        {
          modal: true,
          detail: vscode.l10n.t(
            'Devices matching {0} will get the settings of the next matching profile (or the default profile) within about 10 minutes. Its Split Tunnel and Local Domain Fallback lists are deleted with it.',
            profile.match ?? '',
          ),
        },
        confirm,
      );
      if (answer !== confirm) throw new UserCancelled();

      const policyId = profile.policy_id;
      const remaining = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Deleting profile "{0}"…', name) }, () =>
        deleteProfile(client, accountId, policyId),
      );
      ctx.log.info(`Deleted device settings profile ${policyId}`);
      if (deps.profiles.state.kind === 'loaded' && remaining.length) {
        deps.profiles.update(d => ({ ...d, profiles: remaining }));
      } else {
        // An empty answer would wipe the tree (even the default profile): ask the API instead.
        await deps.profiles.reload();
      }
      void vscode.window.showInformationMessage(vscode.l10n.t('Deleted profile "{0}".', name));
    },
  };
}
