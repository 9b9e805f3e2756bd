// #12 item 5 in the Devices view: a server that ignores `page` or answers everything at once never shows
// a device twice, never loops, and the view's header says how many of how many are shown.
import * as assert from 'assert';
import type { WarpFleetApi } from '../../../src/extension';
import type { CloudflareSimulator } from '../../simulator/server';
import { signedInDevicesSuite, viewDescription } from './devicesHelpers';

describe('Devices: paging as the real API does it', function () {
  this.timeout(60000);
  let sim: CloudflareSimulator;
  let api: WarpFleetApi;
  const devicesPath = () => `/accounts/${sim.accountId}/devices`;

  // More than one page of 1,000 (the page size the client asks for, #17), so `page` matters.
  signedInDevicesSuite(2500, (a, s) => {
    api = a;
    sim = s;
  });

  it('a server that ignores `page`: each device once, and the header says "showing N of M"', async () => {
    sim.inject({ method: 'GET', path: devicesPath(), kind: 'ignorePage' });
    await api.model.devices.reload();
    assert.equal(api.model.devices.state.kind, 'loaded');
    const ids = api.model.devices.data!.map(d => d.id);
    assert.equal(new Set(ids).size, ids.length, 'no device twice');
    assert.ok(ids.length < 2500, `only the first page is real (${ids.length})`);
    assert.equal(viewDescription(api), `Cloudflare returned the same page twice: showing ${ids.length.toLocaleString()} of 2,500 devices`);
    assert.ok(sim.requests.filter(r => r.path === devicesPath()).length < 10, 'stopped instead of walking on');
  });

  it('a server that answers everything in one page: every device once, no warning', async () => {
    sim.clearFaults();
    sim.inject({ method: 'GET', path: devicesPath(), kind: 'unpaged' });
    await api.model.devices.reload();
    assert.equal(api.model.devices.data!.length, 2500);
    assert.equal(viewDescription(api), '2,500 devices');
  });
});
