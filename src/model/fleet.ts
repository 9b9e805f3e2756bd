import { listDevices } from '../api/devices';
import { isLegacyDevicesUnsupported } from '../api/errors';
import type { ListWarning } from '../api/paging';
import { listPhysicalDevices } from '../api/physicalDevices';
import { listIpProfiles, listProfiles } from '../api/profiles';
import { listRegistrations } from '../api/registrations';
import type { FallbackDomain, IPProfile, SettingsPolicy, SplitTunnelEntry, WarpConnectorTunnel } from '../api/types';
import type { Session } from '../auth/session';
import { loadFleetDevices, type DeviceApiSetting } from './deviceSource';
import { joinPhysical, type DeviceApi, type FleetDevice } from './fleetDevice';
import { Loadable, type LoadContext } from './loadable';
import { DEFAULT_TUNNEL_QUERY, listTunnels, type TunnelQuery } from './tunnels';

export interface ProfilesData {
  profiles: SettingsPolicy[];
  ipProfiles: IPProfile[];
  /** Why IP profiles could not be listed (they need a permission some tokens lack); profiles still show. */
  ipProfilesError?: unknown;
}

/** Where auto mode keeps its choice per account: vscode.Memento (globalState) has this shape. */
export interface Memento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** What the device loader needs besides the session: the setting and where auto mode remembers its choice. */
export interface DeviceSourceOptions {
  deviceApi(): DeviceApiSetting;
  memento: Memento;
  log?(message: string): void;
  /** Which tunnels the tunnel list asks for (the Connectors view's filter); read at each load. */
  tunnelQuery?(): TunnelQuery;
}

const REMEMBERED_KEY = 'warpFleet.deviceApi.byAccount.v1';

/**
 * Every physical device (with or without an active registration) and every registration (active and
 * revoked, with the profile that applied) — two cursor walks side by side, joined by device.id.
 *
 * Why one listing of all registrations rather than one request per device on expand: the device's
 * status (active / partly revoked / revoked), its "2 users" description, grouping by status, the
 * filter over every user's email and the "N devices · M registrations" header all need every
 * registration; per-device requests would be 10,000 requests for a 10,000-device fleet (the rate
 * limit is 1,200 per 5 minutes) where the listing costs about registrations / page size.
 */
export async function loadPhysicalFleet(ctx: LoadContext, onWarning?: (w: ListWarning) => void): Promise<FleetDevice[]> {
  let devicesLoaded = 0;
  let regsLoaded = 0;
  const report = () => ctx.progress(devicesLoaded + regsLoaded);
  const opts = { perPage: ctx.pageSize, signal: ctx.signal, onWarning };
  const [devices, registrations] = await Promise.all([
    listPhysicalDevices(ctx.client, ctx.accountId, { activeRegistrations: 'include' }, { ...opts, onProgress: p => ((devicesLoaded = p.loaded), report()) }),
    listRegistrations(ctx.client, ctx.accountId, { status: 'all', includePolicy: true }, { ...opts, onProgress: p => ((regsLoaded = p.loaded), report()) }),
  ]);
  return joinPhysical(devices, registrations);
}

/** The cached fleet state the three views read. Each part loads when its view first shows. */
export class FleetModel {
  readonly devices: Loadable<FleetDevice[]>;
  /** Which device API the last device load used; undefined before one finished. */
  deviceApi: DeviceApi | undefined;
  /** Set when the last device load met a page or cursor Cloudflare repeated (each device is still shown once). */
  devicesWarning: ListWarning | undefined;
  readonly profiles: Loadable<ProfilesData>;
  readonly tunnels: Loadable<WarpConnectorTunnel[]>;
  private readonly memento: Memento;

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
        loadLegacy: c => listDevices(c.client, c.accountId, { perPage: c.pageSize, signal: c.signal, onWarning, onProgress: p => c.progress(p.loaded, p.total) }),
        loadRegistrations: c => loadPhysicalFleet(c, onWarning),
        isLegacyUnsupported: isLegacyDevicesUnsupported,
        log: source.log,
      });
      this.deviceApi = loaded.api;
      this.devicesWarning = warning;
      return loaded.devices;
    });
    this.profiles = new Loadable<ProfilesData>(session, async ctx => {
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
      listTunnels(ctx.client, ctx.accountId, source.tunnelQuery?.() ?? DEFAULT_TUNNEL_QUERY, { perPage: Math.min(ctx.pageSize, 100), signal: ctx.signal }),
    );
  }

  /**
   * After a list editor saved, puts the saved list into the cached profile so the Profiles view shows
   * the new count without another request. `profileId` undefined is the default profile.
   */
  savedList(profileId: string | undefined, list: 'exclude' | 'include' | 'fallback_domains', entries: (SplitTunnelEntry | FallbackDomain)[]): void {
    this.profiles.update(data => ({
      ...data,
      profiles: data.profiles.map(p => {
        const same = profileId === undefined ? p.default === true : p.policy_id === profileId;
        if (!same) return p;
        return list === 'fallback_domains'
          ? { ...p, fallback_domains: entries as FallbackDomain[] }
          : { ...p, [list]: entries as SplitTunnelEntry[] };
      }),
    }));
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
