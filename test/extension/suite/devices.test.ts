// The Devices view in a real extension host: items, filter, group, sort, persistence, auto refresh.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { WarpFleetApi } from '../../../src/extension';
import { DeviceViewOptions } from '../../../src/views/devices/deviceViewOptions';
import { AutoRefresh } from '../../../src/views/autoRefresh';
import type { CloudflareSimulator } from '../../simulator/server';
import { children, deviceNodes, hovered, item, labels, resetDeviceView, signInTo, viewDescription } from './devicesHelpers';
import { extensionApi, labelOf, manualTimers, resetExtensionState, startSimulator, waitFor, withPrompts } from './helpers';

const pickValue = (value: string) => (items: readonly unknown[]) => (items as { value: string }[]).find(i => i.value === value);

describe('Devices view', function () {
  this.timeout(60000);
  let sim: CloudflareSimulator;
  let api: WarpFleetApi;

  before(async () => {
    api = await extensionApi();
    sim = await startSimulator({ devices: 300 });
    await signInTo(api, sim);
  });
  after(async () => {
    await resetDeviceView(api);
    await resetExtensionState(api);
    await sim.close();
  });
  beforeEach(() => resetDeviceView(api));

  it('groups by OS with counts, and shows each device with icon, email, last seen, flags and a full tooltip', async () => {
    const groups = await children(api);
    const groupItems = await Promise.all(groups.map(g => item(api, g)));
    assert.ok(groupItems.length >= 5 && groupItems.length <= 6, groupItems.map(labelOf).join());
    assert.equal(labelOf(groupItems[0]), 'Windows', 'largest group first');
    const total = groupItems.reduce((n, i) => n + Number(String(i.description).replace(/,/g, '')), 0);
    assert.equal(total, 300);
    assert.equal(viewDescription(api), '300 devices');

    const nodes = await deviceNodes(api);
    assert.equal(nodes.length, 300);
    const simById = new Map(sim.state.devices.map(d => [d.id, d]));
    const withUser = nodes.find(n => n.device.user?.email && !n.device.revoked_at && !n.device.deleted)!;
    const i = await item(api, withUser);
    assert.equal(labelOf(i), simById.get(withUser.device.id)!.name);
    assert.match(String(i.description), new RegExp(`^${withUser.device.user!.email!.replace('.', '\\.')} · (\\d+ (min|h|d|mo|y) ago|just now)$`));
    assert.equal(i.contextValue, 'device;active;hasUser');
    assert.ok(i.iconPath instanceof vscode.ThemeIcon);
    // Made on hover, not for every row drawn: VS Code's extension host parses each Markdown tooltip
    // it is handed, 30 ms for a page of 200 rows (#17, the extension-host bench's profile).
    assert.equal(i.tooltip, undefined, 'no tooltip until VS Code asks for it');
    const tip = ((await hovered(api, withUser)).tooltip as vscode.MarkdownString).value;
    const d = simById.get(withUser.device.id)!;
    for (const v of [d.model, d.manufacturer, d.serial_number, d.ip, d.mac_address, d.os_version, d.version, d.user!.name, d.user!.email, d.id]) {
      assert.ok(v && tip.includes(v.replace(/([*_`[\]<>$|\\@&#~])/g, '\\$1')), `tooltip lacks ${v}`);
    }

    const revoked = nodes.find(n => n.device.revoked_at)!;
    const ri = await item(api, revoked);
    assert.match(String(ri.description), /^⊘ revoked · /);
    assert.match(String(ri.contextValue), /^device;revoked(;|$)/);
  });

  it('filters with the command: only matches, count in the view description, a message when nothing matches', async () => {
    await withPrompts([{ kind: 'input', answer: 'lon', match: /Filter devices/ }], () => vscode.commands.executeCommand('warpFleet.filterDevices'));
    const nodes = await deviceNodes(api);
    const expected = sim.state.devices.filter(d => [d.name, d.user?.name, d.user?.email, d.serial_number, d.ip, d.model].some(v => v?.toLowerCase().includes('lon')));
    assert.ok(expected.length > 0 && expected.length < 300);
    assert.deepEqual(nodes.map(n => n.device.id).sort(), expected.map(d => d.id).sort());
    assert.equal(viewDescription(api), `${expected.length} · filter: lon`);

    await withPrompts([{ kind: 'input', answer: 'NO-SUCH-DEVICE' }], () => vscode.commands.executeCommand('warpFleet.filterDevices'));
    const [only] = await children(api);
    const i = await item(api, only);
    assert.match(labelOf(i), /No device matches "NO-SUCH-DEVICE"/);
    assert.equal(i.command?.command, 'warpFleet.clearDeviceFilter');

    await vscode.commands.executeCommand('warpFleet.clearDeviceFilter');
    assert.equal((await deviceNodes(api)).length, 300);
    assert.equal(viewDescription(api), '300 devices');
  });

  it('groups by status, last seen, user and none (200 at a time with Load more at the root)', async () => {
    await withPrompts([{ kind: 'quickPick', answer: pickValue('status'), match: /Group devices by/ }], () => vscode.commands.executeCommand('warpFleet.groupDevices'));
    const status = await labels(api);
    const deleted = sim.state.devices.filter(d => d.deleted).length;
    const revokedOnly = sim.state.devices.filter(d => d.revoked_at && !d.deleted).length;
    assert.deepEqual(status, ['Active', ...(revokedOnly ? ['Revoked'] : []), ...(deleted ? ['Deleted'] : [])]);

    await withPrompts([{ kind: 'quickPick', answer: pickValue('lastSeen') }], () => vscode.commands.executeCommand('warpFleet.groupDevices'));
    const seen = await labels(api);
    const order = ['Seen in the last 24 hours', 'Seen in the last 7 days', 'Seen in the last 30 days', 'Not seen for more than 30 days', 'Never seen'];
    assert.ok(seen.length >= 2);
    assert.deepEqual(seen, order.filter(l => seen.includes(l)), 'buckets in order');

    await withPrompts([{ kind: 'quickPick', answer: pickValue('user') }], () => vscode.commands.executeCommand('warpFleet.groupDevices'));
    const users = await children(api);
    assert.ok(users.length > 1 && users.length <= 201, `${users.length} root nodes`);
    const first = await item(api, users[0]);
    assert.match(String(first.description), /@acme\.com · \d+$/);

    await withPrompts([{ kind: 'quickPick', answer: pickValue('none') }], () => vscode.commands.executeCommand('warpFleet.groupDevices'));
    const flat = await children(api);
    assert.equal(flat.length, 201);
    const more = await item(api, flat[200]);
    assert.equal(labelOf(more), 'Load 100 more (100 left)');
    await vscode.commands.executeCommand(more.command!.command, ...(more.command!.arguments ?? []));
    assert.equal((await children(api)).length, 300, 'all 300 after Load more, no Load more node left');
  });

  it('sorts by last seen (most recent first) and by name', async () => {
    await withPrompts([{ kind: 'quickPick', answer: pickValue('lastSeen'), match: /Sort devices by/ }], () => vscode.commands.executeCommand('warpFleet.sortDevices'));
    const [windows] = await children(api);
    const seen = (await children(api, windows)).map(n => Date.parse((n as unknown as { device: { last_seen: string } }).device.last_seen));
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i - 1] >= seen[i], `sorted by last seen at ${i}`);
    await withPrompts([{ kind: 'quickPick', answer: pickValue('name') }], () => vscode.commands.executeCommand('warpFleet.sortDevices'));
    const names = await labels(api, (await children(api))[0]);
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' })));
  });

  it('keeps group, sort and filter in globalState: a new options object over the same state reads them back', async () => {
    await withPrompts([{ kind: 'quickPick', answer: pickValue('user') }], () => vscode.commands.executeCommand('warpFleet.groupDevices'));
    await withPrompts([{ kind: 'quickPick', answer: pickValue('lastSeen') }], () => vscode.commands.executeCommand('warpFleet.sortDevices'));
    await withPrompts([{ kind: 'input', answer: ' acme ' }], () => vscode.commands.executeCommand('warpFleet.filterDevices'));
    const memento = (api.views.devices.options as unknown as { memento: vscode.Memento }).memento;
    const again = new DeviceViewOptions(memento);
    assert.deepEqual(again.query, { groupBy: 'user', sortBy: 'lastSeen', filter: 'acme' });
    again.dispose();
  });

  it('a cancelled filter prompt changes nothing', async () => {
    await withPrompts([{ kind: 'input', answer: 'lon' }], () => vscode.commands.executeCommand('warpFleet.filterDevices'));
    await withPrompts([{ kind: 'input', answer: undefined }], () => vscode.commands.executeCommand('warpFleet.filterDevices'));
    assert.equal(api.views.devices.options.query.filter, 'lon');
  });

  it('auto refresh reloads only while the view is visible, and not when the setting is 0', async function () {
    this.timeout(30000);
    const visibility = new vscode.EventEmitter<unknown>();
    const view = { visible: false, onDidChangeVisibility: visibility.event };
    const config = vscode.workspace.getConfiguration();
    await config.update('warpFleet.autoRefreshSeconds', 1, vscode.ConfigurationTarget.Global); // counts as 10 s
    const listPath = `/accounts/${sim.accountId}/devices`;
    const lists = () => sim.requests.filter(r => r.method === 'GET' && r.path === listPath).length;
    // The real Devices view must be hidden too, or the extension's own AutoRefresh would reload it.
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    const timers = manualTimers();
    const auto = new AutoRefresh(view, api.model.devices, undefined, timers);
    try {
      sim.clearRequests();
      assert.deepEqual(timers.pending, [], 'hidden: no reload is scheduled');
      view.visible = true;
      visibility.fire(undefined);
      assert.deepEqual(timers.pending, [10000], 'visible: a reload in 10 s');
      timers.fire();
      await waitFor(() => lists() > 0, 'a reload while visible');
      await config.update('warpFleet.autoRefreshSeconds', 0, vscode.ConfigurationTarget.Global);
      await waitFor(() => api.model.devices.state.kind === 'loaded', 'reload finished');
      const after = lists();
      await waitFor(() => timers.pending.length === 0, 'setting 0: no reload scheduled');
      assert.equal(lists(), after, 'setting 0: no more reloads');
    } finally {
      auto.dispose();
      visibility.dispose();
      await config.update('warpFleet.autoRefreshSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
