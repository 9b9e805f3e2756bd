/**
 * Profile writes that never guess their outcome. A timeout or a dropped connection after a write was
 * sent may have been applied: the profiles are then read back and the report says what Cloudflare
 * holds, not what the error suggests. No `vscode` import: unit-tested against the simulator.
 */
import type { CloudflareClient } from '../api/client';
import { CloudflareApiError } from '../api/errors';
import { createProfile, deleteProfile, listProfiles, updateProfile } from '../api/profiles';
import type { SettingsPolicy, SettingsPolicyCreate } from '../api/types';
import { rollbackPlan, type PrecedenceStep } from './profileOrder';

/**
 * A write whose answer was lost (no answer in time, connection dropped) may have been applied. The
 * client will mark such errors (`outcomeUnknown`); until it does, a network or timeout error on
 * anything but a GET counts as unknown.
 */
export function isOutcomeUnknown(err: unknown): boolean {
  if (!(err instanceof CloudflareApiError)) return false;
  const marked = (err as { outcomeUnknown?: unknown }).outcomeUnknown;
  if (typeof marked === 'boolean') return marked;
  return err.method !== 'GET' && (err.kind === 'network' || err.kind === 'timeout');
}

/** What a reorder did, as read from Cloudflare when an answer was lost. */
export type MoveReport =
  | { kind: 'moved'; profiles?: SettingsPolicy[]; answerLost: boolean }
  /** The order is the original one: nothing applied, or the changes were undone (verified when read back). */
  | { kind: 'unchanged'; error: unknown; rolledBack: boolean; profiles?: SettingsPolicy[] }
  /** Neither the old nor the new order; or it could not be read back. */
  | { kind: 'unknown'; error: unknown; rollbackError?: unknown; profiles?: SettingsPolicy[] };

type Precedences = Map<string, number | undefined>;

function precedences(profiles: readonly SettingsPolicy[], ids: readonly string[]): Precedences {
  return new Map(ids.map(id => [id, profiles.find(p => !p.default && p.policy_id === id)?.precedence]));
}

function same(a: Precedences, b: Precedences): boolean {
  return [...a].every(([id, v]) => v !== undefined && b.get(id) === v);
}

/**
 * The PATCHes that take the profiles of a swap from `actual` back to `original`, never giving two
 * profiles the same precedence on the way: a profile sitting on a value another one must return to
 * first moves to a free value. Undefined when that cannot be planned (a profile is gone).
 */
export function restorePlan(all: readonly SettingsPolicy[], original: Precedences, names: Map<string, string>): PrecedenceStep[] | undefined {
  const ids = [...original.keys()];
  const cur = precedences(all, ids);
  if ([...cur.values(), ...original.values()].some(v => v === undefined)) return undefined;
  let free = Math.max(0, ...all.filter(p => !p.default).map(p => p.precedence ?? 0)) + 1;
  const steps: PrecedenceStep[] = [];
  const set = (id: string, to: number) => {
    steps.push({ policyId: id, name: names.get(id) ?? id, from: cur.get(id)!, to });
    cur.set(id, to);
  };
  for (const id of ids) {
    const want = original.get(id)!;
    if (cur.get(id) === want) continue;
    const holder = ids.find(other => other !== id && cur.get(other) === want);
    if (holder) set(holder, free++);
    set(id, want);
  }
  // A profile parked on a free value goes home last.
  for (const id of ids) if (cur.get(id) !== original.get(id)) set(id, original.get(id)!);
  return steps;
}

/**
 * Runs a reorder's PATCHes in order. On a failure the profiles are read back whenever the outcome is
 * not certain (a lost answer, or a failed undo), and the report says what Cloudflare holds: the new
 * order, the old one, or neither. A failure with a certain outcome undoes the changes that were made.
 */
