// Secrets never leak, from inside the extension host: signed in through the command with a canary
// token, after the main flows and some failures, the canary is in no message, tree item, document,
// webview or setting. test/ui/leak.ui.test.ts does the same from the outside (page text, files on disk).
import * as assert from 'assert';
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import type { WarpFleetApi } from '../../../src/extension';
import type { TreeNode } from '../../../src/views/nodes';
import type { CloudflareSimulator, SimulatorOptions } from '../../simulator/server';
import { captureErrors, deviceNodes } from './devicesHelpers';
import { extensionApi, resetExtensionState, startSimulator, waitFor, withPrompts } from './helpers';

const MARK = 'LEAKCANARY';
const CANARY = `sim_${MARK}_${randomBytes(20).toString('hex')}`;
const WRONG = `sim_${MARK}_WRONG_${randomBytes(16).toString('hex')}`;

/** Every label, description and tooltip of a tree, down to `depth` levels. */
async function treeTexts(provider: vscode.TreeDataProvider<TreeNode>, depth = 3, node?: TreeNode): Promise<string[]> {
  const out: string[] = [];
  for (const child of ((await provider.getChildren(node)) ?? []).slice(0, 300)) {
    const drawn = await provider.getTreeItem(child);
    // As VS Code has it on hover, so the tooltips made then are read too.
    const item = (await provider.resolveTreeItem?.(drawn, child, new vscode.CancellationTokenSource().token)) ?? drawn;
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    const tip = typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '');
    out.push(label, String(item.description ?? ''), tip, item.id ?? '', item.contextValue ?? '');
    if (depth > 1 && item.collapsibleState !== vscode.TreeItemCollapsibleState.None) out.push(...(await treeTexts(provider, depth - 1, child)));
  }
  return out;
}

/** What the admin sees besides trees: view messages and descriptions, status bar items, open list editors' notices. */
function uiTexts(api: WarpFleetApi): string[] {
  const out: string[] = [];
  for (const v of [api.views.devices, api.views.profiles, api.views.connectors]) {
    const view = (v as unknown as { view?: vscode.TreeView<TreeNode> }).view;
    out.push(v.message ?? '', view?.description ?? '', view?.title ?? '');
  }
  out.push(api.statusBar.accountText, api.statusBar.waitingText ?? '');
  for (const p of api.listEditors.all) out.push(p.panel.title, p.panel.webview.html, JSON.stringify(p.state));
  return out;
}

/**
 * A simulator the test signs in to itself (the sign-in is part of what must not leak), with a short
 * request timeout so the failure cases fail fast; everything put back afterwards.
 */
