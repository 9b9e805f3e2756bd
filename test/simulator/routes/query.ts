/**
 * Query parameters of the newer device endpoints, checked as strictly as their SDK types allow
 * (SDK v7 `devices_.d.ts` DeviceListParams, `registrations.d.ts` RegistrationListParams). The SDK
 * writes nested params with dots and arrays as repeated keys (`device.id=…`, `id=a&id=b`:
 * internal/utils/query.js uses qs with allowDots and arrayFormat 'repeat'), so that is what is read.
 */
import { Errors } from '../errors';
import type { PageLimits } from '../paging';

/**
 * per_page of the cursor endpoints. Cloudflare's reference documents only "The maximum number of
 * devices to return in a single response" (format uint64), no default and no bounds: these are
 * NOT observed, picked to match the legacy list (default 20, see ../shared/api-notes.md) with a cap
 * that keeps answers small.
 */
export const CURSOR_LIMITS: PageLimits = { defaultPerPage: 20, min: 1, max: 1000 };

/** CURSOR_LIMITS with the simulator's current cap (state.pageCaps, NOT OBSERVED: see PageCaps in ../types.ts). */
export function cursorLimits(caps: { cursor: number; over: 'refuse' | 'clamp' }): PageLimits {
  return { ...CURSOR_LIMITS, max: caps.cursor, clamp: caps.over === 'clamp' };
}

/** One of `allowed`, or `fallback` when absent; anything else is a 400. */
export function oneOf<T extends string>(q: URLSearchParams, name: string, allowed: readonly T[], fallback?: T): T | undefined {
  const v = q.get(name);
  if (v === null || v === '') return fallback;
  if (!(allowed as readonly string[]).includes(v)) throw Errors.validation(`${name} must be one of ${allowed.join(', ')} (got "${v}")`);
  return v as T;
}

/** An RFC3339 timestamp parameter as epoch ms (seen_after / seen_before). */
export function timeParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(v) ? Date.parse(v) : NaN;
  if (Number.isNaN(ms)) throw Errors.validation(`${name} must be an RFC3339 timestamp (got "${v}")`);
  return ms;
}

/** `include`: a comma-separated list of the values the SDK documents; unknown values are refused. */
export function includes(q: URLSearchParams, supported: readonly string[]): Set<string> {
  const raw = q.get('include');
  const out = new Set<string>();
  if (!raw) return out;
  for (const part of raw.split(',').map(s => s.trim()).filter(Boolean)) {
    if (!supported.includes(part)) throw Errors.validation(`include supports ${supported.join(', ')} (got "${part}")`);
    out.add(part);
  }
  return out;
}

/** Case-insensitive substring match over some fields (how "search" matches is not documented: a plausible pick). */
export function matchesSearch(needle: string | null, ...fields: (string | null | undefined)[]): boolean {
  if (!needle) return true;
  const n = needle.toLowerCase();
  return fields.some(f => typeof f === 'string' && f.toLowerCase().includes(n));
}

/** Ids given as repeated `id` parameters, for the write endpoints: at least one, at most 200 (200 as the legacy body limit; not observed here). */
export function queryIds(q: URLSearchParams): string[] {
  const ids = q.getAll('id').filter(s => s !== '');
  if (ids.length === 0) throw Errors.validation('id is required: one or more registration ids as repeated id= parameters');
  if (ids.length > 200) throw Errors.validation(`At most 200 ids per request (got ${ids.length})`);
  return [...new Set(ids)];
}

/** A timestamp string within [after, before] (exclusive bounds, as "seen after / before" reads). */
export function seenWithin(at: string | null, after: number | undefined, before: number | undefined): boolean {
  if (after === undefined && before === undefined) return true;
  if (at === null) return false;
  const ms = Date.parse(at);
  return (after === undefined || ms > after) && (before === undefined || ms < before);
}
