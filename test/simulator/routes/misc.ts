/** Token verification, accounts, IP profiles, WARP Connector tunnels, zones and certificates. */
import type { WarpConnectorTunnel, Zone } from '../../../src/api/types';
import { tokenId } from '../catalog';
import { Errors } from '../errors';
import { paginate } from '../paging';
import type { Ctx, Reply, Router } from '../router';
import { isObject } from '../validate';

const A = '/accounts/:account_id';

/**
 * API tokens verify; a Global API key cannot, and Cloudflare says so. An account-owned token
 * verifies only at /accounts/{a}/tokens/verify of its own account (api-notes "Account-owned
 * tokens"); /user/tokens/verify does not know it and answers as for any unknown token.
 */
function verify(ctx: Ctx): Reply {
  if (ctx.auth.kind !== 'token') throw Errors.verifyNeedsToken();
  if (ctx.auth.owner === 'account' && ctx.params.account_id === undefined) throw Errors.invalidApiToken();
  return {
    result: { id: tokenId(ctx.auth.token), status: 'active' },
    messages: [{ code: 10000, message: 'This API Token is valid and active' }],
  };
}

function accounts(ctx: Ctx): Reply {
  if (ctx.auth.kind === 'token' && ctx.auth.owner === 'account') throw Errors.accountOwnedToken();
  const name = ctx.query.get('name');
  const direction = ctx.query.get('direction') ?? 'asc';
  let list = ctx.state.accounts.filter(a => !name || a.name.toLowerCase().includes(name.toLowerCase()));
  list = [...list].sort((a, b) => a.name.localeCompare(b.name) * (direction === 'desc' ? -1 : 1));
  const { page, info } = paginate(list, ctx, { defaultPerPage: 20, min: 5, max: 50 });
  return { result: structuredClone(page), result_info: info };
}

function account(ctx: Ctx): Reply {
  return { result: structuredClone(ctx.state.accounts.find(a => a.id === ctx.accountId)) };
}

function ipProfiles(ctx: Ctx): Reply {
  const { page, info } = paginate(ctx.account.ipProfiles, ctx, { defaultPerPage: 20, min: 1, max: 100 });
  return { result: structuredClone(page), result_info: info };
}

/**
 * is_deleted as the SDK documents it: true = only deleted tunnels, false = exclude deleted ones,
 * absent = all tunnels.
 */
function tunnels(ctx: Ctx): Reply {
  const q = ctx.query;
  const name = q.get('name');
  const status = q.get('status');
  const isDeleted = q.get('is_deleted');
  if (status && !['inactive', 'degraded', 'healthy', 'down'].includes(status)) {
    throw Errors.validation('status must be one of inactive, degraded, healthy, down');
  }
  if (isDeleted && !['true', 'false'].includes(isDeleted)) throw Errors.validation('is_deleted must be true or false');
  const list = ctx.account.tunnels.filter(t =>
    (!name || t.name === name) &&
    (!status || t.status === status) &&
    (isDeleted === null || isDeleted === '' || (isDeleted === 'true') === Boolean(t.deleted_at)));
  const { page, info } = paginate(list, ctx, { defaultPerPage: 20, min: 1, max: 1000 });
  return { result: page.map(t => tunnelOut(ctx, t)), result_info: info };
}

/**
 * The tunnel's `connections` field is deprecated and comes empty on the real API; the connectors
 * endpoint has them (../shared/api-notes.md "Tunnels"). state.tunnelConnections says which to send.
 */
function tunnelOut(ctx: Ctx, t: WarpConnectorTunnel): WarpConnectorTunnel {
  const copy = structuredClone(t);
  if (ctx.account.tunnelConnections === 'empty') copy.connections = [];
  return copy;
}

function findTunnel(ctx: Ctx) {
  const t = ctx.account.tunnels.find(x => x.id === ctx.params.tunnel_id);
  if (!t) throw Errors.notFound(`Tunnel ${ctx.params.tunnel_id}`);
  return t;
}

function connections(ctx: Ctx): Reply {
  const t = findTunnel(ctx);
  const list = ctx.account.connectors[t.id] ?? [];
  return {
    result: structuredClone(list),
    result_info: { count: list.length, page: 1, per_page: Math.max(20, list.length), total_count: list.length },
  };
}

function visibleZones(ctx: Ctx): Zone[] {
  const ids = new Set(ctx.state.accounts.map(a => a.id));
  return ctx.state.zones.filter(z => z.account?.id && ids.has(z.account.id));
}

function zones(ctx: Ctx): Reply {
  const q = ctx.query;
  const accountId = q.get('account.id');
  const name = q.get('name');
  const status = q.get('status');
  const list = visibleZones(ctx).filter(z =>
    (!accountId || z.account?.id === accountId) && (!name || z.name === name) && (!status || z.status === status));
  const { page, info } = paginate(list, ctx, { defaultPerPage: 20, min: 5, max: 50 });
  return { result: structuredClone(page), result_info: info };
}

function findZone(ctx: Ctx): Zone {
  const z = visibleZones(ctx).find(x => x.id === ctx.params.zone_id);
  if (!z) throw Errors.noRoute(ctx.path);
  return z;
}

function certificates(ctx: Ctx): Reply {
  const z = findZone(ctx);
  return { result: { enabled: ctx.state.certificates[z.id] ?? false } };
}

function editCertificates(ctx: Ctx): Reply {
  const z = findZone(ctx);
  const body = ctx.body;
  if (!isObject(body) || typeof body.enabled !== 'boolean') {
    throw Errors.validation('The request body must be {"enabled": true|false}', '/enabled');
  }
  ctx.state.certificates[z.id] = body.enabled;
  return { result: { enabled: body.enabled } };
}

export function miscRoutes(r: Router): void {
  r.on('GET', '/user/tokens/verify', verify)
    .on('GET', `${A}/tokens/verify`, verify)
    .on('GET', '/accounts', accounts)
    .on('GET', A, account)
    .on('GET', `${A}/devices/ip-profiles`, ipProfiles)
    .on('GET', `${A}/warp_connector`, tunnels)
    .on('GET', `${A}/warp_connector/:tunnel_id`, ctx => ({ result: tunnelOut(ctx, findTunnel(ctx)) }))
    .on('GET', `${A}/warp_connector/:tunnel_id/connections`, connections)
    .on('GET', '/zones', zones)
    .on('GET', '/zones/:zone_id', ctx => ({ result: structuredClone(findZone(ctx)) }))
    .on('GET', '/zones/:zone_id/devices/policy/certificates', certificates)
    .on('PATCH', '/zones/:zone_id/devices/policy/certificates', editCertificates);
}
