/**
 * Profile order and reordering. Cloudflare evaluates custom profiles by ascending precedence and the
 * default profile last; precedence must stay unique, so a swap goes through a free value. No `vscode`
 * import: unit-tested.
 */
import type { SettingsPolicy, SplitTunnelMode } from '../api/types';

/** Custom profiles by precedence (lowest first, as Cloudflare evaluates them), the default last. */
export function orderProfiles(profiles: readonly SettingsPolicy[]): SettingsPolicy[] {
  const custom = profiles.filter(p => !p.default).sort((a, b) => (a.precedence ?? Infinity) - (b.precedence ?? Infinity));
  return [...custom, ...profiles.filter(p => p.default)];
}

/** The custom profile just before (up) or after (down) this one; undefined at either end. */
export function neighbour(profiles: readonly SettingsPolicy[], policyId: string, direction: 'up' | 'down'): SettingsPolicy | undefined {
  const custom = orderProfiles(profiles).filter(p => !p.default);
  const i = custom.findIndex(p => p.policy_id === policyId);
  if (i < 0) return undefined;
  return custom[direction === 'up' ? i - 1 : i + 1];
}

/** One PATCH of a reorder: set this profile's precedence, remembering the value to restore on rollback. */
export interface PrecedenceStep {
  policyId: string;
  name: string;
  from: number;
  to: number;
}

/**
 * The PATCHes that swap two profiles' precedences without ever making two equal: `a` moves to a
 * value no profile uses, `b` takes `a`'s old value, `a` takes `b`'s. Undoing the steps that ran,
 * latest first, restores the original order through states that are just as valid.
 */
export function swapPlan(profiles: readonly SettingsPolicy[], a: SettingsPolicy, b: SettingsPolicy): PrecedenceStep[] {
  const pa = a.precedence;
  const pb = b.precedence;
  if (pa === undefined || pb === undefined || !a.policy_id || !b.policy_id) throw new Error('Only custom profiles with a precedence can be reordered');
  const temp = Math.max(...profiles.filter(p => !p.default).map(p => p.precedence ?? 0)) + 1;
  const name = (p: SettingsPolicy) => p.name ?? p.policy_id ?? '?';
  return [
    { policyId: a.policy_id, name: name(a), from: pa, to: temp },
    { policyId: b.policy_id, name: name(b), from: pb, to: pa },
    { policyId: a.policy_id, name: name(a), from: temp, to: pb },
  ];
}

/** The steps that undo the ones that succeeded, latest first. */
export function rollbackPlan(done: readonly PrecedenceStep[]): PrecedenceStep[] {
  return [...done].reverse().map(s => ({ ...s, from: s.to, to: s.from }));
}

/**
 * Which Split Tunnel list a profile uses. The API has no mode field: a profile in include mode has an
 * `include` list and no (or an empty) `exclude` list; everything else is exclude mode.
 */
/**
 * The mode a profile uses, as the real API holds it: one of `include` / `exclude` is set, the other
 * may be absent or null (api-notes: "Split Tunnel mode"). A non-empty list decides; else a present
 * (non-null) list; exclude when nothing says otherwise (Cloudflare's default). Used by the Profiles
 * view, route tests and the list editor alike.
 */
export function splitTunnelMode(p: Pick<SettingsPolicy, 'include' | 'exclude'>): SplitTunnelMode {
  const include = p.include as unknown[] | null | undefined;
  const exclude = p.exclude as unknown[] | null | undefined;
  if ((include?.length ?? 0) > 0) return 'include';
  if ((exclude?.length ?? 0) > 0) return 'exclude';
  if (include != null && exclude == null) return 'include';
  return 'exclude';
}
