/**
 * "Which profile applies?": every enabled custom profile in precedence order, the first whose
 * expression matches wins, the default profile when none does. Cloudflare's "Order of precedence"
 * (device-profile-order-of-precedence partial): first match wins, the Default profile is always last.
 * No `vscode` import: unit-tested.
 */
import type { SettingsPolicy } from '../api/types';
import { evaluateMatch, type MatchFacts, type Verdict } from './matchEvaluate';
import { parseMatch, selectorsOf, type Issue } from './matchExpression';
import { selectorInfo, type FactKey } from './matchSelectors';
import { orderProfiles } from './profileOrder';

export type StepState = 'matched' | 'notMatched' | 'unknown' | 'invalid' | 'disabled' | 'notReached' | 'default';

export interface ExplainStep {
  profile: SettingsPolicy;
  state: StepState;
  verdict?: Verdict;
  /** Why the expression could not be read (state `invalid`). */
  error?: Issue;
}

export interface Explanation {
  steps: ExplainStep[];
  /** The profile that applies for certain, given what is known (undefined if the list has no default). */
  applies: SettingsPolicy | undefined;
  /** Profiles above it that cannot be decided locally: if one of them matches, it applies instead. */
  undecided: SettingsPolicy[];
}

export function explainProfiles(profiles: readonly SettingsPolicy[], facts: MatchFacts): Explanation {
  const steps: ExplainStep[] = [];
  const undecided: SettingsPolicy[] = [];
  let applies: SettingsPolicy | undefined;
  for (const profile of orderProfiles(profiles)) {
    if (applies) {
      steps.push({ profile, state: 'notReached' });
      continue;
    }
    if (profile.default) {
      applies = profile;
      steps.push({ profile, state: 'default' });
      continue;
    }
    if (profile.enabled === false) {
      steps.push({ profile, state: 'disabled' });
      continue;
    }
    const parsed = parseMatch(profile.match ?? '');
    if (!parsed.ok) {
      undecided.push(profile);
      steps.push({ profile, state: 'invalid', error: parsed.error });
      continue;
    }
    const verdict = evaluateMatch(parsed.ast, facts);
    const state = verdict.truth === true ? 'matched' : verdict.truth === false ? 'notMatched' : 'unknown';
    if (state === 'matched') applies = profile;
    if (state === 'unknown') undecided.push(profile);
    steps.push({ profile, state, verdict });
  }
  return { steps, applies, undecided };
}

/** The facts the enabled custom profiles' expressions read: only these are worth asking for. */
export function factsNeeded(profiles: readonly SettingsPolicy[]): FactKey[] {
  const keys = new Set<FactKey>();
  for (const p of profiles) {
    if (p.default || p.enabled === false) continue;
    const parsed = parseMatch(p.match ?? '');
    if (!parsed.ok) continue;
    for (const s of selectorsOf(parsed.ast)) {
      const fact = selectorInfo(s)?.fact;
      if (fact) keys.add(fact);
    }
  }
  const order: FactKey[] = ['email', 'userName', 'groupNames', 'groupIds', 'groupEmails', 'saml', 'osName', 'osVersion', 'network', 'postureChecks'];
  return order.filter(k => keys.has(k));
}
