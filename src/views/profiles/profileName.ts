import * as vscode from 'vscode';

/**
 * A profile as every view, pick and report names it: "Default" for the default profile, else its name
 * (its id when it has none). Takes a profile from GET /policy or a registration's `policy`.
 */
export function profileName(p: { default?: boolean; name?: string; policy_id?: string; id?: string }): string {
  return p.default ? vscode.l10n.t('Default') : (p.name || (p.policy_id ?? p.id ?? '?'));
}
