// The one device model both device APIs map to, the auto switch between them, and truthful write outcomes.
import { strict as assert } from 'assert';
import { CloudflareApiError } from '../../src/api/errors';
import type { Device } from '../../src/api/types';
import { deviceStatus, queryDevices } from '../../src/model/deviceQuery';
import { chooseDeviceApi, loadFleetDevices, normalizeDeviceApiSetting, type DeviceApiSetting } from '../../src/model/deviceSource';
import {
  fromLegacy,
  fromLegacyAll,
  joinPhysical,
  joinPhysicalInSlices,
  registrationCount,
  statusFrom,
  userCount,
  withoutDevices,
  withRegistrationChange,
  type PhysicalDeviceInput,
  type RegistrationInput,
} from '../../src/model/fleetDevice';
import { resolveOutcome, unknownIds, type ReadBack } from '../../src/model/writeOutcome';
import { Slicer } from '../../src/util/slices';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const HOUR = 3_600_000;
const iso = (msAgo: number) => new Date(NOW - msAgo).toISOString();

// Fixtures in the SDK's shapes (devices_.d.ts DeviceListResponse, registrations.d.ts RegistrationListResponse).
const phys = (id: string, over: Partial<PhysicalDeviceInput> = {}): PhysicalDeviceInput => ({
  id,
  name: id,
  active_registrations: 1,
  created_at: iso(100 * HOUR),
  updated_at: iso(HOUR),
  last_seen_at: iso(3 * HOUR),
  device_type: 'windows',
  ...over,
});
const reg = (id: string, deviceId: string, over: Partial<RegistrationInput> = {}): RegistrationInput => ({
  id,
  device: { id: deviceId, name: deviceId, client_version: '2025.9.1' },
  created_at: iso(50 * HOUR),
  updated_at: iso(HOUR),
  last_seen_at: iso(3 * HOUR),
  key: 'k',
  registration_type: 'warp',
  user: { id: `u-${id}`, email: `${id}@acme.com`, name: `User ${id}` },
  ...over,
});

