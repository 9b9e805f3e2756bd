// Fleet export records: every field the API gave (read over real HTTP from the simulator and compared
// with the raw JSON), registrations in the API's names, CSV rows safe for a spreadsheet.
import { strict as assert } from 'assert';
import { csvHeader, csvLayout, csvRows, deviceRecord, flatten } from '../../src/model/deviceExport';
import { fromLegacy } from '../../src/model/fleetDevice';
import { parseCsvRecords } from '../../src/webviews/listEditor/listFormats';
import { csvLine } from '../../src/util/csv';
import { CloudflareSimulator } from '../simulator/server';
import { legacyFleet, multiUserFleet } from './fleetOverHttp';
import { call } from './simHttp';

describe('Fleet export records', function () {
  this.timeout(60000);

  it('legacy: each record holds every field of the API answer, with the same values, and nothing of ours', async () => {
    const sim = await CloudflareSimulator.start({ devices: 50, seed: 3 });
    try {
      const raw = (await call(sim, 'GET', `/accounts/${sim.accountId}/devices?per_page=100`)).json.result as Record<string, unknown>[];
      const devices = await legacyFleet(sim);
      for (const d of devices) {
        const rec = deviceRecord(d);
        const api = raw.find(r => r.id === d.id)!;
        for (const [k, v] of Object.entries(api)) if (v !== null && v !== undefined) assert.deepEqual(rec[k], v, `${d.id}.${k}`);
        assert.ok(!('api' in rec) && !('registrations' in rec), 'no internal key');
        assert.ok(['active', 'revoked', 'deleted'].includes(rec.status as string));
      }
      const layout = csvLayout(devices, false);
      const header = csvHeader(layout);
      for (const k of Object.keys(flatten(deviceRecord(devices[0])))) assert.ok(header.includes(k), `column ${k}`);
      assert.deepEqual(header.slice(0, 3), ['id', 'name', 'status']);
      const text = csvLine(header) + devices.flatMap(d => csvRows(d, layout, '')).map(csvLine).join('');
      assert.ok(!text.includes(sim.token), 'the token is never written');
      const parsed = parseCsvRecords(text);
      assert.equal(parsed.length, devices.length + 1);
      assert.ok(parsed.every(r => r.length === header.length), 'every row has every column');
    } finally {
      await sim.close();
    }
  });

  it('multi-user: one CSV row per registration with the device columns repeated; JSON keeps registrations in API names', async () => {
    const sim = await CloudflareSimulator.start({ multiUser: true, devices: 120, seed: 11 });
    try {
      const devices = await multiUserFleet(sim);
      const shared = devices.find(d => (d.registrations?.length ?? 0) > 1)!;
      assert.ok(shared, 'the simulated fleet has a shared desktop');
      const layout = csvLayout(devices, true);
      const rows = csvRows(shared, layout, 'windows');
      assert.equal(rows.length, shared.registrations!.length);
      const header = csvHeader(layout);
      const col = (name: string) => header.indexOf(name);
      assert.equal(header[0], 'group');
      assert.ok(rows.every(r => r[0] === 'windows' && r[col('id')] === shared.id));
      assert.deepEqual(rows.map(r => r[col('registration.id')]), shared.registrations!.map(r => r.id));
      for (const k of ['registration.user.email', 'registration.last_seen_at', 'registration.revoked_at', 'registration.virtual_ipv4', 'registration.policy.name', 'hardware_id']) {
        assert.ok(col(k) >= 0, `column ${k}`);
      }
      const rec = deviceRecord(shared);
      const regRec = (rec.registrations as Record<string, unknown>[])[0];
      const simReg = sim.multi.registrations.find(r => r.id === regRec.id)!;
      assert.equal(regRec.last_seen_at, simReg.last_seen_at);
      assert.deepEqual(regRec.user, simReg.user);
      assert.equal(regRec.virtual_ipv4, simReg.virtual_ipv4);
    } finally {
      await sim.close();
    }
  });

  it('neutralises formulas and quotes commas, quotes and line breaks in API text', () => {
    const d = fromLegacy({ id: 'x', name: '=HYPERLINK("http://evil.example","click")', user: { email: '+1@acme.com', name: 'Doe, "J"\nsecond line' }, model: '@SUM(A1)' });
    const layout = csvLayout([d], false);
    const header = csvHeader(layout);
    const [row] = parseCsvRecords(csvLine(header) + csvRows(d, layout, '').map(csvLine).join('')).slice(1);
    assert.equal(row[header.indexOf('name')], `'=HYPERLINK("http://evil.example","click")`);
    assert.equal(row[header.indexOf('user.email')], `'+1@acme.com`);
    assert.equal(row[header.indexOf('user.name')], 'Doe, "J"\nsecond line');
    assert.equal(row[header.indexOf('model')], `'@SUM(A1)`);
    // Documented columns are there even when no device has them; the new API's own ones are not.
    assert.ok(header.includes('revoked_at') && header.includes('serial_number') && !header.includes('hardware_id') && !header.some(h => h.startsWith('registration.')));
  });
});
