import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import { deleteProfileChecked } from '../../model/profileWrites';
import { describeError } from '../../util/describeError';
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
      const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Deleting profile "{0}"…', name) }, () =>
        deleteProfileChecked(client, accountId, policyId),
      );
      if (report.kind === 'unknown') {
        void deps.profiles.reload();
        throw new Error(
          vscode.l10n.t('Could not tell whether profile "{0}" was deleted: {1} The view is reloaded to show what Cloudflare holds.', name, describeError(report.error)),
          { cause: report.error },
        );
      }
      if (report.kind === 'notDeleted') {
        const read = report.profiles;
        deps.profiles.update(d => ({ ...d, profiles: read }));
        throw new Error(vscode.l10n.t('Could not delete profile "{0}": {1} It is still there (read back from Cloudflare).', name, describeError(report.error)), { cause: report.error });
      }
      ctx.log.info(`Deleted device settings profile ${policyId}${report.answerLost ? ' (answer lost; confirmed by reading the profiles back)' : ''}`);
      const remaining = report.remaining ?? [];
      if (deps.profiles.state.kind === 'loaded' && remaining.length) {
        deps.profiles.update(d => ({ ...d, profiles: remaining }));
      } else {
        // An empty answer would wipe the tree (even the default profile): ask the API instead.
        await deps.profiles.reload();
      }
      void vscode.window.showInformationMessage(
        report.answerLost
          ? vscode.l10n.t('Deleted profile "{0}". An answer from Cloudflare was lost; the profiles were read back to confirm it.', name)
          : vscode.l10n.t('Deleted profile "{0}".', name),
      );
    },
  };
}
