import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import { createProfileChecked } from '../../model/profileWrites';
import { describeError } from '../../util/describeError';
import { emailMatch, groupMatch, isEmail, OS_NAMES, osMatch } from '../../model/profileMatch';
import { checkName, nextFreePrecedence, parsePrecedence } from '../../model/profileSettings';
import { OS_LABELS } from '../../views/devices/deviceNode';
import { matchValidation } from '../../views/profiles/matchText';
import { problemText } from '../../views/profiles/settingLabels';
import { UserCancelled, type Command } from '../registry';
import { applyProfiles, loadedProfiles, requireAccount, type ProfilesDeps } from './common';
import { messageText } from '../../util/untrustedText';

const STEPS = 3;

function title(step: number): string {
  return vscode.l10n.t('Create Device Settings Profile ({0}/{1})', step, STEPS);
}

async function ask(options: vscode.InputBoxOptions): Promise<string> {
  const answer = await vscode.window.showInputBox({ ignoreFocusOut: true, ...options });
  if (answer === undefined) throw new UserCancelled();
  return answer.trim();
}

/** Step 2: the match expression, built from a common selector or typed by hand. */
async function askMatch(): Promise<string> {
  type Selector = 'email' | 'group' | 'os' | 'custom';
  const selectors: (vscode.QuickPickItem & { selector: Selector })[] = [
    { selector: 'group', label: vscode.l10n.t('$(organization) User group'), description: 'any(identity.groups.name[*] in {"…"})' },
    { selector: 'email', label: vscode.l10n.t('$(mail) User email'), description: 'identity.email == "…"' },
    { selector: 'os', label: vscode.l10n.t('$(device-desktop) Operating system'), description: 'os.name == "…"' },
    { selector: 'custom', label: vscode.l10n.t('$(edit) Custom expression…'), description: vscode.l10n.t('any wirefilter expression') },
  ];
  const picked = await vscode.window.showQuickPick(selectors, { title: title(2), placeHolder: vscode.l10n.t('Which devices does this profile apply to?'), ignoreFocusOut: true });
  if (!picked) throw new UserCancelled();
  switch (picked.selector) {
    case 'email': {
      const email = await ask({ title: title(2), prompt: vscode.l10n.t('User email'), placeHolder: 'j.doe@example.com', validateInput: v => (isEmail(v) ? undefined : vscode.l10n.t('Enter an email address.')) });
      return emailMatch(email);
    }
    case 'group': {
      const group = await ask({ title: title(2), prompt: vscode.l10n.t('Identity provider group name'), placeHolder: 'Engineering', validateInput: v => (v.trim() ? undefined : vscode.l10n.t('A value is required.')) });
      return groupMatch(group);
    }
    case 'os': {
      const items = OS_NAMES.map(os => ({ label: OS_LABELS[os] ?? os, description: osMatch(os), os }));
      const os = await vscode.window.showQuickPick(items, { title: title(2), placeHolder: vscode.l10n.t('Operating system'), ignoreFocusOut: true });
      if (!os) throw new UserCancelled();
      return osMatch(os.os);
    }
    case 'custom': {
      const expr = await ask({ title: title(2), prompt: vscode.l10n.t('Match expression (wirefilter)'), placeHolder: 'identity.email matches ".*@vendor\\\\.com"', validateInput: matchProblem });
      // Checked again here: a prompt's validation is advice, this is the rule.
      const problem = matchProblem(expr);
      if (problem?.severity === vscode.InputBoxValidationSeverity.Error) throw new Error(problem.message);
      return expr;
    }
  }
}

/** Parses the expression: an error with its column and a suggestion blocks, a warning does not. */
function matchProblem(text: string): vscode.InputBoxValidationMessage | undefined {
  return text.trim() === '' ? { message: problemText({ kind: 'required' }), severity: vscode.InputBoxValidationSeverity.Error } : matchValidation(text);
}

/**
 * Asks for a name, a match expression and a precedence (suggesting the next free one), refuses a
 * taken name or precedence before anything is sent, then creates the profile and shows it in place.
 */
export function createProfileCommand(deps: ProfilesDeps): Command {
  return {
    id: CommandIds.createProfile,
    run: async ctx => {
      const { client, accountId } = await requireAccount(ctx);
      const profiles = await loadedProfiles(deps.profiles);
      const name = await ask({ title: title(1), prompt: vscode.l10n.t('Profile name'), placeHolder: vscode.l10n.t('e.g. Engineering laptops'), validateInput: v => textProblem(checkName(v, profiles)) });
      const match = await askMatch();
      const suggested = nextFreePrecedence(profiles);
      const precedenceText = await ask({
        title: title(3),
        prompt: vscode.l10n.t('Precedence: lower values are evaluated first. Each profile needs its own value.'),
        value: String(suggested),
        validateInput: v => textProblem(parsePrecedence(v, profiles).problem),
      });
      // Checked again here: a prompt's validation is advice, this is the rule.
      const nameProblem = checkName(name, profiles);
      const parsed = parsePrecedence(precedenceText, profiles);
      if (nameProblem || parsed.problem) throw new Error(problemText((nameProblem ?? parsed.problem)!));

      const body = { name, match, precedence: parsed.value };
      const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Creating profile "{0}"…', messageText(name)) }, () =>
        createProfileChecked(client, accountId, body, profiles),
      );
      if (report.kind !== 'created') {
        void deps.profiles.reload();
        throw new Error(
          report.kind === 'notCreated'
            ? vscode.l10n.t('Could not create profile "{0}": {1} It was not created (read back from Cloudflare).', messageText(name), describeError(report.error))
            : vscode.l10n.t('Could not tell whether profile "{0}" was created: {1} Check the reloaded view before trying again, or it may be created twice.', messageText(name), describeError(report.error)),
          { cause: report.error },
        );
      }
      const created = report.profile;
      ctx.log.info(`Created device settings profile ${created.policy_id} (precedence ${created.precedence})${report.answerLost ? '; answer lost, found by reading the profiles back' : ''}`);
      applyProfiles(deps.profiles, list => [...list.filter(p => p.policy_id !== created.policy_id), created]);
      if (created.policy_id) await deps.tree.revealProfile(created.policy_id);
      void vscode.window.showInformationMessage(
        report.answerLost
          ? vscode.l10n.t('Created profile "{0}" at precedence {1}. An answer from Cloudflare was lost; the profiles were read back to confirm it.', messageText(name), created.precedence ?? parsed.value)
          : vscode.l10n.t('Created profile "{0}" at precedence {1}.', messageText(name), created.precedence ?? parsed.value),
      );
      return created;
    },
  };
}

function textProblem(p: Parameters<typeof problemText>[0] | undefined): string | undefined {
  return p ? problemText(p) : undefined;
}
