// The list editor's API side over real HTTP against the simulator: the Split Tunnel mode switch is a
// PATCH that sets only one list (the real API refuses both in one request), and the mode is read from
// a profile whose inactive list is absent or null.
import { strict as assert } from 'assert';
import { CloudflareClient } from '../../src/api/client';
import type { SettingsPolicy } from '../../src/api/types';
import { splitTunnelMode } from '../../src/model/profileOrder';
import { modeSwitchPatch, writeList } from '../../src/webviews/listEditor/listRemote';
import { CloudflareSimulator } from '../simulator/server';

describe('list editor: Split Tunnel mode on the API', () => {
  let sim: CloudflareSimulator;
  let client: CloudflareClient;

  before(async () => {
    sim = await CloudflareSimulator.start({ devices: 5, profiles: 4, seed: 1 });
    client = new CloudflareClient({ baseUrl: sim.baseUrl, credentials: () => ({ kind: 'token', token: sim.token }) });
  });
  after(() => sim.close());
  beforeEach(() => sim.reset());

  it('reads the mode when the inactive list is absent or null', () => {
    const entry = { address: '10.0.0.0/8' };
    const cases: [Partial<Record<'include' | 'exclude', unknown>>, string][] = [
      [{ include: [entry] }, 'include'],
      [{ include: [entry], exclude: null }, 'include'],
      [{ include: [], exclude: null }, 'include'],
      [{ include: null, exclude: [] }, 'exclude'],
      [{ exclude: [entry], include: null }, 'exclude'],
      [{ exclude: [entry] }, 'exclude'],
      [{}, 'exclude'],
      [{ include: null, exclude: null }, 'exclude'],
    ];
    for (const [p, mode] of cases) assert.equal(splitTunnelMode(p as Pick<SettingsPolicy, 'include' | 'exclude'>), mode, JSON.stringify(p));
  });

  it('a mode switch body carries one list, never both', () => {
    const e = [{ address: '10.1.0.0/16' }];
    assert.deepEqual(modeSwitchPatch('include', e), { include: e });
    assert.deepEqual(modeSwitchPatch('exclude', e), { exclude: e });
  });

  it('switching a custom profile to Include sends one PATCH that sets only include', async () => {
    const eng = sim.state.customProfiles.find(p => p.name === 'Engineering')!;
    const entries = [{ address: '10.20.0.0/16', description: 'VPC' }, { host: '*.corp.example.com' }];
    sim.requests.length = 0;
    const saved = await writeList(client, { accountId: sim.accountId, profileId: eng.policy_id, profileName: 'Engineering', list: 'include' }, entries, true);
    assert.deepEqual(sim.requests.map(r => `${r.method} ${r.path}`), [`PATCH /accounts/${sim.accountId}/devices/policy/${eng.policy_id}`]);
    assert.deepEqual(sim.requests[0].body, { include: entries });
    assert.deepEqual(saved, entries);
  });

  it('switching the default profile PATCHes the default profile; without a switch the list is PUT', async () => {
    const entries = [{ address: '10.30.0.0/16' }];
    sim.requests.length = 0;
    await writeList(client, { accountId: sim.accountId, profileName: 'Default', list: 'include' }, entries, true);
    await writeList(client, { accountId: sim.accountId, profileName: 'Default', list: 'include' }, entries, false);
    assert.deepEqual(sim.requests.map(r => `${r.method} ${r.path}`), [
      `PATCH /accounts/${sim.accountId}/devices/policy`,
      `PUT /accounts/${sim.accountId}/devices/policy/include`,
    ]);
    assert.deepEqual(sim.requests[0].body, { include: entries });
  });
});
