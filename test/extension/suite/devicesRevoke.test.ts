// Revoke and unrevoke in a real extension host against the simulator: confirmation, chunking,
// partial failure, local tree update without a reload, Undo, eligibility.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Device } from '../../../src/api/types';
import type { WarpFleetApi } from '../../../src/extension';
import type { CloudflareSimulator } from '../../simulator/server';
import { captureErrors, deviceNodes, item, resetDeviceView, revokeRequests, signInTo } from './devicesHelpers';
import { EXTENSION_ID, extensionApi, resetExtensionState, startSimulator, waitFor, withPrompts } from './helpers';

interface PickItem {
  device: Device;
}

describe('Devices: revoke and unrevoke', function () {
  this.timeout(60000);
  let sim: CloudflareSimulator;
  let api: WarpFleetApi;

  before(async () => {
    api = await extensionApi();
    sim = await startSimulator({ devices: 600 });
  });
  after(async () => {
    await resetDeviceView(api);
    await resetExtensionState(api);
    await sim.close();
  });
  beforeEach(async () => {
    sim.reset();
    await resetDeviceView(api);
    await signInTo(api, sim);
    sim.clearRequests();
  });

  const simDevice = (id: string) => sim.state.devices.find(d => d.id === id)!;
  const modelDevice = (id: string) => api.model.devices.data!.find(d => d.id === id)!;
  const listRequests = () => sim.requests.filter(r => r.method === 'GET' && r.path === `/accounts/${sim.accountId}/devices`);

  it('revokes the three selected devices after a modal confirmation naming them, and updates the tree without a reload', async () => {
    const nodes = (await deviceNodes(api)).filter(n => !n.device.revoked_at).slice(0, 3);
    const names = nodes.map(n => n.device.name!);
    let options: vscode.MessageOptions | undefined;
    const { seen } = await withPrompts(
      [
        {
          kind: 'warning',
          match: /^Revoke 3 devices\?$/,
          answer: (rest: readonly unknown[]) => {
            options = rest[0] as vscode.MessageOptions;
            return rest[1];
          },
        },
      ],
      () => vscode.commands.executeCommand('warpFleet.revokeDevices', nodes[0], nodes),
    );
    assert.equal(options?.modal, true);
    assert.equal(options?.detail, `${names[0]}, ${names[1]} and ${names[2]} will lose access until unrevoked.`);
    const posts = revokeRequests(sim);
    assert.equal(posts.length, 1);
    assert.deepEqual(posts[0].body, nodes.map(n => n.device.id));
    for (const n of nodes) {
      assert.ok(simDevice(n.device.id).revoked_at, 'revoked on the simulator');
      assert.ok(modelDevice(n.device.id).revoked_at, 'revoked in the model');
    }
    assert.equal(listRequests().length, 0, 'no reload of the device list');
    const after = (await deviceNodes(api)).filter(n => nodes.some(x => x.device.id === n.device.id));
    for (const n of after) {
      const i = await item(api, n);
      assert.match(String(i.contextValue), /^device;revoked/);
      assert.match(String(i.description), /^⊘ revoked · /);
    }
    assert.ok(seen.includes('info: Revoked 3 devices'), seen.join('\n'));
  });

  it('sends nothing when the confirmation is cancelled', async () => {
    const [node] = (await deviceNodes(api)).filter(n => !n.device.revoked_at);
    await withPrompts([{ kind: 'warning', match: new RegExp(`^Revoke ${node.device.name}\\?$`), answer: undefined }], () =>
      vscode.commands.executeCommand('warpFleet.revokeDevices', node, [node]),
    );
    assert.equal(revokeRequests(sim).length, 0);
    assert.ok(!simDevice(node.device.id).revoked_at);
  });

  it('revokes 450 devices picked from the palette in requests of 200, 200 and 50', async () => {
    let offered: PickItem[] = [];
    const activeBefore = sim.state.devices.filter(d => !d.revoked_at).length;
    await withPrompts(
      [
        {
          kind: 'quickPick',
          match: /Revoke devices/,
          answer: items => {
            offered = items as PickItem[];
            return offered.slice(0, 450);
          },
        },
        { kind: 'warning', match: /^Revoke 450 devices\?$/, answer: rest => rest[1] },
      ],
      () => vscode.commands.executeCommand('warpFleet.revokeDevices'),
    );
    assert.ok(offered.every(i => !i.device.revoked_at), 'only active devices are offered');
    assert.equal(offered.length, activeBefore);
    const bodies = revokeRequests(sim).map(r => r.body as string[]);
    assert.deepEqual(bodies.map(b => b.length), [200, 200, 50]);
    assert.deepEqual(bodies.flat(), offered.slice(0, 450).map(i => i.device.id));
    assert.equal(sim.state.devices.filter(d => !d.revoked_at).length, activeBefore - 450);
    assert.ok(offered.slice(0, 450).every(i => api.model.devices.data!.find(d => d.id === i.device.id)!.revoked_at), 'the model has them revoked');
  });

  it('on a partial failure reports exactly which devices did not change, applies the rest, and the tree flags match', async () => {
    // A POST is never resent (it may have arrived): a 500 makes the first chunk's outcome unknown, the
    // device list is read back, and those devices show unchanged, so they are reported as not changed.
    sim.inject({ method: 'POST', path: `/accounts/${sim.accountId}/devices/revoke`, kind: 'status', status: 500, times: 1 });
    let picked: PickItem[] = [];
    const { seen } = await withPrompts(
      [
        { kind: 'quickPick', answer: items => (picked = (items as PickItem[]).slice(0, 450)) },
        { kind: 'warning', match: /^Revoke 450 devices\?$/, answer: rest => rest[1] },
        { kind: 'warning', match: /^250 of 450 devices revoked\. .* did not change: Cloudflare had a server error \(500\)/, answer: undefined },
      ],
      () => vscode.commands.executeCommand('warpFleet.revokeDevices'),
    );
    const failedMsg = seen.find(s => s.includes('did not change'))!;
    assert.ok(failedMsg.includes(`${picked[0].device.name}, ${picked[1].device.name}, ${picked[2].device.name} and 197 more`), failedMsg);
    assert.ok(failedMsg.includes('code 10001'), 'Cloudflare code in the message');
    const posts = revokeRequests(sim);
    assert.deepEqual(posts.map(p => [p.status, (p.body as string[]).length]), [[500, 200], [200, 200], [200, 50]]);
    assert.ok(sim.requests.some(r => r.method === 'GET' && r.path === `/accounts/${sim.accountId}/devices`), 'the device list was read back');
    const first = picked.slice(0, 200).map(p => p.device.id);
    const rest = picked.slice(200).map(p => p.device.id);
    for (const id of first) assert.ok(!simDevice(id).revoked_at && !modelDevice(id).revoked_at, `${id} not revoked`);
    for (const id of rest) assert.ok(simDevice(id).revoked_at && modelDevice(id).revoked_at, `${id} revoked`);
    const shown = new Map((await deviceNodes(api)).map(n => [n.device.id, n]));
    for (const id of [first[0], first[199], rest[0], rest[249]]) {
      const n = shown.get(id);
      if (!n) continue; // beyond the first 200 of its group
      const flags = String((await item(api, n)).contextValue);
      assert.match(flags, first.includes(id) ? /;active/ : /;revoked/);
    }
  });

  it('a revoke whose answer was lost is read back: reported as revoked, not as failure, and not sent twice (#13)', async () => {
    sim.inject({ method: 'POST', path: `/accounts/${sim.accountId}/devices/revoke`, kind: 'applyThenDrop', times: 1 });
    const nodes = (await deviceNodes(api)).filter(n => !n.device.revoked_at).slice(0, 2);
    const { result, errors } = await captureErrors(() =>
      withPrompts(
        [
          { kind: 'warning', answer: rest => rest[1] },
          { kind: 'info', match: /^Revoked 2 devices$/, answer: undefined },
        ],
        () => vscode.commands.executeCommand('warpFleet.revokeDevices', nodes[0], nodes),
      ),
    );
    assert.deepEqual(errors, []);
    assert.ok(!result.seen.some(s => /did not change/.test(s)), result.seen.join('\n'));
    assert.equal(revokeRequests(sim).length, 1, 'the POST was not resent');
    assert.ok(nodes.every(n => modelDevice(n.device.id).revoked_at && simDevice(n.device.id).revoked_at));
  });

  it('when every request fails, says so with the reason and changes nothing', async () => {
    sim.inject({ method: 'POST', path: `/accounts/${sim.accountId}/devices/revoke`, kind: 'status', status: 403, code: 10000 });
    const nodes = (await deviceNodes(api)).filter(n => !n.device.revoked_at).slice(0, 2);
    const { errors } = await captureErrors(async () => {
      await withPrompts([{ kind: 'warning', answer: rest => rest[1] }], () => vscode.commands.executeCommand('warpFleet.revokeDevices', nodes[0], nodes));
    });
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0], /^No device was revoked\. .+ and .+ did not change: .*\(403\).*code 10000/);
    assert.ok(nodes.every(n => !modelDevice(n.device.id).revoked_at && !simDevice(n.device.id).revoked_at));
  });

  it('Undo in the notification unrevokes exactly what was revoked', async () => {
    const nodes = (await deviceNodes(api)).filter(n => !n.device.revoked_at).slice(0, 2);
    await withPrompts(
      [
        { kind: 'warning', answer: rest => rest[1] },
        { kind: 'info', match: /^Revoked 2 devices$/, answer: 'Undo' },
      ],
      () => vscode.commands.executeCommand('warpFleet.revokeDevices', nodes[0], nodes),
    );
    await waitFor(() => revokeRequests(sim, 'unrevoke').length === 1, 'the unrevoke request');
    assert.deepEqual(revokeRequests(sim, 'unrevoke')[0].body, nodes.map(n => n.device.id));
    await waitFor(() => nodes.every(n => !modelDevice(n.device.id).revoked_at), 'model unrevoked');
    assert.ok(nodes.every(n => !simDevice(n.device.id).revoked_at));
  });

  it('unrevoke offers only revoked devices from the palette, and acts only on revoked ones of a mixed selection', async () => {
    const revokedIds = sim.state.devices.filter(d => d.revoked_at).map(d => d.id);
    assert.ok(revokedIds.length >= 2, 'the fleet has revoked devices');
    let offered: PickItem[] = [];
    await withPrompts(
      [
        { kind: 'quickPick', match: /Unrevoke devices/, answer: items => (offered = items as PickItem[]).slice(0, 1) },
        { kind: 'warning', match: /^Unrevoke .+\?$/, answer: rest => rest[1] },
      ],
      () => vscode.commands.executeCommand('warpFleet.unrevokeDevices'),
    );
    assert.deepEqual(offered.map(i => i.device.id).sort(), [...revokedIds].sort());
    assert.deepEqual(revokeRequests(sim, 'unrevoke').map(r => r.body), [[offered[0].device.id]]);
    assert.ok(!simDevice(offered[0].device.id).revoked_at);

    const all = await deviceNodes(api);
    const mixed = [all.find(n => n.device.revoked_at)!, all.find(n => !n.device.revoked_at)!];
    let detail = '';
    await withPrompts([{ kind: 'warning', match: new RegExp(`^Unrevoke ${mixed[0].device.name}\\?$`), answer: rest => ((detail = (rest[0] as vscode.MessageOptions).detail!), rest[1]) }], () =>
      vscode.commands.executeCommand('warpFleet.unrevokeDevices', mixed[0], mixed),
    );
    assert.equal(detail, `${mixed[0].device.name} will be able to connect again.`);
    assert.deepEqual(revokeRequests(sim, 'unrevoke')[1].body, [mixed[0].device.id]);
  });

  it('the menus offer Revoke only on active devices and Unrevoke only on revoked ones', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const pkg = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, 'package.json'), 'utf8'));
    const items = pkg.contributes.menus['view/item/context'] as { command: string; when: string }[];
    const whenOf = (cmd: string) => items.filter(i => i.command === cmd).map(i => i.when);
    const test = (when: string, flags: string) => {
      const re = /viewItem =~ \/(.+?)\/(?: |$)/g;
      let m: RegExpExecArray | null;
      let ok = when.includes('view == warpFleet.devices');
      while ((m = re.exec(when))) ok &&= new RegExp(m[1]).test(flags);
      return ok;
    };
    for (const w of whenOf('warpFleet.revokeDevices')) {
      assert.ok(test(w, 'device;active;hasUser') && !test(w, 'device;revoked;hasUser'), w);
    }
    for (const w of whenOf('warpFleet.unrevokeDevices')) {
      assert.ok(test(w, 'device;revoked') && !test(w, 'device;active;deleted'), w);
    }
    assert.ok(whenOf('warpFleet.revokeDevices').length && whenOf('warpFleet.unrevokeDevices').length);
  });
});
