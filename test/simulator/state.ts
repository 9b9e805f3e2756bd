/**
 * The in-memory state: built fresh from the options, and rebuilt in place by reset() so references
 * tests hold stay valid.
 */
import { makeAccounts, makeIpProfiles, makeTunnels, makeZones } from './catalog';
import { generateDevices, generateUsers } from './fleet';
import { multiOf } from './multiuser';
import { makeCustomProfiles, makeDefaultProfile } from './profiles';
import { Rng, mixSeed } from './random';
import type { AccountData, SimulatorOptions, SimulatorState } from './types';

export type ResolvedOptions = Required<Omit<SimulatorOptions, 'port' | 'host' | 'latencyMs' | 'token' | 'multiUser'>>;

export function resolveOptions(opts: SimulatorOptions = {}): ResolvedOptions {
  const count = (v: number | undefined, d: number) => Math.max(0, Math.floor(v ?? d));
  return {
    seed: Math.floor(opts.seed ?? 1),
    devices: count(opts.devices, 50),
    profiles: count(opts.profiles, 3),
    tunnels: count(opts.tunnels, 4),
    ipProfiles: count(opts.ipProfiles, 3),
    zones: count(opts.zones, 2),
    multiUserMode: opts.multiUser ?? opts.multiUserMode ?? false,
  };
}

interface AccountSizes {
  devices: number;
  profiles: number;
  tunnels: number;
  ipProfiles: number;
}

function makeAccountData(seed: number, accountId: string, sizes: AccountSizes, now: number, multiUser: boolean): AccountData {
  const users = generateUsers(seed, Math.max(1, Math.ceil(sizes.devices / 3)));
  const rng = new Rng(mixSeed(seed, 0xacc0));
  const defaultProfile = makeDefaultProfile(rng);
  const { tunnels, connectors } = makeTunnels(rng, sizes.tunnels, accountId, now);
  return {
    devices: generateDevices(seed, sizes.devices, users, now),
    defaultProfile,
    customProfiles: makeCustomProfiles(rng, sizes.profiles, defaultProfile),
    ipProfiles: makeIpProfiles(rng, sizes.ipProfiles, now),
    tunnels,
    connectors,
    adminOverrideEnabled: true,
    multiUserMode: multiUser,
    overrideCodesShape: 'map',
    overrideDurations: ['1', '3', '6', '12', '24'],
    tunnelConnections: 'empty', // as the real API sends the deprecated field (api-notes "Tunnels")
    multi: undefined, // built on first use (multiuser.ts); explicit so reset() clears it
  };
}

/**
 * The main account gets the requested sizes; the second account ("Acme Labs") a small fleet of
 * its own so switching accounts visibly changes what is listed.
 */
export function createState(o: ResolvedOptions, now: number): SimulatorState {
  const accounts = makeAccounts(o.seed, now);
  const main = makeAccountData(o.seed, accounts[0].id, o, now, o.multiUserMode);
  const labsSizes = { devices: Math.min(12, Math.max(3, Math.ceil(o.devices / 10))), profiles: 1, tunnels: 1, ipProfiles: 1 };
  const labs = makeAccountData(mixSeed(o.seed, 0x1ab5), accounts[1].id, labsSizes, now, false);
  const zones = makeZones(o.seed, o.zones, accounts, now);
  const state: SimulatorState = {
    now,
    ...main,
    accounts,
    zones,
    certificates: Object.fromEntries(zones.map(z => [z.id, false])),
    byAccount: {},
    // Device lists' per_page caps: NOT OBSERVED (see PageCaps in types.ts); 1000 refused above, as before.
    pageCaps: { legacy: 1000, cursor: 1000, over: 'refuse' },
  };
  state.byAccount = { [accounts[0].id]: state, [accounts[1].id]: labs };
  // A multi-user account is served by the new endpoints from its first request: build their data now,
  // so the first page of a benchmark measures paging, not generation (other accounts build on first use).
  if (o.multiUserMode) multiOf(state, o.seed, now);
  return state;
}

/** Replaces the contents of `target` with `fresh`, keeping the object (and byAccount's self-reference). */
export function replaceState(target: SimulatorState, fresh: SimulatorState): void {
  const mainId = fresh.accounts[0].id;
  Object.assign(target, fresh);
  target.byAccount = { ...fresh.byAccount, [mainId]: target };
}

/** Summary for GET /__simulator/state. */
export function summarize(state: SimulatorState) {
  return {
    now: new Date(state.now).toISOString(),
    accounts: state.accounts.map(a => {
      const d = state.byAccount[a.id];
      return {
        id: a.id,
        name: a.name,
        devices: d?.devices.length ?? 0,
        revokedDeviceIds: d?.devices.filter(x => x.revoked_at).map(x => x.id) ?? [],
        deletedDevices: d?.devices.filter(x => x.deleted).length ?? 0,
        physicalDevices: d?.multi?.devices.length,
        registrations: d?.multi?.registrations.length,
        customProfiles: d?.customProfiles.length ?? 0,
        ipProfiles: d?.ipProfiles.length ?? 0,
        tunnels: d?.tunnels.length ?? 0,
        adminOverrideEnabled: d?.adminOverrideEnabled,
        multiUserMode: d?.multiUserMode,
      };
    }),
    zones: state.zones.map(z => ({ id: z.id, name: z.name, certificates: state.certificates[z.id] ?? false })),
  };
}
