import { strict as assert } from 'assert';
import { CloudflareClient, PageSizes } from '../../src/api';
import { joinPhysical, type FleetDevice } from '../../src/model/fleetDevice';
import { loadLegacyFleet } from '../../src/model/fleetLoad';
import type { LoadContext } from '../../src/model/loadable';
import { listAllRegistrations, refreshRegistrations, type RegistrationsSnapshot } from '../../src/model/registrationsRefresh';
import { checkIn, enrolDevice } from '../simulator/changes';
import { CloudflareSimulator } from '../simulator/server';
import { call } from './simHttp';

/**
 * #17 item 3: a refresh of a multi-user account asks only for what changed, over real HTTP against
 * the simulator, and what it holds afterwards is what a full listing would show — after new devices,
 * check-ins, revocations, unrevocations and deletions made by someone else.
 */
describe('Scale: incremental refresh (registrations API)', function () {
  this.timeout(60_000);
  let sim: CloudflareSimulator;
  let acc: string;

  before(async () => {
    sim = await CloudflareSimulator.start({ devices: 600, seed: 23, multiUser: true });
    acc = sim.accountId;
  });
  after(() => sim.close());
  beforeEach(() => sim.reset());

  const client = () => new CloudflareClient({ baseUrl: sim.baseUrl, credentials: () => ({ kind: 'token', token: sim.token }), sleep: async () => {} });
  const A = () => `/accounts/${acc}/devices`;
  /** What the Devices view derives from a snapshot: each device's status and each registration's state. */
  const view = (s: RegistrationsSnapshot) =>
    joinPhysical([...s.devices.values()], [...s.registrations.values()])
      .map(d => `${d.id} ${d.status} ${(d.registrations ?? []).map(r => `${r.id}:${r.revokedAt ? 'R' : ''}${r.deletedAt ? 'D' : ''}`).sort().join(',')}`)
      .sort();
  const truth = async () => view(await listAllRegistrations(client(), acc, { pageSizes: new PageSizes() }));
  const requests = () => sim.requests.filter(r => r.method === 'GET').length;

  async function first() {
    const sizes = new PageSizes();
    const c = client();
    const r = await refreshRegistrations(c, undefined, acc, { pageSizes: sizes });
    assert.equal(r.kind, 'full');
    return { c, sizes, snap: r.snapshot };
  }

  it('an unchanged fleet costs four requests and holds what a full listing holds', async () => {
    const { c, sizes, snap } = await first();
    sim.clearRequests();
    const r = await refreshRegistrations(c, snap, acc, { pageSizes: sizes });
    assert.equal(r.kind, 'incremental');
    assert.equal(requests(), 4, 'seen since, revoked, without an active registration: one page each here');
    assert.deepEqual(view(r.snapshot), await truth());
  });

  it('misses nothing: a new device, a check-in, a revoke, an unrevoke, a deleted device, a revoked registration deleted', async () => {
    const { c, sizes, snap } = await first();
    const m = sim.multi;
    const live = m.registrations.filter(r => !r.revoked_at && !r.deleted_at);
    const revokedOnes = m.registrations.filter(r => r.revoked_at && !r.deleted_at);
    assert.ok(revokedOnes.length >= 2, 'the fleet has revoked registrations to work with');
    // Someone else, between two refreshes:
    const fresh = enrolDevice(m, Date.now(), 23);
    checkIn(m, live[5].id, Date.now());
    assert.equal((await call(sim, 'POST', `${A()}/registrations/revoke?id=${live[10].id}`)).status, 200);
    assert.equal((await call(sim, 'POST', `${A()}/registrations/unrevoke?id=${revokedOnes[0].id}`)).status, 200);
    assert.equal((await call(sim, 'DELETE', `${A()}/registrations/${revokedOnes[1].id}`)).status, 200);
    const gone = m.devices.find(d => !d.deleted_at && d.registrations.length === 1 && d.registrations[0].id !== live[10].id && d.registrations[0].id !== live[5].id)!;
    assert.equal((await call(sim, 'DELETE', `${A()}/physical-devices/${gone.id}`)).status, 200);

    sim.clearRequests();
    const r = await refreshRegistrations(c, snap, acc, { pageSizes: sizes });
    assert.equal(r.kind, 'incremental');
    const held = view(r.snapshot);
    assert.deepEqual(held, await truth(), 'the same as a full listing');
    assert.ok(held.some(line => line.startsWith(`${fresh.id} active`)), 'the new device');
    assert.ok(held.some(line => line.includes(`${live[10].id}:R`)), 'the revoked one');
    assert.ok(held.some(line => line.includes(`${revokedOnes[0].id}:,`) || line.endsWith(`${revokedOnes[0].id}:`)), 'the unrevoked one');
    assert.ok(held.some(line => line.includes(`${revokedOnes[1].id}:RD`)), 'the deleted revoked one');
    assert.ok(held.some(line => line.startsWith(`${gone.id} deleted`)), 'the deleted device');
    assert.equal(r.snapshot.registrations.get(live[5].id)?.last_seen_at, m.registrationById.get(live[5].id)?.last_seen_at, 'the check-in');
  });

  it('a registration deleted beside another active one is caught by the full listing, which comes within fullEveryMs', async () => {
    const { c, sizes, snap } = await first();
    const shared = sim.multi.devices.find(d => d.registrations.filter(r => !r.revoked_at && !r.deleted_at).length >= 2);
    assert.ok(shared, 'a device with two active registrations');
    const victim = shared.registrations.find(r => !r.revoked_at && !r.deleted_at)!;
    assert.equal((await call(sim, 'DELETE', `${A()}/registrations/${victim.id}`)).status, 200);
    let clock = Date.now();
    const soon = await refreshRegistrations(c, snap, acc, { pageSizes: sizes, now: () => clock, fullEveryMs: 60_000 });
    assert.equal(soon.kind, 'incremental');
    clock += 60_000;
    const later = await refreshRegistrations(c, soon.snapshot, acc, { pageSizes: sizes, now: () => clock, fullEveryMs: 60_000 });
    assert.equal(later.kind, 'full');
    assert.ok(later.snapshot.registrations.get(victim.id)?.deleted_at, 'deleted once the full listing ran');
    assert.deepEqual(view(later.snapshot), await truth());
  });

  it('lists in full again for another account, or without a previous snapshot', async () => {
    const { c, sizes, snap } = await first();
    const other = await refreshRegistrations(c, { ...snap, accountId: 'f'.repeat(32) }, acc, { pageSizes: sizes });
    assert.equal(other.kind, 'full');
  });
});

