// The Connectors view against the simulator: tunnels, connectors, connections, errors, filter, deleted.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { escapeMarkdown } from '../../../src/util/untrustedText';
import type { WarpConnectorTunnel } from '../../../src/api/types';
import type { WarpFleetApi } from '../../../src/extension';
import { TunnelFilter } from '../../../src/views/connectors/tunnelFilter';
import type { TreeNode } from '../../../src/views/nodes';
import type { CloudflareSimulator } from '../../simulator/server';
import { extensionApi, hoveredItem, labelOf, resetExtensionState, signIn, startSimulator, waitFor, withPrompts } from './helpers';

interface Shown {
  node: TreeNode;
  item: vscode.TreeItem;
  /** As on hover, with the tooltip made on demand. */
  hovered: vscode.TreeItem;
  label: string;
  description: string;
  icon?: string;
  color?: string;
}

describe('Connectors view', function () {
  this.timeout(60000);
  let sim: CloudflareSimulator;
  let api: WarpFleetApi;
  const tunnelsPath = () => `/accounts/${sim.accountId}/warp_connector`;
  const connectionsPath = (t: WarpConnectorTunnel) => `${tunnelsPath()}/${t.id}/connections`;
  const tunnelByStatus = (status: string) => sim.state.tunnels.find(t => t.status === status && !t.deleted_at)!;

  async function show(nodes: TreeNode[]): Promise<Shown[]> {
    return Promise.all(
      nodes.map(async node => {
        const item = await api.views.connectors.getTreeItem(node);
        const hovered = await hoveredItem(api.views.connectors, node);
        const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath : undefined;
        return { node, item, hovered, label: labelOf(item), description: String(item.description ?? ''), icon: icon?.id, color: icon?.color?.id };
      }),
    );
  }

  async function roots(): Promise<Shown[]> {
    return show((await api.views.connectors.getChildren()) ?? []);
  }

  async function children(parent: Shown): Promise<Shown[]> {
    return show((await api.views.connectors.getChildren(parent.node)) ?? []);
  }

  async function tunnelRow(name: string | undefined): Promise<Shown> {
    const row = (await roots()).find(r => r.label === name);
    assert.ok(row, `tunnel ${name} not shown`);
    return row;
  }

  /** Waits for a tunnel list that sent the request `sent` describes. */
  async function loadedAfter(sent: (q: Record<string, string | string[]>) => boolean, what: string): Promise<void> {
    await waitFor(
      () => api.model.tunnels.state.kind === 'loaded' && sim.requests.some(r => r.path === tunnelsPath() && sent(r.query)),
      what,
    );
  }

  before(async () => {
    api = await extensionApi();
    // Five tunnels: healthy (active + passive), degraded (active + offline), inactive (none), down, deleted.
    sim = await startSimulator({ devices: 10, tunnels: 5 });
    await signIn(api, sim);
  });
  after(async () => {
    await api.views.connectors.filter.setStatuses([]);
    await api.views.connectors.filter.setIncludeDeleted(false);
    await resetExtensionState(api);
    await sim.close();
  });
  beforeEach(async () => {
    await api.views.connectors.filter.setStatuses([]);
    await api.views.connectors.filter.setIncludeDeleted(false);
    sim.reset();
    await api.model.tunnels.reload();
    sim.requests.length = 0;
  });

  it('lists live tunnels with a status icon, colour and since-when, and asks for no connectors yet', async () => {
    await api.model.tunnels.reload();
    const rows = await roots();
    const live = sim.state.tunnels.filter(t => !t.deleted_at);
    assert.deepStrictEqual(rows.map(r => r.label), live.map(t => t.name!).sort((a, b) => a.localeCompare(b)));
    const expected: Record<string, [string, string]> = {
      healthy: ['pass-filled', 'testing.iconPassed'],
      degraded: ['warning', 'list.warningForeground'],
      down: ['error', 'list.errorForeground'],
      inactive: ['circle-outline', 'disabledForeground'],
    };
    for (const t of live) {
      const row = rows.find(r => r.label === t.name)!;
      assert.deepStrictEqual([row.icon, row.color], expected[t.status!], `${t.status} icon`);
      assert.match(row.description, new RegExp(`^${t.status} · since \\d+ (min|h|d|mo|y)$`));
      assert.equal(row.item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
      assert.match(String(row.item.contextValue), new RegExp(`(^|;)${t.status}(;|$)`));
      assert.equal(row.item.tooltip, undefined, 'made on hover');
      const tip = (row.hovered.tooltip as vscode.MarkdownString).value;
      assert.ok(tip.includes(escapeMarkdown(t.id)), 'the tooltip carries the id');
    }
    // "since" counts from when the connections went down for a down tunnel.
    const down = tunnelByStatus('down');
    const ms = Date.now() - Date.parse(down.conns_inactive_at!);
    const span = ms < 2 * 86_400_000 ? `${Math.floor(ms / 3_600_000)} h` : `${Math.floor(ms / 86_400_000)} d`;
    assert.equal(rows.find(r => r.label === down.name)!.description, `down · since ${span}`);
    const list = sim.requests.filter(r => r.path === tunnelsPath());
    assert.equal(list.length, 1);
    assert.equal(list[0].query.is_deleted, 'false', 'deleted tunnels are left out by default');
    assert.equal(list[0].query.status, undefined);
    assert.ok(!sim.requests.some(r => r.path.endsWith('/connections')), 'connectors load only when a tunnel is expanded');
  });

  it('expands a healthy tunnel to its active and passive connectors and their connections, fetched once', async () => {
    const healthy = tunnelByStatus('healthy');
    const connectors = sim.state.connectors[healthy.id];
    const rows = await children(await tunnelRow(healthy.name));
    assert.deepStrictEqual(rows.map(r => r.label), ['active', 'passive'].map(ha => `${connectors.find(c => c.ha_status === ha)!.id!.slice(0, 8)}…`));
    const [active, passive] = rows;
    const a = connectors.find(c => c.ha_status === 'active')!;
    assert.match(active.description, new RegExp(`^active · ${a.arch} · ${a.version!.replace(/\./g, '\\.')} · started \\d+ (h|d) ago$`));
    assert.deepStrictEqual([active.icon, active.color], ['vm-running', 'testing.iconPassed']);
    assert.match(passive.description, /^passive · linux_(amd|arm)64 · /);
    assert.deepStrictEqual([passive.icon, passive.color], ['vm-outline', 'charts.blue']);
    assert.equal(sim.requests.filter(r => r.path === connectionsPath(healthy)).length, 1);

    const conns = await children(active);
    assert.deepStrictEqual(conns.map(c => c.label), a.conns!.map(c => c.colo_name!).sort());
    const first = a.conns!.find(c => c.colo_name === conns[0].label)!;
    assert.match(conns[0].description, new RegExp(`^${first.origin_ip!.replace(/\./g, '\\.')} · opened \\d+ (h|d) ago · ${a.version!.replace(/\./g, '\\.')}$`));
    assert.equal(conns[0].icon, 'plug');

    // Expanding again (or repainting) uses the cache.
    await children(await tunnelRow(healthy.name));
    assert.equal(sim.requests.filter(r => r.path === connectionsPath(healthy)).length, 1, 'fetched once per tunnel');
    // A refresh (or auto-refresh) of the tunnel list makes the cached connectors stale.
    await vscode.commands.executeCommand('warpFleet.refresh');
    await waitFor(() => sim.requests.filter(r => r.path === tunnelsPath()).length === 1 && api.model.tunnels.state.kind === 'loaded', 'refreshed tunnels');
    await children(await tunnelRow(healthy.name));
    assert.equal(sim.requests.filter(r => r.path === connectionsPath(healthy)).length, 2, 'fetched again after a refresh');
  });

  it("counts a tunnel's open connections from the connections endpoint, not the deprecated field", async () => {
    const healthy = tunnelByStatus('healthy');
    // The real API leaves the tunnel's `connections` field empty (api-notes.md, "Tunnels").
    for (const t of sim.state.tunnels) t.connections = [];
    await api.model.tunnels.reload();
    const tooltip = async () => {
      const item = (await tunnelRow(healthy.name)).hovered;
      return item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip);
    };
    assert.match(await tooltip(), /Open connections[^\n]*expand the tunnel to load them/);
    await children(await tunnelRow(healthy.name));
    const open = sim.state.connectors[healthy.id].flatMap(c => c.conns ?? []).length;
    assert.ok(open > 0, 'the healthy tunnel has open connections');
    await waitFor(async () => new RegExp(`Open connections[^\\n]*\\b${open} \\\\?\\(`).test(await tooltip()), `tooltip counts ${open} connections`);
  });

  it('shows an offline connector of a degraded tunnel with its HA status and no connections', async () => {
    const degraded = tunnelByStatus('degraded');
    const rows = await children(await tunnelRow(degraded.name));
    assert.deepStrictEqual(rows.map(r => r.description.split(' · ')[0]), ['active', 'offline']);
    const offline = rows[1];
    assert.deepStrictEqual([offline.icon, offline.color], ['vm', 'list.errorForeground']);
    assert.equal(offline.item.collapsibleState, vscode.TreeItemCollapsibleState.None);
    assert.match(String(offline.item.contextValue), /(^|;)offline(;|$)/);
  });

  it('an inactive tunnel with no connectors says so', async () => {
    const inactive = tunnelByStatus('inactive');
    assert.deepStrictEqual(sim.state.connectors[inactive.id], []);
    const rows = await children(await tunnelRow(inactive.name));
    assert.deepStrictEqual(rows.map(r => r.label), ['No connectors']);
    assert.equal(sim.requests.filter(r => r.path === connectionsPath(inactive)).length, 1);
  });

  it('copies the ids of tunnels, connectors and connections, and opens a tunnel in the Zero Trust dashboard', async () => {
    const healthy = tunnelByStatus('healthy');
    const tunnel = await tunnelRow(healthy.name);
    const [connector] = await children(tunnel);
    const [connection] = await children(connector);
    const active = sim.state.connectors[healthy.id].find(c => c.ha_status === 'active')!;
    const copied = async (command: string, node: TreeNode) => {
      await vscode.env.clipboard.writeText('');
      await vscode.commands.executeCommand(command, node);
      return vscode.env.clipboard.readText();
    };
    assert.equal(await copied('warpFleet.copyId', tunnel.node), healthy.id);
    assert.equal(await copied('warpFleet.copyName', tunnel.node), healthy.name);
    assert.equal(await copied('warpFleet.copyId', connector.node), active.id);
    assert.equal(await copied('warpFleet.copyId', connection.node), active.conns!.find(c => c.colo_name === connection.label)!.id);
    for (const row of [tunnel, connector, connection]) assert.match(String(row.item.contextValue), /(^|;)hasId(;|$)/);

    const env = vscode.env as unknown as { openExternal: (uri: vscode.Uri) => Thenable<boolean> };
    const original = env.openExternal;
    const opened: string[] = [];
    env.openExternal = async uri => {
      opened.push(uri.toString(true));
      return true;
    };
    try {
      await vscode.commands.executeCommand('warpFleet.openInDashboard', tunnel.node);
    } finally {
      env.openExternal = original;
    }
    assert.deepStrictEqual(opened, [`https://one.dash.cloudflare.com/${sim.accountId}/networks/tunnels`]);
  });

  it('a refused tunnel list shows the status and Cloudflare code in an error node that retries', async () => {
    sim.inject({ path: tunnelsPath(), kind: 'status', status: 403, code: 9109, message: 'Unauthorized to access requested resource' });
    await api.model.tunnels.reload(true);
    const rows = await roots();
    assert.equal(rows.length, 1);
    assert.match(rows[0].label, /^Connectors: 403 · code 9109 · Unauthorized to access requested resource$/);
    assert.equal(rows[0].item.command?.command, 'warpFleet.refresh');
    sim.clearFaults();
    await vscode.commands.executeCommand(rows[0].item.command!.command, ...(rows[0].item.command!.arguments ?? []));
    await loadedAfter(() => true, 'tunnels after retry');
    assert.ok((await roots()).some(r => r.label === tunnelByStatus('healthy').name));
  });

  it('a failing connectors call shows an error under that tunnel only, and its retry recovers', async () => {
    const healthy = tunnelByStatus('healthy');
    sim.inject({ path: connectionsPath(healthy), kind: 'status', status: 500, code: 10001, message: 'Internal server error' });
    const rows = await children(await tunnelRow(healthy.name));
    assert.equal(rows.length, 1);
    assert.match(rows[0].label, /^Connectors: 500 · code 10001 · Internal server error$/);
    assert.equal(rows[0].icon, 'error');
    // The other tunnels and the root are unaffected.
    assert.ok(!(await roots()).some(r => r.icon === 'error' && r.label.startsWith('Connectors:')));
    const degraded = await children(await tunnelRow(tunnelByStatus('degraded').name));
    assert.equal(degraded.length, 2);
    // The error is cached: repainting does not hammer the API.
    const tries = sim.requests.filter(r => r.path === connectionsPath(healthy)).length;
    await children(await tunnelRow(healthy.name));
    assert.equal(sim.requests.filter(r => r.path === connectionsPath(healthy)).length, tries);

    sim.clearFaults();
    const retry = rows[0].item.command!;
    assert.equal(retry.command, 'warpFleet.retryTunnelConnectors');
    await vscode.commands.executeCommand(retry.command, ...(retry.arguments ?? []));
    const after = await children(await tunnelRow(healthy.name));
    assert.deepStrictEqual(after.map(r => r.description.split(' · ')[0]), ['active', 'passive']);
  });

  it('the status filter asks Cloudflare for the picked states only, and clears', async () => {
    const { seen } = await withPrompts(
      [{ kind: 'quickPick', answer: items => (items as { status: string }[]).filter(i => i.status === 'down' || i.status === 'degraded'), match: /tunnels that are/ }],
      () => vscode.commands.executeCommand('warpFleet.filterConnectors'),
    );
    assert.equal(seen.length, 1);
    await loadedAfter(q => q.status === 'down', 'filtered list');
    await loadedAfter(q => q.status === 'degraded', 'filtered list');
    const sent = sim.requests.filter(r => r.path === tunnelsPath()).map(r => `${r.query.status}:${r.query.is_deleted}`).sort();
    assert.deepStrictEqual(sent, ['degraded:false', 'down:false']);
    const rows = await roots();
    assert.deepStrictEqual(rows.map(r => r.label).sort(), [tunnelByStatus('degraded').name, tunnelByStatus('down').name].sort());
    assert.deepStrictEqual(api.views.connectors.filter.query.statuses, ['degraded', 'down']);
    assert.match(api.views.connectors.filter.describe() ?? '', /filter: degraded, down/);
    const view = (api.views.connectors as unknown as { view: vscode.TreeView<TreeNode> }).view;
    assert.equal(view.description, '2 tunnels · 1 down · 1 degraded · filter: degraded, down');

    sim.requests.length = 0;
    await vscode.commands.executeCommand('warpFleet.clearConnectorsFilter');
    await loadedAfter(q => q.status === undefined, 'unfiltered list');
    assert.equal((await roots()).length, sim.state.tunnels.filter(t => !t.deleted_at).length);
  });

  it('a filter that matches nothing says so and offers to clear it', async () => {
    sim.state.tunnels.forEach(t => (t.status = t.status === 'inactive' ? 'healthy' : t.status));
    await withPrompts([{ kind: 'quickPick', answer: items => (items as { status: string }[]).filter(i => i.status === 'inactive') }], () =>
      vscode.commands.executeCommand('warpFleet.filterConnectors'),
    );
    await loadedAfter(q => q.status === 'inactive', 'filtered list');
    const rows = await roots();
    assert.equal(rows.length, 1);
    assert.match(rows[0].label, /No tunnels match the status filter/);
    assert.equal(rows[0].item.command?.command, 'warpFleet.clearConnectorsFilter');
  });

  it('show deleted lists deleted tunnels too (is_deleted=true), marked as deleted, and hides them again', async () => {
    const deleted = sim.state.tunnels.find(t => t.deleted_at)!;
    assert.ok(!(await roots()).some(r => r.label === deleted.name), 'hidden by default');
    await vscode.commands.executeCommand('warpFleet.toggleDeletedTunnels');
    await loadedAfter(q => q.is_deleted === 'true', 'list with deleted tunnels');
    const rows = await roots();
    const row = rows.find(r => r.label === deleted.name);
    assert.ok(row, 'the deleted tunnel is listed');
    assert.equal(rows.at(-1)?.label, deleted.name, 'deleted tunnels come last');
    assert.match(row.description, /^deleted \d+ (h|d) ago · was down$/);
    assert.deepStrictEqual([row.icon, row.color], ['trash', 'disabledForeground']);
    assert.match(String(row.item.contextValue), /(^|;)deleted(;|$)/);
    assert.equal(rows.length, sim.state.tunnels.length);
    assert.ok(api.views.connectors.filter.query.includeDeleted);

    sim.requests.length = 0;
    await vscode.commands.executeCommand('warpFleet.toggleDeletedTunnels');
    await loadedAfter(q => q.is_deleted === 'false', 'list without deleted tunnels');
    assert.ok(!sim.requests.some(r => r.query.is_deleted === 'true'));
    assert.ok(!(await roots()).some(r => r.label === deleted.name));
  });

  it('keeps the filter and the show-deleted choice across restarts (globalState), ignoring junk', async () => {
    const stored = new Map<string, unknown>();
    const memento: vscode.Memento = {
      keys: () => [...stored.keys()],
      get: <T>(key: string, fallback?: T) => (stored.has(key) ? (stored.get(key) as T) : fallback),
      update: async (key: string, value: unknown) => void stored.set(key, value),
    };
    const first = new TunnelFilter(memento);
    await first.setStatuses(['down', 'inactive']);
    await first.setIncludeDeleted(true);
    first.dispose();
    const second = new TunnelFilter(memento);
    assert.deepStrictEqual(second.query, { statuses: ['down', 'inactive'], includeDeleted: true });
    assert.equal(second.describe(), 'filter: down, inactive · with deleted');
    await second.setStatuses([]);
    await second.setIncludeDeleted(false);
    second.dispose();
    stored.set([...stored.keys()][0], { statuses: 'down', includeDeleted: 1 });
    assert.deepStrictEqual(new TunnelFilter(memento).query, { statuses: [], includeDeleted: false });
  });
});
