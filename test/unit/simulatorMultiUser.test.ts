/**
 * The simulator's multi-user account: the deprecated endpoints refuse, physical devices and
 * registrations answer as the SDK v7 types say, with cursor paging, filters and writes.
 */
import { strict as assert } from 'assert';
import { CloudflareSimulator } from '../simulator/server';
import { call, walk } from './simHttp';

/** Keys of the SDK's DeviceListResponse (devices_.d.ts), without last_seen_registration (include only). */
const DEVICE_KEYS = ['active_registrations', 'client_version', 'created_at', 'deleted_at', 'device_type', 'hardware_id', 'id',
  'last_seen_at', 'last_seen_user', 'mac_address', 'manufacturer', 'model', 'name', 'os_version', 'os_version_extra',
  'public_ip', 'serial_number', 'tags', 'updated_at'];
/** Keys of the SDK's RegistrationListResponse (registrations.d.ts), without policy (include only). */
const REG_KEYS = ['created_at', 'deleted_at', 'device', 'id', 'key', 'key_type', 'last_seen_at', 'registration_type',
  'revoked_at', 'tunnel_type', 'updated_at', 'user', 'virtual_ipv4', 'virtual_ipv6'];

describe('simulator: multi-user account', () => {
  let sim: CloudflareSimulator;
  let A: string;

  before(async () => {
    sim = await CloudflareSimulator.start({ multiUser: true, devices: 300, seed: 3 });
    A = `/accounts/${sim.accountId}/devices`;
  });
  beforeEach(() => sim.reset());
  after(() => sim.close());

  it('refuses every deprecated device endpoint with the seed pages\' wording', async () => {
    const id = sim.state.devices[0].id;
    const answers = [
      await call(sim, 'GET', A),
      await call(sim, 'GET', `${A}/${id}`),
      await call(sim, 'POST', `${A}/revoke`, { body: [id] }),
      await call(sim, 'POST', `${A}/unrevoke`, { body: [id] }),
      await call(sim, 'GET', `${A}/${id}/override_codes`),
    ];
    for (const a of answers) {
      assert.equal(a.status, 400);
      assert.match(a.json.errors[0].message, /not supported when multi-user mode is enabled for the account/);
    }
  });

  it('has shared machines: devices with several registrations of different users, some revoked or deleted', () => {
    const shared = sim.multi.devices.filter(d => d.registrations.length > 1);
    assert.ok(shared.length > 5, `${shared.length} shared devices`);
    assert.ok(shared.some(d => new Set(d.registrations.map(r => r.user?.id)).size > 1));
    assert.ok(sim.multi.registrations.some(r => r.revoked_at && !r.deleted_at));
    assert.ok(sim.multi.registrations.some(r => r.deleted_at));
    assert.ok(sim.multi.devices.some(d => d.deleted_at));
  });

  it('lists physical devices with exactly the SDK fields; last_seen_registration only with include', async () => {
    const r = await call(sim, 'GET', `${A}/physical-devices?per_page=5`);
    assert.equal(r.status, 200);
    for (const d of r.json.result) assert.deepEqual(Object.keys(d).sort(), DEVICE_KEYS);
    assert.deepEqual(Object.keys(r.json.result_info).sort(), ['count', 'cursor', 'per_page']);
    const w = await call(sim, 'GET', `${A}/physical-devices?per_page=5&include=last_seen_registration.policy`);
    assert.ok(w.json.result.every((d: { last_seen_registration: { policy: { id: string } } }) => d.last_seen_registration.policy.id));
    assert.equal((await call(sim, 'GET', `${A}/physical-devices?include=registrations`)).status, 400);
  });

  it('active_registrations defaults to only; include and exclude show the rest, deleted devices too', async () => {
    const only = (await walk(sim, `${A}/physical-devices`, 100)).items as { id: string; active_registrations: number }[];
    const all = (await walk(sim, `${A}/physical-devices?active_registrations=include`, 100)).items;
    const none = (await walk(sim, `${A}/physical-devices?active_registrations=exclude`, 100)).items as { active_registrations: number; deleted_at: string | null }[];
    assert.equal(all.length, sim.multi.devices.length);
    assert.ok(only.every(d => d.active_registrations > 0));
    assert.ok(none.length > 0 && none.every(d => d.active_registrations === 0));
    assert.ok(none.some(d => d.deleted_at !== null));
    assert.equal(only.length + none.length, all.length);
  });

  it('walks by cursor: every device once; a full last page is followed by an empty one', async () => {
    const n = sim.multi.devices.length; // 300: per_page 100 ends on a full page
    const { items, pages } = await walk(sim, `${A}/physical-devices?active_registrations=include`, 100);
    assert.equal(new Set(items.map(d => d.id)).size, n);
    assert.equal(pages, 4, 'three full pages, then an empty one with an empty cursor');
  });

  it('keeps a walk whole while registrations are revoked under it (keyset cursor)', async () => {
    const first = await call(sim, 'GET', `${A}/registrations?per_page=50`);
    const expected = (await walk(sim, `${A}/registrations?status=all`, 500)).items.map(r => r.id);
    // Revoke five registrations of the first page: the default list (active) shrinks behind the cursor.
    const ids = first.json.result.slice(0, 5).map((r: { id: string }) => r.id);
    assert.equal((await call(sim, 'POST', `${A}/registrations/revoke?${ids.map((i: string) => `id=${i}`).join('&')}`)).status, 200);
    const rest = await walk(sim, `${A}/registrations`, 50, first.json.result_info.cursor);
    const seen = [...first.json.result.map((r: { id: string }) => r.id), ...rest.items.map(r => r.id)];
    const active = new Set(sim.multi.registrations.filter(r => !r.deleted_at && (!r.revoked_at || ids.includes(r.id))).map(r => r.id));
    assert.deepEqual(seen, expected.filter(id => active.has(id)), 'nothing skipped, nothing twice');
  });

  it('fault repeatCursor: given a cursor, answers that page with the same cursor again', async () => {
    const first = await call(sim, 'GET', `${A}/registrations?per_page=10`);
    sim.inject({ path: `${A}/registrations`, kind: 'repeatCursor' });
    const cursor = first.json.result_info.cursor;
    const second = await call(sim, 'GET', `${A}/registrations?per_page=10&cursor=${cursor}`);
    const third = await call(sim, 'GET', `${A}/registrations?per_page=10&cursor=${second.json.result_info.cursor}`);
    assert.equal(second.json.result_info.cursor, cursor);
    assert.deepEqual(third.json.result, second.json.result);
  });

  it('refuses per_page outside 1..1000, an invalid cursor and unknown filter values', async () => {
    for (const q of ['per_page=0', 'per_page=1001', 'cursor=%%%', 'cursor=bm90LWpzb24', 'active_registrations=some',
      'sort_by=color', 'sort_order=up', 'seen_after=yesterday', 'tag=novalue']) {
      assert.equal((await call(sim, 'GET', `${A}/physical-devices?${q}`)).status, 400, q);
    }
    for (const q of ['status=deleted', 'sort_by=name', 'registration_type=app', 'include=device']) {
      assert.equal((await call(sim, 'GET', `${A}/registrations?${q}`)).status, 400, q);
    }
  });

  it('filters and sorts physical devices as the SDK params say', async () => {
    const target = sim.multi.devices.find(d => !d.deleted_at && d.tags.site)!;
    const byId = await call(sim, 'GET', `${A}/physical-devices?id=${target.id}&active_registrations=include`);
    assert.deepEqual(byId.json.result.map((d: { id: string }) => d.id), [target.id]);
    const search = await call(sim, 'GET', `${A}/physical-devices?search=${encodeURIComponent(target.name.toLowerCase())}&active_registrations=include`);
    assert.ok(search.json.result.some((d: { id: string }) => d.id === target.id));
    const tagged = (await walk(sim, `${A}/physical-devices?tag=site:${target.tags.site}&active_registrations=include`, 100)).items as { tags: Record<string, string> }[];
    assert.ok(tagged.length > 0 && tagged.every(d => d.tags.site === target.tags.site));
    const byName = (await walk(sim, `${A}/physical-devices?sort_by=name&sort_order=desc`, 70)).items as { name: string }[];
    assert.deepEqual(byName.map(d => d.name), [...byName.map(d => d.name)].sort().reverse());
    const cutoff = new Date(sim.state.now - 7 * 86_400_000).toISOString();
    const recent = (await walk(sim, `${A}/physical-devices?seen_after=${cutoff}`, 100)).items as { last_seen_at: string }[];
    assert.ok(recent.length > 0 && recent.every(d => d.last_seen_at > cutoff));
  });

  it('lists registrations: status defaults to active, device.id, user.id (repeated), include=policy only when asked', async () => {
    const def = (await walk(sim, `${A}/registrations`, 200)).items as { revoked_at: string | null; deleted_at: string | null }[];
    assert.ok(def.every(r => r.revoked_at === null && r.deleted_at === null));
    assert.equal(def.length, sim.multi.registrations.filter(r => !r.revoked_at && !r.deleted_at).length);
    const revoked = (await walk(sim, `${A}/registrations?status=revoked`, 200)).items as { revoked_at: string | null }[];
    assert.ok(revoked.length > 0 && revoked.every(r => r.revoked_at !== null));
    const dev = sim.multi.devices.find(d => d.registrations.length > 2)!;
    const ofDevice = await call(sim, 'GET', `${A}/registrations?device.id=${dev.id}&status=all`);
    assert.deepEqual(ofDevice.json.result.map((r: { id: string }) => r.id), dev.registrations.map(r => r.id));
    for (const r of ofDevice.json.result) assert.deepEqual(Object.keys(r).sort(), REG_KEYS);
    const users = [dev.registrations[0].user!.id!, dev.registrations[1].user!.id!];
    const ofUsers = (await walk(sim, `${A}/registrations?status=all&user.id=${users[0]}&user.id=${users[1]}`, 200)).items as { user: { id: string } }[];
    assert.ok(ofUsers.length >= 2 && ofUsers.every(r => users.includes(r.user.id)));
    const withPolicy = await call(sim, 'GET', `${A}/registrations?device.id=${dev.id}&include=policy`);
    for (const r of withPolicy.json.result) assert.deepEqual(Object.keys(r.policy).sort(), ['default', 'deleted', 'id', 'name', 'updated_at']);
    const byEmail = (await walk(sim, `${A}/registrations?sort_by=user.email`, 200)).items as { user: { email: string } }[];
    assert.deepEqual(byEmail.map(r => r.user.email), [...byEmail.map(r => r.user.email)].sort());
  });

  it('revokes and unrevokes registrations by query ids; revoke keeps virtual IPs; an unknown id changes nothing', async () => {
    const [a, b] = sim.multi.registrations.filter(r => !r.revoked_at && !r.deleted_at);
    const revoke = await call(sim, 'POST', `${A}/registrations/revoke?id=${a.id}&id=${b.id}`);
    assert.equal(revoke.status, 200);
    assert.equal(revoke.json.result, null);
    assert.ok(a.revoked_at && b.revoked_at);
    assert.ok(a.virtual_ipv4, 'revoke does not release the virtual IP');
    const got = await call(sim, 'GET', `${A}/registrations/${a.id}`);
    assert.equal(got.json.result.revoked_at, a.revoked_at);
    assert.equal((await call(sim, 'POST', `${A}/registrations/unrevoke?id=${a.id}&id=00000000-0000-4000-8000-000000000000`)).status, 404);
    assert.ok(a.revoked_at, 'all or nothing');
    assert.equal((await call(sim, 'POST', `${A}/registrations/unrevoke?id=${a.id}`)).status, 200);
    assert.equal(a.revoked_at, null);
    assert.equal((await call(sim, 'POST', `${A}/registrations/revoke`)).status, 400, 'no id');
  });

  it('takes 200 ids in one revoke URL, and answers a URL over 16 KB with the edge\'s 414', async () => {
    const regs = sim.multi.registrations.filter(r => !r.deleted_at && !r.revoked_at).slice(0, 200);
    assert.equal(regs.length, 200);
    const ok = await call(sim, 'POST', `${A}/registrations/revoke?${regs.map(r => `id=${r.id}`).join('&')}`);
    assert.equal(ok.status, 200);
    const long = `${A}/registrations/revoke?${Array.from({ length: 450 }, (_, i) => `id=${regs[i % 200].id}`).join('&')}`;
    assert.ok(long.length > 16 * 1024);
    const refused = await call(sim, 'POST', long);
    assert.equal(refused.status, 414);
    assert.match(refused.text, /414/);
  });

  it('deletes registrations one by one and in bulk: deleted_at set, virtual IPs released, a second delete is 404', async () => {
    const [a, b, c] = sim.multi.registrations.filter(r => !r.deleted_at);
    assert.equal((await call(sim, 'DELETE', `${A}/registrations/${a.id}`)).status, 200);
    assert.ok(a.deleted_at);
    assert.equal(a.virtual_ipv4, null);
    assert.equal((await call(sim, 'DELETE', `${A}/registrations/${a.id}`)).status, 404);
    assert.equal((await call(sim, 'GET', `${A}/registrations/${a.id}`)).json.result.deleted_at, a.deleted_at);
    assert.equal((await call(sim, 'DELETE', `${A}/registrations?id=${b.id}&id=${c.id}`)).status, 200);
    assert.ok(b.deleted_at && c.deleted_at);
    assert.equal((await call(sim, 'POST', `${A}/registrations/revoke?id=${b.id}`)).status, 404, 'a deleted registration is not revoked');
  });

  it('revokes every registration of a physical device, and deletes the device', async () => {
    const d = sim.multi.devices.find(x => !x.deleted_at && x.registrations.filter(r => !r.revoked_at && !r.deleted_at).length > 1)!;
    assert.equal((await call(sim, 'POST', `${A}/physical-devices/${d.id}/revoke`)).status, 200);
    const got = await call(sim, 'GET', `${A}/physical-devices/${d.id}`);
    assert.equal(got.json.result.active_registrations, 0);
    assert.ok(d.registrations.every(r => r.revoked_at || r.deleted_at));
    assert.equal((await call(sim, 'DELETE', `${A}/physical-devices/${d.id}`)).status, 200);
    assert.ok(d.deleted_at && d.registrations.every(r => r.deleted_at && r.virtual_ipv4 === null));
    assert.equal((await call(sim, 'DELETE', `${A}/physical-devices/${d.id}`)).status, 404);
    assert.equal((await call(sim, 'GET', `${A}/physical-devices/00000000-0000-4000-8000-000000000000`)).status, 404);
  });

  it('answers registration override codes as an open map of durations', async () => {
    const r = sim.multi.registrations.find(x => !x.deleted_at)!;
    const five = await call(sim, 'GET', `${A}/registrations/${r.id}/override_codes`);
    assert.deepEqual(Object.keys(five.json.result.disable_for_time).sort(), ['1', '12', '24', '3', '6']);
    sim.state.overrideDurations = ['2', '48'];
    const other = await call(sim, 'GET', `${A}/registrations/${r.id}/override_codes`);
    assert.deepEqual(Object.keys(other.json.result.disable_for_time).sort(), ['2', '48']);
    for (const code of Object.values(other.json.result.disable_for_time)) assert.match(String(code), /^\d{7}$/);
  });
});

