/** Device settings profiles and their Split Tunnel / Local Domain Fallback lists. */
import type { SettingsPolicy } from '../../../src/api/types';
import { Errors } from '../errors';
import { baseSettings, byPrecedence, cloneList } from '../profiles';
import { stableUuid } from '../random';
import type { Ctx, Reply, Router } from '../router';
import type { AccountData } from '../types';
import { fallbackList, policyCreate, policyPatch, splitTunnelList } from '../validate';

const A = '/accounts/:account_id';

/** Fields the default profile has no use for; the seed's default answers leave them out. */
const CUSTOM_FIELDS = ['name', 'description', 'match', 'precedence', 'lan_allow_minutes', 'lan_allow_subnet_size', 'target_tests'];

function out(p: SettingsPolicy): SettingsPolicy {
  const copy = structuredClone(p);
  if (copy.default) for (const k of CUSTOM_FIELDS) delete (copy as Record<string, unknown>)[k];
  return copy;
}

function allProfiles(a: AccountData): SettingsPolicy[] {
  return [...[...a.customProfiles].sort(byPrecedence), a.defaultProfile].map(out);
}

function findCustom(ctx: Ctx): SettingsPolicy {
  const p = ctx.account.customProfiles.find(x => x.policy_id === ctx.params.policy_id);
  if (!p) throw Errors.notFound(`Device settings profile ${ctx.params.policy_id}`);
  return p;
}

function checkPrecedence(a: AccountData, precedence: number | undefined, self?: SettingsPolicy): void {
  if (precedence === undefined) return;
  const clash = a.customProfiles.find(p => p !== self && p.precedence === precedence);
  if (clash) throw Errors.validation(`precedence ${precedence} is already used by profile "${clash.name}"`, '/precedence');
}

/** Ids for new profiles: the same operations give the same ids, never one in use. */
function newPolicyId(ctx: Ctx, name: string, precedence: number): string {
  const taken = new Set([ctx.account.defaultProfile, ...ctx.account.customProfiles].map(p => p.policy_id));
  for (let attempt = 0; ; attempt++) {
    const id = stableUuid('policy', ctx.seed, ctx.accountId, name, precedence, attempt);
    if (!taken.has(id)) return id;
  }
}

function create(ctx: Ctx): Reply {
  const body = policyCreate(ctx.body);
  checkPrecedence(ctx.account, body.precedence);
  const dflt = ctx.account.defaultProfile;
  // New profiles start with the default profile's lists, as on the real API.
  const p: SettingsPolicy = {
    policy_id: newPolicyId(ctx, body.name, body.precedence), default: false, description: '', ...baseSettings(),
    // Only the default profile's active list is copied: the inactive one stays absent.
    ...(dflt.exclude ? { exclude: cloneList(dflt.exclude) } : {}), ...(dflt.include ? { include: cloneList(dflt.include) } : {}),
    fallback_domains: cloneList(dflt.fallback_domains ?? []), gateway_unique_id: dflt.gateway_unique_id,
    lan_allow_minutes: 0, lan_allow_subnet_size: 0, target_tests: [], ...body,
  };
  ctx.account.customProfiles.push(p);
  return { result: out(p) };
}

function editCustom(ctx: Ctx): Reply {
  const p = findCustom(ctx);
  const patch = policyPatch(ctx.body, false);
  checkPrecedence(ctx.account, patch.precedence, p);
  if (patch.name === '' || patch.match === '') throw Errors.validation('name and match must not be empty');
  Object.assign(p, patch);
  return { result: out(p) };
}

function remove(ctx: Ctx): Reply {
  const p = findCustom(ctx);
  ctx.account.customProfiles.splice(ctx.account.customProfiles.indexOf(p), 1);
  return { result: allProfiles(ctx.account) };
}

function editDefault(ctx: Ctx): Reply {
  Object.assign(ctx.account.defaultProfile, policyPatch(ctx.body, true));
  return { result: out(ctx.account.defaultProfile) };
}

type ListName = 'exclude' | 'include' | 'fallback_domains';

/** The profile a list route is about: the default one, or a custom one by id. */
function target(ctx: Ctx): SettingsPolicy {
  return ctx.params.policy_id === undefined ? ctx.account.defaultProfile : findCustom(ctx);
}

/** The inactive Split Tunnel list (absent or null on the profile) reads as an empty list (not observed). */
const getList = (name: ListName) => (ctx: Ctx): Reply => ({ result: structuredClone(target(ctx)[name] ?? []) });

const putList = (name: ListName) => (ctx: Ctx): Reply => {
  const p = target(ctx);
  const list = name === 'fallback_domains' ? fallbackList(ctx.body) : splitTunnelList(ctx.body);
  (p as Record<ListName, unknown>)[name] = list;
  return { result: structuredClone(list) };
};

export function policyRoutes(r: Router): void {
  r.on('GET', `${A}/devices/policies`, ctx => ({ result: allProfiles(ctx.account) }))
    .on('GET', `${A}/devices/policy`, ctx => ({ result: out(ctx.account.defaultProfile) }))
    .on('PATCH', `${A}/devices/policy`, editDefault)
    .on('POST', `${A}/devices/policy`, create)
    .on('GET', `${A}/devices/policy/:policy_id`, ctx => ({ result: out(findCustom(ctx)) }))
    .on('PATCH', `${A}/devices/policy/:policy_id`, editCustom)
    .on('DELETE', `${A}/devices/policy/:policy_id`, remove);
  for (const name of ['exclude', 'include', 'fallback_domains'] as const) {
    r.on('GET', `${A}/devices/policy/${name}`, getList(name))
      .on('PUT', `${A}/devices/policy/${name}`, putList(name))
      .on('GET', `${A}/devices/policy/:policy_id/${name}`, getList(name))
      .on('PUT', `${A}/devices/policy/:policy_id/${name}`, putList(name));
  }
}
