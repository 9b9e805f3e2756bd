/**
 * Fidelity check against a client nobody here wrote: the official `cloudflare` SDK runs every call
 * the extension needs against the simulator and reads back what it wrote. If the SDK rejects
 * something here, the simulator is wrong, not this test.
 */
import { strict as assert } from 'assert';
import Cloudflare from 'cloudflare';
import { CloudflareSimulator } from '../simulator/server';

/** The SDK types single results as `T | null`; the simulator must always send one. */
function must<T>(value: T | null | undefined): T {
  assert.ok(value !== null && value !== undefined, 'the SDK got a null result');
  return value;
}

describe('simulator fidelity: the official cloudflare SDK', () => {
  let sim: CloudflareSimulator;
  let cf: Cloudflare;
  let account_id: string;

  before(async () => {
    sim = await CloudflareSimulator.start({ devices: 60, seed: 7 });
    account_id = sim.accountId;
    // Explicit nulls: a developer's CLOUDFLARE_EMAIL / CLOUDFLARE_API_KEY must not leak into the run.
    cf = new Cloudflare({ apiToken: sim.token, baseURL: sim.baseUrl, maxRetries: 0, apiEmail: null, apiKey: null, userServiceKey: null });
  });

  after(() => sim.close());

  it('verifies the token and lists the accounts', async () => {
    const verified = await cf.user.tokens.verify();
    assert.equal(verified.status, 'active');
    assert.match(verified.id, /^[0-9a-f]{32}$/);
    const names: string[] = [];
    for await (const a of cf.accounts.list({ per_page: 5 })) names.push(a.name);
    assert.deepEqual(names, ['Acme Corp', 'Acme Labs']);
  });

  it('lists devices (one page of 20) and gets one', async () => {
    const page = await cf.zeroTrust.devices.list({ account_id });
    assert.equal(page.result.length, 20);
    assert.deepEqual(page.result.map(d => d.id), sim.state.devices.slice(0, 20).map(d => d.id));
    const first = sim.state.devices[0];
    const device = must(await cf.zeroTrust.devices.get(first.id, { account_id }));
    assert.equal(device.id, first.id);
    assert.equal(device.name, first.name);
    assert.equal(device.key_type, 'curve25519');
    assert.equal(device.account?.id, account_id);
    assert.equal(device.user?.email, first.user?.email);
  });

  it('revokes and unrevokes devices (bare array body) and reads the result back', async () => {
    const ids = sim.state.devices.filter(d => !d.revoked_at).slice(0, 2).map(d => d.id);
    await cf.zeroTrust.devices.revoke.create({ account_id, body: ids });
    let page = await cf.zeroTrust.devices.list({ account_id });
    for (const id of ids) assert.ok(page.result.find(d => d.id === id)?.revoked_at, `${id} revoked`);
    await cf.zeroTrust.devices.unrevoke.create({ account_id, body: ids });
    page = await cf.zeroTrust.devices.list({ account_id });
    for (const id of ids) assert.equal(page.result.find(d => d.id === id)?.revoked_at, undefined);
  });

  it('pages registrations by cursor and revokes them by query ids', async () => {
    const ids: string[] = [];
    for await (const r of cf.zeroTrust.devices.registrations.list({ account_id, per_page: 25, status: 'all' })) ids.push(r.id);
    assert.deepEqual(ids, sim.state.devices.map(d => d.id));
    const target = sim.state.devices.find(d => !d.revoked_at)!.id;
    await cf.zeroTrust.devices.registrations.revoke({ account_id, id: [target] });
    assert.ok(sim.state.devices.find(d => d.id === target)?.revoked_at);
    await cf.zeroTrust.devices.registrations.unrevoke({ account_id, id: [target] });
    assert.equal(sim.state.devices.find(d => d.id === target)?.revoked_at, undefined);
  });

  it('gets override codes', async () => {
    const codes = must(await cf.zeroTrust.devices.overrideCodes.list(sim.state.devices[0].id, { account_id }));
    const t = codes.disable_for_time ?? {};
    for (const h of ['1', '3', '6', '12', '24'] as const) assert.match(t[h] ?? '', /^\d{7}$/);
  });

  it('gets and edits the default profile', async () => {
    const before = must(await cf.zeroTrust.devices.policies.default.get({ account_id }));
    assert.equal(before.default, true);
    assert.ok(before.policy_id);
    const edited = must(await cf.zeroTrust.devices.policies.default.edit({ account_id, captive_portal: 300, switch_locked: true }));
    assert.equal(edited.captive_portal, 300);
    const after = must(await cf.zeroTrust.devices.policies.default.get({ account_id }));
    assert.equal(after.captive_portal, 300);
    assert.equal(after.switch_locked, true);
  });

  it('creates, gets, edits, lists and deletes a custom profile', async () => {
    const created = must(await cf.zeroTrust.devices.policies.custom.create({
      account_id, name: 'SDK Test', match: 'identity.email == "sdk@acme.com"', precedence: 500, description: 'from the SDK',
    }));
    const id = created.policy_id!;
    assert.ok(id);
    const dflt = await cf.zeroTrust.devices.policies.default.excludes.get({ account_id });
    assert.deepEqual(created.exclude, dflt.result, 'a new profile starts with the default exclude list');
    const got = must(await cf.zeroTrust.devices.policies.custom.get(id, { account_id }));
    assert.equal(got.name, 'SDK Test');
    const edited = must(await cf.zeroTrust.devices.policies.custom.edit(id, { account_id, description: 'edited', tunnel_protocol: 'masque' }));
    assert.equal(edited.description, 'edited');
    assert.equal(edited.tunnel_protocol, 'masque');
    const list = await cf.zeroTrust.devices.policies.custom.list({ account_id });
    assert.ok(list.result.some(p => p.policy_id === id && p.description === 'edited'));
    assert.ok(list.result.some(p => p.default === true));
    const remaining = await cf.zeroTrust.devices.policies.custom.delete(id, { account_id });
    assert.ok(!remaining.result.some(p => p.policy_id === id));
    assert.equal(remaining.result.length, sim.state.customProfiles.length + 1);
  });

  it('reads and replaces the default profile lists', async () => {
    const d = cf.zeroTrust.devices.policies.default;
    const excl = [{ address: '10.0.0.0/8', description: 'RFC 1918' }, { host: '*.internal.acme.com' }];
    assert.deepEqual((await d.excludes.update({ account_id, body: excl })).result, excl);
    assert.deepEqual((await d.excludes.get({ account_id })).result, excl);
    const incl = [{ address: '192.0.2.0/24' }, { host: 'intranet.acme.com', description: 'Intranet' }];
    assert.deepEqual((await d.includes.update({ account_id, body: incl })).result, incl);
    assert.deepEqual((await d.includes.get({ account_id })).result, incl);
    const domains = [{ suffix: 'corp.acme.com', dns_server: ['10.0.0.53'], description: 'Corp' }, { suffix: 'local' }];
    assert.deepEqual((await d.fallbackDomains.update({ account_id, domains })).result, domains);
    assert.deepEqual((await d.fallbackDomains.get({ account_id })).result, domains);
  });

  it('reads and replaces a custom profile lists', async () => {
    const id = sim.state.customProfiles[0].policy_id!;
    const c = cf.zeroTrust.devices.policies.custom;
    const excl = [{ address: 'fd00::/8' }, { host: 'example.com' }];
    assert.deepEqual((await c.excludes.update(id, { account_id, body: excl })).result, excl);
    assert.deepEqual((await c.excludes.get(id, { account_id })).result, excl);
    const incl = [{ address: '203.0.113.7' }];
    assert.deepEqual((await c.includes.update(id, { account_id, body: incl })).result, incl);
    assert.deepEqual((await c.includes.get(id, { account_id })).result, incl);
    const domains = [{ suffix: 'lab.acme.com', dns_server: ['10.9.0.53', 'fd00::53'] }];
    assert.deepEqual((await c.fallbackDomains.update(id, { account_id, domains })).result, domains);
    assert.deepEqual((await c.fallbackDomains.get(id, { account_id })).result, domains);
  });

  it('gets and edits zone certificate provisioning', async () => {
    const zone_id = sim.state.zones[0].id;
    const c = cf.zeroTrust.devices.policies.default.certificates;
    assert.equal(must(await c.get({ zone_id })).enabled, false);
    assert.equal(must(await c.edit({ zone_id, enabled: true })).enabled, true);
    assert.equal(must(await c.get({ zone_id })).enabled, true);
    const zones: string[] = [];
    for await (const z of cf.zones.list({ account: { id: account_id }, per_page: 5 })) zones.push(z.id);
    assert.ok(zones.includes(zone_id));
  });

  it('lists IP profiles across pages', async () => {
    const names: string[] = [];
    for await (const p of cf.zeroTrust.devices.ipProfiles.list({ account_id, per_page: 2 })) names.push(p.name);
    assert.deepEqual(names, sim.state.ipProfiles.map(p => p.name));
  });

  it('lists WARP Connector tunnels and their connections', async () => {
    const tunnels = [];
    for await (const t of cf.zeroTrust.tunnels.warpConnector.list({ account_id, is_deleted: false, per_page: 2 })) tunnels.push(t);
    assert.equal(tunnels.length, sim.state.tunnels.filter(t => !t.deleted_at).length);
    const healthy = tunnels.find(t => t.status === 'healthy')!;
    assert.equal(healthy.tun_type, 'warp_connector');
    const conns = await cf.zeroTrust.tunnels.warpConnector.connections.get(healthy.id!, { account_id });
    assert.deepEqual(conns.result.map(c => c.ha_status).sort(), ['active', 'passive']);
    assert.ok(conns.result.every(c => (c.conns ?? []).every(x => x.colo_name && x.client_id === c.id)));
    const inactive = tunnels.find(t => t.status === 'inactive')!;
    assert.deepEqual((await cf.zeroTrust.tunnels.warpConnector.connections.get(inactive.id!, { account_id })).result, []);
  });

  it('surfaces Cloudflare errors as the SDK expects (status + errors)', async () => {
    await assert.rejects(cf.zeroTrust.devices.get('00000000-0000-4000-8000-000000000000', { account_id }),
      (e: unknown) => e instanceof Cloudflare.NotFoundError && e.status === 404);
    await assert.rejects(cf.zeroTrust.devices.policies.default.excludes.update({ account_id, body: [{ address: '10.0.0.0/8', host: 'x.com' } as never] }),
      (e: unknown) => e instanceof Cloudflare.BadRequestError);
  });
});

