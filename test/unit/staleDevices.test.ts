// The stale-device sweep's pure part: which devices or registrations a sweep of N days takes, what is
// kept apart (never seen), what is left out (already revoked, deleted), and the preview's grouping —
// on fixtures, and on fleets listed from the simulator over real HTTP with this extension's client.
import { strict as assert } from 'assert';
import type { Device } from '../../src/api/types';
import { fromLegacy, joinPhysical, type FleetDevice, type RegistrationInput } from '../../src/model/fleetDevice';
import { findStale, groupStale, parseSweepDays, previewRecords, deviceCount, MAX_SWEEP_DAYS } from '../../src/model/staleDevices';
import { CloudflareSimulator } from '../simulator/server';
import { legacyFleet, multiUserFleet } from './fleetOverHttp';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const DAY = 86_400_000;
const iso = (daysAgo: number) => new Date(NOW - daysAgo * DAY).toISOString();

const legacy = (id: string, daysAgo: number | undefined, over: Partial<Device> = {}): FleetDevice =>
  fromLegacy({ id, name: id, device_type: 'windows', last_seen: daysAgo === undefined ? undefined : iso(daysAgo), user: { email: `${id}@acme.com`, name: id }, ...over });

const reg = (id: string, deviceId: string, daysAgo: number, over: Partial<RegistrationInput> = {}): RegistrationInput => ({
  id,
  device: { id: deviceId, name: deviceId },
  last_seen_at: iso(daysAgo),
  user: { id: `u-${id}`, email: `${id}@acme.com` },
  ...over,
});

describe('Stale-device sweep: selection and preview (pure)', () => {
  it('takes devices last seen before the cutoff, oldest first; never seen apart; revoked and deleted left out', () => {
    const fleet = [
      legacy('fresh', 10),
      legacy('old', 100),
      legacy('older', 200, { device_type: 'mac' }),
      legacy('edge', 90), // exactly 90 days: not yet "not seen for 90 days"
      legacy('never', undefined),
      legacy('revoked', 300, { revoked_at: iso(250) }),
      legacy('deleted', 300, { deleted: true }),
    ];
    const sel = findStale(fleet, 90, NOW, 'revoke');
    assert.deepEqual(sel.stale.map(c => c.id), ['older', 'old']);
    assert.deepEqual(sel.neverSeen.map(c => c.id), ['never']);
    assert.equal(sel.skipped, 1, 'the revoked device is counted as left out');
    assert.equal(sel.cutoff, iso(90));
    assert.ok(sel.stale.every(c => c.kind === 'device'));
  });

  it('on a multi-user fleet takes registrations: the stale user of a shared desktop, not the fresh one', () => {
    const fleet = joinPhysical(
      [{ id: 'DESK', name: 'DESK', device_type: 'windows' }, { id: 'LAPTOP', name: 'LAPTOP', device_type: 'linux' }],
      [
        reg('r-stale', 'DESK', 120),
        reg('r-fresh', 'DESK', 1),
        reg('r-revoked', 'DESK', 200, { revoked_at: iso(150) }),
        reg('r-deleted', 'LAPTOP', 400, { deleted_at: iso(300) }),
        reg('r-laptop', 'LAPTOP', 95),
      ],
    );
    const revoke = findStale(fleet, 90, NOW, 'revoke');
    assert.deepEqual(revoke.stale.map(c => c.id), ['r-stale', 'r-laptop']);
    assert.equal(revoke.skipped, 1);
    assert.equal(deviceCount(revoke.stale), 2);
    assert.ok(revoke.stale.every(c => c.kind === 'registration'));
    // Delete also clears revoked registrations (the usual clean-up); a deleted one is gone already.
    const del = findStale(fleet, 90, NOW, 'delete');
    assert.deepEqual(del.stale.map(c => c.id), ['r-revoked', 'r-stale', 'r-laptop']);
    assert.equal(del.skipped, 0);
  });

  it('groups by OS (largest first) and by user (no user last), each with its count and oldest last-seen', () => {
    const fleet = [
      legacy('w1', 100),
      legacy('w2', 400),
      legacy('m1', 200, { device_type: 'mac' }),
      legacy('nouser', 150, { device_type: 'linux', user: undefined }),
      legacy('w3', 120, { user: { email: 'W1@acme.com' } }),
    ];
    const sel = findStale(fleet, 90, NOW, 'revoke');
    const byOs = groupStale(sel.stale, 'os');
    assert.deepEqual(byOs.map(g => [g.value, g.items.length, g.oldest]), [['windows', 3, iso(400)], ['linux', 1, iso(150)], ['mac', 1, iso(200)]]);
    assert.deepEqual(byOs[0].items.map(c => c.id), ['w2', 'w3', 'w1'], 'oldest first inside a group');
    const byUser = groupStale(sel.stale, 'user');
    assert.deepEqual(byUser.map(g => [g.value, g.items.length]), [['m1@acme.com', 1], ['w1@acme.com', 2], ['w2@acme.com', 1], ['', 1]]);
  });

  it('reads a custom number of days only when it is a whole number from 1 to the maximum', () => {
    assert.equal(parseSweepDays('90'), 90);
    assert.equal(parseSweepDays(' 45 '), 45);
    assert.equal(parseSweepDays(String(MAX_SWEEP_DAYS)), MAX_SWEEP_DAYS);
    for (const bad of ['', '0', '-5', '1.5', '1e3', 'abc', '90 days', String(MAX_SWEEP_DAYS + 1), '0x10']) assert.equal(parseSweepDays(bad), undefined, bad);
  });

  it('exports the preview with whether each row is ticked and how many days it has gone unseen', () => {
    const sel = findStale([legacy('a', 100), legacy('b', 200), legacy('n', undefined)], 90, NOW, 'revoke');
    const rows = previewRecords(sel, new Set(['b']), NOW);
    assert.deepEqual(rows.map(r => [r.id, r.selected, r.days_since_seen, r.last_seen]), [['b', true, 200, iso(200)], ['a', false, 100, iso(100)], ['n', false, null, null]]);
  });
});