export async function runReorder(client: CloudflareClient, accountId: string, steps: PrecedenceStep[]): Promise<MoveReport> {
  const ids = [...new Set(steps.map(s => s.policyId))];
  const names = new Map(steps.map(s => [s.policyId, s.name]));
  const original: Precedences = new Map(ids.map(id => [id, steps.find(s => s.policyId === id)!.from]));
  const target: Precedences = new Map(ids.map(id => [id, [...steps].reverse().find(s => s.policyId === id)!.to]));
  const done: PrecedenceStep[] = [];
  let error: unknown;
  for (const step of steps) {
    try {
      await updateProfile(client, accountId, step.policyId, { precedence: step.to });
      done.push(step);
    } catch (err) {
      error = err;
      break;
    }
  }
  if (error === undefined) return { kind: 'moved', answerLost: false };

  let plan: PrecedenceStep[] | undefined = rollbackPlan(done);
  let actual: SettingsPolicy[] | undefined;
  if (isOutcomeUnknown(error)) {
    // The failed PATCH may have been applied: plan the undo from what Cloudflare holds.
    actual = await readBack(client, accountId);
    if (!actual) return { kind: 'unknown', error };
    const now = precedences(actual, ids);
    if (same(target, now)) return { kind: 'moved', profiles: actual, answerLost: true };
    plan = restorePlan(actual, original, names);
    if (!plan) return { kind: 'unknown', error, profiles: actual };
  }
  try {
    for (const undo of plan) await updateProfile(client, accountId, undo.policyId, { precedence: undo.to });
  } catch (rollbackErr) {
    const after = await readBack(client, accountId);
    if (after && same(original, precedences(after, ids))) return { kind: 'unchanged', error, rolledBack: true, profiles: after };
    if (after && same(target, precedences(after, ids))) return { kind: 'moved', profiles: after, answerLost: true };
    return { kind: 'unknown', error, rollbackError: rollbackErr, profiles: after };
  }
  return { kind: 'unchanged', error, rolledBack: plan.length > 0, profiles: actual && plan.length === 0 ? actual : undefined };
}

async function readBack(client: CloudflareClient, accountId: string): Promise<SettingsPolicy[] | undefined> {
  try {
    return await listProfiles(client, accountId);
  } catch {
    return undefined;
  }
}

/** What a delete did. */
export type DeleteReport =
  | { kind: 'deleted'; remaining?: SettingsPolicy[]; answerLost: boolean }
  | { kind: 'notDeleted'; error: unknown; profiles: SettingsPolicy[] }
  | { kind: 'unknown'; error: unknown };

/**
 * Deletes a profile. When the answer was lost, or the API says 404 (a retried DELETE whose first try
 * went through answers so), the profiles are read back to tell whether it is gone.
 */
export async function deleteProfileChecked(client: CloudflareClient, accountId: string, policyId: string): Promise<DeleteReport> {
  try {
    return { kind: 'deleted', remaining: await deleteProfile(client, accountId, policyId), answerLost: false };
  } catch (error) {
    const notFound = error instanceof CloudflareApiError && error.isNotFound;
    if (!isOutcomeUnknown(error) && !notFound) throw error;
    const profiles = await readBack(client, accountId);
    if (!profiles) return { kind: 'unknown', error };
    if (profiles.some(p => !p.default && p.policy_id === policyId)) return { kind: 'notDeleted', error, profiles };
    return { kind: 'deleted', remaining: profiles, answerLost: true };
  }
}

/** What a create did. */
export type CreateReport =
  | { kind: 'created'; profile: SettingsPolicy; answerLost: boolean }
  | { kind: 'notCreated'; error: unknown }
  | { kind: 'unknown'; error: unknown };

/**
 * Creates a profile. A POST is never retried (it is not idempotent); when its answer was lost, the
 * profiles are read back and a new one with this name, match and precedence that was not there
 * before is the one this created.
 */
export async function createProfileChecked(client: CloudflareClient, accountId: string, body: SettingsPolicyCreate, before: readonly SettingsPolicy[]): Promise<CreateReport> {
  try {
    return { kind: 'created', profile: await createProfile(client, accountId, body), answerLost: false };
  } catch (error) {
    if (!isOutcomeUnknown(error)) throw error;
    const profiles = await readBack(client, accountId);
    if (!profiles) return { kind: 'unknown', error };
    const known = new Set(before.map(p => p.policy_id));
    const made = profiles.find(p => !p.default && !known.has(p.policy_id) && p.name === body.name && p.match === body.match && p.precedence === body.precedence);
    return made ? { kind: 'created', profile: made, answerLost: true } : { kind: 'notCreated', error };
  }
}
