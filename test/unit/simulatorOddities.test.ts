/**
 * The simulator as odd as the real API: paging faults, null results, bare error bodies, lost
 * answers of applied writes, redirects to another host, account-owned and restricted tokens, the
 * two override-code shapes, empty deprecated tunnel connections, Split Tunnel mode.
 */
import { strict as assert } from 'assert';
import { CloudflareSimulator } from '../simulator/server';
import { call } from './simHttp';

describe('simulator: the API as it really answers', () => {
  let sim: CloudflareSimulator;
  let A: string;

  before(async () => {
    sim = await CloudflareSimulator.start({ devices: 70, seed: 9 });
    A = `/accounts/${sim.accountId}`;
  });
  beforeEach(() => sim.reset());
  after(() => sim.close());

  const ids = (r: { json: { result: { id: string }[] } }) => r.json.result.map(d => d.id);

  it('pages the legacy list at 20 by default', async () => {
    const r = await call(sim, 'GET', `${A}/devices`);
    assert.equal(r.json.result.length, 20);
    assert.deepEqual(r.json.result_info, { page: 1, per_page: 20, count: 20, total_count: 70, total_pages: 4 });
  });

  it('fault ignorePage: every page answers page 1\'s devices, result_info echoes the page asked for', async () => {
    sim.inject({ path: `${A}/devices`, kind: 'ignorePage' });
    const p1 = await call(sim, 'GET', `${A}/devices?page=1`);
    const p2 = await call(sim, 'GET', `${A}/devices?page=2`);
    assert.deepEqual(ids(p2), ids(p1));
    assert.equal(p2.json.result_info.page, 2);
    assert.equal(p2.json.result_info.total_pages, 4);
  });

  it('fault unpaged: everything in one answer, without result_info', async () => {
    sim.inject({ path: `${A}/devices`, kind: 'unpaged', times: 1 });
    const r = await call(sim, 'GET', `${A}/devices?page=1&per_page=20`);
    assert.equal(r.json.result.length, 70);
    assert.equal('result_info' in r.json, false);
    assert.equal((await call(sim, 'GET', `${A}/devices`)).json.result.length, 20, 'times: 1');
  });

  it('fault nullResult: GET …/devices/{id} answers success with result null', async () => {
    const id = sim.state.devices[0].id;
    sim.inject({ path: `${A}/devices/${id}`, kind: 'nullResult' });
    const r = await call(sim, 'GET', `${A}/devices/${id}`);
    assert.equal(r.status, 200);
    assert.equal(r.json.success, true);
    assert.equal(r.json.result, null);
  });

  it('status faults can send error bodies without messages and result', async () => {
    sim.inject({ path: `${A}/devices`, kind: 'status', status: 403, code: 10000, message: 'Authentication error', bare: true });
    const r = await call(sim, 'GET', `${A}/devices`);
    assert.equal(r.status, 403);
    assert.deepEqual(Object.keys(r.json).sort(), ['errors', 'success']);
    assert.equal(r.json.errors[0].code, 10000);
  });

  it('fault applyThenDrop: a revoke is applied, then the connection drops without an answer', async () => {
    const id = sim.state.devices.find(d => !d.revoked_at)!.id;
    sim.inject({ method: 'POST', path: `${A}/devices/revoke`, kind: 'applyThenDrop', times: 1 });
    await assert.rejects(call(sim, 'POST', `${A}/devices/revoke`, { body: [id] }));
    assert.ok(sim.state.devices.find(d => d.id === id)!.revoked_at, 'applied');
    assert.equal(sim.requests.at(-1)!.status, 0);
  });

  it('fault applyThenDrop on profile writes: PATCH, POST and DELETE are applied', async () => {
    sim.inject({ path: new RegExp(`^${A}/devices/policy`), kind: 'applyThenDrop' });
    const p = sim.state.customProfiles[0];
    await assert.rejects(call(sim, 'PATCH', `${A}/devices/policy/${p.policy_id}`, { body: { description: 'changed' } }));
    assert.equal(p.description, 'changed');
    await assert.rejects(call(sim, 'POST', `${A}/devices/policy`, { body: { name: 'New', match: 'os.name == "mac"', precedence: 500 } }));
    assert.ok(sim.state.customProfiles.some(x => x.name === 'New'));
    await assert.rejects(call(sim, 'DELETE', `${A}/devices/policy/${p.policy_id}`));
    assert.ok(!sim.state.customProfiles.includes(p));
  });

  it('fault redirect: a 307 to a second loopback listener, which records whatever reaches it', async () => {
    sim.inject({ path: `${A}/devices/revoke`, kind: 'redirect' });
    const id = sim.state.devices[0].id;
    const before = sim.state.devices[0].revoked_at;
    const manual = await call(sim, 'POST', `${A}/devices/revoke`, { body: [id] });
    assert.equal(manual.status, 307);
    const location = manual.headers.get('location')!;
    assert.ok(location.startsWith(sim.redirectTarget.origin), location);
    assert.notEqual(new URL(location).host, new URL(sim.baseUrl).host, 'another host');
    assert.equal(sim.redirectTarget.requests.length, 0, 'nothing reached it yet');
    // A client that follows a 307 re-sends method, body and (to fetch's mind) these headers: the sink sees them.
    const headers = { 'X-Auth-Email': sim.email, 'X-Auth-Key': sim.globalKey, 'Content-Type': 'application/json' };
    const followed = await fetch(sim.baseUrl + `${A}/devices/revoke`, { method: 'POST', headers, body: JSON.stringify([id]), redirect: 'follow' });
    assert.equal(followed.status, 200);
    const got = sim.redirectTarget.requests[0];
    assert.equal(got.method, 'POST');
    assert.equal(got.headers['x-auth-key'], sim.globalKey);
    assert.equal(got.body, JSON.stringify([id]));
    assert.equal(sim.state.devices[0].revoked_at, before, 'the API itself changed nothing');
  });

  it('an account-owned token: GET /accounts refuses it (400 / 1001), user verify does not know it, account verify does', async () => {
    const accounts = await call(sim, 'GET', '/accounts', { token: sim.accountToken });
    assert.equal(accounts.status, 400);
    assert.equal(accounts.json.errors[0].code, 1001);
    assert.match(accounts.json.errors[0].message, /does not support account owned tokens/);
    const user = await call(sim, 'GET', '/user/tokens/verify', { token: sim.accountToken });
    assert.equal(user.status, 401);
    assert.equal(user.json.errors[0].code, 1000);
    const own = await call(sim, 'GET', `${A}/tokens/verify`, { token: sim.accountToken });
    assert.equal(own.status, 200);
    assert.equal(own.json.result.status, 'active');
    assert.equal((await call(sim, 'GET', `${A}/devices`, { token: sim.accountToken })).status, 200);
    const labs = sim.accounts[1].id;
    assert.equal((await call(sim, 'GET', `/accounts/${labs}/devices`, { token: sim.accountToken })).status, 403);
  });

  it('a restricted token gets 403 / 9109 everywhere; a rate limit is 429 / 971 with Retry-After', async () => {
    for (const path of ['/user/tokens/verify', '/accounts', `${A}/devices`]) {
      const r = await call(sim, 'GET', path, { token: sim.restrictedToken });
      assert.equal(r.status, 403, path);
      assert.equal(r.json.errors[0].code, 9109, path);
    }
    sim.inject({ path: `${A}/devices`, kind: 'rateLimit', retryAfter: 7, times: 1 });
    const limited = await call(sim, 'GET', `${A}/devices`);
    assert.equal(limited.status, 429);
    assert.equal(limited.json.errors[0].code, 971);
    assert.equal(limited.headers.get('retry-after'), '7');
  });

  it('malformed X-Auth-Email / X-Auth-Key are 400 / 6003 with 6102 / 6103 in error_chain', async () => {
    const r = await call(sim, 'GET', `${A}/devices`, { token: null, headers: { 'X-Auth-Email': 'not-an-email', 'X-Auth-Key': 'short' } });
    assert.equal(r.status, 400);
    assert.equal(r.json.errors[0].code, 6003);
    assert.deepEqual(r.json.errors[0].error_chain.map((e: { code: number }) => e.code), [6102, 6103]);
  });

  it('answers legacy override codes as the map or, when the state says so, as the list shape', async () => {
    const id = sim.state.devices[0].id;
    const map = await call(sim, 'GET', `${A}/devices/${id}/override_codes`);
    assert.deepEqual(Object.keys(map.json.result.disable_for_time).sort(), ['1', '12', '24', '3', '6']);
    sim.state.overrideCodesShape = 'list';
    const list = await call(sim, 'GET', `${A}/devices/${id}/override_codes`);
    assert.ok(Array.isArray(list.json.result));
    assert.deepEqual(list.json.result[0], map.json.result);
  });

  it('sends the tunnel\'s deprecated connections field empty, as the real API does; the connections endpoint has them', async () => {
    const healthy = sim.state.tunnels.find(t => t.status === 'healthy')!;
    assert.deepEqual((await call(sim, 'GET', `${A}/warp_connector/${healthy.id}`)).json.result.connections, []);
    const listed = (await call(sim, 'GET', `${A}/warp_connector`)).json.result;
    assert.ok(listed.every((t: { connections: unknown[] }) => t.connections.length === 0));
    assert.ok((await call(sim, 'GET', `${A}/warp_connector/${healthy.id}/connections`)).json.result.length > 0, 'the endpoint still has them');
    sim.state.tunnelConnections = 'filled'; // the older behaviour, on request
    assert.ok((await call(sim, 'GET', `${A}/warp_connector/${healthy.id}`)).json.result.connections.length > 0);
  });

  it('Split Tunnel mode: the inactive list is absent or null; a PATCH setting both lists is refused', async () => {
    const dflt = (await call(sim, 'GET', `${A}/devices/policy`)).json.result;
    assert.ok(dflt.exclude.length > 0);
    assert.equal('include' in dflt, false, 'absent');
    const executives = sim.state.customProfiles.find(p => p.name === 'Executives')!;
    assert.equal((await call(sim, 'GET', `${A}/devices/policy/${executives.policy_id}`)).json.result.include, null);
    const both = await call(sim, 'PATCH', `${A}/devices/policy/${executives.policy_id}`,
      { body: { include: [{ host: 'a.example.com' }], exclude: [{ address: '10.0.0.0/8' }] } });
    assert.equal(both.status, 400);
    assert.equal(both.json.errors[0].message, "Both 'exclude' and 'include' cannot be set in the same request");
    assert.equal(executives.include, null, 'nothing changed');
    const one = await call(sim, 'PATCH', `${A}/devices/policy/${executives.policy_id}`, { body: { include: [{ host: 'a.example.com' }], exclude: null } });
    assert.equal(one.status, 200);
    assert.deepEqual(one.json.result.include, [{ host: 'a.example.com' }]);
  });

  it('takes the new fault kinds over the control surface', async () => {
    const res = await fetch(`${sim.controlUrl}faults`, { method: 'POST', body: JSON.stringify({ kind: 'ignorePage', path: `${A}/devices` }) });
    assert.equal(res.status, 200);
    const p2 = await call(sim, 'GET', `${A}/devices?page=2`);
    assert.deepEqual(ids(p2), sim.state.devices.slice(0, 20).map(d => d.id));
  });
});
