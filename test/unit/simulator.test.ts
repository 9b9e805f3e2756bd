/** The Cloudflare API simulator itself: generator, auth, validation, faults, control surface. */
import { strict as assert } from 'assert';
import { generateDevices, generateUsers } from '../simulator/fleet';
import { CloudflareSimulator } from '../simulator/server';

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: {
    success: boolean;
    errors: { code: number; message: string; error_chain?: { code: number }[] }[];
    result: unknown;
    result_info?: Record<string, unknown>;
  };
}

interface CallOptions {
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  token?: string | null;
}

async function call(sim: CloudflareSimulator, method: string, path: string, o: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...o.headers };
  const token = o.token === undefined ? sim.token : o.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined = o.raw;
  if (o.body !== undefined) {
    body = JSON.stringify(o.body);
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(sim.baseUrl + path, { method, headers, body });
  const text = await res.text();
  let json: Answer['json'];
  try {
    json = JSON.parse(text);
  } catch {
    json = { success: false, errors: [], result: undefined };
  }
  return { status: res.status, headers: res.headers, text, json };
}

const codes = (a: Answer) => a.json.errors.map(e => e.code);

describe('simulator: fleet generator', () => {
  const now = Date.UTC(2025, 5, 1);

  it('is deterministic: same seed, same fleet; another seed, another fleet', () => {
    const a = generateDevices(42, 500, generateUsers(42, 167), now);
    const b = generateDevices(42, 500, generateUsers(42, 167), now);
    assert.deepEqual(a, b);
    const c = generateDevices(43, 500, generateUsers(43, 167), now);
    assert.notDeepEqual(a.map(d => d.id), c.map(d => d.id));
  });

  it('makes a realistic mix', () => {
    const devices = generateDevices(1, 5000, generateUsers(1, 1667), now);
    const share = (f: (d: (typeof devices)[number]) => boolean) => devices.filter(f).length / devices.length;
    assert.ok(Math.abs(share(d => d.device_type === 'windows') - 0.45) < 0.04);
    assert.ok(Math.abs(share(d => d.device_type === 'mac') - 0.25) < 0.04);
    assert.ok(Math.abs(share(d => Boolean(d.revoked_at)) - 0.03) < 0.015);
    assert.ok(share(d => Date.parse(d.last_seen!) > now - 86_400_000) > 0.2);
    assert.equal(new Set(devices.map(d => d.id)).size, devices.length);
    assert.equal(new Set(devices.map(d => d.name)).size > 4000, true);
    assert.ok(devices.every(d => d.user?.email?.endsWith('@acme.com')));
    const sorted = [...devices].sort((x, y) => Date.parse(x.created!) - Date.parse(y.created!));
    assert.deepEqual(devices.map(d => d.id), sorted.map(d => d.id), 'listed by created');
  });

  it('makes 20,000 devices with distinct ids (speed is measured by the benchmarks, not asserted here)', () => {
    const devices = generateDevices(1, 20_000, generateUsers(1, 6667), now);
    assert.equal(devices.length, 20_000);
    assert.equal(new Set(devices.map(d => d.id)).size, 20_000);
  });

  it('derives the same ids and credentials from the same seed', async () => {
    const [a, b] = await Promise.all([CloudflareSimulator.start({ seed: 5 }), CloudflareSimulator.start({ seed: 5 })]);
    try {
      assert.equal(a.accountId, b.accountId);
      assert.equal(a.token, b.token);
      assert.match(a.token, /^sim_[A-Za-z0-9_-]{40}$/);
      assert.match(a.globalKey, /^[0-9a-f]{37}$/);
      assert.deepEqual(a.state.devices.map(d => d.id), b.state.devices.map(d => d.id));
      assert.deepEqual(a.accounts.map(x => x.name), ['Acme Corp', 'Acme Labs']);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('simulator: API', () => {
  let sim: CloudflareSimulator;
  let A: string;

  before(async () => {
    sim = await CloudflareSimulator.start({ devices: 120 });
    A = `/accounts/${sim.accountId}`;
  });
  afterEach(() => sim.reset());
  after(() => sim.close());

  describe('auth', () => {
    it('answers missing credentials with 9106', async () => {
      const r = await call(sim, 'GET', `${A}/devices`, { token: null });
      assert.equal(r.status, 400);
      assert.deepEqual(codes(r), [9106]);
    });

    it('answers a malformed token with 6003 / 6111 and an unknown one with 401 / 10000', async () => {
      const bad = await call(sim, 'GET', `${A}/devices`, { token: 'short' });
      assert.equal(bad.status, 400);
      assert.deepEqual(codes(bad), [6003]);
      assert.equal(bad.json.errors[0].error_chain?.[0].code, 6111);
      const unknown = await call(sim, 'GET', `${A}/devices`, { token: 'x'.repeat(40) });
      assert.equal(unknown.status, 401);
      assert.deepEqual(codes(unknown), [10000]);
      const verify = await call(sim, 'GET', '/user/tokens/verify', { token: 'x'.repeat(40) });
      assert.equal(verify.status, 401);
      assert.deepEqual(codes(verify), [1000]);
    });

    it('accepts the Global API key but not for token verification', async () => {
      const headers = { 'X-Auth-Email': sim.email, 'X-Auth-Key': sim.globalKey };
      assert.equal((await call(sim, 'GET', `${A}/devices`, { token: null, headers })).status, 200);
      const verify = await call(sim, 'GET', '/user/tokens/verify', { token: null, headers });
      assert.equal(verify.status, 400);
      assert.equal(verify.json.success, false);
      const wrong = await call(sim, 'GET', `${A}/devices`, { token: null, headers: { ...headers, 'X-Auth-Key': 'a'.repeat(37) } });
      assert.equal(wrong.status, 403);
      assert.deepEqual(codes(wrong), [9103]);
    });

    it('lets the read-only token read but not write', async () => {
      const id = sim.state.devices[0].id;
      assert.equal((await call(sim, 'GET', `${A}/devices`, { token: sim.readOnlyToken })).status, 200);
      const w = await call(sim, 'POST', `${A}/devices/revoke`, { token: sim.readOnlyToken, body: [id] });
      assert.equal(w.status, 403);
      assert.deepEqual(codes(w), [10000]);
      assert.equal(sim.state.devices[0].revoked_at, undefined);
    });

    it('refuses accounts the credentials cannot see, and routes malformed ids nowhere', async () => {
      assert.equal((await call(sim, 'GET', `/accounts/${'0'.repeat(32)}/devices`)).status, 403);
      const r = await call(sim, 'GET', '/accounts/not-an-id/devices');
      assert.equal(r.status, 404);
      assert.deepEqual(codes(r), [7003, 7000]);
    });
  });

  describe('validation', () => {
    const put = (path: string, body: unknown) => call(sim, 'PUT', path, { body });

    it('rejects Split Tunnel entries with both or neither address/host, bad addresses and non-arrays', async () => {
      for (const body of [[{ address: '10.0.0.0/8', host: 'a.com' }], [{ description: 'x' }], [{ address: '10.0.0.300/8' }],
        [{ address: '10.0.0.0/33' }], [{ host: 'not a host' }], { address: '10.0.0.0/8' }]) {
        const r = await put(`${A}/devices/policy/exclude`, body);
        assert.equal(r.status, 400, JSON.stringify(body));
        assert.equal(r.json.success, false);
      }
      assert.equal((await put(`${A}/devices/policy/exclude`, [{ address: '10.0.0.0/8' }, { address: 'fd00::/8' }, { host: '*.a.com' }])).status, 200);
    });

    it('rejects fallback entries without a suffix', async () => {
      assert.equal((await put(`${A}/devices/policy/fallback_domains`, [{ dns_server: ['10.0.0.1'] }])).status, 400);
      assert.equal((await put(`${A}/devices/policy/fallback_domains`, [{ suffix: 'a.com', dns_server: ['nope'] }])).status, 400);
    });

    it('rejects bad revoke bodies: not an array, empty, non-strings, more than 200 ids, unknown ids', async () => {
      const ids = sim.state.devices.map(d => d.id);
      for (const body of [{ id: ids[0] }, [], [1], [...ids, ...ids].slice(0, 201)]) {
        const r = await call(sim, 'POST', `${A}/devices/revoke`, { body });
        assert.equal(r.status, 400, JSON.stringify(body).slice(0, 50));
      }
      assert.equal((await call(sim, 'POST', `${A}/devices/revoke`, { body: [ids[0], 'nope'] })).status, 404);
      assert.ok(sim.state.devices.every(d => d.id !== ids[0] || !d.revoked_at), 'nothing applied');
    });

    it('checks per_page bounds', async () => {
      for (const q of ['per_page=0', 'per_page=1001', 'per_page=abc', 'page=0']) {
        assert.equal((await call(sim, 'GET', `${A}/devices?${q}`)).status, 400, q);
      }
      assert.equal((await call(sim, 'GET', `${A}/devices/ip-profiles?per_page=101`)).status, 400);
      const ok = await call(sim, 'GET', `${A}/devices?per_page=50&page=3`);
      assert.deepEqual(ok.json.result_info, { page: 3, per_page: 50, count: 20, total_count: 120, total_pages: 3 });
    });

    it('checks profile bodies', async () => {
      assert.equal((await call(sim, 'PATCH', `${A}/devices/policy`, { body: { name: 'x' } })).status, 400);
      assert.equal((await call(sim, 'PATCH', `${A}/devices/policy`, { body: { switch_locked: 'yes' } })).status, 400);
      assert.equal((await call(sim, 'PATCH', `${A}/devices/policy`, { body: { service_mode_v2: { mode: 'tunnel' } } })).status, 400);
      assert.equal((await call(sim, 'PATCH', `${A}/devices/policy`, { body: { tunnel_protocol: 'ipsec' } })).status, 400);
      assert.equal((await call(sim, 'POST', `${A}/devices/policy`, { body: { name: 'x', match: 'y' } })).status, 400);
      const taken = sim.state.customProfiles[0].precedence;
      assert.equal((await call(sim, 'POST', `${A}/devices/policy`, { body: { name: 'x', match: 'y', precedence: taken } })).status, 400);
      assert.equal((await call(sim, 'GET', `${A}/devices/policy/nope`)).status, 404);
    });

    it('answers invalid JSON with 6007, a wrong method with 405 and an unknown path with 7003/7000', async () => {
      const bad = await call(sim, 'PATCH', `${A}/devices/policy`, { raw: '{"a":', headers: { 'Content-Type': 'application/json' } });
      assert.equal(bad.status, 400);
      assert.deepEqual(codes(bad), [6007]);
      const m = await call(sim, 'DELETE', `${A}/devices/policy/exclude`);
      assert.equal(m.status, 405);
      assert.match(m.headers.get('allow') ?? '', /GET/);
      assert.deepEqual(codes(await call(sim, 'GET', `${A}/nothing-here`)), [7003, 7000]);
    });
  });

  describe('behaviour', () => {
    it('walks registrations (status=all) by cursor until an empty cursor: one per legacy device, same ids', async () => {
      const seen: string[] = [];
      let cursor = '';
      do {
        const r = await call(sim, 'GET', `${A}/devices/registrations?status=all&per_page=50${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...(r.json.result as { id: string }[]).map(x => x.id));
        cursor = String(r.json.result_info?.cursor ?? '');
      } while (cursor);
      assert.deepEqual(seen, sim.state.devices.map(d => d.id));
    });

    it('refuses deprecated device endpoints in multi-user mode and override codes when Admin Override is off', async () => {
      sim.state.multiUserMode = true;
      const r = await call(sim, 'GET', `${A}/devices`);
      assert.equal(r.status, 400);
      assert.match(r.json.errors[0].message, /multi-user mode/);
      assert.equal((await call(sim, 'GET', `${A}/devices/registrations`)).status, 200);
      sim.state.multiUserMode = false;
      sim.state.adminOverrideEnabled = false;
      const o = await call(sim, 'GET', `${A}/devices/${sim.state.devices[0].id}/override_codes`);
      assert.equal(o.status, 400);
      assert.match(o.json.errors[0].message, /Admin override/);
    });

    it('filters tunnels by is_deleted as the SDK documents it', async () => {
      const t = sim.state.tunnels[0];
      t.deleted_at = new Date().toISOString();
      const ids = async (q: string) => ((await call(sim, 'GET', `${A}/warp_connector${q}`)).json.result as { id: string }[]).map(x => x.id);
      assert.ok((await ids('')).includes(t.id));
      assert.ok(!(await ids('?is_deleted=false')).includes(t.id));
      assert.deepEqual(await ids('?is_deleted=true'), [t.id]);
    });

    it('gives new profiles the default lists and DELETE the remaining profiles', async () => {
      const r = await call(sim, 'POST', `${A}/devices/policy`, { body: { name: 'New', match: 'os.name == "mac"', precedence: 999 } });
      const created = r.json.result as { policy_id: string; exclude: unknown[] };
      assert.deepEqual(created.exclude, sim.state.defaultProfile.exclude);
      const d = await call(sim, 'DELETE', `${A}/devices/policy/${created.policy_id}`);
      assert.equal((d.json.result as unknown[]).length, sim.state.customProfiles.length + 1);
    });
  });

  describe('faults', () => {
    it('answers status, rateLimit, html and malformed faults, then recovers', async () => {
      const path = `${A}/devices`;
      sim.inject({ path, kind: 'status', status: 503, code: 10001, message: 'down', times: 1 });
      sim.inject({ path, kind: 'rateLimit', retryAfter: 7, times: 1 });
      sim.inject({ path, kind: 'html', times: 1 });
      sim.inject({ path: /\/devices$/, kind: 'malformed', times: 1 });
      const s = await call(sim, 'GET', path);
      assert.equal(s.status, 503);
      assert.deepEqual(s.json.errors, [{ code: 10001, message: 'down' }]);
      const rl = await call(sim, 'GET', path);
      assert.equal(rl.status, 429);
      assert.equal(rl.headers.get('retry-after'), '7');
      assert.deepEqual(codes(rl), [971]);
      const html = await call(sim, 'GET', path);
      assert.equal(html.status, 502);
      assert.match(html.headers.get('content-type') ?? '', /text\/html/);
      assert.match(html.text, /502 Bad Gateway/);
      const bad = await call(sim, 'GET', path);
      assert.equal(bad.status, 200);
      assert.throws(() => JSON.parse(bad.text));
      assert.equal((await call(sim, 'GET', path)).status, 200);
    });

    it('slows answers and drops connections', async () => {
      sim.inject({ path: `${A}/devices`, kind: 'slow', delayMs: 150, times: 1 });
      const t = Date.now();
      assert.equal((await call(sim, 'GET', `${A}/devices`)).status, 200);
      assert.ok(Date.now() - t >= 140);
      sim.inject({ path: `${A}/devices`, kind: 'drop', times: 1 });
      await assert.rejects(fetch(`${sim.baseUrl}${A}/devices`, { headers: { Authorization: `Bearer ${sim.token}` } }));
      assert.equal(sim.requests.at(-1)?.status, 0);
    });

    it('never applies a faulted write, and records it', async () => {
      const id = sim.state.devices[0].id;
      sim.inject({ method: 'POST', path: `${A}/devices/revoke`, kind: 'status', status: 500 });
      assert.equal((await call(sim, 'POST', `${A}/devices/revoke`, { body: [id] })).status, 500);
      assert.equal(sim.state.devices[0].revoked_at, undefined);
      const rec = sim.requests.at(-1)!;
      assert.deepEqual([rec.method, rec.path, rec.status, rec.auth], ['POST', `${A}/devices/revoke`, 500, 'token']);
      assert.deepEqual(rec.body, [id]);
      sim.clearFaults();
      assert.equal((await call(sim, 'POST', `${A}/devices/revoke`, { body: [id] })).status, 200);
      assert.ok(sim.state.devices[0].revoked_at);
      assert.ok(!JSON.stringify(sim.requests).includes(sim.token), 'no secret in the log');
    });
  });

  describe('control surface', () => {
    const control = (method: string, name: string, body?: unknown) =>
      fetch(sim.controlUrl + name, { method, body: body === undefined ? undefined : JSON.stringify(body) })
        .then(async r => ({ status: r.status, json: await r.json() }));

    it('injects faults by regex, lists requests, clears faults, resets, reports state and latency', async () => {
      assert.equal((await control('POST', 'faults', { pathRegex: '/devices$', kind: 'status', status: 502 })).status, 200);
      assert.equal((await call(sim, 'GET', `${A}/devices`)).status, 502);
      const log = await control('GET', 'requests');
      assert.equal(log.json.requests.at(-1).status, 502);
      await control('DELETE', 'faults');
      assert.equal((await call(sim, 'GET', `${A}/devices`)).status, 200);

      const id = sim.state.devices[3].id;
      await call(sim, 'POST', `${A}/devices/revoke`, { body: [id] });
      assert.deepEqual((await control('GET', 'state')).json.revokedDeviceIds.includes(id), true);
      await control('POST', 'reset');
      assert.equal((await control('GET', 'state')).json.revokedDeviceIds.includes(id), false);
      assert.equal(sim.state.devices[3].revoked_at, undefined);
      assert.equal((await control('GET', 'requests')).json.requests.length, 0);

      await control('POST', 'latency', { ms: 120 });
      const t = Date.now();
      await call(sim, 'GET', '/user/tokens/verify');
      assert.ok(Date.now() - t >= 110);
      await control('POST', 'latency', { ms: 0 });
      assert.equal((await control('POST', 'faults', { kind: 'nope', path: '/x' })).status, 400);
    });
  });
});
