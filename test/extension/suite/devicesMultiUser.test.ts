// A multi-user mode account (physical devices + registrations) in a real extension host: the auto switch,
// the tree, and every device command on the new API.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { WarpFleetApi } from '../../../src/extension';
import type { FleetDevice, FleetRegistration } from '../../../src/model/fleetDevice';
import type { TreeNode } from '../../../src/views/nodes';
import { registrationOverrideCodes } from '../../simulator/routes/registrations';
import type { CloudflareSimulator } from '../../simulator/server';
import { captureErrors, children, hovered, item, resetDeviceView, signInTo, viewDescription } from './devicesHelpers';
import { extensionApi, labelOf, resetExtensionState, startSimulator, waitFor, withPrompts } from './helpers';

type RegNode = TreeNode & { registration: FleetRegistration; parent: TreeNode & { device: FleetDevice } };
type DevNode = TreeNode & { device: FleetDevice };
const isReg = (n: unknown): n is RegNode => typeof (n as RegNode)?.registration?.id === 'string';
const isDev = (n: unknown): n is DevNode => typeof (n as DevNode)?.device?.id === 'string';

describe('Devices on a multi-user account (physical devices and registrations)', function () {
  this.timeout(90000);
  let sim: CloudflareSimulator;
  let api: WarpFleetApi;
  const A = () => `/accounts/${sim.accountId}/devices`;

  before(async () => {
    api = await extensionApi();
    sim = await startSimulator({ devices: 60, multiUser: true });
    await api.model.forgetDeviceApi();
    await vscode.workspace.getConfiguration().update('warpFleet.deviceApi', undefined, vscode.ConfigurationTarget.Global);
    await resetDeviceView(api);
    await signInTo(api, sim);
  });
  after(async () => {
    // The simulators of other suites reuse this account id: they must find the legacy API again.
    await api.model.forgetDeviceApi();
    await resetExtensionState(api);
    await sim.close();
  });
  beforeEach(() => {
    sim.clearFaults();
    sim.clearRequests();
  });

  const modelDevice = (id: string) => api.model.devices.data!.find(d => d.id === id)!;
  const simReg = (id: string) => sim.multi.registrationById.get(id)!;

  /** Device nodes (under their OS groups) and, for each, its registration nodes. */
  async function tree(): Promise<{ device: DevNode; regs: RegNode[] }[]> {
    const out: { device: DevNode; regs: RegNode[] }[] = [];
    for (const g of await children(api)) {
      for (const d of await children(api, g)) {
        if (isDev(d)) out.push({ device: d, regs: (await children(api, d)).filter(isReg) });
      }
    }
    return out;
  }
  async function find(pred: (d: FleetDevice) => boolean): Promise<{ device: DevNode; regs: RegNode[] }> {
    const t = (await tree()).find(x => pred(x.device.device));
    assert.ok(t, 'a device as the test needs');
    return t;
  }
  const activeRegs = (d: FleetDevice) => (d.registrations ?? []).filter(r => !r.revokedAt && !r.deletedAt);

  it('auto: the refused legacy list switches this account to the new API, remembered for the next load', async () => {
    assert.equal(api.model.deviceApi, 'registrations');
    const data = api.model.devices.data!;
    assert.equal(data.length, sim.multi.devices.filter(d => !d.deleted_at).length);
    const live = sim.multi.registrations.filter(r => !r.deleted_at).length;
    assert.equal(viewDescription(api), `${data.length} devices · ${live} registrations`);
    await api.model.devices.reload();
    const paths = sim.requests.map(r => `${r.method} ${r.path}`);
    assert.ok(!paths.includes(`GET ${A()}`), `the legacy list is not asked again: ${paths.join(', ')}`);
    assert.ok(paths.includes(`GET ${A()}/physical-devices`) && paths.includes(`GET ${A()}/registrations`), paths.join(', '));
    const regList = sim.requests.find(r => r.path === `${A()}/registrations`)!;
    assert.equal(regList.query.status, 'all', 'revoked registrations are listed too');
    assert.equal(regList.query.include, 'policy', 'the profile that applied comes with each registration');
  });

  it('shows physical devices with their registrations as children, status derived from them', async () => {
    const shared = await find(d => (d.registrations?.length ?? 0) > 1);
    const devItem = await item(api, shared.device);
    assert.equal(devItem.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.match(String(devItem.contextValue), /(^|;)physical(;|$)/);
    const simDevice = sim.multi.deviceById.get(shared.device.device.id)!;
    const simLive = simDevice.registrations.filter(r => !r.deleted_at);
    assert.equal(shared.regs.length, simLive.length);
    for (const n of shared.regs) {
      const ti = await item(api, n);
      const r = simReg(n.registration.id);
      assert.equal(labelOf(ti), r.user?.email ?? 'No user');
      assert.equal(ti.contextValue, ['registration', r.revoked_at ? 'revoked' : 'active', r.user?.email ? 'hasUser' : undefined].filter(Boolean).join(';'));
      if (r.revoked_at) assert.match(String(ti.description), /⊘ revoked/);
      if (r.virtual_ipv4) assert.match(String(ti.description), new RegExp(r.virtual_ipv4.replace(/\./g, '\\.')));
      assert.equal(ti.tooltip, undefined, 'the tooltip is made on hover');
      const tip = ((await hovered(api, n)).tooltip as vscode.MarkdownString).value;
      assert.ok(tip.includes(r.id) && tip.includes(r.key), 'the hovered tooltip has every field');
    }
    const revoked = simLive.filter(r => r.revoked_at).length;
    const expected = revoked === 0 ? 'active' : revoked === simLive.length ? 'revoked' : 'partlyRevoked';
    assert.equal(modelDevice(shared.device.device.id).status, expected);
  });

  it('revokes one registration from its node, marks it revoked, and Undo unrevokes it', async () => {
    const t = await find(d => activeRegs(d).length > 0);
    const node = t.regs.find(n => !n.registration.revokedAt)!;
    const id = node.registration.id;
    const { seen } = await withPrompts(
      [
        { kind: 'warning', match: /^Revoke .+ on .+\?$/, answer: 'Revoke' },
        { kind: 'info', match: /^Revoked /, answer: 'Undo' },
      ],
      () => vscode.commands.executeCommand('warpFleet.revokeRegistrations', node),
    );
    await waitFor(() => sim.requests.some(r => r.path === `${A()}/registrations/unrevoke`), 'the undo request');
    const revoke = sim.requests.find(r => r.path === `${A()}/registrations/revoke`)!;
    assert.deepEqual([revoke.method, revoke.query.id], ['POST', id], 'the id goes in the query');
    await waitFor(() => !modelDevice(t.device.device.id).registrations!.find(r => r.id === id)!.revokedAt, 'undone in the model');
    assert.equal(simReg(id).revoked_at, null, seen.join('\n'));
  });

  it('revoke then shows the registration marked in the tree', async () => {
    const t = await find(d => activeRegs(d).length > 0);
    const node = t.regs.find(n => !n.registration.revokedAt)!;
    await withPrompts(
      [{ kind: 'warning', answer: 'Revoke' }, { kind: 'info', match: /^Revoked /, answer: undefined }],
      () => vscode.commands.executeCommand('warpFleet.revokeRegistrations', node),
    );
    assert.ok(simReg(node.registration.id).revoked_at);
    const again = (await tree()).find(x => x.device.device.id === t.device.device.id)!;
    const regItem = await item(api, again.regs.find(n => n.registration.id === node.registration.id)!);
    assert.match(String(regItem.description), /⊘ revoked/);
    assert.match(String(regItem.contextValue), /(^|;)revoked(;|$)/);
    // And back, from the palette-free unrevoke command on the same node.
    await withPrompts(
      [{ kind: 'warning', match: /^Unrevoke /, answer: 'Unrevoke' }, { kind: 'info', match: /^Unrevoked /, answer: undefined }],
      () => vscode.commands.executeCommand('warpFleet.unrevokeRegistrations', again.regs.find(n => n.registration.id === node.registration.id)),
    );
    assert.equal(simReg(node.registration.id).revoked_at, null);
  });

  it('revokes a multi-selection in URL-safe chunks and names exactly the registrations a failed chunk left unchanged', async () => {
    const all = (await tree()).flatMap(t => t.regs).filter(n => !n.registration.revokedAt);
    assert.ok(all.length > 55, `enough active registrations (${all.length})`);
    sim.inject({ method: 'POST', path: `${A()}/registrations/revoke`, kind: 'status', status: 400, code: 1001, message: 'Invalid registration', skip: 1, times: 1 });
    const { seen } = await withPrompts([{ kind: 'warning', match: /^Revoke \d+ registrations\?$/, answer: 'Revoke' }], () =>
      vscode.commands.executeCommand('warpFleet.revokeRegistrations', all[0], all),
    );
    const posts = sim.requests.filter(r => r.path === `${A()}/registrations/revoke`);
    assert.ok(posts.length >= 2, 'more than one chunk');
    const failedIds = new Set([posts[1].query.id].flat());
    const report = seen.find(s => s.startsWith('warning:') && /did not change/i.test(s));
    assert.ok(report, seen.join('\n'));
    assert.match(report, /code 1001/);
    for (const n of all) {
      const revoked = Boolean(simReg(n.registration.id).revoked_at);
      assert.equal(revoked, !failedIds.has(n.registration.id), n.registration.id);
      assert.equal(Boolean(modelDevice(n.parent.device.id).registrations!.find(r => r.id === n.registration.id)!.revokedAt), revoked, 'the model agrees with Cloudflare');
    }
    // Put the fleet back for the next tests.
    const back = sim.multi.registrations.filter(r => r.revoked_at && all.some(n => n.registration.id === r.id)).map(r => r.id);
    for (const id of back) simReg(id).revoked_at = null;
    await api.model.devices.reload();
  });

  it('a revoke whose answer was lost is read back and reported as what Cloudflare applied, never as failure', async () => {
    const t = await find(d => activeRegs(d).length > 0);
    const node = t.regs.find(n => !n.registration.revokedAt)!;
    sim.inject({ method: 'POST', path: `${A()}/registrations/revoke`, kind: 'applyThenDrop', times: 1 });
    const { result, errors } = await captureErrors(() =>
      withPrompts([{ kind: 'warning', answer: 'Revoke' }, { kind: 'info', match: /^Revoked /, answer: undefined }], () =>
        vscode.commands.executeCommand('warpFleet.revokeRegistrations', node),
      ),
    );
    assert.deepEqual(errors, []);
    assert.ok(!result.seen.some(s => /did not change/.test(s)), result.seen.join('\n'));
    assert.equal(sim.requests.filter(r => r.path === `${A()}/registrations/revoke`).length, 1, 'the POST was not sent again');
    const readBack = sim.requests.find(r => r.method === 'GET' && r.path === `${A()}/registrations` && r.query.id !== undefined);
    assert.ok(readBack, 'read back by id');
    assert.ok(modelDevice(t.device.device.id).registrations!.find(r => r.id === node.registration.id)!.revokedAt);
    simReg(node.registration.id).revoked_at = null;
    await api.model.devices.reload();
  });

  it('revokes every registration of a device (POST physical-devices/{id}/revoke), Undo unrevokes exactly those', async () => {
    const t = await find(d => activeRegs(d).length > 0 && !d.deleted);
    const before = activeRegs(t.device.device).map(r => r.id).sort();
    await withPrompts(
      [
        { kind: 'warning', match: /^Revoke every registration of /, answer: 'Revoke All' },
        { kind: 'info', match: /^Revoked /, answer: 'Undo' },
      ],
      () => vscode.commands.executeCommand('warpFleet.revokeAllRegistrations', t.device),
    );
    assert.ok(sim.requests.some(r => r.method === 'POST' && r.path === `${A()}/physical-devices/${t.device.device.id}/revoke`));
    await waitFor(() => sim.requests.some(r => r.path === `${A()}/registrations/unrevoke`), 'undo');
    const undo = sim.requests.find(r => r.path === `${A()}/registrations/unrevoke`)!;
    assert.deepEqual([undo.query.id].flat().sort(), before);
    await waitFor(() => before.every(id => simReg(id).revoked_at === null), 'undone on Cloudflare');
  });

  it('deletes a registration after a modal that says delete cannot be undone and frees virtual IPs', async () => {
    const t = await find(d => activeRegs(d).length > 1);
    const node = t.regs[0];
    let detail = '';
    await withPrompts(
      [
        {
          kind: 'warning',
          match: /^Delete the registration /,
          answer: rest => ((detail = String((rest[0] as vscode.MessageOptions).detail)), 'Delete'),
        },
        { kind: 'info', match: /^Deleted /, answer: undefined },
      ],
      () => vscode.commands.executeCommand('warpFleet.deleteRegistrations', node),
    );
    assert.match(detail, /cannot be undone/);
    assert.match(detail, /virtual IPs/);
    const del = sim.requests.find(r => r.method === 'DELETE' && r.path.startsWith(`${A()}/registrations`));
    assert.ok(del, 'DELETE sent');
    assert.ok(simReg(node.registration.id).deleted_at, 'deleted on Cloudflare');
    assert.ok(!modelDevice(t.device.device.id).registrations!.some(r => r.id === node.registration.id), 'gone from the view');
  });

  it('deletes a physical device after the modal; cancelling the modal sends nothing', async () => {
    const t = await find(d => !d.deleted);
    await withPrompts([{ kind: 'warning', match: /^Delete the device /, answer: undefined }], () => vscode.commands.executeCommand('warpFleet.deletePhysicalDevices', t.device));
    assert.ok(!sim.requests.some(r => r.method === 'DELETE'), 'cancel sends nothing');
    await withPrompts(
      [{ kind: 'warning', match: /^Delete the device /, answer: 'Delete' }, { kind: 'info', match: /^Deleted /, answer: undefined }],
      () => vscode.commands.executeCommand('warpFleet.deletePhysicalDevices', t.device),
    );
    assert.ok(sim.requests.some(r => r.method === 'DELETE' && r.path === `${A()}/physical-devices/${t.device.device.id}`));
    assert.ok(!api.model.devices.data!.some(d => d.id === t.device.device.id), 'gone from the view');
  });

  it('override codes of a registration: every duration of the open map, the chosen one copied', async () => {
    const t = await find(d => activeRegs(d).length > 0);
    const node = t.regs.find(n => !n.registration.revokedAt)!;
    let labels: string[] = [];
    await withPrompts(
      [{ kind: 'quickPick', match: /^Override codes for /, answer: items => ((labels = (items as vscode.QuickPickItem[]).map(i => i.label)), items[0]) }],
      () => vscode.commands.executeCommand('warpFleet.showOverrideCodes', node),
    );
    const codes = registrationOverrideCodes(sim.seed, node.registration.id, sim.state.overrideDurations).disable_for_time as Record<string, string>;
    assert.equal(labels.length, Object.keys(codes).length);
    assert.equal(await vscode.env.clipboard.readText(), codes[sim.state.overrideDurations[0]]);
    assert.ok(sim.requests.some(r => r.path === `${A()}/registrations/${node.registration.id}/override_codes`));
  });

  it('details of a physical device and of a registration open as Markdown', async () => {
    const t = await find(d => (d.registrations?.length ?? 0) > 0);
    const uri = (await vscode.commands.executeCommand('warpFleet.showDeviceDetails', t.device)) as vscode.Uri;
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.match(doc.getText(), /## Registrations \(\d+\)/);
    assert.ok(doc.getText().includes(t.device.device.id));
    const reg = t.regs[0];
    const regUri = (await vscode.commands.executeCommand('warpFleet.showDeviceDetails', reg)) as vscode.Uri;
    const regDoc = await vscode.workspace.openTextDocument(regUri);
    assert.ok(regDoc.getText().includes(reg.registration.id));
    assert.match(regDoc.getText(), /Virtual IPv4|Device settings profile/);
    assert.ok(sim.requests.some(r => r.path === `${A()}/registrations/${reg.registration.id}` && r.query.include === 'policy'));
  });

  it('Copy ID copies a registration id; Open in Dashboard opens the device list', async () => {
    const t = await find(d => (d.registrations?.length ?? 0) > 0);
    await vscode.commands.executeCommand('warpFleet.copyId', t.regs[0]);
    assert.equal(await vscode.env.clipboard.readText(), t.regs[0].registration.id);
    const env = vscode.env as unknown as { openExternal: (uri: vscode.Uri) => Thenable<boolean> };
    const original = env.openExternal;
    const opened: string[] = [];
    env.openExternal = async uri => (opened.push(uri.toString(true)), true);
    try {
      await vscode.commands.executeCommand('warpFleet.openInDashboard', t.regs[0]);
    } finally {
      env.openExternal = original;
    }
    assert.deepEqual(opened, [`https://one.dash.cloudflare.com/${sim.accountId}/team/devices`]);
  });

  it('groups by status with a "Partly revoked" group and filters on any registration user', async () => {
    try {
      await api.views.devices.options.set({ groupBy: 'status' });
      const labels = await Promise.all((await children(api)).map(async n => labelOf(await item(api, n))));
      const statuses = new Set(api.model.devices.data!.map(d => d.status));
      if (statuses.has('partlyRevoked')) assert.ok(labels.includes('Partly revoked'), labels.join(', '));
      assert.ok(labels.includes('Active'), labels.join(', '));
    } finally {
      await resetDeviceView(api);
    }
  });

  it('the palette Revoke Devices… on the new API picks registrations and revokes them', async () => {
    let offered: { target: { reg: FleetRegistration } }[] = [];
    await withPrompts(
      [
        { kind: 'quickPick', match: /^Revoke registrations$/, answer: items => (offered = items as typeof offered).slice(0, 2) },
        { kind: 'warning', match: /^Revoke 2 registrations\?$/, answer: 'Revoke' },
        { kind: 'info', match: /^Revoked 2 registrations$/, answer: undefined },
      ],
      () => vscode.commands.executeCommand('warpFleet.revokeDevices'),
    );
    assert.ok(offered.length > 2 && offered.every(i => !i.target.reg.revokedAt), 'only active registrations are offered');
    const ids = offered.slice(0, 2).map(i => i.target.reg.id);
    assert.ok(ids.every(id => simReg(id).revoked_at), 'revoked on Cloudflare');
    assert.ok(!sim.requests.some(r => r.path === `${A()}/revoke`), 'the legacy endpoint is not used');
    for (const id of ids) simReg(id).revoked_at = null;
    await api.model.devices.reload();
  });

  it('warpFleet.deviceApi = legacy shows the refusal instead of switching', async () => {
    try {
      await vscode.workspace.getConfiguration().update('warpFleet.deviceApi', 'legacy', vscode.ConfigurationTarget.Global);
      await waitFor(() => api.model.devices.state.kind === 'failed', 'the legacy list refused');
      assert.equal(api.model.devices.state.kind, 'failed');
    } finally {
      await vscode.workspace.getConfiguration().update('warpFleet.deviceApi', undefined, vscode.ConfigurationTarget.Global);
      await waitFor(() => api.model.devices.state.kind === 'loaded', 'loaded again on the remembered API');
    }
    assert.equal(api.model.deviceApi, 'registrations');
  });
});

describe('Devices: warpFleet.deviceApi = registrations on a single-user account', function () {
  this.timeout(60000);
  let sim: CloudflareSimulator;
  let api: WarpFleetApi;

  before(async () => {
    api = await extensionApi();
    sim = await startSimulator({ devices: 40 });
    await api.model.forgetDeviceApi();
    await vscode.workspace.getConfiguration().update('warpFleet.deviceApi', 'registrations', vscode.ConfigurationTarget.Global);
    await resetDeviceView(api);
    await signInTo(api, sim);
  });
  after(async () => {
    await vscode.workspace.getConfiguration().update('warpFleet.deviceApi', undefined, vscode.ConfigurationTarget.Global);
    await api.model.forgetDeviceApi();
    await resetExtensionState(api);
    await sim.close();
  });

  it('reads physical devices and registrations without asking the legacy list', async () => {
    sim.clearRequests();
    await api.model.devices.reload();
    assert.equal(api.model.deviceApi, 'registrations');
    assert.ok(!sim.requests.some(r => r.path === `/accounts/${sim.accountId}/devices`), 'no legacy list');
    assert.equal(api.model.devices.data!.length, sim.multi.devices.filter(d => !d.deleted_at).length);
    assert.ok(api.model.devices.data!.every(d => d.api === 'registrations' && d.registrations));
  });

  it('going back to auto on a legacy account loads the legacy list', async () => {
    await vscode.workspace.getConfiguration().update('warpFleet.deviceApi', 'auto', vscode.ConfigurationTarget.Global);
    await waitFor(() => api.model.devices.state.kind === 'loaded' && api.model.deviceApi === 'legacy', 'the legacy list');
    assert.equal(api.model.devices.data!.length, sim.state.devices.length);
  });
});
