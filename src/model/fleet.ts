import type * as vscode from 'vscode';
import { listDevices } from '../api/devices';
import { isLegacyDevicesUnsupported } from '../api/errors';
import type { ListWarning } from '../api/paging';
import { pageSizesOf } from '../api/pageSize';
import { listIpProfiles, listProfiles } from '../api/profiles';
import type { Device, IPProfile, SettingsPolicy, WarpConnectorTunnel } from '../api/types';
import type { Session } from '../auth/session';
import { loadFleetDevices, type DeviceApiSetting } from './deviceSource';
import { Interner } from './deviceStore';
import { fromLegacyAll, joinPhysical, type DeviceApi, type FleetDevice } from './fleetDevice';
import { Loadable, type LoadContext } from './loadable';
import { refreshRegistrations, type RegistrationsSnapshot } from './registrationsRefresh';
import { mapInSlices } from './slices';
import { DEFAULT_TUNNEL_QUERY, listTunnels, type TunnelQuery } from './tunnels';

export interface ProfilesData {
  profiles: SettingsPolicy[];
  ipProfiles: IPProfile[];
  /** Why IP profiles could not be listed (they need a permission some tokens lack); profiles still show. */
  ipProfilesError?: unknown;
}

/** What the device loader needs besides the session: the setting and where auto mode remembers its choice. */
export interface DeviceSourceOptions {
  deviceApi(): DeviceApiSetting;
  memento: vscode.Memento;
  log?(message: string): void;
}

const REMEMBERED_KEY = 'warpFleet.deviceApi.byAccount.v1';

/**
 * The legacy list at the largest page it takes (api/pageSize.ts; the pageSize setting is the floor a
 * refused ask falls back to), each page mapped to FleetDevices as it arrives with one pool of shared
 * strings, and shown while later pages load. The legacy list documents no filter or order
 * (seed 001), so every refresh lists it in full.
 */
export async function loadLegacyFleet(ctx: LoadContext<FleetDevice[]>, onWarning?: (w: ListWarning) => void): Promise<FleetDevice[]> {
  const pool = new Interner();
  const byId = new Map<string, FleetDevice>();
  const arrived: FleetDevice[] = [];
  const raw = await listDevices(ctx.client, ctx.accountId, {
    pageSizes: pageSizesOf(ctx.client),
    minPerPage: ctx.pageSize,
    signal: ctx.signal,
    onWarning,
    onProgress: p => ctx.progress(p.loaded, p.total),
    onItems: items => {
      for (const d of fromLegacyAll(items as Device[], pool)) {
        byId.set(d.id, d);
        arrived.push(d);
      }
      ctx.partial(() => arrived.slice());
    },
  });
  // Page order (pages arrive out of order when fetched side by side), in slices.
  return mapInSlices(raw, d => byId.get(d.id)!);
}

/**
 * Every physical device (with or without an active registration) and every registration (active and
 * revoked, with the profile that applied), joined by device.id; after the first listing, only what
 * changed (model/registrationsRefresh.ts).
 *
 * Why one listing of all registrations rather than one request per device on expand: the device's
 * status (active / partly revoked / revoked), its "2 users" description, grouping by status, the
 * filter over every user's email and the "N devices · M registrations" header all need every
 * registration; per-device requests would be 10,000 requests for a 10,000-device fleet (the rate
 * limit is 1,200 per 5 minutes) where the listing costs about registrations / page size.
 */
export async function loadPhysicalFleet(
  ctx: LoadContext<FleetDevice[]>,
  prev: RegistrationsSnapshot | undefined,
  onWarning?: (w: ListWarning) => void,
): Promise<{ devices: FleetDevice[]; snapshot: RegistrationsSnapshot; kind: 'full' | 'incremental' }> {
  const r = await refreshRegistrations(ctx.client, ctx.fresh ? undefined : prev, ctx.accountId, {
    pageSizes: pageSizesOf(ctx.client),
    signal: ctx.signal,
    onWarning,
    onProgress: n => ctx.progress(n),
    onPartial: (devices, registrations) => ctx.partial(() => joinPhysical(devices, registrations)),
  });
  return { devices: joinPhysical([...r.snapshot.devices.values()], [...r.snapshot.registrations.values()]), snapshot: r.snapshot, kind: r.kind };
}