/**
 * #17 item 3 for the legacy list: GET /devices takes no filter or order (its page, seed 001, documents
 * page and per_page only; SDK v7 DeviceListParams holds only account_id), so a refresh cannot ask for
 * what changed. It lists in full, at the largest page, and must then show exactly what Cloudflare holds.
 */
describe('Scale: refresh of the legacy device list', function () {
  this.timeout(60_000);
  let sim: CloudflareSimulator;

  before(async () => {
    sim = await CloudflareSimulator.start({ devices: 2_500, seed: 31 });
  });
  after(() => sim.close());
  beforeEach(() => sim.reset());

  const client = () => new CloudflareClient({ baseUrl: sim.baseUrl, credentials: () => ({ kind: 'token', token: sim.token }), sleep: async () => {} });
  const context = (c: CloudflareClient): LoadContext<FleetDevice[]> => ({
    client: c, accountId: sim.accountId, pageSize: 100, signal: new AbortController().signal, fresh: false,
    progress: () => undefined, partial: () => undefined,
  });
  /** What the Devices view shows of each device: id, status and last seen. */
  const shown = (devices: readonly { id: string; revoked_at?: string; deleted?: boolean; last_seen?: string }[]) =>
    devices.map(d => `${d.id} ${d.deleted ? 'deleted' : d.revoked_at ? 'revoked' : 'active'} ${d.last_seen ?? ''}`).sort();

  it('lists in full at each refresh, asking only page and per_page, and misses nothing: new, checked-in, revoked, unrevoked and removed devices', async () => {
    const c = client();
    const before = await loadLegacyFleet(context(c));
    assert.equal(before.length, 2_500);
    const held = sim.state.devices;
    // Someone else, between two refreshes:
    const fresh = { ...held[0], id: 'f0000000-0000-4000-8000-00000000beef', name: 'NEW-LT-0001', last_seen: new Date().toISOString() };
    held.push(fresh);
    const checkedIn = held[7];
    checkedIn.last_seen = new Date().toISOString();
    const toRevoke = held.find(d => !d.revoked_at && d !== checkedIn)!;
    const toUnrevoke = held.find(d => d.revoked_at)!;
    assert.equal((await call(sim, 'POST', `/accounts/${sim.accountId}/devices/revoke`, { body: [toRevoke.id] })).status, 200);
    assert.equal((await call(sim, 'POST', `/accounts/${sim.accountId}/devices/unrevoke`, { body: [toUnrevoke.id] })).status, 200);
    const removed = held.splice(100, 1)[0];

    sim.clearRequests();
    const after = await loadLegacyFleet(context(c));
    const lists = sim.requests.filter(r => r.method === 'GET' && r.path.endsWith('/devices'));
    assert.equal(lists.length, 3, '2,500 devices at 1,000 a page');
    for (const r of lists) assert.deepEqual(Object.keys(r.query).sort(), ['page', 'per_page'], 'no filter or order the list does not document');
    assert.deepEqual(shown(after), shown(sim.state.devices), 'what Cloudflare holds now');
    const line = (id: string) => shown(after).find(l => l.startsWith(`${id} `));
    assert.ok(line(fresh.id), 'the new device');
    assert.ok(line(checkedIn.id)?.endsWith(checkedIn.last_seen!), 'the check-in');
    assert.match(line(toRevoke.id) ?? '', / revoked /, 'the revoked one');
    assert.match(line(toUnrevoke.id) ?? '', / active /, 'the unrevoked one');
    assert.equal(line(removed.id), undefined, 'the removed one is gone, not resurrected');
  });
});
