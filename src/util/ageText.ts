import * as vscode from 'vscode';
import { ageOf, type Age } from '../model/age';

/** "40 min", "3 h", "2 d" — short enough for a tree item's description. */
export function ageText(age: Age): string {
  switch (age.unit) {
    case 'now':
      return vscode.l10n.t('a moment');
    case 'min':
      return vscode.l10n.t('{0} min', age.n);
    case 'h':
      return vscode.l10n.t('{0} h', age.n);
    case 'd':
      return vscode.l10n.t('{0} d', age.n);
    case 'mo':
      return vscode.l10n.t('{0} mo', age.n);
    case 'y':
      return vscode.l10n.t('{0} y', age.n);
  }
}

/** "3 h ago", "just now"; undefined for a missing time. */
export function ago(iso: string | undefined | null, now = Date.now()): string | undefined {
  const age = ageOf(iso, now);
  if (!age) return undefined;
  return age.unit === 'now' ? vscode.l10n.t('just now') : vscode.l10n.t('{0} ago', ageText(age));
}

/** "since 2 d"; undefined for a missing time. */
export function since(iso: string | undefined | null, now = Date.now()): string | undefined {
  const age = ageOf(iso, now);
  return age && vscode.l10n.t('since {0}', ageText(age));
}
