import { listDevices } from '../api/devices';
import { listIpProfiles, listProfiles } from '../api/profiles';
import type { Device, IPProfile, SettingsPolicy, WarpConnectorTunnel } from '../api/types';
import type { Session } from '../auth/session';
import { Loadable } from './loadable';
import { DEFAULT_TUNNEL_QUERY, listTunnels, type TunnelQuery } from './tunnels';

export interface ProfilesData {
  profiles: SettingsPolicy[];
  ipProfiles: IPProfile[];
  /** Why IP profiles could not be listed (they need a permission some tokens lack); profiles still show. */
  ipProfilesError?: unknown;
}

/** The cached fleet state the three views read. Each part loads when its view first shows. */
export class FleetModel {
  readonly devices: Loadable<Device[]>;
  readonly profiles: Loadable<ProfilesData>;
  readonly tunnels: Loadable<WarpConnectorTunnel[]>;
  /** Which tunnels `tunnels` lists (the Connectors view's filter); read at each load. */
  tunnelQuery: TunnelQuery = DEFAULT_TUNNEL_QUERY;

  constructor(session: Session) {
    this.devices = new Loadable(session, ctx =>
      listDevices(ctx.client, ctx.accountId, { perPage: ctx.pageSize, signal: ctx.signal, onProgress: p => ctx.progress(p.loaded, p.total) }),
    );
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

  dispose(): void {
    this.devices.dispose();
    this.profiles.dispose();
    this.tunnels.dispose();
  }
}
