import * as vscode from 'vscode';
import type { CloudflareClient } from '../../api/client';
import { updateProfile } from '../../api/profiles';
import { CommandIds } from '../../constants';
import { neighbour, rollbackPlan, swapPlan, type PrecedenceStep } from '../../model/profileOrder';
import { describeError } from '../../util/describeError';
import type { Command, CommandContext } from '../registry';
import { applyProfiles, loadedProfiles, profileLabel, requireAccount, resolveProfile, type ProfilesDeps } from './common';
import { messageText } from '../../util/untrustedText';

/** Moves a custom profile one place up or down by swapping precedence with its neighbour. */
export function moveProfileCommand(deps: ProfilesDeps, direction: 'up' | 'down'): Command {
  return {
    id: direction === 'up' ? CommandIds.moveProfileUp : CommandIds.moveProfileDown,
    run: async (ctx, node) => {
      const { client, accountId } = await requireAccount(ctx);
      const title = direction === 'up' ? vscode.l10n.t('Move Which Profile Up?') : vscode.l10n.t('Move Which Profile Down?');
      const profile = await resolveProfile(node, deps, { title, filter: p => !p.default });
      if (profile.default || !profile.policy_id) throw new Error(vscode.l10n.t('The default profile always applies last; it cannot be moved.'));
      const profiles = await loadedProfiles(deps.profiles);
      const other = neighbour(profiles, profile.policy_id, direction);
      if (!other) {
        void vscode.window.showInformationMessage(
          direction === 'up'
            ? vscode.l10n.t('"{0}" is already the first profile.', messageText(profileLabel(profile)))
            : vscode.l10n.t('"{0}" is already the last custom profile; the default profile always comes last.', messageText(profileLabel(profile))),
        );
        return;
      }
      const steps = swapPlan(profiles, profile, other);
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Moving "{0}"…', messageText(profileLabel(profile))) }, () =>
        runSteps(ctx, client, accountId, steps, deps),
      );
      const final = new Map(steps.map(s => [s.policyId, s.to]));
      applyProfiles(deps.profiles, list => list.map(p => (p.policy_id && final.has(p.policy_id) ? { ...p, precedence: final.get(p.policy_id) } : p)));
      await deps.tree.revealProfile(profile.policy_id);
    },
  };
}

/**
 * Runs the PATCHes in order. If one fails, the ones that succeeded are undone, latest first, so the
 * order on Cloudflare is what it was; the error says whether that worked.
 */
async function runSteps(ctx: CommandContext, client: CloudflareClient, accountId: string, steps: PrecedenceStep[], deps: ProfilesDeps): Promise<void> {
  const done: PrecedenceStep[] = [];
  try {
    for (const step of steps) {
      await updateProfile(client, accountId, step.policyId, { precedence: step.to });
      done.push(step);
    }
  } catch (err) {
    ctx.log.error(`Reorder failed after ${done.length} of ${steps.length} changes: ${err instanceof Error ? err.message : String(err)}`);
    const name = steps[0].name;
    try {
      for (const undo of rollbackPlan(done)) await updateProfile(client, accountId, undo.policyId, { precedence: undo.to });
    } catch (rollbackErr) {
      void deps.profiles.reload();
      throw new Error(
        vscode.l10n.t(
          'Could not move "{0}": {1} Undoing the changes already made also failed ({2}); the profiles may be out of order. The view shows their current precedence.',
          name,
          describeError(err),
          describeError(rollbackErr),
        ),
        { cause: rollbackErr },
      );
    }
    throw new Error(vscode.l10n.t('Could not move "{0}": {1} The changes already made were rolled back; the order is unchanged.', name, describeError(err)), { cause: err });
  }
}