function signedOutSimulator(opts: SimulatorOptions): { sim: CloudflareSimulator; api: WarpFleetApi } {
  const env = {} as { sim: CloudflareSimulator; api: WarpFleetApi };
  before(async () => {
    env.api = await extensionApi();
    await resetExtensionState(env.api);
    env.sim = await startSimulator(opts);
    await vscode.workspace.getConfiguration().update('warpFleet.requestTimeoutSeconds', 5, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    for (const p of env.api?.listEditors.all ?? []) p.panel.dispose();
    await vscode.workspace.getConfiguration().update('warpFleet.requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    if (env.api) await resetExtensionState(env.api);
    await env.sim?.close();
  });
  return env;
}

describe('Secrets never leak', function () {
  this.timeout(120000);
  let sim: CloudflareSimulator;
  let api: WarpFleetApi;
  const texts: string[] = [];

  const env = signedOutSimulator({ devices: 60, token: CANARY });
  before(() => ({ sim, api } = env));

  it('runs sign-in (wrong, then right), devices, details, revoke + unrevoke, a list save and failures', async () => {
    const wrong = await captureErrors(() => withPrompts([{ kind: 'input', answer: WRONG }], () => vscode.commands.executeCommand('warpFleet.signIn')));
    texts.push(...wrong.errors, ...wrong.result.seen);
    assert.match(wrong.errors.join('\n'), /Sign-in failed/);
    const right = await withPrompts(
      [
        { kind: 'input', answer: CANARY, match: /API token/ },
        { kind: 'quickPick', answer: items => (items as { account: { id: string } }[]).find(i => i.account.id === sim.accountId) },
      ],
      () => vscode.commands.executeCommand('warpFleet.signIn'),
    );
    texts.push(...right.seen);
    await waitFor(async () => (await api.session.current())?.accountId === sim.accountId, 'signed in');
    await api.model.devices.reload();
    assert.equal(api.model.devices.state.kind, 'loaded');
    assert.ok(sim.requests.some(r => r.auth === 'token') && sim.requests.some(r => r.auth === 'invalid'));

    const node = (await deviceNodes(api)).find(n => !n.device.revoked_at)!;
    await vscode.commands.executeCommand('warpFleet.showDeviceDetails', node);
    // Earlier suites may have left other devices' details open: wait for this device's.
    const doc = await waitFor(
      () => vscode.workspace.textDocuments.find(d => d.uri.scheme === 'warp-fleet-device' && d.getText().includes(node.device.id)),
      'the details document',
    );
    texts.push(doc.getText(), doc.uri.toString());
    assert.ok(doc.getText().includes(node.device.id));
    for (const [command, title] of [['warpFleet.revokeDevices', 'Revoke'], ['warpFleet.unrevokeDevices', 'Unrevoke']] as const) {
      const current = (await deviceNodes(api)).find(n => n.device.id === node.device.id)!;
      const r = await withPrompts([{ kind: 'warning', match: new RegExp(`^${title}`), answer: rest => rest[1] }], () => vscode.commands.executeCommand(command, current, [current]));
      texts.push(...r.seen);
    }
    assert.ok(!sim.state.devices.find(d => d.id === node.device.id)!.revoked_at, 'revoked, then unrevoked');
    assert.equal(sim.requests.filter(r => r.method === 'POST' && /\/devices\/(un)?revoke$/.test(r.path)).length, 2);

    const profile = structuredClone(sim.state.customProfiles[0]);
    await vscode.commands.executeCommand('warpFleet.editSplitTunnel', { profile, mode: 'exclude' });
    const panel = await waitFor(() => api.listEditors.all[0], 'the list editor');
    await panel.whenLoaded();
    panel.applyEdits([{ op: 'add', rows: [{ id: 'leak-1', value: '198.51.100.0/24', description: '', dns: '' }] }]);
    assert.equal(await panel.save(), 'saved');
    texts.push(panel.panel.webview.html, panel.panel.title, JSON.stringify(panel.state), JSON.stringify(panel.entries));

    // Failures: a 401, a 500 storm, a timeout, a dropped connection; each one's tree error node.
    const path = `/accounts/${sim.accountId}/devices`;
    for (const fault of [{ kind: 'status', status: 401 }, { kind: 'status', status: 500 }, { kind: 'slow', delayMs: 7000 }, { kind: 'drop' }] as const) {
      sim.inject({ path, ...fault });
      await api.model.devices.reload();
      sim.clearFaults();
      assert.equal(api.model.devices.state.kind, 'failed', fault.kind);
      texts.push(...(await treeTexts(api.views.devices, 1)), ...uiTexts(api));
    }
    // A failing command goes through the one error wrapper: its message too.
    sim.inject({ path: /\/devices\/revoke$/, kind: 'status', status: 403 });
    const failed = await captureErrors(() => withPrompts([{ kind: 'warning', answer: rest => rest[1] }], () => vscode.commands.executeCommand('warpFleet.revokeDevices', node, [node])));
    sim.clearFaults();
    texts.push(...failed.errors, ...failed.result.seen);
    assert.equal(failed.errors.length, 1, 'the failed revoke said so');
  });

  it('the canary is in no message, tree item, document, webview or setting', async () => {
    await api.model.devices.reload();
    await api.model.profiles.reload();
    await api.model.tunnels.reload();
    for (const provider of [api.views.devices, api.views.profiles, api.views.connectors]) texts.push(...(await treeTexts(provider)));
    texts.push(...uiTexts(api));
    for (const d of vscode.workspace.textDocuments) texts.push(d.uri.toString(), d.getText());
    // Every setting, in every scope, as VS Code resolves it.
    const config = vscode.workspace.getConfiguration();
    texts.push(JSON.stringify(config));
    for (const key of ['warpFleet', 'warpFleet.apiBaseUrl', 'warpFleet.accountId', 'warpFleet.pageSize', 'warpFleet.autoRefreshSeconds', 'warpFleet.requestTimeoutSeconds']) {
      texts.push(JSON.stringify(config.inspect(key)));
    }
    assert.ok(texts.some(t => t.includes('198.51.100.0/24')), 'the webview state was collected');
    assert.ok(texts.some(t => /Sign-in failed/.test(t)) && texts.some(t => /could not reach/i.test(t)), 'the failures were collected');
    for (const t of texts) {
      assert.ok(!t.includes(MARK), `the canary appears in: ${t.slice(0, 300)}`);
    }
    // It is stored, though: in SecretStorage, where it belongs.
    assert.equal((await api.session.current())?.source, 'secrets');
  });
});

// The same with email + Global API key: the key travels in X-Auth-Key on every request, so every
// place a request's failure can surface is checked for it. The simulator's key (37 hex characters,
// random per seed) is the canary: no UI text has a reason to hold it.
describe('Secrets never leak (Global API key)', function () {
  this.timeout(120000);
  let sim: CloudflareSimulator;
  let api: WarpFleetApi;
  const texts: string[] = [];
  const wrongKey = randomBytes(19).toString('hex').slice(0, 37);

  const env = signedOutSimulator({ devices: 40, seed: 4242 });
  before(() => ({ sim, api } = env));

  it('signs in with a Global API key (wrong, then right), lists, edits a list and fails in several ways', async () => {
    const wrong = await captureErrors(() =>
      withPrompts([{ kind: 'input', answer: sim.email, match: /1\/2/ }, { kind: 'input', answer: wrongKey, match: /2\/2/ }], () => vscode.commands.executeCommand('warpFleet.signInWithGlobalKey')),
    );
    texts.push(...wrong.errors, ...wrong.result.seen);
    assert.match(wrong.errors.join('\n'), /Sign-in failed/);
    const right = await withPrompts(
      [
        { kind: 'input', answer: sim.email, match: /1\/2/ },
        { kind: 'input', answer: sim.globalKey, match: /2\/2/ },
        { kind: 'quickPick', answer: items => (items as { account: { id: string } }[]).find(i => i.account.id === sim.accountId) },
      ],
      () => vscode.commands.executeCommand('warpFleet.signInWithGlobalKey'),
    );
    texts.push(...right.seen);
    await waitFor(async () => (await api.session.current())?.accountId === sim.accountId, 'signed in');
    await Promise.all([api.model.devices.reload(), api.model.profiles.reload(), api.model.tunnels.reload()]);
    assert.equal(api.model.devices.state.kind, 'loaded');
    assert.ok(sim.requests.some(r => r.auth === 'globalKey'), 'the key was used');

    const profile = structuredClone(sim.state.customProfiles[0]);
    await vscode.commands.executeCommand('warpFleet.editFallbackDomains', { profile });
    const panel = await waitFor(() => api.listEditors.all[0], 'the list editor');
    await panel.whenLoaded();
    panel.applyEdits([{ op: 'add', rows: [{ id: 'leak-key-1', value: 'leak.example', description: '', dns: '' }] }]);
    // The save fails (a 401 with Cloudflare's own words): the editor's notice is collected.
    sim.inject({ method: 'PUT', path: /fallback_domains$/, kind: 'status', status: 401, times: 1 });
    await captureErrors(async () => panel.save());
    sim.clearFaults();
    texts.push(...uiTexts(api));

    const path = `/accounts/${sim.accountId}/devices`;
    for (const fault of [{ kind: 'status', status: 403 }, { kind: 'rateLimit', retryAfter: 1, times: 1 }, { kind: 'html', status: 502 }, { kind: 'slow', delayMs: 7000 }, { kind: 'drop' }] as const) {
      sim.inject({ path, ...fault });
      await api.model.devices.reload();
      sim.clearFaults();
      texts.push(...(await treeTexts(api.views.devices, 1)), ...uiTexts(api));
    }
    sim.inject({ method: 'DELETE', path: /\/devices\/policy\//, kind: 'status', status: 403 });
    const failed = await captureErrors(() => withPrompts([{ kind: 'warning', answer: rest => rest[1] }], () => vscode.commands.executeCommand('warpFleet.deleteProfile', { profile })));
    sim.clearFaults();
    texts.push(...failed.errors, ...failed.result.seen);
    assert.equal(failed.errors.length, 1, 'the failed delete said so');
  });

  it('the key is in no message, tree item, view, status bar, document, webview or setting', async () => {
    await Promise.all([api.model.devices.reload(), api.model.profiles.reload(), api.model.tunnels.reload()]);
    for (const provider of [api.views.devices, api.views.profiles, api.views.connectors]) texts.push(...(await treeTexts(provider)));
    texts.push(...uiTexts(api));
    for (const d of vscode.workspace.textDocuments) texts.push(d.uri.toString(), d.getText());
    const config = vscode.workspace.getConfiguration();
    texts.push(JSON.stringify(config), JSON.stringify(config.inspect('warpFleet')));
    assert.ok(texts.some(t => /Sign-in failed/.test(t)) && texts.some(t => /leak\.example/.test(t)), 'the flows were collected');
    for (const t of texts) {
      assert.ok(!t.includes(sim.globalKey), `the Global API key appears in: ${t.slice(0, 300)}`);
      assert.ok(!t.includes(wrongKey), `the wrong key appears in: ${t.slice(0, 300)}`);
    }
    assert.equal((await api.session.current())?.source, 'secrets');
  });
});
