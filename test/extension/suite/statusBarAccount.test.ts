// The status bar names the account, also when the sign-in (environment, setting) gave no name.
import * as assert from 'assert';
import type { WarpFleetApi } from '../../../src/extension';
import type { CloudflareSimulator } from '../../simulator/server';
import { extensionApi, resetExtensionState, signIn, startSimulator, waitFor } from './helpers';

describe('Status bar account name', function () {
  this.timeout(60000);
  let api: WarpFleetApi;
  let sim: CloudflareSimulator | undefined;

  before(async () => {
    api = await extensionApi();
  });
  afterEach(async () => {
    await resetExtensionState(api);
    await sim?.close();
    sim = undefined;
  });

  // Seeds no other suite uses, so no name is remembered for these accounts from an earlier sign-in.
  it('shows the name Cloudflare gives for an account signed in through the environment, asked once', async () => {
    sim = await startSimulator({ devices: 5, profiles: 1, seed: 91001 });
    const s = sim;
    await signIn(api, s);
    const name = s.accounts[0].name;
    await api.model.profiles.reload();
    await waitFor(() => api.statusBar.accountText === `$(cloud) ${name}`, `the status bar to show "${name}"`);
    assert.ok(!api.statusBar.accountText.includes(s.accountId.slice(0, 8)), 'the name, not the id');
    const asked = s.requests.filter(r => r.path === `/accounts/${s.accountId}`).length;
    await api.model.profiles.reload();
    assert.equal(s.requests.filter(r => r.path === `/accounts/${s.accountId}`).length, asked, 'the name is remembered, not asked again');
  });

  it('falls back to the account list, then to the short id when the credentials may read neither', async () => {
    sim = await startSimulator({ devices: 5, profiles: 1, seed: 91002 });
    const s = sim;
    // An account-owned token without the permission to read its account: GET /accounts/{id} is refused,
    // and GET /accounts refuses account-owned tokens (api-notes "Account-owned tokens").
    s.inject({ method: 'GET', path: `/accounts/${s.accountId}`, kind: 'status', status: 403, code: 10000, message: 'Authentication error' });
    s.inject({ method: 'GET', path: '/accounts', kind: 'status', status: 400, code: 1001, message: 'This endpoint does not support account owned tokens' });
    await signIn(api, s);
    await api.model.profiles.reload();
    await waitFor(() => s.requests.some(r => r.path === '/accounts'), 'the list asked after the account was refused');
    await waitFor(() => api.statusBar.accountText === `$(cloud) ${s.accountId.slice(0, 8)}…`, 'the short id');
  });
});
