// Cloudflare on a bad day, in a real extension host: for each fault the simulator can inject, the
// Devices and Profiles views end in a clear error node (status, Cloudflare code, words) instead of a
// spinner, never show the token, and nothing already loaded or edited is lost.
// A failed list-editor save keeping its edits is covered in listEditor.test.ts ("a failed save keeps
// every unsaved edit…"); this suite adds the dropped-connection variant.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Device } from '../../../src/api/types';
import type { WarpFleetApi } from '../../../src/extension';
import type { Loadable } from '../../../src/model/loadable';
import type { TreeNode } from '../../../src/views/nodes';
import type { FaultSpec } from '../../simulator/types';
import type { CloudflareSimulator } from '../../simulator/server';
import { deviceNodes, revokeRequests, signInTo } from './devicesHelpers';
import { extensionApi, labelOf, resetExtensionState, startSimulator, waitFor, withPrompts } from './helpers';

interface ErrorView {
  label: string;
  tooltip: string;
  description: string;
}

/** The root's error node as the view shows it (first node, contextValue 'error'), or undefined. */
async function errorNode(provider: vscode.TreeDataProvider<TreeNode>): Promise<ErrorView | undefined> {
  const first = ((await provider.getChildren()) ?? [])[0];
  if (!first) return undefined;
  const item = await provider.getTreeItem(first);
  if (item.contextValue !== 'error') return undefined;
  const tip = item.tooltip;
  return { label: labelOf(item), tooltip: typeof tip === 'string' ? tip : (tip?.value ?? ''), description: String(item.description ?? '') };
}

interface Case {
  name: string;
  fault: Omit<FaultSpec, 'path'>;
  /** What the label and the tooltip together must say. */
  expect: RegExp[];
}

// `times` is left unlimited: every retry fails too, and the fault is cleared after each case.
const CASES: Case[] = [
  { name: '401', fault: { kind: 'status', status: 401, code: 10000 }, expect: [/401/, /10000/, /rejected the credentials/] },
  { name: '403', fault: { kind: 'status', status: 403, code: 10000 }, expect: [/403/, /10000/, /lack a permission/] },
  { name: '404', fault: { kind: 'status', status: 404, code: 7003 }, expect: [/404/, /7003/, /Not found/] },
  { name: '429 storm', fault: { kind: 'rateLimit', retryAfter: 1 }, expect: [/429/, /rate limit/i] },
  { name: '500', fault: { kind: 'status', status: 500, code: 10001 }, expect: [/500/, /10001/, /server error/] },
  { name: '502', fault: { kind: 'status', status: 502, code: 10001 }, expect: [/502/, /10001/, /server error/] },
  { name: '503', fault: { kind: 'status', status: 503, code: 10001 }, expect: [/503/, /10001/, /server error/] },
  { name: 'HTML error page', fault: { kind: 'html', status: 502 }, expect: [/502/, /HTML/, /Bad Gateway/] },
  { name: 'malformed JSON', fault: { kind: 'malformed' }, expect: [/malformed JSON/, /instead of API data/] },
  { name: 'slow answer past the timeout', fault: { kind: 'slow', delayMs: 7000 }, expect: [/timed out/, /within 5 s/, /did not answer in time/] },
  { name: 'dropped connection', fault: { kind: 'drop' }, expect: [/could not reach/i, /ECONNRESET|socket hang up/] },
];

