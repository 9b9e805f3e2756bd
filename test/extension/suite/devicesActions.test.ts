// Override codes, device details, Copy ID / Copy name and dashboard links, in a real extension host.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { WarpFleetApi } from '../../../src/extension';
import { overrideCodes } from '../../simulator/routes/devices';
import type { CloudflareSimulator } from '../../simulator/server';
import { deviceNodes, resetDeviceView, signInTo } from './devicesHelpers';
import { extensionApi, resetExtensionState, startSimulator, waitFor, withPrompts } from './helpers';

describe('Devices: override codes, details, copy', function () {
  this.timeout(60000);
  let sim: CloudflareSimulator;
  let api: WarpFleetApi;

  before(async () => {
    api = await extensionApi();
    sim = await startSimulator({ devices: 120 });
    await signInTo(api, sim);
    await resetDeviceView(api);
  });
  after(async () => {
    await resetExtensionState(api);
    await sim.close();
  });
  beforeEach(() => {
    sim.state.adminOverrideEnabled = true;
    sim.clearRequests();
  });

  const activeNode = async () => (await deviceNodes(api)).find(n => !n.device.revoked_at && !n.device.deleted)!;

  it('lists the override codes by duration and copies the chosen one to the clipboard', async () => {
    const node = await activeNode();
    let labels: string[] = [];
    const { seen } = await withPrompts(
      [
        {
          kind: 'quickPick',
          match: new RegExp(`Override codes for ${node.device.name}`),
          answer: items => {
            labels = (items as vscode.QuickPickItem[]).map(i => i.label);
            return items[1];
          },
        },
      ],
      () => vscode.commands.executeCommand('warpFleet.showOverrideCodes', node),
    );
    const codes = overrideCodes(sim.seed, node.device.id).disable_for_time;
    assert.deepEqual(labels, [
      `Disable WARP for 1 hour — ${codes['1']}`,
      `Disable WARP for 3 hours — ${codes['3']}`,
      `Disable WARP for 6 hours — ${codes['6']}`,
      `Disable WARP for 12 hours — ${codes['12']}`,
      `Disable WARP for 24 hours — ${codes['24']}`,
    ]);
    assert.equal(await vscode.env.clipboard.readText(), codes['3']);
    assert.ok(seen.includes('info: Copied. The code works once, for that device only.'), seen.join('\n'));
    assert.deepEqual(sim.requests.map(r => `${r.method} ${r.path}`), [`GET /accounts/${sim.accountId}/devices/${node.device.id}/override_codes`]);
  });

  it('when Admin Override is off, says so and how to turn it on, and copies nothing', async () => {
    sim.state.adminOverrideEnabled = false;
    await vscode.env.clipboard.writeText('unchanged');
    const node = await activeNode();
    const { seen } = await withPrompts([], () => vscode.commands.executeCommand('warpFleet.showOverrideCodes', node));
    const msg = seen.find(s => s.startsWith('warning:'));
    assert.ok(msg, seen.join('\n'));
    assert.match(msg, /Admin Override is turned off/);
    assert.match(msg, /Settings → WARP Client → Device settings → the device's profile → Admin override/);
    assert.equal(await vscode.env.clipboard.readText(), 'unchanged');
  });

  it('picks the device from the palette when run without one (active devices only)', async () => {
    let offered: { device: { revoked_at?: string } }[] = [];
    await withPrompts(
      [
        { kind: 'quickPick', match: /Override codes for which device/, answer: items => (offered = items as typeof offered)[0] },
        { kind: 'quickPick', match: /Override codes for/, answer: items => items[0] },
      ],
      () => vscode.commands.executeCommand('warpFleet.showOverrideCodes'),
    );
    assert.ok(offered.length > 0 && offered.every(i => !i.device.revoked_at));
  });

  it('shows GET /devices/{id} as a Markdown document with every field, and refreshes it', async () => {
    const node = await activeNode();
    const uri = (await vscode.commands.executeCommand('warpFleet.showDeviceDetails', node)) as vscode.Uri;
    assert.equal(uri.scheme, 'warp-fleet-device');
    assert.ok(sim.requests.some(r => r.method === 'GET' && r.path === `/accounts/${sim.accountId}/devices/${node.device.id}`));
    const doc = await vscode.workspace.openTextDocument(uri);
    const text = doc.getText();
    const d = sim.state.devices.find(x => x.id === node.device.id)!;
    assert.ok(text.startsWith(`# ${d.name}`), text.slice(0, 80));
    for (const [label, value] of [
      ['Tunnel type', d.tunnel_type],
      ['Key type', d.key_type],
      ['Gateway device ID', d.gateway_device_id],
      ['Account ID', sim.accountId],
      ['Name', sim.accounts[0].name],
      ['Email', d.user?.email],
      ['Serial number', d.serial_number],
      ['Device ID', d.id],
      ['Manufacturer', d.manufacturer],
    ] as const) {
      // As util/untrustedText.escapeMarkdown writes it: `@` (GFM autolink), `&`, `#` and `~` escaped too.
      assert.ok(value && text.includes(`| ${label} | ${value.replace(/([*_`[\]<>$|\\@&#~])/g, '\\$1')} |`), `${label}: ${value}`);
    }
    // Renamed on Cloudflare: refresh fetches again and the document follows.
    d.name = 'RENAMED-0001';
    await vscode.commands.executeCommand('warpFleet.refreshDeviceDetails');
    await waitFor(async () => (await vscode.workspace.openTextDocument(uri)).getText().startsWith('# RENAMED-0001'), 'refreshed content');
  });

  it('copies ids and names of the selection, one per line', async () => {
    const nodes = (await deviceNodes(api)).slice(0, 2);
    await vscode.commands.executeCommand('warpFleet.copyId', nodes[0], nodes);
    assert.equal(await vscode.env.clipboard.readText(), `${nodes[0].device.id}\n${nodes[1].device.id}`);
    await vscode.commands.executeCommand('warpFleet.copyName', nodes[1]);
    assert.equal(await vscode.env.clipboard.readText(), nodes[1].device.name);
    assert.equal(nodes[0].dashboardUrl(sim.accountId), `https://one.dash.cloudflare.com/${sim.accountId}/team/devices`);
  });
});
