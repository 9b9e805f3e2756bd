/**
 * /accounts/{a}/devices/registrations: list (cursor), get, revoke, unrevoke, delete, bulk delete,
 * override codes. Shapes and params: SDK v7 `resources/zero-trust/devices/registrations.d.ts` and
 * `override-codes.d.ts` (OverrideCodeGetResponse); semantics: ../shared/api-notes.md "Multi-user mode".
 */
import { Errors } from '../errors';
import { multiOf, mirrorToLegacy } from '../multiuser';
import { keysetPage, type SortKey } from '../paging';
import { digest } from '../random';
import type { Ctx, Reply, Router } from '../router';
import type { MultiUserData, SimRegistration } from '../types';
import { cursorLimits, includes, matchesSearch, oneOf, queryIds, seenWithin, timeParam } from './query';

const A = '/accounts/:account_id';

export function multi(ctx: Ctx): MultiUserData {
  return multiOf(ctx.account, ctx.seed, ctx.state.now);
}

/**
 * RegistrationListResponse: every required field, the optional ones as the SDK types them
 * (nullable where it says `| null`). `policy` is sent only with include=policy (SDK: "additional
 * information that should be included… Supported values are: policy").
 */
export function toRegistration(r: SimRegistration, m: MultiUserData, withPolicy: boolean) {
  const d = m.deviceById.get(r.deviceId);
  return {
    id: r.id,
    created_at: r.created_at,
    updated_at: r.updated_at,
    last_seen_at: r.last_seen_at,
    key: r.key,
    key_type: r.key_type,
    tunnel_type: r.tunnel_type,
    registration_type: r.registration_type,
    device: d?.client_version
      ? { id: r.deviceId, name: d.name, client_version: d.client_version }
      : { id: r.deviceId, name: d?.name ?? '' }, // client_version is `?: string`, never null
    ...(r.user ? { user: { ...r.user } } : {}),
    ...(withPolicy ? { policy: { ...r.policy } } : {}),
    revoked_at: r.revoked_at,
    deleted_at: r.deleted_at,
    virtual_ipv4: r.virtual_ipv4,
    virtual_ipv6: r.virtual_ipv6,
  };
}

const SORTS = ['id', 'user.name', 'user.email', 'last_seen_at', 'created_at'] as const;

function sortKey(by: (typeof SORTS)[number] | undefined): (r: SimRegistration) => SortKey {
  switch (by) {
    case 'id': return r => [r.id];
    case 'user.name': return r => [r.user?.name ?? null, r.id];
    case 'user.email': return r => [r.user?.email ?? null, r.id];
    case 'last_seen_at': return r => [r.last_seen_at, r.id];
    default: return r => [r.created_at, r.id];
  }
}

function list(ctx: Ctx): Reply {
  const q = ctx.query;
  const m = multi(ctx);
  // SDK: "Filter by registration status. Defaults to 'active'."
  const status = oneOf(q, 'status', ['active', 'all', 'revoked'] as const, 'active');
  const type = oneOf(q, 'registration_type', ['warp', 'browser_extension'] as const);
  const sortBy = oneOf(q, 'sort_by', SORTS);
  const order = oneOf(q, 'sort_order', ['asc', 'desc'] as const, 'asc');
  const withPolicy = includes(q, ['policy']).has('policy');
  const after = timeParam(q, 'seen_after');
  const before = timeParam(q, 'seen_before');
  const ids = new Set(q.getAll('id'));
  const deviceId = q.get('device.id');
  const userIds = new Set(q.getAll('user.id'));
  const policyId = q.get('policy.id');
  const search = q.get('search');
  // Only the filters asked for run: a walk over 100,000 registrations stays cheap per page.
  const tests: ((r: SimRegistration) => boolean)[] = [];
  if (status === 'active') tests.push(r => r.revoked_at === null && r.deleted_at === null);
  if (status === 'revoked') tests.push(r => r.revoked_at !== null && r.deleted_at === null);
  if (type) tests.push(r => r.registration_type === type);
  if (ids.size) tests.push(r => ids.has(r.id));
  if (deviceId) tests.push(r => r.deviceId === deviceId);
  if (userIds.size) tests.push(r => r.user?.id !== undefined && userIds.has(r.user.id));
  if (policyId) tests.push(r => r.policy.id === policyId);
  if (after !== undefined || before !== undefined) tests.push(r => seenWithin(r.last_seen_at, after, before));
  if (search) tests.push(r => matchesSearch(search, r.id, r.user?.email, r.user?.name, m.deviceById.get(r.deviceId)?.name));
  // device.id narrows to that device's few registrations (kept oldest first, the default order).
  const pool = deviceId ? m.deviceById.get(deviceId)?.registrations ?? [] : m.registrations;
  const accept = tests.length ? (r: SimRegistration) => tests.every(t => t(r)) : undefined;
  const { page, info } = keysetPage(pool, q, cursorLimits(ctx.state.pageCaps), sortKey(sortBy),
    { desc: order === 'desc', presorted: sortBy === undefined || sortBy === 'created_at', accept,
      repeatCursor: ctx.paging === 'repeatCursor' });
  return { result: page.map(r => toRegistration(r, m, withPolicy)), result_info: info };
}

