import { strict as assert } from 'assert';
import { monitorEventLoopDelay } from 'perf_hooks';
import { GROUP_BYS, queryDevices, queryDevicesAsync, SORT_BYS, type DeviceQuery } from '../../src/model/deviceQuery';
import { fromLegacyAll } from '../../src/model/fleetDevice';
import { sortInSlices } from '../../src/util/slices';
import { generateDevices, generateUsers } from '../simulator/fleet';

/** #17 item 1: grouping and filtering in slices gives what the one-task query gives. */
describe('Scale: device query in slices', function () {
  this.timeout(120_000);
  const now = Date.parse('2026-11-29T12:00:00Z');
  const devices = fromLegacyAll(generateDevices(5, 4_000, generateUsers(5, 1_300), now));

  it('gives the same groups, order and counts as queryDevices for every grouping, order and a filter', async () => {
    for (const groupBy of GROUP_BYS) {
      for (const sortBy of SORT_BYS) {
        for (const filter of ['', 'lon']) {
          const q: DeviceQuery = { groupBy, sortBy, filter };
          // A fresh array each time, so neither call reuses the other's cached sort.
          const a = queryDevices(devices.slice(), q, now);
          const b = await queryDevicesAsync(devices.slice(), q, now);
          assert.equal(b.matched, a.matched, JSON.stringify(q));
          assert.deepEqual(b.devices?.map(d => d.id), a.devices?.map(d => d.id), JSON.stringify(q));
          assert.deepEqual(b.groups?.map(g => [g.key, g.devices.map(d => d.id)]), a.groups?.map(g => [g.key, g.devices.map(d => d.id)]), JSON.stringify(q));
        }
      }
    }
  });

  it('sorts stably in slices', async () => {
    const items = Array.from({ length: 5_000 }, (_, i) => ({ k: i % 7, i }));
    const sorted = await sortInSlices(items, (a, b) => a.k - b.k);
    assert.deepEqual(sorted, items.slice().sort((a, b) => a.k - b.k));
  });

  it('gives the event loop back while it works (the longest stall is printed, not asserted)', async () => {
    const h = monitorEventLoopDelay({ resolution: 5 });
    h.enable();
    await queryDevicesAsync(devices.slice(), { groupBy: 'user', sortBy: 'name', filter: 'a' }, now);
    h.disable();
    // A figure, not a timed assertion: the machine may be loaded.
    console.log(`      longest event-loop stall while grouping 4,000 devices in slices: ${(h.max / 1e6).toFixed(1)} ms`);
    assert.ok(h.count > 1, 'the loop ran between slices');
  });
});
