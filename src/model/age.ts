/** How long ago something happened, in the largest whole unit; the views put it in words. */
export type Age = { unit: 'now' } | { unit: 'min' | 'h' | 'd' | 'mo' | 'y'; n: number };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Undefined for a missing or unreadable time; future times count as now. */
export function ageOf(iso: string | undefined | null, now: number): Age | undefined {
  const t = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(t)) return undefined;
  const ms = Math.max(0, now - t);
  if (ms < MINUTE) return { unit: 'now' };
  if (ms < HOUR) return { unit: 'min', n: Math.floor(ms / MINUTE) };
  if (ms < DAY) return { unit: 'h', n: Math.floor(ms / HOUR) };
  if (ms < 60 * DAY) return { unit: 'd', n: Math.floor(ms / DAY) };
  // From 360 days on ("12 mo" otherwise), years.
  if (ms < 360 * DAY) return { unit: 'mo', n: Math.floor(ms / (30 * DAY)) };
  return { unit: 'y', n: Math.max(1, Math.floor(ms / (365 * DAY))) };
}