describe('devices: FleetDevice model (both APIs)', () => {
  const devices = joinPhysical(
    [phys('LON-1'), phys('LON-2', { last_seen_user: null }), phys('LON-3'), phys('GONE', { deleted_at: iso(HOUR) }), phys('EMPTY', { active_registrations: 0 })],
    [
      reg('r1', 'LON-1', { policy: { id: 'p1', name: 'Engineering', default: false, deleted: false, updated_at: iso(HOUR) }, virtual_ipv4: '100.96.0.12' }),
      reg('r2', 'LON-1', { revoked_at: iso(HOUR) }),
      reg('r3', 'LON-2', { revoked_at: iso(2 * HOUR) }),
      reg('r4', 'LON-2', { revoked_at: iso(HOUR) }),
      reg('r5', 'LON-3'),
      reg('r6', 'LON-3', { revoked_at: iso(HOUR), deleted_at: iso(HOUR) }),
      reg('orphan', 'NOT-LISTED'),
    ],
  );
  const byId = (id: string) => devices.find(d => d.id === id)!;

  it('derives each device status from its registrations: partly revoked, revoked, active, deleted', () => {
    assert.equal(byId('LON-1').status, 'partlyRevoked');
    assert.equal(byId('LON-2').status, 'revoked');
    assert.equal(byId('LON-2').revoked_at, iso(HOUR), 'revoked_at is the latest revocation');
    assert.equal(byId('LON-3').status, 'active', 'a deleted registration does not count as revoked');
    assert.equal(byId('GONE').status, 'deleted');
    assert.equal(byId('EMPTY').status, 'active');
    assert.equal(byId('LON-1').revoked_at, undefined, 'a partly revoked device is not revoked');
    assert.equal(statusFrom(undefined, []), 'active');
  });

  it('maps the physical device onto the legacy field names the views read', () => {
    const d = byId('LON-1');
    assert.equal(d.api, 'registrations');
    assert.equal(d.last_seen, iso(3 * HOUR));
    assert.equal(d.version, '2025.9.1', 'the version falls back to a registration client_version');
    assert.equal(d.user?.email, 'r1@acme.com', 'without last_seen_user, a registration user');
    assert.equal(d.registrations!.length, 2);
    assert.deepEqual(d.registrations![0].policy, { id: 'p1', name: 'Engineering', default: false, deleted: false });
    assert.equal(d.registrations![0].virtualIpv4, '100.96.0.12');
    assert.equal(userCount(d), 2);
    assert.equal(registrationCount(devices), 5, 'live registrations of listed devices (deleted and orphans left out)');
  });

  it('legacy devices map to the same model with their own status', () => {
    const legacy: Device = { id: 'x', name: 'X', revoked_at: iso(HOUR) };
    assert.deepEqual(fromLegacy(legacy), { ...legacy, api: 'legacy', status: 'revoked' });
    assert.equal(deviceStatus(legacy), 'revoked');
    assert.equal(deviceStatus(fromLegacy({ id: 'y', deleted: true })), 'deleted');
  });

  it('groups by status with partly revoked between active and revoked, and filters on any registration user', () => {
    const r = queryDevices(devices, { groupBy: 'status', sortBy: 'name', filter: '' }, NOW);
    assert.deepEqual(r.groups!.map(g => g.value), ['active', 'partlyRevoked', 'revoked', 'deleted']);
    const f = queryDevices(devices, { groupBy: 'none', sortBy: 'name', filter: 'r4@acme' }, NOW);
    assert.deepEqual(f.devices!.map(d => d.id), ['LON-2'], 'r4 is not the last seen user, still found');
  });

  it('applies a local revoke, unrevoke and delete of registrations, deriving the status again', () => {
    const revoked = withRegistrationChange(devices, ['r1'], { revokedAt: iso(0) });
    assert.equal(revoked.find(d => d.id === 'LON-1')!.status, 'revoked');
    assert.equal(revoked.find(d => d.id === 'LON-3'), byId('LON-3'), 'untouched devices keep their object');
    const unrevoked = withRegistrationChange(revoked, ['r1', 'r2'], { revokedAt: null });
    assert.equal(unrevoked.find(d => d.id === 'LON-1')!.status, 'active');
    const deleted = withRegistrationChange(devices, ['r2'], { deletedAt: iso(0) });
    assert.deepEqual(deleted.find(d => d.id === 'LON-1')!.registrations!.map(r => r.id), ['r1']);
    assert.equal(deleted.find(d => d.id === 'LON-1')!.status, 'active');
    assert.deepEqual(withoutDevices(devices, ['LON-1']).map(d => d.id), ['LON-2', 'LON-3', 'GONE', 'EMPTY']);
  });

  it('joins 10,000 devices and 15,000 registrations in one pass (figure printed, not asserted)', () => {
    const ps = Array.from({ length: 10_000 }, (_, i) => phys(`d${i}`));
    const rs = Array.from({ length: 15_000 }, (_, i) => reg(`r${i}`, `d${i % 10_000}`, i % 7 === 0 ? { revoked_at: iso(HOUR) } : {}));
    const t0 = performance.now();
    const joined = joinPhysical(ps, rs);
    const t1 = performance.now();
    const grouped = queryDevices(joined, { groupBy: 'status', sortBy: 'lastSeen', filter: 'r14' }, NOW);
    const t2 = performance.now();
    console.log(`      join 10,000 devices + 15,000 registrations: ${(t1 - t0).toFixed(1)} ms; filter+group: ${(t2 - t1).toFixed(1)} ms`);
    assert.equal(joined.length, 10_000);
    assert.equal(registrationCount(joined), 15_000);
    assert.ok(grouped.matched > 0);
  });

  it('joins in slices to the same devices as the one-task join, giving the event loop back between slices', async () => {
    const ps = Array.from({ length: 5_000 }, (_, i) => phys(`d${i}`));
    const rs = Array.from({ length: 7_000 }, (_, i) => reg(`r${i}`, `d${(i * 7) % 5_000}`, i % 5 === 0 ? { revoked_at: iso(HOUR) } : {}));
    // a slicer whose every slice is due: the join must pause (and still come out the same)
    let pauses = 0;
    const slicer = Object.assign(new Slicer(0), { pause: async () => { pauses++; await new Promise<void>(r => setImmediate(r)); } });
    const sliced = await joinPhysicalInSlices(ps, rs, undefined, slicer);
    assert.deepEqual(sliced, joinPhysical(ps, rs));
    assert.ok(pauses > 1, `paused ${pauses} times`);
  });
});

