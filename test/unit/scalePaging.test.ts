import { strict as assert } from 'assert';
import { ASK_PER_PAGE, CloudflareClient, listDevices, listRegistrations, PageSizes, type ClientOptions } from '../../src/api';
import { CloudflareSimulator } from '../simulator/server';
import { call } from './simHttp';

/**
 * #17 item 2: the device lists are read at the largest page each accepts, learnt from the answer
 * (result_info.per_page, or a 400 to a size too large), over real HTTP against the simulator.
 */
describe('Scale: page size learnt from the API', function () {
  this.timeout(60_000);
  let sim: CloudflareSimulator;
  let mu: CloudflareSimulator;

  before(async () => {
    sim = await CloudflareSimulator.start({ devices: 2_500, seed: 17 });
    mu = await CloudflareSimulator.start({ devices: 900, seed: 17, multiUser: true });
  });
  after(async () => {
    await sim.close();
    await mu.close();
  });
  beforeEach(() => {
    sim.reset();
    mu.reset();
  });

  const client = (s: CloudflareSimulator, opts: Partial<ClientOptions> = {}) =>
    new CloudflareClient({ baseUrl: s.baseUrl, credentials: () => ({ kind: 'token', token: s.token }), sleep: async () => {}, ...opts });
  const gets = (s: CloudflareSimulator, path: string) => s.requests.filter(r => r.method === 'GET' && r.path === path);

  describe('the simulator caps per_page (the cap is NOT OBSERVED: see PageCaps in test/simulator/types.ts)', () => {
    it('refuses an ask above the cap with 400 by default, and clamps when told to, saying so in result_info.per_page', async () => {
      const A = `/accounts/${sim.accountId}/devices`;
      sim.state.pageCaps.legacy = 300;
      assert.equal((await call(sim, 'GET', `${A}?per_page=301`)).status, 400);
      sim.state.pageCaps.over = 'clamp';
      const r = await call(sim, 'GET', `${A}?per_page=1000&page=2`);
      assert.equal(r.status, 200);
      assert.equal(r.json.result.length, 300);
      assert.deepEqual(r.json.result_info, { page: 2, per_page: 300, count: 300, total_count: 2_500, total_pages: 9 });
    });

    it('caps the cursor lists the same way', async () => {
      const A = `/accounts/${mu.accountId}/devices`;
      mu.state.pageCaps.cursor = 200;
      assert.equal((await call(mu, 'GET', `${A}/registrations?per_page=201`)).status, 400);
      mu.state.pageCaps.over = 'clamp';
      const r = await call(mu, 'GET', `${A}/physical-devices?per_page=1000&active_registrations=include`);
      assert.equal(r.json.result.length, 200);
      assert.equal(r.json.result_info.per_page, 200);
      assert.ok(r.json.result_info.cursor, 'a cursor to go on');
    });
  });

  it(`asks the legacy list for ${ASK_PER_PAGE} a page: 2,500 devices in 3 requests, the minimum at that cap`, async () => {
    const sizes = new PageSizes();
    const all = await listDevices(client(sim), sim.accountId, { pageSizes: sizes });
    assert.equal(all.length, 2_500);
    assert.equal(new Set(all.map(d => d.id)).size, 2_500);
    const reqs = gets(sim, `/accounts/${sim.accountId}/devices`);
    assert.equal(reqs.length, 3);
    assert.ok(reqs.every(r => r.query.per_page === String(ASK_PER_PAGE)));
  });

  it('learns a lower cap from result_info.per_page when the list clamps, and walks every page at it', async () => {
    sim.state.pageCaps = { legacy: 250, cursor: 1000, over: 'clamp' };
    const sizes = new PageSizes();
    const path = `/accounts/${sim.accountId}/devices`;
    const all = await listDevices(client(sim), sim.accountId, { pageSizes: sizes });
    assert.equal(all.length, 2_500, 'every device');
    assert.equal(new Set(all.map(d => d.id)).size, 2_500, 'each once');
    assert.equal(sizes.learnt(path), 250);
    const reqs = gets(sim, path);
    assert.equal(reqs.length, 10, 'ceil(2,500 / 250)');
    assert.ok(reqs.slice(1).every(r => r.query.per_page === '250'), 'later pages at the learnt size');
  });

  it('asks again with half as many after a 400, remembers the size that worked, and the next listing asks it first', async () => {
    mu.state.pageCaps = { legacy: 1000, cursor: 300, over: 'refuse' };
    const sizes = new PageSizes();
    const c = client(mu);
    const path = `/accounts/${mu.accountId}/devices/registrations`;
    const first = await listRegistrations(c, mu.accountId, { status: 'all' }, { pageSizes: sizes });
    assert.equal(first.length, mu.multi.registrations.length);
    assert.equal(sizes.learnt(path), 250);
    const asked = gets(mu, path).map(r => [r.query.per_page, r.status]);
    assert.deepEqual(asked.slice(0, 3), [['1000', 400], ['500', 400], ['250', 200]]);
    mu.clearRequests();
    const second = await listRegistrations(c, mu.accountId, { status: 'all' }, { pageSizes: sizes });
    assert.equal(second.length, first.length);
    const again = gets(mu, path);
    assert.ok(again.every(r => r.status === 200 && r.query.per_page === '250'), 'no refused ask the second time');
    assert.equal(again.length, Math.ceil(first.length / 250) + (first.length % 250 === 0 ? 1 : 0));
  });

  it('does not retry other failures smaller when the caller fixed the page size', async () => {
    mu.state.pageCaps.cursor = 300;
    const err = await listRegistrations(client(mu), mu.accountId, {}, { perPage: 1000 }).then(() => undefined, e => e);
    assert.ok(err, 'refused');
    assert.equal(gets(mu, `/accounts/${mu.accountId}/devices/registrations`).length, 1);
  });
});