describe('Stale-device sweep: fleets listed from the simulator', function () {
  this.timeout(60000);

  it('legacy: the selection equals what the simulator holds as unseen for 30 days, not revoked, not deleted', async () => {
    const sim = await CloudflareSimulator.start({ devices: 400, seed: 5 });
    try {
      const now = sim.state.now;
      const devices = await legacyFleet(sim);
      const sel = findStale(devices, 30, now, 'revoke');
      const cutoff = now - 30 * DAY;
      const expected = sim.state.devices.filter(d => !d.deleted && !d.revoked_at && d.last_seen && Date.parse(d.last_seen) < cutoff).map(d => d.id);
      assert.ok(expected.length > 10, `the simulated fleet has stale devices (${expected.length})`);
      assert.deepEqual(new Set(sel.stale.map(c => c.id)), new Set(expected));
      assert.equal(groupStale(sel.stale, 'os').reduce((n, g) => n + g.items.length, 0), expected.length);
    } finally {
      await sim.close();
    }
  });

  it('multi-user: the selection is every live registration unseen for 60 days, per registration', async () => {
    const sim = await CloudflareSimulator.start({ multiUser: true, devices: 300, seed: 11 });
    try {
      const sel = findStale(await multiUserFleet(sim), 60, sim.state.now, 'delete');
      const cutoff = sim.state.now - 60 * DAY;
      const liveDevices = new Set(sim.multi.devices.filter(d => !d.deleted_at).map(d => d.id));
      const expected = sim.multi.registrations.filter(r => !r.deleted_at && liveDevices.has(r.deviceId) && Date.parse(r.last_seen_at) < cutoff).map(r => r.id);
      assert.ok(expected.length > 10, `the simulated fleet has stale registrations (${expected.length})`);
      assert.deepEqual(new Set(sel.stale.map(x => x.id)), new Set(expected));
    } finally {
      await sim.close();
    }
  });
});
