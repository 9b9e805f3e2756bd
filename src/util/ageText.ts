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

/** "2025-11-22 14:03:07 UTC": the one way an exact time is written (tooltips, details, reports). */
export function utcTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

/**
 * "2025-11-22 14:03:07 UTC (2 d ago)" for a tooltip or details row: the exact time and how long ago.
 * Undefined for a missing time; text that is no time is shown as it came.
 */
export function timeAndAge(iso: string | undefined | null, now: number): string | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const rel = ago(iso, now);
  return rel ? `${utcTime(t)} (${rel})` : utcTime(t);
}
