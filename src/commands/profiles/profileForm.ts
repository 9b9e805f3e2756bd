/**
 * The settings editor: a quick pick listing every setting with its value; choosing one edits it
 * (a toggle pick, a validated input, a choice), and the list comes back until "Save changes" or
 * Escape. Nothing is sent from here: the caller PATCHes what changed.
 */
import * as vscode from 'vscode';
import type { SettingsPolicy } from '../../api/types';
import {
  changedFields,
  CHOICES,
  checkForm,
  checkText,
  fieldKind,
  formFromProfile,
  parseInteger,
  parsePrecedence,
  visibleFields,
  type ChoiceField,
  type FieldKey,
  type NumberField,
  type ProfileForm,
  type TextField,
} from '../../model/profileSettings';
import { matchValidation } from '../../views/profiles/matchText';
import { choiceLabel, fieldLabel, formatValue, problemText } from '../../views/profiles/settingLabels';
import { UserCancelled } from '../registry';
import { profileLabel } from './common';
import { escapeIcons } from '../../util/untrustedText';

interface FormContext {
  profile: SettingsPolicy;
  profiles: readonly SettingsPolicy[];
  title: string;
}

type Row = vscode.QuickPickItem & { key?: FieldKey; save?: true };

/** Runs the form; resolves with the original and edited values on Save, throws UserCancelled on discard. */
export async function editProfileForm(profile: SettingsPolicy, profiles: readonly SettingsPolicy[]): Promise<{ original: ProfileForm; form: ProfileForm }> {
  const ctx: FormContext = { profile, profiles, title: vscode.l10n.t('Edit Settings of "{0}"', escapeIcons(profileLabel(profile))) };
  const original = formFromProfile(profile);
  const form: ProfileForm = { ...original };
  for (;;) {
    const changed = changedFields(original, form);
    const row = await vscode.window.showQuickPick(rows(ctx, original, form, changed), {
      title: ctx.title,
      placeHolder: vscode.l10n.t('Choose a setting to change; changes are sent when you save'),
      matchOnDescription: true,
      ignoreFocusOut: true,
    });
    if (!row) {
      if (!changed.length || (await confirmDiscard(ctx, changed.length))) throw new UserCancelled();
      continue;
    }
    if (row.save) {
      const bad = checkForm(form, profile.default === true, profiles, profile, changed);
      if (!bad) return { original, form };
      void vscode.window.showErrorMessage(vscode.l10n.t('{0}: {1}', fieldLabel(bad.field ?? changed[0]), problemText(bad.problem)));
      continue;
    }
    if (row.key) await editField(ctx, form, original, row.key);
  }
}

function rows(ctx: FormContext, original: ProfileForm, form: ProfileForm, changed: FieldKey[]): Row[] {
  const out: Row[] = [];
  if (changed.length) {
    out.push({ label: vscode.l10n.t('$(check) Save changes ({0})', changed.length), description: changed.map(fieldLabel).join(', '), save: true, alwaysShow: true });
    out.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  }
  for (const key of visibleFields(form, ctx.profile.default === true)) {
    const isChanged = changed.includes(key);
    out.push({
      key,
      label: isChanged ? `$(circle-filled) ${fieldLabel(key)}` : fieldLabel(key),
      description: escapeIcons(isChanged ? vscode.l10n.t('{0} (was {1})', formatValue(key, form[key]), formatValue(key, original[key])) : formatValue(key, form[key])),
    });
  }
  return out;
}

async function confirmDiscard(ctx: FormContext, count: number): Promise<boolean> {
  const discard = vscode.l10n.t('Discard');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Discard {0} unsaved changes to "{1}"?', count, profileLabel(ctx.profile)),
    { modal: true, detail: vscode.l10n.t('Nothing has been sent to Cloudflare yet.') },
    discard,
  );
  return answer === discard;
}

async function editField(ctx: FormContext, form: ProfileForm, original: ProfileForm, key: FieldKey): Promise<void> {
  switch (fieldKind(key)) {
    case 'boolean': {
      const value = await pickValue(ctx, key, [true, false], form[key], v => formatValue(key, v));
      if (value !== undefined) form[key] = value;
      return;
    }
    case 'choice': {
      const value = await pickValue(ctx, key, CHOICES[key as ChoiceField], form[key], v => choiceLabel(v));
      if (value === undefined) return;
      if (key === 'service_mode' && value === 'proxy' && form.proxy_port === undefined) {
        // Proxy mode needs a port: ask now, and leave the mode alone if none is given.
        const port = await askNumber(ctx, 'proxy_port', original.proxy_port);
        if (port === undefined) return;
        form.proxy_port = port;
      }
      form[key] = value;
      return;
    }
    case 'number': {
      const value = await askNumber(ctx, key as NumberField, form[key]);
      if (value !== undefined) form[key] = value;
      return;
    }
    case 'text': {
      const value = await askText(ctx, key as TextField, form[key]);
      if (value !== undefined) form[key] = value;
      return;
    }
  }
}

async function pickValue<T>(ctx: FormContext, key: FieldKey, values: readonly T[], current: unknown, label: (v: T) => string): Promise<T | undefined> {
  const items = values.map(v => ({ label: label(v), description: v === current ? vscode.l10n.t('current') : typeof v === 'string' ? v : undefined, value: v }));
  const picked = await vscode.window.showQuickPick(items, { title: `${ctx.title} — ${fieldLabel(key)}`, placeHolder: fieldLabel(key) });
  return picked?.value;
}

async function askNumber(ctx: FormContext, key: NumberField, current: unknown): Promise<number | undefined> {
  const parse = (text: string) => (key === 'precedence' ? parsePrecedence(text, ctx.profiles, ctx.profile) : parseInteger(key, text));
  const text = await vscode.window.showInputBox({
    title: `${ctx.title} — ${fieldLabel(key)}`,
    prompt: fieldLabel(key),
    value: current === undefined ? '' : String(current),
    ignoreFocusOut: true,
    validateInput: v => {
      const p = parse(v).problem;
      return p ? problemText(p) : undefined;
    },
  });
  if (text === undefined) return undefined;
  const parsed = parse(text);
  if (parsed.problem) throw new Error(problemText(parsed.problem));
  return parsed.value;
}

async function askText(ctx: FormContext, key: TextField, current: unknown): Promise<string | undefined> {
  const check = (text: string): vscode.InputBoxValidationMessage | undefined => {
    const p = checkText(key, text, ctx.profiles, ctx.profile);
    if (p) return { message: problemText(p), severity: vscode.InputBoxValidationSeverity.Error };
    // The match expression is parsed: a position and a suggestion for what does not parse.
    return key === 'match' ? matchValidation(text) : undefined;
  };
  const text = await vscode.window.showInputBox({
    title: `${ctx.title} — ${fieldLabel(key)}`,
    prompt: key === 'support_url' ? vscode.l10n.t('The URL the client\'s "Send feedback" opens: https://… or mailto:…; empty for none') : fieldLabel(key),
    value: typeof current === 'string' ? current : '',
    ignoreFocusOut: true,
    validateInput: check,
  });
  if (text === undefined) return undefined;
  const problem = check(text);
  if (problem?.severity === vscode.InputBoxValidationSeverity.Error) throw new Error(problem.message);
  return key === 'description' ? text : text.trim();
}
