import * as vscode from 'vscode';
import { updateDefaultProfile, updateProfile } from '../../api/profiles';
import { CommandIds } from '../../constants';
import { changedFields, patchFromForm } from '../../model/profileSettings';
import type { Command } from '../registry';
import { applyProfiles, loadedProfiles, profileLabel, replaceProfile, requireAccount, resolveProfile, type ProfilesDeps } from './common';
import { editProfileForm } from './profileForm';
import { messageText } from '../../util/untrustedText';

/**
 * Edits a profile's settings in a form and PATCHes only what changed: the default profile through
 * its own endpoint, a custom one by id.
 */
export function editProfileCommand(deps: ProfilesDeps): Command {
  return {
    id: CommandIds.editProfile,
    run: async (ctx, node) => {
      const { client, accountId } = await requireAccount(ctx);
      const profile = await resolveProfile(node, deps, { title: vscode.l10n.t('Edit Settings of Which Profile?') });
      const profiles = await loadedProfiles(deps.profiles);
      const { original, form } = await editProfileForm(profile, profiles);
      const patch = patchFromForm(original, form);
      const count = changedFields(original, form).length;
      if (!Object.keys(patch).length) return undefined;

      const name = messageText(profileLabel(profile));
      const updated = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Saving "{0}"…', name) }, () =>
        profile.default ? updateDefaultProfile(client, accountId, patch) : updateProfile(client, accountId, profile.policy_id!, patch),
      );
      ctx.log.info(`Updated device settings profile ${profile.default ? 'default' : profile.policy_id}: ${Object.keys(patch).join(', ')}`);
      // The default profile's answer may lack `default: true`; keep it recognisable.
      applyProfiles(deps.profiles, list => replaceProfile(list, profile.default ? { ...updated, default: true } : updated));
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Saved {0} changes to "{1}". Devices pick up new settings within about 10 minutes.', count, name),
      );
      return updated;
    },
  };
}
