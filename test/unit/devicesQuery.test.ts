// The Devices view's pure model: grouping, sorting, filtering, relative ages, local revocation, dashboard links.
import { strict as assert } from 'assert';
import type { Device } from '../../src/api/types';
import { ageOf, deviceStatus, normalizeQuery, queryDevices, seenBucket, type DeviceQuery } from '../../src/model/deviceQuery';
import { withRevocation } from '../../src/model/devicesRevocation';
import { dashboardUrl, deviceDashboardUrl, DashboardPages } from '../../src/util/dashboardLinks';
import { CloudflareClient } from '../../src/api/client';
import { listDevices } from '../../src/api/devices';
import { generateDevices, generateUsers } from '../simulator/fleet';
import { CloudflareSimulator } from '../simulator/server';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function fleet(n: number): Device[] {
  return generateDevices(7, n, generateUsers(7, Math.ceil(n / 3)), NOW);
}

const dev = (over: Partial<Device> & { id: string }): Device => ({ name: over.id, ...over });
const q = (over: Partial<DeviceQuery> = {}): DeviceQuery => ({ groupBy: 'os', sortBy: 'name', filter: '', ...over });

describe('devices: deviceQuery', () => {
  const small: Device[] = [
    dev({ id: 'a', name: 'LON-LT-0010', device_type: 'windows', last_seen: new Date(NOW - 2 * HOUR).toISOString(), user: { email: 'z@acme.com', name: 'Zoe Adams' } }),
    dev({ id: 'b', name: 'LON-LT-0002', device_type: 'windows', last_seen: new Date(NOW - 3 * DAY).toISOString(), revoked_at: new Date(NOW - DAY).toISOString() }),
    dev({ id: 'c', name: 'NYC-MB-0003', device_type: 'mac', last_seen: new Date(NOW - 20 * DAY).toISOString(), deleted: true, user: { email: 'a@acme.com', name: 'Al Brown' }, ip: '10.0.4.7' }),
    dev({ id: 'd', name: 'iPhone of J. Doe', device_type: 'ios', last_seen: new Date(NOW - 90 * DAY).toISOString(), serial_number: 'SN123LON', model: 'iPhone15,2' }),
    dev({ id: 'e', name: 'Pixel 8 of Z. Adams', device_type: 'android', user: { email: 'z@acme.com', name: 'Zoe Adams' } }),
  ];

  it('groups by OS, largest group first, names in natural order (0002 before 0010)', () => {
    const r = queryDevices(small, q(), NOW);
    assert.equal(r.total, 5);
    assert.equal(r.matched, 5);
    assert.deepEqual(r.groups!.map(g => g.value), ['windows', 'android', 'ios', 'mac']);
    assert.deepEqual(r.groups![0].devices.map(d => d.name), ['LON-LT-0002', 'LON-LT-0010']);
    assert.equal(r.groups![0].key, 'os:windows');
  });

  it('groups by user (named users by name, no user last), status and last seen in their fixed order', () => {
    const byUser = queryDevices(small, q({ groupBy: 'user' }), NOW).groups!;
    assert.deepEqual(byUser.map(g => [g.userName, g.value, g.devices.length]), [
      ['Al Brown', 'a@acme.com', 1],
      ['Zoe Adams', 'z@acme.com', 2],
      [undefined, '', 2],
    ]);
    const byStatus = queryDevices(small, q({ groupBy: 'status' }), NOW).groups!;
    assert.deepEqual(byStatus.map(g => [g.value, g.devices.map(d => d.id).join()]), [['active', 'd,a,e'], ['revoked', 'b'], ['deleted', 'c']]);
    const bySeen = queryDevices(small, q({ groupBy: 'lastSeen' }), NOW).groups!;
    assert.deepEqual(bySeen.map(g => [g.value, g.devices.map(d => d.id).join()]), [['today', 'a'], ['week', 'b'], ['month', 'c'], ['older', 'd'], ['never', 'e']]);
  });

  it('sorts by last seen, most recent first, never seen last', () => {
    const r = queryDevices(small, q({ groupBy: 'none', sortBy: 'lastSeen' }), NOW);
    assert.equal(r.groups, undefined);
    assert.deepEqual(r.devices!.map(d => d.id), ['a', 'b', 'c', 'd', 'e']);
  });

  it('filters on name, user name, email, serial, IP and model, ignoring case', () => {
    const ids = (filter: string) => queryDevices(small, q({ groupBy: 'none', filter }), NOW).devices!.map(d => d.id).sort().join();
    assert.equal(ids('lon'), 'a,b,d'); // names, and d's serial SN123LON
    assert.equal(ids('ZOE'), 'a,e'); // user name
    assert.equal(ids('a@acme'), 'c'); // email
    assert.equal(ids('10.0.4'), 'c'); // IP
    assert.equal(ids('iphone15'), 'd'); // model
    assert.equal(ids('nothing-matches'), '');
    const grouped = queryDevices(small, q({ filter: 'lon' }), NOW);
    assert.equal(grouped.matched, 3);
    assert.equal(grouped.total, 5);
    assert.equal(queryDevices(small, q({ filter: '  ' }), NOW).matched, small.length, 'a blank filter matches everything');
  });

  it('leaves no trace of the search text it holds on a device: JSON, keys and deep equality are as before', () => {
    const copy = JSON.parse(JSON.stringify(small)) as typeof small;
    assert.equal(queryDevices(copy, q({ groupBy: 'none', filter: 'lon' }), NOW).matched, 3);
    assert.equal(JSON.stringify(copy), JSON.stringify(small));
    assert.deepStrictEqual(copy, JSON.parse(JSON.stringify(small)));
    assert.deepEqual(Object.keys(copy[0]), Object.keys(small[0]));
    // A device that cannot take it is searched all the same.
    const frozen = Object.freeze({ ...copy[1], name: 'Frozen London laptop' });
    assert.equal(queryDevices([frozen], q({ groupBy: 'none', filter: 'london' }), NOW).matched, 1);
    assert.equal(queryDevices([frozen], q({ groupBy: 'none', filter: 'paris' }), NOW).matched, 0);
  });

  it('status, buckets and ages', () => {
    assert.deepEqual(small.map(deviceStatus), ['active', 'revoked', 'deleted', 'active', 'active']);
    assert.equal(seenBucket(small[4], NOW), 'never');
    assert.deepEqual(ageOf(new Date(NOW - 3 * HOUR - 5000).toISOString(), NOW), { unit: 'h', n: 3 });
    assert.deepEqual(ageOf(new Date(NOW - 9 * DAY).toISOString(), NOW), { unit: 'd', n: 9 });
    assert.deepEqual(ageOf(new Date(NOW - 12 * 60_000).toISOString(), NOW), { unit: 'min', n: 12 });
    assert.deepEqual(ageOf(new Date(NOW + 60_000).toISOString(), NOW), { unit: 'now' });
    assert.deepEqual(ageOf(new Date(NOW - 400 * DAY).toISOString(), NOW), { unit: 'y', n: 1 });
    assert.deepEqual(ageOf(new Date(NOW - 362 * DAY).toISOString(), NOW), { unit: 'y', n: 1 }, 'never "12 mo"');
    assert.deepEqual(ageOf(new Date(NOW - 359 * DAY).toISOString(), NOW), { unit: 'mo', n: 11 });
    assert.equal(ageOf(undefined, NOW), undefined);
    assert.equal(ageOf('not a date', NOW), undefined);
  });

  it('normalizes stored queries: unknown values fall back to the defaults', () => {
    assert.deepEqual(normalizeQuery({ groupBy: 'planet', sortBy: 'size', filter: 42 }), { groupBy: 'os', sortBy: 'name', filter: '' });
    assert.deepEqual(normalizeQuery({ groupBy: 'user', sortBy: 'lastSeen', filter: ' lon ' }), { groupBy: 'user', sortBy: 'lastSeen', filter: 'lon' });
    assert.deepEqual(normalizeQuery(undefined), { groupBy: 'os', sortBy: 'name', filter: '' });
  });

  it('withRevocation replaces only the changed devices, and unrevoke removes revoked_at', () => {
    const at = '2026-11-24T12:00:00.000Z';
    const revoked = withRevocation(small, ['a', 'b', 'missing'], true, at);
    assert.equal(revoked[0].revoked_at, at);
    assert.notEqual(revoked[0], small[0]);
    assert.equal(revoked[1], small[1], 'already revoked: same object');
    assert.equal(revoked[2], small[2]);
    const back = withRevocation(revoked, ['a', 'b'], false, at);
    assert.ok(!('revoked_at' in back[0]) && !('revoked_at' in back[1]));
    assert.equal(back[0].updated, at);
    assert.equal(withRevocation(small, [], true, at), small);
  });

  it('lists and groups 20,000 simulated devices (timing printed, not asserted)', function () {
    this.timeout(60000);
    const devices = fleet(20000);
    const timings: string[] = [];
    const time = (label: string, fn: () => unknown) => {
      const t0 = process.hrtime.bigint();
      const out = fn();
      timings.push(`${label}: ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(1)} ms`);
      return out;
    };
    const byOs = time('group by OS + sort by name (first run, builds the search cache lazily: no filter)', () => queryDevices(devices, q(), NOW)) as ReturnType<typeof queryDevices>;
    time('group by OS + sort by name (second run)', () => queryDevices(devices, q(), NOW));
    const byUser = time('group by user + sort by last seen', () => queryDevices(devices, q({ groupBy: 'user', sortBy: 'lastSeen' }), NOW)) as ReturnType<typeof queryDevices>;
    time('group by status', () => queryDevices(devices, q({ groupBy: 'status' }), NOW));
    time('group by last seen', () => queryDevices(devices, q({ groupBy: 'lastSeen' }), NOW));
    time('no groups, sort by name', () => queryDevices(devices, q({ groupBy: 'none' }), NOW));
    const filtered = time('filter "lon" (first filter: builds the search text of 20,000 devices)', () => queryDevices(devices, q({ filter: 'lon' }), NOW)) as ReturnType<typeof queryDevices>;
    time('filter "lon-lt" (cached search text)', () => queryDevices(devices, q({ filter: 'lon-lt' }), NOW));
    time('revoke 450 devices locally', () => withRevocation(devices, devices.slice(0, 450).map(d => d.id), true, new Date(NOW).toISOString()));
    console.log(`      20,000 simulated devices:\n${timings.map(t => `        ${t}`).join('\n')}`);
    assert.equal(byOs.groups!.reduce((n, g) => n + g.devices.length, 0), 20000);
    assert.equal(byOs.groups!.length, 6);
    assert.ok(byUser.groups!.length > 1000, 'many users');
    assert.ok(filtered.matched > 0 && filtered.matched < 20000);
    for (const g of byOs.groups!) {
      for (let i = 1; i < g.devices.length; i++) assert.ok((g.devices[i - 1].name ?? '').localeCompare(g.devices[i].name ?? '', 'en', { numeric: true }) <= 0);
    }
  });
});

