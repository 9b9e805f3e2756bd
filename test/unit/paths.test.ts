import { strict as assert } from 'assert';
import { CloudflareClient, deleteProfile, getDevice, getSplitTunnel, listTunnelConnections, updateProfile } from '../../src/api';
import { accountPath, apiPath, InvalidPathError } from '../../src/api/paths';
import { CloudflareSimulator } from '../simulator/server';

const UUID = '0b6c1f43-8f0e-4c7a-9a57-1f2d3c4b5a69';
const TAG = '0123456789abcdef0123456789abcdef';

describe('API paths', () => {
  it('builds the paths the endpoints use', () => {
    assert.equal(accountPath(TAG, 'devices', UUID, 'override_codes'), `/accounts/${TAG}/devices/${UUID}/override_codes`);
    assert.equal(accountPath(TAG, 'devices', 'policy', UUID, 'fallback_domains'), `/accounts/${TAG}/devices/policy/${UUID}/fallback_domains`);
    assert.equal(accountPath(TAG, 'devices', 'ip-profiles'), `/accounts/${TAG}/devices/ip-profiles`);
    assert.equal(apiPath('zones', TAG, 'devices', 'policy', 'certificates'), `/zones/${TAG}/devices/policy/certificates`);
    assert.equal(apiPath('user', 'tokens', 'verify'), '/user/tokens/verify');
  });

  it('refuses `.`, `..`, separators, encodings and empty segments anywhere', () => {
    for (const bad of ['.', '..', '', 'a/b', '..%2f', '%2e%2e', 'a?b', 'a#b', ' x', 'x\n', 'a\\b', '.hidden']) {
      assert.throws(() => accountPath(TAG, 'devices', 'policy', bad), InvalidPathError, JSON.stringify(bad));
      assert.throws(() => apiPath('zones', TAG, bad), InvalidPathError, JSON.stringify(bad));
    }
  });

  it('refuses ids of the wrong shape where an id goes', () => {
    assert.throws(() => accountPath('acme', 'devices'), /not a valid account id/);
    assert.throws(() => accountPath(TAG.slice(1), 'devices'), /not a valid account id/);
    assert.throws(() => accountPath(TAG, 'devices', 'not-a-uuid'), /not a valid device id/);
    assert.throws(() => accountPath(TAG, 'devices', 'policy', 'default'), /not a valid profile id/);
    assert.throws(() => accountPath(TAG, 'warp_connector', '12345'), /not a valid tunnel id/);
    assert.throws(() => apiPath('zones', 'example.com', 'devices'), /not a valid zone id/);
  });

  describe('against the simulator', () => {
    let sim: CloudflareSimulator;
    let client: CloudflareClient;
    before(async () => {
      sim = await CloudflareSimulator.start({ devices: 5, seed: 3 });
      client = new CloudflareClient({ baseUrl: sim.baseUrl, credentials: () => ({ kind: 'token', token: sim.token }), maxRetries: 0 });
    });
    after(() => sim.close());

    it('sends nothing for a bad id: no request reaches the API, whatever the method', async () => {
      const profile = sim.state.customProfiles[0].policy_id!;
      sim.clearRequests();
      const attempts: Promise<unknown>[] = [
        getDevice(client, sim.accountId, '..'),
        getDevice(client, sim.accountId, '.'),
        deleteProfile(client, sim.accountId, '..'),
        updateProfile(client, sim.accountId, `${profile}/..`, { description: 'x' }),
        getSplitTunnel(client, sim.accountId, '../../policy', 'exclude'),
        listTunnelConnections(client, sim.accountId, '..'),
        getDevice(client, '..', sim.state.devices[0].id),
      ];
      for (const a of attempts) await assert.rejects(a, InvalidPathError);
      assert.deepEqual(sim.requests.map(r => `${r.method} ${r.path}`), []);
    });
  });
});
