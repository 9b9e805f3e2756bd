import { isLegacyDevicesUnsupported } from '../api/errors';
import type { ListWarning } from '../api/paging';
import { listIpProfiles, listProfiles } from '../api/profiles';
import type { FallbackDomain, IPProfile, SettingsPolicy, SplitTunnelEntry, WarpConnectorTunnel } from '../api/types';
import type { Session } from '../auth/session';
import { loadFleetDevices, type DeviceApiSetting } from './deviceSource';
import type { DeviceApi, FleetDevice } from './fleetDevice';
import { loadLegacyFleet, loadPhysicalFleet } from './fleetLoad';
import { Loadable } from './loadable';
import type { RegistrationsSnapshot } from './registrationsRefresh';
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

/** The cached fleet state the three views read. Each part loads when its view first shows. */
export class FleetModel {
  readonly devices: Loadable<FleetDevice[]>;
  /** Which device API the last device load used; undefined before one finished. */
  deviceApi: DeviceApi | undefined;
  /** Set when the last device load met a page or cursor Cloudflare repeated (each device is still shown once). */
  devicesWarning: ListWarning | undefined;
  /** What the last device load of a multi-user account held, so the next asks only for changes. */
  private registrations: { client: unknown; snapshot: RegistrationsSnapshot } | undefined;
  /** Whether the last multi-user device load was a full listing or an incremental one (tests, bench). */
  lastDeviceRefresh: 'full' | 'incremental' | undefined;
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
        loadLegacy: c => loadLegacyFleet(c, onWarning),
        loadRegistrations: async c => {
          // Only what this sign-in listed is built on: another client (a new sign-in) lists in full.
          const prev = this.registrations?.client === c.client ? this.registrations.snapshot : undefined;
          const r = await loadPhysicalFleet(c, prev, onWarning);
          this.registrations = { client: c.client, snapshot: r.snapshot };
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
