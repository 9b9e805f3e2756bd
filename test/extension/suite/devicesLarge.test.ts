// 20,000 devices in a real extension host: every page loaded, and no node with more than 201 children.
import * as assert from 'assert';
import type { WarpFleetApi } from '../../../src/extension';
import type { CloudflareSimulator } from '../../simulator/server';
import { children, item, resetDeviceView, signInTo } from './devicesHelpers';
import { extensionApi, labelOf, resetExtensionState, startSimulator } from './helpers';

describe('Devices view with 20,000 devices', function () {
  this.timeout(120000);
  let sim: CloudflareSimulator;
  let api: WarpFleetApi;

  before(async () => {
    api = await extensionApi();
    sim = await startSimulator({ devices: 20000 });
    await resetDeviceView(api);
  });
  after(async () => {
    await resetDeviceView(api);
    await resetExtensionState(api);
    await sim.close();
  });

  it('loads every page and keeps every node under 201 children, whatever the grouping (timings printed)', async () => {
    const t0 = Date.now();
    await signInTo(api, sim);
    const loadMs = Date.now() - t0;
    assert.equal(api.model.devices.data!.length, 20000);
    const pages = sim.requests.filter(r => r.method === 'GET' && r.path === `/accounts/${sim.accountId}/devices`);
    // #17 item 2: the largest page the list takes (1,000 in the simulator), not the 100 of the setting.
    assert.equal(pages.length, 20, 'all pages of 1,000');
    assert.ok(pages.every(r => r.query.per_page === '1000'));

    const timings: string[] = [`list 20,000 devices (20 requests): ${loadMs} ms`];
    for (const groupBy of ['os', 'user', 'status', 'lastSeen', 'none'] as const) {
      await api.views.devices.options.set({ groupBy });
      const t = Date.now();
      const root = await children(api);
      const first = await children(api, root[0]);
      timings.push(`group by ${groupBy}: root ${root.length} nodes + first group ${first.length} children in ${Date.now() - t} ms`);
      assert.ok(root.length <= 201, `${groupBy}: ${root.length} root nodes`);
      for (const g of root.slice(0, 10)) assert.ok((await children(api, g)).length <= 201, `${groupBy}: a group with too many children`);
      if (groupBy === 'none' || groupBy === 'user') assert.match(labelOf(await item(api, root[root.length - 1])), /^Load 200 more \([\d,]+ left\)$/);
    }
    console.log(`      ${timings.join('\n      ')}`);
  });
});
