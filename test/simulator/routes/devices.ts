/**
 * The deprecated device endpoints (seed pages 000, 001, 002): list, get, revoke, unrevoke, override
 * codes. The newer ones are in physical.ts and registrations.ts.
 */
import type { Device, DeviceDetails, OverrideCodes } from '../../../src/api/types';
import { OVERRIDE_DURATIONS } from '../../../src/api/types';
import { Errors } from '../errors';
import { mirrorFromLegacy } from '../multiuser';
import { paginate } from '../paging';
import { digest } from '../random';
import type { Ctx, Reply, Router } from '../router';
import type { SimDevice } from '../types';
import { deviceIdList } from '../validate';

const A = '/accounts/:account_id';

/**
 * The deprecated endpoints refuse multi-user accounts: "Not supported when multi-user mode is
 * enabled for the account" (seed pages 000 and 001). The status (400) and code are not observed.
 */
function singleUser(ctx: Ctx): void {
  if (ctx.account.multiUserMode) throw Errors.multiUser();
}

function findDevice(ctx: Ctx): SimDevice {
  const d = ctx.account.devices.find(x => x.id === ctx.params.device_id);
  if (!d) throw Errors.notFound(`Device ${ctx.params.device_id}`);
  return d;
}

/** The list item shape of the seed (no key_type / tunnel_type / gateway_device_id). */
export function toListDevice(d: SimDevice): Device {
  const { key_type: _k, tunnel_type: _t, gateway_device_id: _g, ...rest } = d;
  return { ...rest, user: d.user ? { ...d.user } : undefined };
}

function toDetails(d: SimDevice, ctx: Ctx): DeviceDetails {
  const acct = ctx.state.accounts.find(a => a.id === ctx.accountId);
  return {
    id: d.id,
    account: { id: ctx.accountId, account_type: acct?.type ?? 'standard', name: acct?.name ?? '' },
    created: d.created, deleted: d.deleted, device_type: d.device_type, gateway_device_id: d.gateway_device_id,
    ip: d.ip, key: d.key, key_type: d.key_type, last_seen: d.last_seen, mac_address: d.mac_address, model: d.model,
    name: d.name, os_version: d.os_version, serial_number: d.serial_number, tunnel_type: d.tunnel_type,
    updated: d.updated, user: d.user ? { ...d.user } : undefined, version: d.version,
  };
}

function list(ctx: Ctx): Reply {
  singleUser(ctx);
  // per_page defaults to 20 (../shared/api-notes.md: "pages at 20 by default", cloudflare-python issue 2576);
  // the cap and what an ask above it gets are NOT OBSERVED (PageCaps in ../types.ts).
  const caps = ctx.state.pageCaps;
  const { page, info } = paginate(ctx.account.devices, ctx, { defaultPerPage: 20, min: 1, max: caps.legacy, clamp: caps.over === 'clamp' });
  return { result: page.map(toListDevice), result_info: info };
}

function get(ctx: Ctx): Reply {
  singleUser(ctx);
  return { result: toDetails(findDevice(ctx), ctx) };
}

/** Applies to all ids or none: an unknown id fails the whole request before anything changes. */
function setRevoked(ctx: Ctx, ids: string[], revoked: boolean): void {
  const byId = new Map(ctx.account.devices.map(d => [d.id, d]));
  const unknown = ids.filter(id => !byId.has(id));
  if (unknown.length) throw Errors.notFound(`Device(s) ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}`);
  const now = new Date().toISOString();
  for (const id of ids) {
    const d = byId.get(id)!;
    if (revoked && !d.revoked_at) {
      d.revoked_at = now;
      d.updated = now;
    } else if (!revoked && d.revoked_at) {
      d.revoked_at = undefined; // not `delete`: keeps every device the same object shape
      d.updated = now;
    }
    mirrorFromLegacy(ctx.account, d);
  }
}

const revokeHandler = (revoked: boolean) => (ctx: Ctx): Reply => {
  singleUser(ctx);
  setRevoked(ctx, deviceIdList(ctx.body), revoked);
  return { result: {} };
};

/** 7-digit codes, stable for a device within a one-hour bucket. */
export function overrideCodes(seed: number, deviceId: string, at = Date.now()): OverrideCodes {
  const bucket = Math.floor(at / 3_600_000);
  const codes: Record<string, string> = {};
  for (const hours of OVERRIDE_DURATIONS) {
    const n = digest('override', seed, deviceId, hours, bucket).readUInt32BE(0) % 10_000_000;
    codes[hours] = String(n).padStart(7, '0');
  }
  return { disable_for_time: codes };
}

function overrides(ctx: Ctx): Reply {
  singleUser(ctx);
  const d = findDevice(ctx);
  if (!ctx.account.adminOverrideEnabled) throw Errors.adminOverrideDisabled();
  const codes = overrideCodes(ctx.seed, d.id);
  // The SDK v7 types the legacy answer as the map; Cloudflare's API reference types it `unknown[]`
  // (a single page): answer either, as state.overrideCodesShape says.
  return { result: ctx.account.overrideCodesShape === 'list' ? [codes] : codes };
}

export function deviceRoutes(r: Router): void {
  r.on('GET', `${A}/devices`, list)
    .on('GET', `${A}/devices/:device_id`, get)
    .on('POST', `${A}/devices/revoke`, revokeHandler(true))
    .on('POST', `${A}/devices/unrevoke`, revokeHandler(false))
    .on('GET', `${A}/devices/:device_id/override_codes`, overrides);
}
