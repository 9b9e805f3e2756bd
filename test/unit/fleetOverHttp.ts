// Shared by the unit suites that read a fleet from the simulator over real HTTP with this extension's client.
import { CloudflareClient, listDevices, listPhysicalDevices, listRegistrations } from '../../src/api';
import { fromLegacy, joinPhysical, type FleetDevice } from '../../src/model/fleetDevice';
import type { CloudflareSimulator } from '../simulator/server';

export function simClient(sim: CloudflareSimulator): CloudflareClient {
  return new CloudflareClient({ baseUrl: sim.baseUrl, credentials: () => ({ kind: 'token', token: sim.token }), sleep: async () => {} });
}

/** The legacy device list as the Devices view holds it. */
export async function legacyFleet(sim: CloudflareSimulator): Promise<FleetDevice[]> {
  return (await listDevices(simClient(sim), sim.accountId, { perPage: 100 })).map(d => fromLegacy(d));
}

/** Physical devices joined with every registration (active, revoked, deleted; with the profile), as fleet.ts loads them. */
export async function multiUserFleet(sim: CloudflareSimulator): Promise<FleetDevice[]> {
  const c = simClient(sim);
  const [phys, regs] = await Promise.all([
    listPhysicalDevices(c, sim.accountId, { activeRegistrations: 'include' }, { perPage: 100 }),
    listRegistrations(c, sim.accountId, { status: 'all', includePolicy: true }, { perPage: 100 }),
  ]);
  return joinPhysical(phys, regs);
}