/** The cached fleet state the three views read. Each part loads when its view first shows. */
export class FleetModel {
  readonly devices: Loadable<FleetDevice[]>;
  /** Which device API the last device load used; undefined before one finished. */
  deviceApi: DeviceApi | undefined;
  /** Set when the last device load met a page or cursor Cloudflare repeated (each device is still shown once). */
  devicesWarning: ListWarning | undefined;
  /** What the last device load of a multi-user account held, so the next asks only for changes. */
  private registrations: RegistrationsSnapshot | undefined;
  /** Whether the last multi-user device load was a full listing or an incremental one (tests, bench). */
  lastDeviceRefresh: 'full' | 'incremental' | undefined;
  readonly profiles: Loadable<ProfilesData>;
  readonly tunnels: Loadable<WarpConnectorTunnel[]>;
  /** Which tunnels `tunnels` lists (the Connectors view's filter); read at each load. */
  tunnelQuery: TunnelQuery = DEFAULT_TUNNEL_QUERY;

  private readonly memento: vscode.Memento;

  constructor(session: Session, source: DeviceSourceOptions) {
    this.memento = source.memento;
    const remembered = () => source.memento.get<Record<string, DeviceApi>>(REMEMBERED_KEY) ?? {};
    this.devices = new Loadable(session, async ctx => {
      let warning: ListWarning | undefined;
      const onWarning = (w: ListWarning) => (warning ??= w);
      const loaded = await loadFleetDevices(ctx, {
        setting: source.deviceApi,
        remembered: accountId => remembered()[accountId],
        remember: (accountId, api) => source.memento.update(REMEMBERED_KEY, { ...remembered(), [accountId]: api }),
        loadLegacy: c => loadLegacyFleet(c, onWarning),
        loadRegistrations: async c => {
          const r = await loadPhysicalFleet(c, this.registrations, onWarning);
          this.registrations = r.snapshot;
          this.lastDeviceRefresh = r.kind;
          return r.devices;
        },
        isLegacyUnsupported: isLegacyDevicesUnsupported,
        log: source.log,
      });
      this.deviceApi = loaded.api;
      if (loaded.api === 'legacy') this.registrations = undefined;
      this.devicesWarning = warning;
      return loaded.devices;
    });
    this.profiles = new Loadable(session, async ctx => {
      const [profiles, ip] = await Promise.all([
        listProfiles(ctx.client, ctx.accountId, ctx.signal),
        listIpProfiles(ctx.client, ctx.accountId, { signal: ctx.signal }).then(
          ipProfiles => ({ ipProfiles, error: undefined as unknown }),
          error => ({ ipProfiles: [] as IPProfile[], error }),
        ),
      ]);
      return { profiles, ipProfiles: ip.ipProfiles, ipProfilesError: ip.error };
    });
    this.tunnels = new Loadable(session, ctx =>
      listTunnels(ctx.client, ctx.accountId, this.tunnelQuery, { perPage: Math.min(ctx.pageSize, 100), signal: ctx.signal }),
    );
  }

  /** Forgets what auto mode learnt for an account (all accounts without one): the next load probes the legacy list again. */
  async forgetDeviceApi(accountId?: string): Promise<void> {
    const all = { ...(this.memento.get<Record<string, DeviceApi>>(REMEMBERED_KEY) ?? {}) };
    if (accountId) delete all[accountId];
    await this.memento.update(REMEMBERED_KEY, accountId ? all : undefined);
  }

  dispose(): void {
    this.devices.dispose();
    this.profiles.dispose();
    this.tunnels.dispose();
  }
}