describe('devices: which device API (auto switch)', () => {
  const unsupported = new CloudflareApiError({ kind: 'http', method: 'GET', path: '/accounts/a/devices', status: 400, errors: [{ code: 1, message: 'not supported in multi-user mode' }] });
  const forbidden = new CloudflareApiError({ kind: 'http', method: 'GET', path: '/accounts/a/devices', status: 403, errors: [{ code: 10000, message: 'Authentication error' }] });

  function deps(setting: DeviceApiSetting, legacy: () => Promise<Device[]>, memory: Record<string, 'legacy' | 'registrations'> = {}) {
    const calls: string[] = [];
    return {
      calls,
      memory,
      deps: {
        setting: () => setting,
        remembered: (a: string) => memory[a],
        remember: (a: string, api: 'legacy' | 'registrations') => void (memory[a] = api),
        loadLegacy: () => (calls.push('legacy'), legacy().then(list => fromLegacyAll(list))),
        loadRegistrations: async () => (calls.push('registrations'), joinPhysical([phys('P')], [reg('r', 'P')])),
        isLegacyUnsupported: (e: unknown) => e === unsupported,
      },
    };
  }

  it('auto: a refusal the classifier calls "unsupported" switches this account and remembers it', async () => {
    const d = deps('auto', () => Promise.reject(unsupported));
    const r = await loadFleetDevices({ accountId: 'acc' }, d.deps);
    assert.equal(r.api, 'registrations');
    assert.deepEqual(r.devices.map(x => x.id), ['P']);
    assert.deepEqual(d.memory, { acc: 'registrations' });
    const again = await loadFleetDevices({ accountId: 'acc' }, d.deps);
    assert.equal(again.api, 'registrations');
    assert.deepEqual(d.calls, ['legacy', 'registrations', 'registrations'], 'the second load goes straight to the new API');
  });

  it('auto: a permission refusal is the error, not a switch', async () => {
    const d = deps('auto', () => Promise.reject(forbidden));
    await assert.rejects(loadFleetDevices({ accountId: 'acc' }, d.deps), e => e === forbidden);
    assert.deepEqual(d.memory, {});
    assert.deepEqual(d.calls, ['legacy']);
  });

  it('legacy forces the legacy list even when it is refused; registrations never asks the legacy list', async () => {
    const l = deps('legacy', () => Promise.reject(unsupported));
    await assert.rejects(loadFleetDevices({ accountId: 'acc' }, l.deps), e => e === unsupported);
    const n = deps('registrations', () => Promise.reject(new Error('must not be called')));
    assert.equal((await loadFleetDevices({ accountId: 'acc' }, n.deps)).api, 'registrations');
    assert.deepEqual(n.calls, ['registrations']);
    const ok = deps('auto', async () => [{ id: 'L', name: 'L' }]);
    assert.deepEqual((await loadFleetDevices({ accountId: 'acc' }, ok.deps)).devices.map(x => [x.id, x.api]), [['L', 'legacy']]);
  });

  it('reads the setting safely and remembers per account', () => {
    assert.equal(normalizeDeviceApiSetting('registrations'), 'registrations');
    assert.equal(normalizeDeviceApiSetting('bogus'), 'auto');
    assert.equal(chooseDeviceApi('auto', undefined), 'legacy');
    assert.equal(chooseDeviceApi('auto', 'registrations'), 'registrations');
    assert.equal(chooseDeviceApi('legacy', 'registrations'), 'legacy');
  });
});

describe('devices: write outcomes after a lost answer (#13 item 3)', () => {
  const lost = new Error('socket hang up');
  const refused = new Error('400 · code 1 · bad id');
  const result = {
    succeeded: ['a'],
    failed: [{ ids: ['b'], error: refused }],
    unknown: [{ ids: ['c', 'd', 'e'], error: lost }],
  };

  it('judges every id of a lost chunk by what was read back, never as certain failure', () => {
    assert.deepEqual(unknownIds(result), ['c', 'd', 'e']);
    const back = new Map<string, ReadBack>([
      ['c', { exists: true, revoked: true }],
      ['d', { exists: true, revoked: false }],
      ['e', { exists: false }],
    ]);
    const o = resolveOutcome('revoke', result, back);
    assert.deepEqual(o.changed, ['a', 'c']);
    assert.deepEqual(o.unchanged.map(u => u.id), ['b', 'd']);
    assert.deepEqual(o.gone, ['e']);
    assert.deepEqual(o.unknown, []);
  });

  it('for delete, an id that no longer exists was deleted', () => {
    const o = resolveOutcome('delete', result, new Map<string, ReadBack>([['c', { exists: false }], ['d', { exists: true, revoked: false }], ['e', { exists: false }]]));
    assert.deepEqual(o.changed, ['a', 'c', 'e']);
    assert.deepEqual(o.unchanged.map(u => u.id), ['b', 'd']);
  });

  it('when reading back fails too, the lost ids stay unknown (not failed)', () => {
    const why = new Error('read back failed');
    const o = resolveOutcome('unrevoke', result, undefined, why);
    assert.deepEqual(o.changed, ['a']);
    assert.deepEqual(o.unchanged.map(u => u.id), ['b']);
    assert.deepEqual(o.unknown.map(u => [u.id, u.error]), [['c', why], ['d', why], ['e', why]]);
  });
});
