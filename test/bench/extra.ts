import { CloudflareClient } from '../../src/api/client';
import { listDevices } from '../../src/api/devices';
import type { CloudflareSimulator } from '../simulator/server';
import type { Row } from './bench';
import { listMeasures } from './listBench';
import { deviceQueryMeasures } from './queryBench';

/** Measures of the views' and editors' pure models, over data from the simulator. */
export async function extraMeasures(sim: CloudflareSimulator): Promise<Row[]> {
  const client = new CloudflareClient({ baseUrl: sim.baseUrl, credentials: () => ({ kind: 'token', token: sim.token }) });
  // The devices as the extension holds them: what the API sent, parsed.
  const devices = await listDevices(client, sim.accountId, { perPage: 100 });
  return [...deviceQueryMeasures(JSON.stringify(devices), sim.state.now), ...listMeasures()];
}
