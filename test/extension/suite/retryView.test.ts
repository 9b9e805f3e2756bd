// Retry on a failed view reloads that view only: the others' data and the rate budget are left alone.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { signedInSimulator, waitFor } from './helpers';

describe('Retry on a failed view', function () {
  this.timeout(60000);
  const ctx = signedInSimulator({ devices: 20, profiles: 2, tunnels: 2 });

  it('reloads only the view whose Retry was pressed', async () => {
    const { api, sim } = ctx;
    const A = `/accounts/${sim.accountId}`;
    // All three views have loaded once, as when an admin has opened each of them.
    await Promise.all([api.model.devices.reload(), api.model.tunnels.reload()]);
    sim.inject({ method: 'GET', path: `${A}/devices/policies`, kind: 'status', status: 403, code: 10000, message: 'Authentication error', times: 1 });
    await api.model.profiles.reload();
    assert.equal(api.model.profiles.state.kind, 'failed');
    // The error node as the view shows it (the extension runs from its bundle: no instanceof across it).
    const items = await Promise.all(((await api.views.profiles.getChildren()) ?? []).map(n => api.views.profiles.getTreeItem(n)));
    const error = items.find(i => i.contextValue === 'error');
    assert.ok(error, 'the Profiles view shows an error node');
    const retry = error.command;
    assert.ok(retry, 'the error node has a command');

    sim.requests.length = 0;
    await vscode.commands.executeCommand(retry.command, ...(retry.arguments ?? []));
    await waitFor(() => api.model.profiles.state.kind === 'loaded', 'the profiles to load again');
    // Let any other reload the command may have started reach the simulator before the log is read.
    await new Promise(r => setTimeout(r, 1500));
    const paths = sim.requests.map(r => r.path);
    // The account's name (status bar) may be asked once per account; nothing else but the Profiles view's lists.
    const others = paths.filter(p => p !== `${A}/devices/policies` && p !== `${A}/devices/ip-profiles` && p !== A);
    assert.deepStrictEqual(others, [], `requests beyond the Profiles view: ${paths.join(', ')}`);
    assert.ok(paths.includes(`${A}/devices/policies`), 'the profiles were asked again');
    assert.equal(api.model.devices.state.kind, 'loaded');
    assert.equal(api.model.tunnels.state.kind, 'loaded');
  });
});
