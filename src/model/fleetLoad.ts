/**
 * Loading the Devices view's data (no vscode import, so the benchmark runs it as the extension does):
 * the legacy list, or a multi-user account's physical devices and registrations.
 */
import { listAllPages, type ListWarning } from '../api/paging';
import { accountPath } from '../api/paths';
import { pageSizesOf } from '../api/pageSize';
import type { Device } from '../api/types';
import { Interner } from './deviceStore';
import { fromLegacy, joinPhysicalInSlices, type FleetDevice } from './fleetDevice';
import type { LoadContext } from './loadable';
import { PhysicalJoin } from './physicalJoin';
import { refreshRegistrations, type RegistrationsSnapshot } from './registrationsRefresh';
import { mapInSlices } from '../util/slices';

/**
 * The legacy list at the largest page it takes (api/pageSize.ts; the pageSize setting is the floor a
 * refused ask falls back to), each page mapped to FleetDevices as it arrives with one pool of shared
 * strings, and shown while later pages load. The legacy list takes no filter or order (its page,
 * seed 001, documents page and per_page only; SDK v7 DeviceListParams holds only account_id), so
 * every refresh lists it in full.
 */
export async function loadLegacyFleet(ctx: LoadContext<FleetDevice[]>, onWarning?: (w: ListWarning) => void): Promise<FleetDevice[]> {
  const pool = new Interner();
  const arrived: FleetDevice[] = [];
  // Each page mapped as it arrives, and only the mapped devices kept (paging.ts PageMapping): the
  // list comes back in page order without holding the API's objects to the end.
  return listAllPages<Device, FleetDevice>(ctx.client, accountPath(ctx.accountId, 'devices'), {
    pageSizes: pageSizesOf(ctx.client),
    minPerPage: ctx.pageSize,
    signal: ctx.signal,
    onWarning,
    onProgress: p => ctx.progress(p.loaded, p.total),
    // 1,000 devices take 5–20 ms to map: in slices, taking turns with the other pages (util/slices.ts).
    mapPage: items => mapInSlices(items, d => fromLegacy(d, pool)),
    onItems: items => {
      for (const d of items as FleetDevice[]) arrived.push(d);
      ctx.partial(() => arrived.slice());
    },
  });
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
  // One join kept up to date through the listing (physicalJoin.ts): each partial draw and the result
  // join only what arrived since the last, rather than everything again.
  let join: PhysicalJoin | undefined;
  const r = await refreshRegistrations(ctx.client, ctx.fresh ? undefined : prev, ctx.accountId, {
    pageSizes: pageSizesOf(ctx.client),
    signal: ctx.signal,
    onWarning,
    onProgress: n => ctx.progress(n),
    onPartial: (devices, registrations) => {
      // Not before the first devices: registrations alone would draw "No devices are enrolled".
      if (!devices.length) return;
      if (join?.devices !== devices || join.registrations !== registrations) join = new PhysicalJoin(devices, registrations);
      const current = join;
      ctx.partial(() => current.current());
    },
  });
  const { devices, registrations } = r.snapshot;
  const all = r.kind === 'full' && join?.covers(devices, registrations) ? await join.current() : await joinPhysicalInSlices([...devices.values()], [...registrations.values()]);
  return { devices: all, snapshot: r.snapshot, kind: r.kind };
}
