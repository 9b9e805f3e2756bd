import { strict as assert } from 'assert';
import {
  CloudflareApiError,
  CloudflareClient,
  changeRevocationInBatches,
  createProfile,
  deleteProfile,
  getCertificateProvisioning,
  getDefaultProfile,
  getDevice,
  getFallbackDomains,
  getOverrideCodes,
  getProfile,
  getSplitTunnel,
  iteratePages,
  listAccounts,
  listDevices,
  listIpProfiles,
  listProfiles,
  listRegistrations,
  listTunnelConnections,
  listWarpConnectorTunnels,
  listZones,
  revokeDevices,
  setCertificateProvisioning,
  setFallbackDomains,
  setSplitTunnel,
  unrevokeDevices,
  updateDefaultProfile,
  updateProfile,
  verifyCredentials,
  verifyUserToken,
  type ClientOptions,
  type Credentials,
  type WaitInfo,
} from '../../src/api';
import { CloudflareSimulator } from '../simulator/server';

describe('CloudflareClient against the simulator', function () {
  let sim: CloudflareSimulator;
  let acc: string;

  before(async () => {
    sim = await CloudflareSimulator.start({ devices: 2500, seed: 7 });
    acc = sim.accountId;
  });
  after(() => sim.close());
  beforeEach(() => sim.reset());

  /** A client with instant sleeps that records every wait, so retry tests run fast and can check waits. */
  function client(opts: Partial<ClientOptions> = {}, creds?: Credentials) {
    const waits: WaitInfo[] = [];
    const slept: number[] = [];
    const c = new CloudflareClient({
      baseUrl: sim.baseUrl,
      credentials: () => creds ?? { kind: 'token', token: sim.token },
      sleep: async ms => {
        slept.push(ms);
      },
      onWait: w => waits.push(w),
      random: () => 0,
      ...opts,
    });
    return { c, waits, slept };
  }

  const devicePath = () => `/accounts/${acc}/devices`;
  const requestsTo = (path: string) => sim.requests.filter(r => r.path === path);

  describe('auth', () => {
    it('authenticates with an API token (Bearer)', async () => {
      const v = await verifyUserToken(client().c);
      assert.equal(v.status, 'active');
      assert.equal(sim.requests.at(-1)?.auth, 'token');
    });

    it('authenticates with email + Global API key', async () => {
      const { c } = client({}, { kind: 'globalKey', email: sim.email, key: sim.globalKey });
      const accounts = await listAccounts(c);
      assert.ok(accounts.some(a => a.id === acc));
      assert.equal(sim.requests.at(-1)?.auth, 'globalKey');
    });

    it('verifyCredentials proves a token and lists the accounts it can see', async () => {
      const { accounts, token } = await verifyCredentials(client().c, 'token');
      assert.equal(token?.status, 'active');
      assert.ok(accounts.length >= 2);
    });

    it('a wrong token fails with 401 and Cloudflare codes, and the error carries no secret', async () => {
      const secret = 'sim_wrong_token_that_must_not_leak_0123456789';
      const { c } = client({}, { kind: 'token', token: secret });
      const err = await listDevices(c, acc).then(() => undefined, e => e);
      assert.ok(err instanceof CloudflareApiError);
      assert.equal(err.kind, 'http');
      assert.equal(err.status, 401);
      assert.ok(err.codes.length > 0, 'Cloudflare error code present');
      assert.equal(err.method, 'GET');
      assert.match(err.path, /\/devices$/);
      assert.ok(!JSON.stringify({ ...err, message: err.message, summary: err.summary }).includes(secret));
      assert.equal(requestsTo(devicePath()).length, 1, '4xx other than 408/409/429 is not retried');
    });

    it('throws notSignedIn without sending anything when there are no credentials', async () => {
      const c = new CloudflareClient({ baseUrl: sim.baseUrl, credentials: () => undefined });
      await assert.rejects(listProfiles(c, acc), (e: CloudflareApiError) => e.kind === 'notSignedIn');
      assert.equal(sim.requests.length, 0);
    });

    it('a read-only token gets 403 on writes', async () => {
      const { c } = client({}, { kind: 'token', token: sim.readOnlyToken });
      await listProfiles(c, acc);
      await assert.rejects(updateDefaultProfile(c, acc, { allow_updates: true }), (e: CloudflareApiError) => e.status === 403);
    });
  });

  describe('paging', () => {
    it('lists 2,500 devices at per_page 100 in exactly 25 requests, none duplicated', async () => {
      const progress: number[] = [];
      const devices = await listDevices(client({ concurrency: 4 }).c, acc, { perPage: 100, onProgress: p => progress.push(p.loaded) });
      assert.equal(devices.length, 2500);
      assert.equal(new Set(devices.map(d => d.id)).size, 2500);
      const reqs = requestsTo(devicePath());
      assert.equal(reqs.length, 25);
      const pages = reqs.map(r => Number(r.query.page)).sort((a, b) => a - b);
      assert.deepEqual(pages, Array.from({ length: 25 }, (_, i) => i + 1));
      assert.ok(reqs.every(r => r.query.per_page === '100'));
      assert.equal(progress.at(-1), 2500);
      // Joined in page order, whatever order the parallel pages answered in.
      assert.deepEqual(devices.map(d => d.id), sim.state.devices.map(d => d.id));
    });

    it('keeps at most `concurrency` page requests in flight', async () => {
      sim.setLatency(30);
      let inFlight = 0;
      let peak = 0;
      const fetchCounting: ClientOptions['fetch'] = async (url, init) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        try {
          const nodeFetch = (await import('node-fetch')).default;
          return await nodeFetch(url, init as never);
        } finally {
          inFlight--;
        }
      };
      await listDevices(client({ concurrency: 3, fetch: fetchCounting }).c, acc, { perPage: 250 });
      assert.equal(peak, 3);
    });

    it('can take one page at a time', async () => {
      const it = iteratePages(client().c, devicePath(), { perPage: 1000 });
      const first = await it.next();
      assert.equal(first.done, false);
      assert.equal(first.value?.items.length, 1000);
      assert.equal(first.value?.totalCount, 2500);
      assert.equal(requestsTo(devicePath()).length, 1, 'the next page is not fetched before it is asked for');
      let total = first.value!.items.length;
      for await (const p of { [Symbol.asyncIterator]: () => it }) total += p.items.length;
      assert.equal(total, 2500);
      assert.equal(requestsTo(devicePath()).length, 3);
    });

    it('follows cursors until the cursor is empty', async () => {
      const regs = await listRegistrations(client().c, acc, { status: "all" }, { perPage: 1000 });
      assert.equal(regs.length, sim.state.devices.length);
      const reqs = requestsTo(`/accounts/${acc}/devices/registrations`);
      assert.equal(reqs.length, 3);
      assert.equal(reqs[0].query.cursor, undefined);
      assert.ok(reqs[1].query.cursor && reqs[2].query.cursor && reqs[1].query.cursor !== reqs[2].query.cursor);
    });

    it('lists IP profiles with per_page capped at 100', async () => {
      const ip = await listIpProfiles(client().c, acc, { perPage: 500 });
      assert.ok(ip.length > 0);
      assert.ok(requestsTo(`/accounts/${acc}/devices/ip-profiles`).every(r => r.query.per_page === '100'));
    });
  });

  describe('every endpoint', () => {
    it('devices: get, revoke, unrevoke, override codes', async () => {
      const { c } = client();
      const [d1, d2] = sim.state.devices.filter(d => !d.revoked_at && !d.deleted);
      const details = await getDevice(c, acc, d1.id);
      assert.equal(details.id, d1.id);
      assert.ok(details.account?.id);
      await revokeDevices(c, acc, [d1.id, d2.id]);
      assert.ok(sim.state.devices.find(d => d.id === d1.id)?.revoked_at);
      const revokeReq = sim.requests.at(-1)!;
      assert.equal(revokeReq.method, 'POST');
      assert.deepEqual(revokeReq.body, [d1.id, d2.id]);
      await unrevokeDevices(c, acc, [d1.id]);
      assert.ok(!sim.state.devices.find(d => d.id === d1.id)?.revoked_at);
      assert.ok(sim.state.devices.find(d => d.id === d2.id)?.revoked_at);
      const codes = await getOverrideCodes(c, acc, d1.id);
      assert.deepEqual(Object.keys(codes.disable_for_time).sort(), ['1', '12', '24', '3', '6']);
    });

    it('refuses more than 200 ids per revoke before sending; batches report each chunk', async () => {
      const { c } = client();
      const ids = sim.state.devices.slice(0, 450).map(d => d.id);
      await assert.rejects(revokeDevices(c, acc, ids), RangeError);
      assert.equal(sim.requests.length, 0);
      sim.inject({ method: 'POST', path: `/accounts/${acc}/devices/revoke`, kind: 'status', status: 400, code: 1001 });
      const outcome = await changeRevocationInBatches(client({ maxRetries: 0 }).c, acc, 'revoke', ids);
      const sent = requestsTo(`/accounts/${acc}/devices/revoke`);
      assert.deepEqual(sent.map(r => (r.body as string[]).length), [200, 200, 50]);
      assert.equal(outcome.failed.length, 3, 'an injected refusal with no limit fails every chunk');
      assert.equal(outcome.unknown.length, 0, 'a 400 is a certain "not done"');
      sim.clearFaults();
      // A 500 on a write says nothing certain about whether it was applied: reported as unknown, not as failed.
      sim.inject({ method: 'POST', path: `/accounts/${acc}/devices/revoke`, kind: 'status', status: 500, times: 1 });
      const second = await changeRevocationInBatches(client({ maxRetries: 0 }).c, acc, 'revoke', ids);
      assert.deepEqual(second.unknown.map(f => f.ids), [ids.slice(0, 200)]);
      assert.deepEqual(second.failed, []);
      assert.deepEqual(second.succeeded, ids.slice(200));
      const revoked = new Set(sim.state.devices.filter(d => d.revoked_at).map(d => d.id));
      assert.ok(ids.slice(200).every(id => revoked.has(id)));
    });

    it('profiles: list, default get/patch, create, get, patch, delete', async () => {
      const { c } = client();
      const all = await listProfiles(c, acc);
      assert.equal(all.filter(p => p.default).length, 1);
      const def = await getDefaultProfile(c, acc);
      assert.equal(def.default, true);
      const patched = await updateDefaultProfile(c, acc, { auto_connect: 15 });
      assert.equal(patched.auto_connect, 15);
      assert.deepEqual(sim.requests.at(-1)?.body, { auto_connect: 15 });
      const taken = new Set(all.map(p => p.precedence));
      let precedence = 500;
      while (taken.has(precedence)) precedence++;
      const created = await createProfile(c, acc, { name: 'Test profile', match: 'os.name == "linux"', precedence });
      assert.ok(created.policy_id);
      assert.equal((await getProfile(c, acc, created.policy_id!)).name, 'Test profile');
      assert.equal((await updateProfile(c, acc, created.policy_id!, { description: 'x' })).description, 'x');
      const remaining = await deleteProfile(c, acc, created.policy_id!);
      assert.ok(!remaining.some(p => p.policy_id === created.policy_id));
      assert.equal(remaining.length, all.length);
    });

    it('lists: split tunnel include/exclude and fallback domains, default and per profile', async () => {
      const { c } = client();
      const custom = (await listProfiles(c, acc)).find(p => !p.default)!;
      for (const policyId of [undefined, custom.policy_id]) {
        for (const mode of ['exclude', 'include'] as const) {
          const entries = [{ address: '10.99.0.0/16', description: 'lab' }, { host: '*.corp.example.com' }];
          const saved = await setSplitTunnel(c, acc, policyId, mode, entries);
          assert.deepEqual(saved.map(e => e.address ?? e.host), ['10.99.0.0/16', '*.corp.example.com']);
          assert.deepEqual((await getSplitTunnel(c, acc, policyId, mode)).map(e => e.address ?? e.host), ['10.99.0.0/16', '*.corp.example.com']);
          assert.ok(Array.isArray(sim.requests.at(-2)?.body), 'PUT body is a bare array');
        }
        const domains = [{ suffix: 'corp.example.com', dns_server: ['10.0.0.53'], description: 'corp' }];
        await setFallbackDomains(c, acc, policyId, domains);
        assert.deepEqual((await getFallbackDomains(c, acc, policyId)).map(d => d.suffix), ['corp.example.com']);
      }
    });

    it('an entry with both address and host is rejected by the API as 400 and nothing changes', async () => {
      const { c } = client();
      const before = await getSplitTunnel(c, acc, undefined, 'exclude');
      await assert.rejects(
        setSplitTunnel(c, acc, undefined, 'exclude', [{ address: '10.0.0.0/8', host: 'x.com' } as never]),
        (e: CloudflareApiError) => e.status === 400 && e.errors.length > 0,
      );
      assert.deepEqual(await getSplitTunnel(c, acc, undefined, 'exclude'), before);
    });

    it('connectors: tunnels with filters, and their connections', async () => {
      const { c } = client();
      const tunnels = await listWarpConnectorTunnels(c, acc);
      assert.ok(tunnels.length > 0);
      const healthy = await listWarpConnectorTunnels(c, acc, { status: 'healthy' });
      assert.ok(healthy.every(t => t.status === 'healthy'));
      assert.equal(sim.requests.at(-1)?.query.status, 'healthy');
      const withConnectors = [];
      for (const t of tunnels) withConnectors.push(...(await listTunnelConnections(c, acc, t.id)));
      assert.ok(withConnectors.some(k => k.ha_status === 'active'));
    });

    it('zones and certificate provisioning', async () => {
      const { c } = client();
      const zones = await listZones(c, acc);
      assert.ok(zones.length > 0);
      const before = await getCertificateProvisioning(c, zones[0].id);
      const after = await setCertificateProvisioning(c, zones[0].id, !before.enabled);
      assert.equal(after.enabled, !before.enabled);
      assert.equal((await getCertificateProvisioning(c, zones[0].id)).enabled, !before.enabled);
    });
  });

  describe('errors and retries', () => {
    it('retries 5xx, counting attempts, then succeeds', async () => {
      sim.inject({ path: `/accounts/${acc}/devices/policies`, kind: 'status', status: 503, times: 2 });
      const { c, slept } = client();
      const profiles = await listProfiles(c, acc);
      assert.ok(profiles.length > 0);
      assert.equal(requestsTo(`/accounts/${acc}/devices/policies`).length, 3);
      assert.deepEqual(slept, [500, 1000], 'exponential backoff from 500 ms (jitter fixed at 0)');
    });

    it('gives up after maxRetries with the last error', async () => {
      sim.inject({ path: `/accounts/${acc}/devices/policies`, kind: 'status', status: 500, code: 10001 });
      const err = await listProfiles(client({ maxRetries: 2 }).c, acc).then(() => undefined, e => e as CloudflareApiError);
      assert.equal(err?.status, 500);
      assert.equal(err?.attempts, 3);
      assert.deepEqual(err?.codes, [10001]);
      assert.equal(requestsTo(`/accounts/${acc}/devices/policies`).length, 3);
    });

    it('honours Retry-After on 429 (checked in real time on the simulator clock)', async () => {
      sim.inject({ path: `/accounts/${acc}/devices/policies`, kind: 'rateLimit', retryAfter: 1, times: 1 });
      const waits: WaitInfo[] = [];
      const c = new CloudflareClient({ baseUrl: sim.baseUrl, credentials: () => ({ kind: 'token', token: sim.token }), onWait: w => waits.push(w) });
      await listProfiles(c, acc);
      const [first, second] = requestsTo(`/accounts/${acc}/devices/policies`);
      assert.equal(first.status, 429);
      assert.equal(second.status, 200);
      assert.ok(second.at - first.at >= 1000, `second attempt came ${second.at - first.at} ms after the 429`);
      assert.equal(waits[0].reason, 'retryAfter');
      assert.ok(waits[0].ms > 950 && waits[0].ms <= 1000, `waited ${waits[0].ms} ms`);
    });

    it('a 429 pauses every request of the client, not just the one that got it', async () => {
      sim.inject({ path: `/accounts/${acc}/devices/policies`, kind: 'rateLimit', retryAfter: 2, times: 1 });
      const waits: WaitInfo[] = [];
      const c = new CloudflareClient({ baseUrl: sim.baseUrl, credentials: () => ({ kind: 'token', token: sim.token }), onWait: w => waits.push(w) });
      const first = listProfiles(c, acc);
      await new Promise(r => setTimeout(r, 300));
      await getDefaultProfile(c, acc);
      await first;
      const limited = requestsTo(`/accounts/${acc}/devices/policies`)[0];
      const other = requestsTo(`/accounts/${acc}/devices/policy`)[0];
      assert.equal(limited.status, 429);
      assert.ok(other.at - limited.at >= 1900, `an unrelated request went out ${other.at - limited.at} ms after the 429`);
      assert.ok(waits.filter(w => w.reason === 'retryAfter').length >= 2, 'both callers were told they wait');
    });

    it('explains an HTML error page and retries it', async () => {
      sim.inject({ path: `/accounts/${acc}/devices/policies`, kind: 'html', status: 502 });
      const err = await listProfiles(client({ maxRetries: 1 }).c, acc).then(() => undefined, e => e as CloudflareApiError);
      assert.equal(err?.kind, 'invalidResponse');
      assert.equal(err?.status, 502);
      assert.match(err!.message, /HTML/);
      assert.equal(requestsTo(`/accounts/${acc}/devices/policies`).length, 2);
    });

    it('explains malformed JSON', async () => {
      sim.inject({ path: `/accounts/${acc}/devices/policies`, kind: 'malformed' });
      const err = await listProfiles(client().c, acc).then(() => undefined, e => e as CloudflareApiError);
      assert.equal(err?.kind, 'invalidResponse');
      assert.match(err!.message, /malformed JSON/);
    });

    it('times out a slow answer, and retries it', async () => {
      sim.inject({ path: `/accounts/${acc}/devices/policies`, kind: 'slow', delayMs: 1500, times: 1 });
      const { c } = client({ timeoutMs: 300 });
      const profiles = await listProfiles(c, acc);
      assert.ok(profiles.length > 0);
      const err = await (async () => {
        sim.inject({ path: `/accounts/${acc}/devices/policies`, kind: 'slow', delayMs: 1500 });
        return listProfiles(client({ timeoutMs: 200, maxRetries: 1 }).c, acc).then(() => undefined, e => e as CloudflareApiError);
      })();
      assert.equal(err?.kind, 'timeout');
      assert.equal(err?.attempts, 2);
    });

    it('reports a dropped connection as a network error and retries GETs', async () => {
      sim.inject({ path: `/accounts/${acc}/devices/policies`, kind: 'drop', times: 1 });
      assert.ok((await listProfiles(client().c, acc)).length > 0);
      sim.inject({ path: `/accounts/${acc}/devices/policies`, kind: 'drop' });
      const err = await listProfiles(client({ maxRetries: 1 }).c, acc).then(() => undefined, e => e as CloudflareApiError);
      assert.equal(err?.kind, 'network');
    });

    it('never retries a profile creation that may have arrived', async () => {
      sim.inject({ method: 'POST', path: `/accounts/${acc}/devices/policy`, kind: 'drop' });
      const err = await createProfile(client().c, acc, { name: 'x', match: 'os.name == "mac"', precedence: 777 }).then(
        () => undefined,
        e => e as CloudflareApiError,
      );
      assert.equal(err?.kind, 'network');
      assert.equal(sim.requests.filter(r => r.method === 'POST').length, 1);
    });

    it('a 404 is not retried and says not found', async () => {
      const err = await getDevice(client().c, acc, '00000000-0000-0000-0000-000000000000').then(() => undefined, e => e as CloudflareApiError);
      assert.equal(err?.status, 404);
      assert.equal(err?.isNotFound, true);
      assert.equal(sim.requests.length, 1);
    });
  });

  describe('cancellation', () => {
    it('aborts an in-flight list and stops further pages', async () => {
      sim.setLatency(100);
      const abort = new AbortController();
      const p = listDevices(client({ concurrency: 2 }).c, acc, { perPage: 100, signal: abort.signal });
      setTimeout(() => abort.abort(), 150);
      await assert.rejects(p, (e: CloudflareApiError) => e.kind === 'cancelled');
      await new Promise(r => setTimeout(r, 300));
      assert.ok(requestsTo(devicePath()).length < 25, 'did not fetch every page');
    });

    it('aborts while waiting for a retry', async () => {
      sim.inject({ path: `/accounts/${acc}/devices/policies`, kind: 'rateLimit', retryAfter: 30 });
      const abort = new AbortController();
      const c = new CloudflareClient({ baseUrl: sim.baseUrl, credentials: () => ({ kind: 'token', token: sim.token }) });
      const started = Date.now();
      const p = listProfiles(c, acc, abort.signal);
      setTimeout(() => abort.abort(), 100);
      await assert.rejects(p, (e: CloudflareApiError) => e.kind === 'cancelled');
      assert.ok(Date.now() - started < 5000);
    });
  });
});