function find(ctx: Ctx, id = ctx.params.registration_id): SimRegistration {
  const r = multi(ctx).registrationById.get(id);
  if (!r) throw Errors.notFound(`Registration ${id}`);
  return r;
}

/** A deleted registration is still readable (SDK: deleted_at on RegistrationGetResponse) but cannot be written again. */
function findLive(ctx: Ctx, id: string): SimRegistration {
  const r = find(ctx, id);
  if (r.deleted_at) throw Errors.notFound(`Registration ${id}`);
  return r;
}

function get(ctx: Ctx): Reply {
  const withPolicy = includes(ctx.query, ['policy']).has('policy');
  return { result: toRegistration(find(ctx), multi(ctx), withPolicy) };
}

/** All ids or none: an unknown or deleted id fails the request before anything changes. */
function liveAll(ctx: Ctx, ids: string[]): SimRegistration[] {
  const found = ids.map(id => multi(ctx).registrationById.get(id));
  const bad = ids.filter((_, i) => !found[i] || found[i]!.deleted_at);
  if (bad.length) throw Errors.notFound(`Registration(s) ${bad.slice(0, 5).join(', ')}${bad.length > 5 ? ', …' : ''}`);
  return found as SimRegistration[];
}

export function setRevoked(ctx: Ctx, regs: SimRegistration[], revoked: boolean): void {
  const now = new Date().toISOString();
  for (const r of regs) {
    if (revoked === (r.revoked_at !== null)) continue;
    r.revoked_at = revoked ? now : null; // revoke keeps the virtual IPs (SDK: "revoke does not release virtual IPs")
    r.updated_at = now;
    mirrorToLegacy(ctx.account, r);
  }
}

export function markDeleted(ctx: Ctx, regs: SimRegistration[]): void {
  const now = new Date().toISOString();
  for (const r of regs) {
    r.deleted_at = now;
    r.updated_at = now;
    r.virtual_ipv4 = null; // delete releases them, the reason the SDK prefers it to revoke
    r.virtual_ipv6 = null;
    mirrorToLegacy(ctx.account, r);
  }
}

/** SDK RevokeResponse / DeleteResponse are `unknown | null`: answer null. */
const revoke = (revoked: boolean) => (ctx: Ctx): Reply => {
  setRevoked(ctx, liveAll(ctx, queryIds(ctx.query)), revoked);
  return { result: null };
};

function remove(ctx: Ctx): Reply {
  markDeleted(ctx, [findLive(ctx, ctx.params.registration_id)]);
  return { result: null };
}

function bulkRemove(ctx: Ctx): Reply {
  markDeleted(ctx, liveAll(ctx, queryIds(ctx.query)));
  return { result: null };
}

/**
 * OverrideCodeGetResponse: `disable_for_time` is an open map of durations to codes, not the five
 * fixed keys of the legacy type. Codes are 7 digits, stable for an hour.
 */
export function registrationOverrideCodes(seed: number, id: string, durations: readonly string[], at = Date.now()) {
  const bucket = Math.floor(at / 3_600_000);
  const codes: Record<string, string> = {};
  for (const d of durations) codes[d] = String(digest('override', seed, id, d, bucket).readUInt32BE(0) % 10_000_000).padStart(7, '0');
  return { disable_for_time: codes };
}

function overrides(ctx: Ctx): Reply {
  const r = findLive(ctx, ctx.params.registration_id);
  if (!ctx.account.adminOverrideEnabled) throw Errors.adminOverrideDisabled();
  return { result: registrationOverrideCodes(ctx.seed, r.id, ctx.account.overrideDurations) };
}

export function registrationRoutes(r: Router): void {
  r.on('GET', `${A}/devices/registrations`, list)
    .on('DELETE', `${A}/devices/registrations`, bulkRemove)
    .on('POST', `${A}/devices/registrations/revoke`, revoke(true))
    .on('POST', `${A}/devices/registrations/unrevoke`, revoke(false))
    .on('GET', `${A}/devices/registrations/:registration_id`, get)
    .on('DELETE', `${A}/devices/registrations/:registration_id`, remove)
    .on('GET', `${A}/devices/registrations/:registration_id/override_codes`, overrides);
}