describe('simulator: multi-user ids', () => {
  it('never hands out an id twice, even where random streams meet (seed 1, 10,000 devices had a collision)', async () => {
    const sim = await CloudflareSimulator.start({ multiUser: true, devices: 10_000, seed: 1 });
    try {
      const regIds = sim.multi.registrations.map(r => r.id);
      const devIds = sim.multi.devices.map(d => d.id);
      assert.equal(new Set(regIds).size, regIds.length, 'registration ids');
      assert.equal(new Set([...regIds, ...devIds]).size, regIds.length + devIds.length, 'device ids never equal a registration id');
    } finally {
      await sim.close();
    }
  });
});

describe('simulator: a single-user account answers both device APIs', () => {
  it('shows a legacy revoke on the registration of the same id, and the other way round', async () => {
    const sim = await CloudflareSimulator.start({ devices: 40, seed: 4 });
    try {
      const A = `/accounts/${sim.accountId}/devices`;
      const d = sim.state.devices.find(x => !x.revoked_at && !x.deleted)!;
      assert.equal(sim.multi.devices.length, 40);
      assert.ok(sim.multi.devices.every(p => p.registrations.length === 1), 'one registration per device');
      assert.equal((await call(sim, 'POST', `${A}/revoke`, { body: [d.id] })).status, 200);
      assert.ok((await call(sim, 'GET', `${A}/registrations/${d.id}`)).json.result.revoked_at);
      assert.equal((await call(sim, 'POST', `${A}/registrations/unrevoke?id=${d.id}`)).status, 200);
      const legacy = await call(sim, 'GET', `${A}?per_page=100`);
      assert.equal(legacy.json.result.find((x: { id: string }) => x.id === d.id).revoked_at, undefined);
    } finally {
      await sim.close();
    }
  });
});