describe('devices: 20,000 devices from the simulator', () => {
  it('lists them over HTTP at the default page size and groups them (timing printed, not asserted)', async function () {
    this.timeout(120000);
    const sim = await CloudflareSimulator.start({ devices: 20000, seed: 7 });
    try {
      const client = new CloudflareClient({ baseUrl: sim.baseUrl, credentials: () => ({ kind: 'token', token: sim.token }) });
      const t0 = process.hrtime.bigint();
      const devices = await listDevices(client, sim.accountId, { perPage: 100 });
      const t1 = process.hrtime.bigint();
      const r = queryDevices(devices, q(), Date.now());
      const t2 = process.hrtime.bigint();
      const ms = (a: bigint, b: bigint) => (Number(b - a) / 1e6).toFixed(0);
      console.log(`      list 20,000 devices (${sim.requests.length} requests of 100): ${ms(t0, t1)} ms; group by OS + sort by name: ${ms(t1, t2)} ms; total ${ms(t0, t2)} ms`);
      assert.equal(devices.length, 20000);
      assert.equal(new Set(devices.map(d => d.id)).size, 20000);
      assert.equal(r.groups!.reduce((n, g) => n + g.devices.length, 0), 20000);
    } finally {
      await sim.close();
    }
  });
});

describe('devices: dashboard links', () => {
  it('builds one.dash.cloudflare.com links under the account', () => {
    assert.equal(deviceDashboardUrl('abc123'), 'https://one.dash.cloudflare.com/abc123/team/devices');
    assert.equal(dashboardUrl('abc123', DashboardPages.home), 'https://one.dash.cloudflare.com/abc123/');
    assert.equal(dashboardUrl('abc123', '/team/devices'), 'https://one.dash.cloudflare.com/abc123/team/devices');
    assert.throws(() => dashboardUrl('../evil', DashboardPages.devices), RangeError);
  });
});