describe('simulator fidelity: the official cloudflare SDK on a multi-user account', () => {
  let sim: CloudflareSimulator;
  let cf: Cloudflare;
  let account_id: string;

  before(async () => {
    sim = await CloudflareSimulator.start({ multiUser: true, devices: 120, seed: 11 });
    account_id = sim.accountId;
    cf = new Cloudflare({ apiToken: sim.token, baseURL: sim.baseUrl, maxRetries: 0, apiEmail: null, apiKey: null, userServiceKey: null });
  });
  beforeEach(() => sim.reset());
  after(() => sim.close());

  it('walks physical devices with the SDK\'s cursor pagination (active ones by default, all with include)', async () => {
    const active: string[] = [];
    for await (const d of cf.zeroTrust.devices.devices.list({ account_id, per_page: 25 })) {
      assert.ok(d.active_registrations > 0);
      assert.equal(typeof d.tags, 'object');
      active.push(d.id);
    }
    const expected = sim.multi.devices.filter(d => d.registrations.some(r => !r.revoked_at && !r.deleted_at)).map(d => d.id);
    assert.deepEqual(active, expected);
    let all = 0;
    for await (const d of cf.zeroTrust.devices.devices.list({ account_id, per_page: 40, active_registrations: 'include' })) {
      assert.ok(d.id);
      all++;
    }
    assert.equal(all, sim.multi.devices.length);
  });

  it('gets a physical device with its last seen registration\'s profile, revokes it, deletes it', async () => {
    const target = sim.multi.devices.find(d => !d.deleted_at && d.registrations.length > 1)!;
    const got = await cf.zeroTrust.devices.devices.get(target.id, { account_id, include: 'last_seen_registration.policy' });
    assert.equal(got.name, target.name);
    assert.ok(got.last_seen_registration?.policy?.id);
    assert.ok(got.last_seen_user?.email);
    await cf.zeroTrust.devices.devices.revoke(target.id, { account_id });
    assert.equal((await cf.zeroTrust.devices.devices.get(target.id, { account_id })).active_registrations, 0);
    await cf.zeroTrust.devices.devices.delete(target.id, { account_id });
    assert.ok((await cf.zeroTrust.devices.devices.get(target.id, { account_id })).deleted_at);
    await assert.rejects(cf.zeroTrust.devices.devices.delete(target.id, { account_id }), (e: unknown) => e instanceof Cloudflare.NotFoundError);
  });

  it('walks registrations with filters the SDK writes (device.id, user.id, status, include=policy)', async () => {
    const dev = sim.multi.devices.find(d => d.registrations.length > 2)!;
    const regs = [];
    for await (const r of cf.zeroTrust.devices.registrations.list({ account_id, device: { id: dev.id }, status: 'all', include: 'policy', per_page: 1 })) {
      assert.equal(r.device.id, dev.id);
      assert.ok(r.policy?.name);
      regs.push(r.id);
    }
    assert.deepEqual(regs, dev.registrations.map(r => r.id));
    const user = dev.registrations[0].user!.id!;
    for await (const r of cf.zeroTrust.devices.registrations.list({ account_id, user: { id: [user] }, status: 'all' })) {
      assert.equal(r.user?.id, user);
      assert.equal(r.policy, undefined, 'policy only with include');
    }
  });

  it('gets, revokes, unrevokes, deletes and bulk-deletes registrations and reads their override codes', async () => {
    const [a, b, c] = sim.multi.registrations.filter(r => !r.revoked_at && !r.deleted_at);
    const got = await cf.zeroTrust.devices.registrations.get(a.id, { account_id, include: 'policy' });
    assert.equal(got.key, a.key);
    assert.equal(got.policy?.id, a.policy.id);
    const codes = await cf.zeroTrust.devices.overrideCodes.get(a.id, { account_id });
    for (const code of Object.values(codes.disable_for_time ?? {})) assert.match(code, /^\d{7}$/);
    await cf.zeroTrust.devices.registrations.revoke({ account_id, id: [a.id, b.id] });
    assert.ok((await cf.zeroTrust.devices.registrations.get(b.id, { account_id })).revoked_at);
    await cf.zeroTrust.devices.registrations.unrevoke({ account_id, id: [a.id, b.id] });
    assert.equal((await cf.zeroTrust.devices.registrations.get(b.id, { account_id })).revoked_at, null);
    await cf.zeroTrust.devices.registrations.delete(a.id, { account_id });
    await cf.zeroTrust.devices.registrations.bulkDelete({ account_id, id: [b.id, c.id] });
    for (const r of [a, b, c]) assert.ok((await cf.zeroTrust.devices.registrations.get(r.id, { account_id })).deleted_at);
  });

  it('gets the deprecated device endpoints refused (400) as the SDK sees it', async () => {
    await assert.rejects(cf.zeroTrust.devices.list({ account_id }), (e: unknown) => e instanceof Cloudflare.BadRequestError);
  });
});
