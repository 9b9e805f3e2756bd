import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import { neighbour, swapPlan } from '../../model/profileOrder';
import { runReorder, type MoveReport } from '../../model/profileWrites';
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
      const report = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Moving "{0}"…', messageText(profileLabel(profile))) },
        () => runReorder(client, accountId, steps),
      );
      showReport(ctx, deps, report, messageText(steps[0].name));
      if (report.kind === 'moved' && !report.profiles) {
        const final = new Map(steps.map(s => [s.policyId, s.to]));
        applyProfiles(deps.profiles, list => list.map(p => (p.policy_id && final.has(p.policy_id) ? { ...p, precedence: final.get(p.policy_id) } : p)));
      }
      await deps.tree.revealProfile(profile.policy_id);
    },
  };
}

/**
 * Puts what Cloudflare holds into the view and says what happened. "The order is unchanged" only
 * when it is known: every undo was answered, or the profiles were read back.
 */
function showReport(ctx: CommandContext, deps: ProfilesDeps, report: MoveReport, name: string): void {
  if (report.profiles) {
    const read = report.profiles;
    applyProfiles(deps.profiles, () => read);
  }
  if (report.kind === 'moved') {
    if (report.answerLost) {
      ctx.log.warn(`Reorder of ${name}: an answer was lost; read back, the move was applied`);
      void vscode.window.showInformationMessage(vscode.l10n.t('Moved "{0}". An answer from Cloudflare was lost; the profiles were read back to confirm the move.', name));
    }
    return;
  }
  ctx.log.error(`Reorder of ${name} failed: ${report.error instanceof Error ? report.error.message : String(report.error)}`);
  if (report.kind === 'unchanged') {
    throw new Error(
      report.rolledBack
        ? vscode.l10n.t('Could not move "{0}": {1} The changes already made were rolled back; the order is unchanged.', name, describeError(report.error))
        : vscode.l10n.t('Could not move "{0}": {1} Nothing was changed; the order is unchanged.', name, describeError(report.error)),
      { cause: report.error },
    );
  }
  if (!report.profiles) void deps.profiles.reload();
  throw new Error(
    vscode.l10n.t(
      'Could not move "{0}": {1} WARP Fleet could not tell which changes Cloudflare applied, so the profiles may be out of order. The view shows them as Cloudflare holds them; check the order before trying again.',
      name,
      describeError(report.rollbackError ?? report.error),
    ),
    { cause: report.error },
  );
}