describe('Faults', function () {
  this.timeout(120000);
  let sim: CloudflareSimulator;
  let api: WarpFleetApi;

  before(async () => {
    api = await extensionApi();
    sim = await startSimulator({ devices: 500 });
    // 5 s (the minimum) so the timeout case takes 4 attempts × 5 s rather than 4 × 30 s.
    await vscode.workspace.getConfiguration().update('warpFleet.requestTimeoutSeconds', 5, vscode.ConfigurationTarget.Global);
    await signInTo(api, sim);
  });
  after(async () => {
    await vscode.workspace.getConfiguration().update('warpFleet.requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    await resetExtensionState(api);
    await sim.close();
  });
  beforeEach(() => sim.reset());

  const devicesPath = () => `/accounts/${sim.accountId}/devices`;
  const profilesPath = () => `/accounts/${sim.accountId}/devices/policies`;

  /** Reloads `model` under `fault`, and returns the view's error node; the loadable must end 'failed'. */
  async function failedView<T>(model: Loadable<T>, provider: vscode.TreeDataProvider<TreeNode>, path: string, fault: Case['fault']): Promise<ErrorView> {
    sim.inject({ path, ...fault });
    try {
      await model.reload();
    } finally {
      sim.clearFaults();
    }
    assert.equal(model.state.kind, 'failed', `the load ends failed, not ${model.state.kind}`);
    const node = await errorNode(provider);
    assert.ok(node, 'an error node at the root');
    assert.ok(sim.requests.some(r => r.path === path), `the fault was hit on ${path}`);
    return node;
  }

  function assertNoToken(...texts: string[]): void {
    for (const t of texts) assert.ok(!t.includes(sim.token), `the token appears in: ${t}`);
  }

  for (const c of CASES) {
    it(`${c.name}: Devices and Profiles say what failed, in words, and stop loading`, async () => {
      for (const [model, provider, path, what] of [
        [api.model.devices, api.views.devices, devicesPath(), 'Devices'],
        [api.model.profiles, api.views.profiles, profilesPath(), 'Profiles'],
      ] as const) {
        const node = await failedView<unknown>(model as Loadable<unknown>, provider, path, c.fault);
        const text = `${node.label}\n${node.tooltip}`;
        assert.ok(node.label.startsWith(`${what}: `), node.label);
        for (const re of c.expect) assert.match(text, re);
        assert.equal(node.description, 'click to retry');
        assert.match(node.tooltip, /\[Retry\]\(command:/);
        assertNoToken(node.label, node.tooltip, node.description);
      }
    });
  }

  it('a failed refresh keeps the last good devices, with the error above them, and the retry loads', async () => {
    await api.model.devices.reload();
    const before = await rootItems();
    assert.ok(before.length > 1 && !before.includes('error'), before.join(', '));
    const node = await failedView(api.model.devices, api.views.devices, devicesPath(), { kind: 'status', status: 500, code: 10001, times: 4 });
    assert.match(node.label, /^Devices: 500 · code 10001/);
    const after = await rootItems();
    assert.deepEqual(after.slice(1), before, 'the previous groups follow the error node unchanged');
    assert.equal(api.model.devices.data?.length, 500, 'the cached devices are still there');
    // The error node's own command retries; with the fault gone the error node goes away.
    const item = await api.views.devices.getTreeItem(((await api.views.devices.getChildren()) ?? [])[0]);
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    await waitFor(() => api.model.devices.state.kind === 'loaded', 'devices loaded again');
    assert.deepEqual(await rootItems(), before);
  });

  async function rootItems(): Promise<string[]> {
    const nodes = (await api.views.devices.getChildren()) ?? [];
    return Promise.all(nodes.map(async n => {
      const i = await api.views.devices.getTreeItem(n);
      return i.contextValue === 'error' ? 'error' : labelOf(i);
    }));
  }

  it('a revoke whose second chunk loses its connection says exactly which devices did not change', async () => {
    await api.model.devices.reload();
    // A POST is never resent after it may have arrived (#13): the second request of 200 loses its
    // connection once, the device list is read back, and those 200 show unchanged; the first and the
    // third go through untouched.
    sim.inject({ method: 'POST', path: `/accounts/${sim.accountId}/devices/revoke`, kind: 'drop', skip: 1, times: 1 });
    let picked: { device: Device }[] = [];
    const { seen } = await withPrompts(
      [
        { kind: 'quickPick', answer: items => (picked = (items as { device: Device }[]).slice(0, 450)) },
        { kind: 'warning', match: /^Revoke 450 devices\?$/, answer: rest => rest[1] },
        { kind: 'warning', match: /^250 of 450 devices revoked\. .* did not change: Could not reach the Cloudflare API/, answer: undefined },
      ],
      () => vscode.commands.executeCommand('warpFleet.revokeDevices'),
    );
    const message = seen.find(s => s.includes('did not change'))!;
    const names = picked.slice(200, 203).map(p => p.device.name);
    assert.ok(message.includes(`${names[0]}, ${names[1]}, ${names[2]} and 197 more`), message);
    assertNoToken(...seen);
    const posts = revokeRequests(sim).map(p => [p.status, (p.body as string[]).length]);
    assert.deepEqual(posts, [[200, 200], [0, 200], [200, 50]]);
    assert.ok(!/no longer exists|unknown/i.test(message), message);
    const ids = picked.map(p => p.device.id);
    const sim1 = (id: string) => sim.state.devices.find(d => d.id === id)!;
    const model1 = (id: string) => api.model.devices.data!.find(d => d.id === id)!;
    for (const id of [...ids.slice(0, 200), ...ids.slice(400)]) assert.ok(sim1(id).revoked_at && model1(id).revoked_at, `${id} revoked`);
    for (const id of ids.slice(200, 400)) assert.ok(!sim1(id).revoked_at && !model1(id).revoked_at, `${id} unchanged`);
    // What the tree shows agrees with the model.
    const shown = (await deviceNodes(api)).filter(n => ids.includes(n.device.id));
    assert.ok(shown.length > 0);
    for (const n of shown) assert.equal(Boolean(n.device.revoked_at), Boolean(model1(n.device.id).revoked_at));
  });

  it('a list editor save that loses its connection keeps the edits, then saves', async () => {
    const profile = structuredClone(sim.state.customProfiles[0]);
    await vscode.commands.executeCommand('warpFleet.editSplitTunnel', { profile, mode: 'exclude' });
    const target = { accountId: sim.accountId, profileId: profile.policy_id, profileName: profile.name!, list: 'exclude' as const };
    const panel = await waitFor(() => api.listEditors.find(target), 'editor registered');
    try {
      await panel.whenLoaded();
      panel.applyEdits([{ op: 'add', rows: [{ id: 'faults-1', value: '198.51.100.0/24', description: 'kept', dns: '' }] }]);
      const edited = panel.entries;
      sim.inject({ method: 'PUT', path: /\/exclude$/, kind: 'drop' });
      assert.equal(await panel.save(), 'failed');
      assert.deepEqual(panel.entries, edited);
      assert.ok(panel.state.dirty);
      assert.match(panel.state.notice?.text ?? '', /Could not reach the Cloudflare API/);
      assertNoToken(panel.state.notice?.text ?? '');
      sim.clearFaults();
      assert.equal(await panel.save(), 'saved');
      assert.ok(sim.state.customProfiles[0].exclude?.some(e => 'address' in e && e.address === '198.51.100.0/24'));
    } finally {
      panel.panel.dispose();
    }
  });
});
