/**
 * /accounts/{a}/devices/physical-devices: list (cursor), get, revoke (all its registrations),
 * delete. Shapes and params: SDK v7 `resources/zero-trust/devices/devices_.d.ts`.
 */
import { Errors } from '../errors';
import { activeCount, lastSeenRegistration } from '../multiuser';
import { keysetPage, type SortKey } from '../paging';
import type { Ctx, Reply, Router } from '../router';
import type { MultiUserData, SimPhysicalDevice } from '../types';
import { cursorLimits, includes, matchesSearch, oneOf, seenWithin, timeParam } from './query';
import { markDeleted, multi, setRevoked } from './registrations';

const A = '/accounts/:account_id';
const INCLUDE_POLICY = 'last_seen_registration.policy';

/**
 * DeviceListResponse / DeviceGetResponse: required id, active_registrations, created_at,
 * last_seen_at (string | null), name, tags (an empty object when none), updated_at; the optional
 * ones as `| null`. `public_ip` is deprecated ("IP information is provided by DEX"): null.
 * `last_seen_registration` is sent only with include=last_seen_registration.policy.
 */
export function toPhysical(d: SimPhysicalDevice, withPolicy: boolean) {
  const last = lastSeenRegistration(d);
  return {
    id: d.id,
    active_registrations: activeCount(d),
    created_at: d.created_at,
    updated_at: d.updated_at,
    last_seen_at: d.last_seen_at,
    name: d.name,
    tags: { ...d.tags },
    client_version: d.client_version,
    deleted_at: d.deleted_at,
    device_type: d.device_type,
    hardware_id: d.hardware_id,
    ...(withPolicy ? { last_seen_registration: last ? { policy: { ...last.policy } } : null } : {}),
    last_seen_user: last?.user ? { ...last.user } : null,
    mac_address: d.mac_address,
    manufacturer: d.manufacturer,
    model: d.model,
    os_version: d.os_version,
    os_version_extra: d.os_version_extra,
    public_ip: null,
    serial_number: d.serial_number,
  };
}

const SORTS = ['name', 'id', 'client_version', 'last_seen_user.email', 'last_seen_at', 'active_registrations', 'created_at'] as const;

function sortKey(by: (typeof SORTS)[number] | undefined): (d: SimPhysicalDevice) => SortKey {
  switch (by) {
    case 'name': return d => [d.name, d.id];
    case 'id': return d => [d.id];
    case 'client_version': return d => [d.client_version, d.id];
    case 'last_seen_user.email': return d => [lastSeenRegistration(d)?.user?.email ?? null, d.id];
    case 'last_seen_at': return d => [d.last_seen_at, d.id];
    case 'active_registrations': return d => [activeCount(d), d.id];
    default: return d => [d.created_at, d.id];
  }
}

/** tag=key:value, repeated; a device must carry all of them (SDK DeviceListParams.tag). */
function tagFilter(q: URLSearchParams): [string, string][] {
  return q.getAll('tag').map(t => {
    const i = t.indexOf(':');
    if (i <= 0) throw Errors.validation(`tag must be key:value (got "${t}")`);
    return [t.slice(0, i), t.slice(i + 1)];
  });
}

function list(ctx: Ctx): Reply {
  const q = ctx.query;
  const m = multi(ctx);
  // SDK: "The default is 'only' - return only devices with active registrations."
  const active = oneOf(q, 'active_registrations', ['include', 'only', 'exclude'] as const, 'only');
  const regType = oneOf(q, 'has_registration_type', ['warp', 'browser_extension'] as const);
  const sortBy = oneOf(q, 'sort_by', SORTS);
  const order = oneOf(q, 'sort_order', ['asc', 'desc'] as const, 'asc');
  const withPolicy = includes(q, [INCLUDE_POLICY]).has(INCLUDE_POLICY);
  const after = timeParam(q, 'seen_after');
  const before = timeParam(q, 'seen_before');
  const ids = new Set(q.getAll('id'));
  const policy = q.get('last_seen_registration.policy');
  const email = q.get('last_seen_user.email')?.toLowerCase();
  const tags = tagFilter(q);
  const search = q.get('search');
  const accept = (d: SimPhysicalDevice): boolean => {
    const n = activeCount(d);
    if (active === 'only' ? n === 0 : active === 'exclude' ? n > 0 : false) return false;
    if (ids.size && !ids.has(d.id)) return false;
    if (regType && !d.registrations.some(r => r.registration_type === regType && r.revoked_at === null && r.deleted_at === null)) return false;
    if (!seenWithin(d.last_seen_at, after, before)) return false;
    if (tags.some(([k, v]) => d.tags[k] !== v)) return false;
    if (policy || email || search) {
      const last = lastSeenRegistration(d);
      if (policy && last?.policy.id !== policy) return false;
      if (email && last?.user?.email?.toLowerCase() !== email) return false;
      if (!matchesSearch(search, d.id, d.name, d.serial_number, d.hardware_id, d.model, last?.user?.email, last?.user?.name)) return false;
    }
    return true;
  };
  const { page, info } = keysetPage(m.devices, q, cursorLimits(ctx.state.pageCaps), sortKey(sortBy),
    { desc: order === 'desc', presorted: sortBy === undefined || sortBy === 'created_at', accept,
      repeatCursor: ctx.paging === 'repeatCursor' });
  return { result: page.map(d => toPhysical(d, withPolicy)), result_info: info };
}

function find(m: MultiUserData, id: string): SimPhysicalDevice {
  const d = m.deviceById.get(id);
  if (!d) throw Errors.notFound(`Device ${id}`);
  return d;
}

/** A deleted device stays readable (SDK: deleted_at on DeviceGetResponse); writing to it again is a 404. */
function findLive(ctx: Ctx): SimPhysicalDevice {
  const d = find(multi(ctx), ctx.params.device_id);
  if (d.deleted_at) throw Errors.notFound(`Device ${d.id}`);
  return d;
}

function get(ctx: Ctx): Reply {
  const withPolicy = includes(ctx.query, [INCLUDE_POLICY]).has(INCLUDE_POLICY);
  return { result: toPhysical(find(multi(ctx), ctx.params.device_id), withPolicy) };
}

/** SDK: "Revokes all WARP registrations associated with the specified device." */
function revoke(ctx: Ctx): Reply {
  const d = findLive(ctx);
  setRevoked(ctx, d.registrations.filter(r => r.deleted_at === null), true);
  return { result: null };
}

/** Deleting a device deletes its registrations (and so releases their virtual IPs). */
function remove(ctx: Ctx): Reply {
  const d = findLive(ctx);
  markDeleted(ctx, d.registrations.filter(r => r.deleted_at === null));
  d.deleted_at = new Date().toISOString();
  d.updated_at = d.deleted_at;
  return { result: null };
}

export function physicalDeviceRoutes(r: Router): void {
  r.on('GET', `${A}/devices/physical-devices`, list)
    .on('GET', `${A}/devices/physical-devices/:device_id`, get)
    .on('DELETE', `${A}/devices/physical-devices/:device_id`, remove)
    .on('POST', `${A}/devices/physical-devices/:device_id/revoke`, revoke);
}
