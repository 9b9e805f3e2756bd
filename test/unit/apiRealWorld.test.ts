// The client against the API as it really answers (issues 12 and 13): pages ignored or sent all at once,
// redirects, writes whose answer is lost, Retry-After beyond the cap, error bodies and codes as observed,
// account-owned tokens. Real HTTP against the simulator and its fault modes.
import { strict as assert } from 'assert';
import {
  AccountIdNeededError,
  changeRevocationInBatches,
  CloudflareApiError,
  CloudflareClient,
  getDevice,
  getOverrideCodes,
  isLegacyDevicesUnsupported,
  listDevices,
  listProfiles,
  RequestBudget,
  setSplitTunnel,
  verifyCredentials,
  type ClientOptions,
  type Credentials,
  type ListWarning,
} from '../../src/api';
import { CloudflareSimulator } from '../simulator/server';

describe('Client against the API as it really answers', function () {
  let sim: CloudflareSimulator;
  let acc: string;

  before(async () => {
    sim = await CloudflareSimulator.start({ devices: 2500, seed: 5 });
    acc = sim.accountId;
  });
  after(() => sim.close());
  beforeEach(() => {
    sim.reset();
    sim.clearFaults();
  });

  function client(opts: Partial<ClientOptions> = {}, creds?: Credentials) {
    return new CloudflareClient({
      baseUrl: sim.baseUrl,
      credentials: () => creds ?? { kind: 'token', token: sim.token },
      sleep: async () => {},
      random: () => 0,
      ...opts,
    });
  }
  const devicesPath = () => `/accounts/${acc}/devices`;
  const sentTo = (path: string, method = 'GET') => sim.requests.filter(r => r.path === path && r.method === method);

  describe('paging (issue 12 item 5)', () => {
    it('a server that ignores `page`: stops, keeps each device once, and warns "showing N of M"', async () => {
      sim.inject({ method: 'GET', path: devicesPath(), kind: 'ignorePage' });
      const warnings: ListWarning[] = [];
      const devices = await listDevices(client({ concurrency: 4 }), acc, { perPage: 100, onWarning: w => warnings.push(w) });
      assert.equal(new Set(devices.map(d => d.id)).size, devices.length, 'no device twice');
      assert.equal(devices.length, 100, 'page 1 once');
      assert.equal(warnings.length, 1);
      assert.equal(warnings[0].kind, 'repeatedPage');
      assert.equal(warnings[0].shown, 100);
      assert.equal(warnings[0].total, 2500);
      assert.ok(sentTo(devicesPath()).length <= 1 + 4, `stopped asking after the repeat (${sentTo(devicesPath()).length} requests)`);
    });

    it('a server that answers everything at once (no result_info): one request, every device once', async () => {
      sim.inject({ method: 'GET', path: devicesPath(), kind: 'unpaged' });
      const devices = await listDevices(client(), acc, { perPage: 100 });
      assert.equal(devices.length, 2500);
      assert.equal(new Set(devices.map(d => d.id)).size, 2500);
      assert.equal(sentTo(devicesPath()).length, 1);
    });
  });

  describe('redirects (issue 13 item 2)', () => {
    for (const scheme of ['token', 'globalKey'] as const) {
      it(`a 3xx to another host is an error naming it, and nothing reaches that host (${scheme})`, async () => {
        const creds: Credentials = scheme === 'token' ? { kind: 'token', token: sim.token } : { kind: 'globalKey', email: sim.email, key: sim.globalKey };
        const before = sim.redirectTarget.requests.length;
        sim.inject({ path: /\/devices\/policy\/exclude$/, kind: 'redirect', status: 307 });
        sim.inject({ path: `/accounts/${acc}/devices/policies`, kind: 'redirect', status: 302 });
        const err = await listProfiles(client({}, creds), acc).then(() => undefined, e => e as CloudflareApiError);
        assert.ok(err instanceof CloudflareApiError);
        assert.equal(err.kind, 'redirect');
        assert.equal(err.status, 302);
        assert.ok(err.location?.startsWith(sim.redirectTarget.origin), `names the target: ${err.location}`);
        assert.ok(err.message.includes(new URL(sim.redirectTarget.origin).host));
        // A write with a body: the body must not travel either.
        const put = await setSplitTunnel(client({}, creds), acc, undefined, 'exclude', [{ address: '10.1.0.0/16', description: 'secret-body-marker' }]).then(
          () => undefined,
          e => e as CloudflareApiError,
        );
        assert.equal(put?.kind, 'redirect');
        assert.equal(sim.redirectTarget.requests.length, before, 'no request (no header, no body) reached the redirect target');
        assert.equal(sentTo(`/accounts/${acc}/devices/policies`).length, 1, 'a redirect is not retried');
      });
    }
  });

  describe('writes whose answer is lost (issue 13 item 3)', () => {
    it('a DELETE whose answer is lost is not retried, and says its outcome is unknown', async () => {
      const multi = await CloudflareSimulator.start({ multiUser: true, devices: 20, seed: 3 });
      try {
        const reg = multi.multi.registrations.find(r => !r.revoked_at && !r.deleted_at)!;
        const path = `/accounts/${multi.accountId}/devices/registrations/${reg.id}`;
        multi.inject({ method: 'DELETE', path, kind: 'applyThenDrop', times: 1 });
        const c = new CloudflareClient({ baseUrl: multi.baseUrl, credentials: () => ({ kind: 'token', token: multi.token }), sleep: async () => {} });
        const err = await c.request('DELETE', path).then(() => undefined, e => e as CloudflareApiError);
        assert.ok(err instanceof CloudflareApiError, 'failed');
        assert.equal(err.outcomeUnknown, true);
        assert.notEqual(err.status, 404, 'not a false "not found" from a blind retry');
        assert.equal(multi.requests.filter(r => r.method === 'DELETE').length, 1, 'sent once');
        assert.ok(multi.multi.registrationById.get(reg.id)?.deleted_at, 'it was in fact applied');
      } finally {
        await multi.close();
      }
    });

    it('a revoke chunk whose answer is lost is reported as unknown, not as unchanged', async () => {
      const ids = sim.state.devices.filter(d => !d.revoked_at).slice(0, 450).map(d => d.id);
      sim.inject({ method: 'POST', path: `${devicesPath()}/revoke`, kind: 'applyThenDrop', skip: 1, times: 1 });
      const outcome = await changeRevocationInBatches(client(), acc, 'revoke', ids);
      assert.deepEqual(outcome.unknown.map(u => u.ids), [ids.slice(200, 400)]);
      assert.deepEqual(outcome.failed, []);
      assert.deepEqual(outcome.succeeded, [...ids.slice(0, 200), ...ids.slice(400)]);
      assert.equal(sentTo(`${devicesPath()}/revoke`, 'POST').length, 3, 'the lost chunk was not sent again');
      assert.ok(outcome.unknown[0].error instanceof CloudflareApiError && outcome.unknown[0].error.outcomeUnknown);
    });

    it('a PUT of a whole list is idempotent: a dropped answer is retried and succeeds', async () => {
      sim.inject({ method: 'PUT', path: `${devicesPath()}/policy/exclude`, kind: 'drop', times: 1 });
      const saved = await setSplitTunnel(client(), acc, undefined, 'exclude', [{ address: '10.9.0.0/16' }]);
      assert.deepEqual(saved.map(e => e.address), ['10.9.0.0/16']);
      assert.equal(sentTo(`${devicesPath()}/policy/exclude`, 'PUT').length, 2);
    });
  });

  describe('Retry-After beyond the cap (issue 13 item 4)', () => {
    it('pauses the shared budget for every caller for as long as Cloudflare said, before giving up', async () => {
      const budget = new RequestBudget();
      const changes: (number | undefined)[] = [];
      budget.onDidChange(until => changes.push(until));
      sim.inject({ path: `${devicesPath()}/policies`, kind: 'rateLimit', retryAfter: 2, times: 1 });
      const capped = new CloudflareClient({ baseUrl: sim.baseUrl, credentials: () => ({ kind: 'token', token: sim.token }), budget, maxRetryAfterMs: 500 });
      const startedAt = Date.now();
      const err = await listProfiles(capped, acc).then(() => undefined, e => e as CloudflareApiError);
      assert.equal(err?.status, 429, 'gives up: the wait is above its cap');
      const until = budget.pausedUntil;
      assert.ok(until !== undefined && until - startedAt >= 1900, 'the budget is paused for the Retry-After');
      assert.equal(changes[0], until, 'the pause was announced with its end');
      // Another caller of the same budget (another view, auto-refresh) waits it out.
      const other = new CloudflareClient({ baseUrl: sim.baseUrl, credentials: () => ({ kind: 'token', token: sim.token }), budget });
      await listProfiles(other, acc);
      const [limited, next] = sentTo(`${devicesPath()}/policies`);
      assert.equal(limited.status, 429);
      assert.ok(next.at - limited.at >= 1900, `the next request went out ${next.at - limited.at} ms after the 429`);
    });
  });

  describe('error bodies and codes as observed (issue 12 item 7)', () => {
    it('an error body with only success and errors (no messages, no result) parses, with its code', async () => {
      sim.inject({ path: `${devicesPath()}/policies`, kind: 'status', status: 400, code: 9106, message: 'Missing X-Auth-Key, X-Auth-Email or Authorization headers', bare: true });
      const err = await listProfiles(client(), acc).then(() => undefined, e => e as CloudflareApiError);
      assert.equal(err?.kind, 'http');
      assert.deepEqual(err?.codes, [9106]);
      assert.equal(err?.authProblem, 'malformed');
      assert.equal(err?.isAuthError, true);
    });

    it('a malformed token: 400 / 6003 with 6111 in error_chain is a credential problem', async () => {
      const err = await listProfiles(client({}, { kind: 'token', token: 'not a token' }), acc).then(() => undefined, e => e as CloudflareApiError);
      assert.equal(err?.status, 400);
      assert.ok(err?.codes.includes(6003) && err.codes.includes(6111), `codes ${err?.codes}`);
      assert.equal(err?.authProblem, 'malformed');
      assert.equal(err?.isAuthError, true);
      assert.equal(isLegacyDevicesUnsupported(err), false);
    });

    it('an IP-restricted token: 9109 reads as restricted credentials', async () => {
      const err = await listDevices(client({}, { kind: 'token', token: sim.restrictedToken }), acc).then(() => undefined, e => e as CloudflareApiError);
      assert.ok(err?.codes.includes(9109));
      assert.equal(err?.authProblem, 'restricted');
      assert.equal(isLegacyDevicesUnsupported(err), false, 'a credential problem never switches the device API');
    });

    it('code 971 is a rate limit, and is retried', async () => {
      sim.inject({ path: `${devicesPath()}/policies`, kind: 'status', status: 429, code: 971, message: 'Please wait and consider throttling your request speed', times: 1 });
      const profiles = await listProfiles(client(), acc);
      assert.ok(profiles.length > 0);
      assert.equal(sentTo(`${devicesPath()}/policies`).length, 2);
    });

    it('legacy override codes in the list shape read as the same map', async () => {
      const device = sim.state.devices[0];
      const map = await getOverrideCodes(client(), acc, device.id);
      sim.state.overrideCodesShape = 'list';
      const fromList = await getOverrideCodes(client(), acc, device.id);
      assert.deepEqual(Object.keys(fromList.disable_for_time).sort(), ['1', '12', '24', '3', '6']);
      assert.deepEqual(fromList, map);
    });

    it('GET /devices/{id} answering result: null is "not found", not a crash later', async () => {
      const device = sim.state.devices[0];
      sim.inject({ path: `${devicesPath()}/${device.id}`, kind: 'nullResult' });
      const err = await getDevice(client(), acc, device.id).then(() => undefined, e => e as CloudflareApiError);
      assert.ok(err instanceof CloudflareApiError, 'rejects');
      assert.equal(err.kind, 'emptyResult');
      assert.equal(err.isNotFound, true);
    });
  });

  describe('legacy list refusals (issue 12 item 1)', () => {
    const refusal = async (fault: Parameters<CloudflareSimulator['inject']>[0]) => {
      sim.clearFaults();
      sim.inject(fault);
      return listDevices(client({ maxRetries: 0 }), acc).then(() => undefined, e => e);
    };
    it('only a plain API refusal means "use the registrations API"; auth, permission, rate limit and faults never do', async () => {
      const p = devicesPath();
      assert.equal(isLegacyDevicesUnsupported(await refusal({ path: p, kind: 'status', status: 400, code: 2, message: 'This endpoint is not supported' })), true);
      assert.equal(isLegacyDevicesUnsupported(await refusal({ path: p, kind: 'status', status: 400, code: 12345 })), true, 'whatever the code');
      for (const [fault, why] of [
        [{ path: p, kind: 'status', status: 401, code: 10000 }, '401'],
        [{ path: p, kind: 'status', status: 403, code: 10000 }, '403'],
        [{ path: p, kind: 'status', status: 400, code: 10000 }, '400 with 10000 (permission)'],
        [{ path: p, kind: 'rateLimit', retryAfter: 0 }, '429'],
        [{ path: p, kind: 'status', status: 400, code: 971 }, '971'],
        [{ path: p, kind: 'status', status: 503 }, '503'],
        [{ path: p, kind: 'html', status: 502 }, 'edge page'],
        [{ path: p, kind: 'drop' }, 'dropped connection'],
        [{ path: p, kind: 'status', status: 404 }, '404'],
      ] as const) {
        assert.equal(isLegacyDevicesUnsupported(await refusal(fault as never)), false, why);
      }
    });
  });

  describe('account-owned tokens (issue 12 item 6)', () => {
    it('GET /accounts refuses them, so verification asks for the account id, then verifies there', async () => {
      const c = client({}, { kind: 'token', token: sim.accountToken });
      const err = await verifyCredentials(c, 'token').then(() => undefined, e => e);
      assert.ok(err instanceof AccountIdNeededError, `asked for the account id (${String(err)})`);
      const verified = await verifyCredentials(c, 'token', undefined, acc);
      assert.equal(verified.accountOwned, true);
      assert.equal(verified.accounts[0].id, acc);
      assert.equal(verified.token?.status, 'active');
      assert.equal(sentTo(`/accounts/${acc}/tokens/verify`).length, 1, 'verified at the account');
    });

    it('a user token still verifies at /user/tokens/verify and lists its accounts', async () => {
      const verified = await verifyCredentials(client(), 'token');
      assert.ok(!verified.accountOwned);
      assert.ok(verified.accounts.some(a => a.id === acc));
    });
  });
});
