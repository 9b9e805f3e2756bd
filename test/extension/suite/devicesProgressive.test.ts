// #17 item 1 in the Devices view: the first devices show while later pages are still on their way,
// and the view's message counts them ("Loading devices… 1,000 of 3,000").
import * as assert from 'assert';
import type { WarpFleetApi } from '../../../src/extension';
import type { CloudflareSimulator } from '../../simulator/server';
import { deviceNodes, signedInDevicesSuite } from './devicesHelpers';
import { waitFor } from './helpers';

describe('Devices: rows before the last page', function () {
  this.timeout(90000);
  let sim: CloudflareSimulator;
  let api: WarpFleetApi;

  signedInDevicesSuite(3000, (a, s) => {
    api = a;
    sim = s;
  });

  it('shows the first page\'s devices and "Loading devices… 1,000 of 3,000" while later pages are delayed', async () => {
    // The first page answers at once; every later one waits 6 s (a slow link, a loaded API).
    sim.inject({ method: 'GET', path: `/accounts/${sim.accountId}/devices`, kind: 'slow', delayMs: 6000, skip: 1 });
    // A first load of this account (as after sign-in): nothing loaded before to show instead.
    const loading = api.model.devices.reload(true);
    const shown = await waitFor(async () => {
      const s = api.model.devices.state;
      if (s.kind !== 'loading') return undefined;
      const nodes = await deviceNodes(api);
      return nodes.length > 0 ? nodes : undefined;
    }, 'device rows while loading', 20000);
    assert.equal(api.model.devices.state.kind, 'loading', 'rows shown before the last page arrived');
    assert.ok(shown.length > 0 && shown.length <= 1000, `rows of the first page (${shown.length})`);
    // The count shows once rows are drawn (an empty tree with a message is hidden by VS Code, focus and all).
    await waitFor(() => api.views.devices.message === 'Loading devices… 1,000 of 3,000', 'the loading count', 5000);
    await loading;
    assert.equal(api.model.devices.state.kind, 'loaded');
    assert.equal(api.model.devices.data!.length, 3000);
    assert.equal(api.views.devices.message, undefined, 'the progress message is gone');
  });
});
