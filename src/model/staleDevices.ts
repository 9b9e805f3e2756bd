/**
 * Which devices (legacy API) or registrations (multi-user API) a stale-device sweep would act on,
 * and the preview's grouping (pure: no `vscode` import, unit-tested).
 *
 * On the legacy API the unit is the device: revocation lives on it. On the new API it is the
 * registration: each user's enrolment on a machine has its own last_seen_at, and a shared desktop
 * where one of two users left long ago should lose that user, not the other (SDK registrations.d.ts:
 * revoke and delete take registration ids).
 *
 * A device or registration never seen (last_seen null) is not "not seen for N days" in any provable
 * sense — it may have been enrolled a minute ago and not connected yet — so it is kept apart and
 * left unticked by default; the admin can still tick it.
 */
import { deviceStatus, timeOf } from './deviceQuery';
import { liveRegistrations, type FleetDevice } from './fleetDevice';

export const SWEEP_DAY_CHOICES = [30, 60, 90, 180] as const;
/** Beyond ten years a number is a typo: nothing the API lists is that old. */
export const MAX_SWEEP_DAYS = 3650;
const DAY = 86_400_000;

export type SweepAction = 'revoke' | 'delete';
export type SweepGroupBy = 'os' | 'user';

export interface StaleCandidate {
  /** The id the write takes: the device's (legacy) or the registration's (new API). */
  id: string;
  kind: 'device' | 'registration';
  deviceId: string;
  deviceName: string;
  os: string;
  userEmail: string;
  userName: string;
  /** Undefined when never seen. */
  lastSeen?: string;
  revoked: boolean;
}

export interface StaleSelection {
  days: number;
  cutoff: string;
  /** Seen, and last seen before the cutoff: ticked by default. Oldest first. */
  stale: StaleCandidate[];
  /** Never seen: listed apart, unticked by default. */
  neverSeen: StaleCandidate[];
  /** Left out because the action cannot apply to them (already revoked, for a revoke). */
  skipped: number;
}

export interface StaleGroup {
  by: SweepGroupBy;
  /** The OS type or the user email ('' = unknown OS / no user). */
  value: string;
  userName?: string;
  items: StaleCandidate[];
  /** The oldest last-seen in the group (undefined when none of it was seen). */
  oldest?: string;
}

/** The number of days typed in the custom box, or undefined when it is not a whole number from 1 to MAX_SWEEP_DAYS. */
export function parseSweepDays(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d{1,5}$/.test(t)) return undefined;
  const n = Number(t);
  return n >= 1 && n <= MAX_SWEEP_DAYS ? n : undefined;
}

function candidates(devices: readonly FleetDevice[]): StaleCandidate[] {
  const out: StaleCandidate[] = [];
  for (const d of devices) {
    if (d.deleted || deviceStatus(d) === 'deleted') continue;
    const base = { deviceId: d.id, deviceName: d.name || d.id, os: d.device_type ?? '' };
    if (d.api === 'legacy') {
      out.push({ ...base, id: d.id, kind: 'device', userEmail: d.user?.email ?? '', userName: d.user?.name ?? '', lastSeen: d.last_seen, revoked: Boolean(d.revoked_at) });
      continue;
    }
    for (const r of liveRegistrations(d.registrations)) {
      out.push({ ...base, id: r.id, kind: 'registration', userEmail: r.user?.email ?? '', userName: r.user?.name ?? '', lastSeen: r.lastSeen, revoked: Boolean(r.revokedAt) });
    }
  }
  return out;
}

const oldestFirst = (a: StaleCandidate, b: StaleCandidate) => timeOf(a.lastSeen) - timeOf(b.lastSeen) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * What a sweep of `days` would act on at `now`. A revoke skips what is already revoked; a delete
 * (new API) takes revoked registrations too — removing those is the usual clean-up.
 */
export function findStale(devices: readonly FleetDevice[], days: number, now: number, action: SweepAction): StaleSelection {
  const cutoffMs = now - days * DAY;
  const sel: StaleSelection = { days, cutoff: new Date(cutoffMs).toISOString(), stale: [], neverSeen: [], skipped: 0 };
  for (const c of candidates(devices)) {
    const t = timeOf(c.lastSeen);
    if (!Number.isNaN(t) && t >= cutoffMs) continue;
    if (action === 'revoke' && c.revoked) {
      sel.skipped++;
      continue;
    }
    (Number.isNaN(t) ? sel.neverSeen : sel.stale).push(c);
  }
  sel.stale.sort(oldestFirst);
  sel.neverSeen.sort((a, b) => collator.compare(a.deviceName, b.deviceName) || (a.id < b.id ? -1 : 1));
  return sel;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** The oldest last-seen of `items`; undefined when none was seen. */
export function oldestSeen(items: readonly StaleCandidate[]): string | undefined {
  let best: string | undefined;
  for (const c of items) if (!Number.isNaN(timeOf(c.lastSeen)) && (best === undefined || timeOf(c.lastSeen) < timeOf(best))) best = c.lastSeen;
  return best;
}

/**
 * Groups by OS (largest first) or by user (by email; no user last); inside a group, oldest first as
 * the selection keeps them. One pass with a Map: thousands of candidates cost nothing noticeable.
 */
export function groupStale(items: readonly StaleCandidate[], by: SweepGroupBy): StaleGroup[] {
  const groups = new Map<string, StaleGroup>();
  for (const c of items) {
    const value = by === 'os' ? c.os : c.userEmail.toLowerCase();
    let g = groups.get(value);
    if (!g) groups.set(value, (g = { by, value, items: [], userName: by === 'user' ? c.userName || undefined : undefined }));
    g.items.push(c);
  }
  const list = [...groups.values()];
  for (const g of list) g.oldest = oldestSeen(g.items);
  if (by === 'os') return list.sort((a, b) => b.items.length - a.items.length || collator.compare(a.value, b.value));
  return list.sort((a, b) => Number(!a.value) - Number(!b.value) || collator.compare(a.value, b.value));
}

/** Distinct devices among `items` (a registration sweep names both counts). */
export function deviceCount(items: readonly StaleCandidate[]): number {
  return new Set(items.map(c => c.deviceId)).size;
}

/** Whole days between `lastSeen` and `now`; undefined when never seen. */
export function daysSince(lastSeen: string | undefined, now: number): number | undefined {
  const t = timeOf(lastSeen);
  return Number.isNaN(t) ? undefined : Math.floor((now - t) / DAY);
}

/** The preview as records for export (CSV or JSON): every candidate, whether it is ticked, how long unseen. */
export function previewRecords(sel: StaleSelection, ticked: ReadonlySet<string>, now: number): Record<string, string | number | boolean | null>[] {
  return [...sel.stale, ...sel.neverSeen].map(c => ({
    selected: ticked.has(c.id),
    kind: c.kind,
    id: c.id,
    device_id: c.deviceId,
    device_name: c.deviceName,
    os: c.os,
    user_email: c.userEmail,
    user_name: c.userName,
    last_seen: c.lastSeen ?? null,
    days_since_seen: daysSince(c.lastSeen, now) ?? null,
    revoked: c.revoked,
  }));
}
