// Sign in, sign out, account choice and environment credentials, in a real extension host.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { WarpFleetApi } from '../../../src/extension';
import type { CloudflareSimulator } from '../../simulator/server';
import { extensionApi, resetExtensionState, rootLabels, startSimulator, waitFor, withPrompts } from './helpers';

describe('Credentials', function () {
  this.timeout(60000);
  let sim: CloudflareSimulator;
  let api: WarpFleetApi;

  before(async () => {
    api = await extensionApi();
    sim = await startSimulator();
  });
  after(async () => {
    await resetExtensionState(api);
    await sim.close();
  });
  beforeEach(async () => {
    await resetExtensionState(api);
    sim.reset();
  });

  it('signs in with an API token: verifies it, stores it in SecretStorage, picks the account', async () => {
    const { seen } = await withPrompts(
      [
        { kind: 'input', answer: sim.token, match: /API token/ },
        { kind: 'quickPick', answer: (items: readonly unknown[]) => (items as { account: { id: string } }[]).find(i => i.account.id === sim.accountId) },
      ],
      () => vscode.commands.executeCommand('warpFleet.signIn'),
    );
    assert.ok(seen.some(s => /Signed in to Cloudflare/.test(s)), seen.join('\n'));
    assert.ok(sim.requests.some(r => r.path === '/user/tokens/verify'), 'verified before storing');
    assert.equal(vscode.workspace.getConfiguration().get('warpFleet.accountId'), sim.accountId);
    const state = await waitFor(() => api.session.current(), 'session');
    assert.equal(state.source, 'secrets');
    assert.equal(state.accountId, sim.accountId);
    // The secret is in SecretStorage, not in any setting.
    const settingsText = JSON.stringify(vscode.workspace.getConfiguration('warpFleet'));
    assert.ok(!settingsText.includes(sim.token), 'token must not be in settings');
  });

  it('refuses a wrong token and stores nothing', async () => {
    const { seen } = await withPrompts([{ kind: 'input', answer: 'sim_not_a_valid_token_000000000000000000' }], () =>
      vscode.commands.executeCommand('warpFleet.signIn'),
    );
    assert.equal(await api.session.current(), undefined);
    assert.ok(!sim.requests.some(r => r.path.startsWith('/accounts/') && r.path.includes('/devices')), 'no fleet request with bad credentials');
    assert.ok(!seen.some(s => /Signed in/.test(s)));
  });

  it('signs in with email + Global API key', async () => {
    await withPrompts(
      [
        { kind: 'input', answer: sim.email, match: /1\/2/ },
        { kind: 'input', answer: sim.globalKey, match: /2\/2/ },
        { kind: 'quickPick', answer: (items: readonly unknown[]) => items[0] },
      ],
      () => vscode.commands.executeCommand('warpFleet.signInWithGlobalKey'),
    );
    const state = await waitFor(() => api.session.current(), 'session');
    assert.ok(state.accountId);
    assert.ok(sim.requests.some(r => r.auth === 'globalKey'));
  });

  it('cancelling the token prompt stores nothing and shows no error', async () => {
    await withPrompts([{ kind: 'input', answer: undefined }], () => vscode.commands.executeCommand('warpFleet.signIn'));
    assert.equal(await api.session.current(), undefined);
    assert.equal(sim.requests.length, 0);
  });

  it('sign out removes the stored credentials', async () => {
    await withPrompts(
      [
        { kind: 'input', answer: sim.token },
        { kind: 'quickPick', answer: (items: readonly unknown[]) => items[0] },
      ],
      () => vscode.commands.executeCommand('warpFleet.signIn'),
    );
    assert.ok(await api.session.current());
    await vscode.commands.executeCommand('warpFleet.signOut');
    await waitFor(async () => !(await api.session.current()), 'signed out');
  });

  it('signs in with an account-owned token: asks for the account id, verifies it there, and works', async () => {
    delete process.env.CLOUDFLARE_ACCOUNT_ID;
    const { seen } = await withPrompts(
      [
        { kind: 'input', answer: sim.accountToken, match: /API token/ },
        { kind: 'input', answer: sim.accountId, match: /account id/i },
      ],
      () => vscode.commands.executeCommand('warpFleet.signIn'),
    );
    assert.ok(seen.some(s => /Signed in to Cloudflare/.test(s)), seen.join('\n'));
    assert.ok(sim.requests.some(r => r.path === `/accounts/${sim.accountId}/tokens/verify` && r.status === 200), 'verified at the account');
    assert.equal(vscode.workspace.getConfiguration().get('warpFleet.accountId'), sim.accountId);
    const state = await waitFor(() => api.session.current(), 'session');
    assert.equal(state.accountId, sim.accountId);
    await api.model.devices.reload();
    assert.equal(api.model.devices.state.kind, 'loaded', 'the fleet loads with the account-owned token');
  });

  it('an account-owned token takes CLOUDFLARE_ACCOUNT_ID instead of asking', async () => {
    process.env.CLOUDFLARE_ACCOUNT_ID = sim.accountId;
    try {
      const { seen } = await withPrompts([{ kind: 'input', answer: sim.accountToken, match: /API token/ }], () =>
        vscode.commands.executeCommand('warpFleet.signIn'),
      );
      assert.ok(seen.some(s => /Signed in to Cloudflare/.test(s)), seen.join('\n'));
      assert.equal(vscode.workspace.getConfiguration().get('warpFleet.accountId'), sim.accountId);
    } finally {
      delete process.env.CLOUDFLARE_ACCOUNT_ID;
    }
  });

  it('uses CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID from the environment when nothing is stored', async () => {
    process.env.CLOUDFLARE_API_TOKEN = sim.token;
    process.env.CLOUDFLARE_ACCOUNT_ID = sim.accountId;
    api.session.reload();
    const state = await waitFor(() => api.session.current(), 'session from environment');
    assert.equal(state.source, 'environment');
    assert.equal(state.accountId, sim.accountId);
    await api.model.devices.reload();
    assert.equal(api.model.devices.state.kind, 'loaded');
  });

  it('with bad credentials the Devices view shows the error in words, not a spinner', async () => {
    process.env.CLOUDFLARE_API_TOKEN = 'sim_bad_token_for_the_error_node_00000000';
    process.env.CLOUDFLARE_ACCOUNT_ID = sim.accountId;
    api.session.reload();
    await waitFor(() => api.session.current(), 'session');
    await api.model.devices.reload();
    assert.equal(api.model.devices.state.kind, 'failed');
    const labels = await rootLabels(api.views.devices);
    assert.equal(labels.length, 1);
    assert.match(labels[0], /Devices: 401 · code \d+/);
    const [node] = (await api.views.devices.getChildren())!;
    const item = await api.views.devices.getTreeItem(node);
    assert.equal(item.command?.command, 'warpFleet.refresh', 'the error node retries on click');
    assert.ok(!labels[0].includes('sim_bad_token'), 'the token is not shown');
  });
});
