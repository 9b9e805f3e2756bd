import { strict as assert } from 'assert';
import {
  CloudflareApiError,
  CloudflareClient,
  deletePhysicalDevice,
  deleteRegistration,
  deleteRegistrations,
  getPhysicalDevice,
  getRegistration,
  getRegistrationOverrideCodes,
  isLegacyDevicesUnsupported,
  listDevices,
  listPhysicalDevices,
  listRegistrations,
  MAX_QUERY_CHARS,
  lastSeenRange,
  listInWindows,
  recencyWindows,
  timeWindows,
  type ListWarning,
  type Registration,
  revokePhysicalDevice,
  revokeRegistrations,
  unrevokeRegistrations,
  type ClientOptions,
} from '../../src/api';
import { CloudflareSimulator } from '../simulator/server';

/** The registrations and physical-devices API (multi-user mode) over real HTTP against the simulator. */
describe('Multi-user API: physical devices and registrations', function () {
  let sim: CloudflareSimulator;
  let acc: string;

  before(async () => {
    sim = await CloudflareSimulator.start({ multiUser: true, devices: 300, seed: 11 });
    acc = sim.accountId;
  });
  after(() => sim.close());
  beforeEach(() => sim.reset());

  function client(opts: Partial<ClientOptions> = {}) {
    return new CloudflareClient({ baseUrl: sim.baseUrl, credentials: () => ({ kind: 'token', token: sim.token }), sleep: async () => {}, ...opts });
  }
  const regPath = () => `/accounts/${acc}/devices/registrations`;
  const sent = (method: string, path: string) => sim.requests.filter(r => r.method === method && r.path === path);

  it('the legacy list is refused, and the refusal reads as "this account needs the registrations API"', async () => {
    const err = await listDevices(client(), acc).then(() => undefined, e => e);
    assert.ok(err instanceof CloudflareApiError, 'refused');
    assert.equal(isLegacyDevicesUnsupported(err), true);
  });

  it('lists every physical device once over cursor pages, with the SDK fields', async () => {
    const c = client();
    const all = await listPhysicalDevices(c, acc, { activeRegistrations: 'include' }, { perPage: 50 });
    assert.equal(all.length, sim.multi.devices.length);
    assert.equal(new Set(all.map(d => d.id)).size, all.length);
    const reqs = sent('GET', `/accounts/${acc}/devices/physical-devices`);
    assert.ok(reqs.length >= Math.ceil(all.length / 50), 'walked the cursor');
    assert.equal(reqs[0].query.active_registrations, 'include');
    for (const d of all.slice(0, 20)) {
      assert.equal(typeof d.active_registrations, 'number');
      assert.equal(typeof d.tags, 'object');
      assert.ok('last_seen_at' in d);
    }
    const one = await getPhysicalDevice(c, acc, all[0].id);
    assert.equal(one.id, all[0].id);
  });

  it('lists registrations with filters sent as the SDK sends them (device.id, status, include=policy)', async () => {
    const c = client();
    const device = sim.multi.devices.find(d => d.registrations.length > 1)!;
    const regs = await listRegistrations(c, acc, { deviceId: device.id, status: 'all', includePolicy: true });
    assert.deepEqual(regs.map(r => r.id).sort(), device.registrations.map(r => r.id).sort());
    assert.ok(regs.every(r => r.device.id === device.id && r.policy && typeof r.policy.name === 'string'));
    const q = sent('GET', regPath()).at(-1)!.query;
    assert.equal(q['device.id'], device.id);
    assert.equal(q.status, 'all');
    assert.equal(q.include, 'policy');
    const plain = await getRegistration(c, acc, regs[0].id);
    assert.equal(plain.id, regs[0].id);
    assert.equal(plain.policy, undefined, 'policy only with include=policy');
  });

  it('revokes and unrevokes with the ids in the query, in chunks that keep the URL short', async () => {
    const c = client();
    const active = (await listRegistrations(c, acc, {}, { perPage: 100 })).map(r => r.id);
    const ids = active.slice(0, 120);
    const chunks: number[] = [];
    const outcome = await revokeRegistrations(c, acc, ids, { onChunk: done => chunks.push(done) });
    assert.deepEqual(outcome.succeeded.sort(), [...ids].sort());
    assert.deepEqual(outcome.failed, []);
    assert.deepEqual(outcome.unknown, []);
    const posts = sent('POST', `${regPath()}/revoke`);
    assert.ok(posts.length >= 3, `${posts.length} chunks`);
    for (const p of posts) {
      const list = ([] as string[]).concat(p.query.id);
      assert.ok(list.length <= 50);
      assert.ok(new URLSearchParams(list.map(id => ['id', id])).toString().length <= MAX_QUERY_CHARS);
      assert.equal(p.body, undefined, 'ids go in the query, not a body');
    }
    assert.equal(chunks.at(-1), ids.length);
    const revoked = new Set((await listRegistrations(c, acc, { status: 'revoked' })).map(r => r.id));
    assert.ok(ids.every(id => revoked.has(id)));
    const back = await unrevokeRegistrations(c, acc, ids.slice(0, 10));
    assert.equal(back.succeeded.length, 10);
    const active2 = new Set((await listRegistrations(c, acc, { ids: ids.slice(0, 10) })).map(r => r.id));
    assert.equal(active2.size, 10);
  });

  it('refuses a blank id before anything is sent', async () => {
    await assert.rejects(revokeRegistrations(client(), acc, ['ok-looking-id', ' ']), RangeError);
    assert.equal(sim.requests.length, 0);
  });

  it('a refused chunk is reported as failed; the others as succeeded', async () => {
    const c = client();
    const ids = (await listRegistrations(c, acc, {}, { perPage: 100 })).slice(0, 100).map(r => r.id);
    sim.inject({ method: 'POST', path: `${regPath()}/revoke`, kind: 'status', status: 400, code: 1001, times: 1, skip: 1 });
    const outcome = await revokeRegistrations(c, acc, ids);
    assert.equal(outcome.failed.length, 1);
    assert.deepEqual(outcome.failed[0].ids, ids.slice(50, 100));
    assert.deepEqual(outcome.succeeded, ids.slice(0, 50));
  });

  it('deletes one registration, many in bulk (DELETE ?id=…), and a physical device', async () => {
    const c = client();
    const regs = await listRegistrations(c, acc, {}, { perPage: 100 });
    await deleteRegistration(c, acc, regs[0].id);
    assert.ok((await getRegistration(c, acc, regs[0].id)).deleted_at, 'deleted, still readable with deleted_at');
    const bulk = regs.slice(1, 6).map(r => r.id);
    const outcome = await deleteRegistrations(c, acc, bulk);
    assert.deepEqual(outcome.succeeded, bulk);
    const del = sent('DELETE', regPath()).at(-1)!;
    assert.deepEqual(([] as string[]).concat(del.query.id), bulk);
    const device = (await listPhysicalDevices(c, acc))[0];
    await revokePhysicalDevice(c, acc, device.id);
    const afterRevoke = await listRegistrations(c, acc, { deviceId: device.id, status: 'all' });
    assert.ok(afterRevoke.every(r => r.revoked_at || r.deleted_at), 'every registration of the device revoked');
    await deletePhysicalDevice(c, acc, device.id);
    const remaining = await listPhysicalDevices(c, acc, { activeRegistrations: 'include' });
    const gone = remaining.find(d => d.id === device.id);
    assert.ok(!gone || gone.deleted_at, 'a deleted device is not listed, or listed as deleted');
  });

  it('override codes of a registration come as an open map of durations', async () => {
    const c = client();
    const reg = (await listRegistrations(c, acc))[0];
    const codes = await getRegistrationOverrideCodes(c, acc, reg.id);
    const durations = Object.keys(codes.disable_for_time);
    assert.deepEqual(durations.sort(), [...sim.state.overrideDurations].sort());
    assert.ok(Object.values(codes.disable_for_time).every(v => typeof v === 'string' && v.length > 0));
  });

  it('lists registrations in parallel seen_after/seen_before windows: the same ids as the walk, each once', async () => {
    const c = client();
    const walk = await listRegistrations(c, acc, { status: 'all' }, { perPage: 100 });
    const range = await lastSeenRange(c, regPath(), { status: 'all' });
    assert.ok(range && range.to >= range.from);
    for (const windows of [timeWindows(range.from, range.to, 5), recencyWindows(range.from, range.to, 12)]) {
      const parallel = await listInWindows<Registration>(c, regPath(), windows, { query: { status: 'all' }, perPage: 100, concurrency: 4 });
      assert.equal(parallel.length, walk.length);
      assert.equal(new Set(parallel.map(r => r.id)).size, parallel.length);
      assert.deepEqual(new Set(parallel.map(r => r.id)), new Set(walk.map(r => r.id)));
    }
  });

  it('a cursor the API hands back twice stops the walk with a warning, each item once', async () => {
    sim.inject({ method: 'GET', path: regPath(), kind: 'repeatCursor' });
    const warnings: ListWarning[] = [];
    const regs = await listRegistrations(client(), acc, { status: 'all' }, { perPage: 50, onWarning: w => warnings.push(w) });
    assert.equal(new Set(regs.map(r => r.id)).size, regs.length, 'no registration twice');
    assert.ok(regs.length >= 50, 'kept what came');
    assert.equal(warnings.length, 1, 'said the list may be incomplete');
    assert.ok(sent('GET', regPath()).length <= 3, `stopped after ${sent('GET', regPath()).length} requests`);
  });
});
