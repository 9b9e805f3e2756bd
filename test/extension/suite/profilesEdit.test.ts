// Editing profile settings and reordering profiles, against the simulator.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { WarpFleetApi } from '../../../src/extension';
import type { CloudflareSimulator } from '../../simulator/server';
import { withPrompts } from './helpers';
import { capturingErrors, custom, freshProfiles, pick, profileRow, roots, signedInForProfiles, writes } from './profilesHelpers';

const row = (key: string) => pick(i => i.key === key);
const save = pick(i => i.save === true);

describe('Profiles editing', function () {
  this.timeout(60000);
  let sim: CloudflareSimulator;
  let api: WarpFleetApi;
  const policyPath = (id?: string) => `/accounts/${sim.accountId}/devices/policy${id ? `/${id}` : ''}`;
  const node = async (name: string) => (await profileRow(api, name)).node;

  const signedIn = signedInForProfiles();
  before(() => ({ sim, api } = signedIn));
  beforeEach(() => freshProfiles(api, sim));

  it('PATCHes only the changed setting of a custom profile and shows the new value', async () => {
    const eng = custom(sim, 'Engineering');
    const before = structuredClone(eng);
    const target = await node('Engineering');
    const { seen } = await withPrompts(
      [
        { kind: 'quickPick', answer: row('captive_portal'), match: /Edit Settings of "Engineering"/ },
        { kind: 'input', answer: '300', match: /Captive portal/ },
        { kind: 'quickPick', answer: row('allow_updates') },
        { kind: 'quickPick', answer: pick(i => i.value === false) },
        { kind: 'quickPick', answer: save },
      ],
      () => vscode.commands.executeCommand('warpFleet.editProfile', target),
    );
    assert.deepStrictEqual(writes(sim), [{ method: 'PATCH', path: policyPath(eng.policy_id), body: { captive_portal: 300, allow_updates: false } }]);
    assert.equal(eng.captive_portal, 300);
    assert.equal(eng.allow_updates, false);
    assert.equal(eng.tunnel_protocol, before.tunnel_protocol, 'nothing else changed');
    assert.ok(seen.some(s => /Saved 2 changes to "Engineering"/.test(s)), seen.join('\n'));
    const shown = (await profileRow(api, 'Engineering')).hovered.tooltip as vscode.MarkdownString;
    assert.match(shown.value, /Captive portal timeout \(seconds\) \| 300 \|/);
  });

  it('edits the default profile through its own endpoint, without name, match or precedence', async () => {
    let offered: string[] = [];
    await withPrompts(
      [
        {
          kind: 'quickPick',
          answer: items => {
            offered = (items as { key?: string }[]).map(i => i.key ?? '');
            return row('allow_mode_switch')(items);
          },
        },
        { kind: 'quickPick', answer: pick(i => i.value === true) },
        { kind: 'quickPick', answer: save },
      ],
      async () => vscode.commands.executeCommand('warpFleet.editProfile', await node('Default')),
    );
    for (const k of ['name', 'description', 'match', 'precedence']) assert.ok(!offered.includes(k), `${k} offered on the default`);
    assert.ok(offered.includes('support_url') && offered.includes('tunnel_protocol'));
    assert.deepStrictEqual(writes(sim), [{ method: 'PATCH', path: policyPath(), body: { allow_mode_switch: true } }]);
    assert.equal(sim.state.defaultProfile.allow_mode_switch, true);
  });

  it('switches to proxy mode only with a port, sending service_mode_v2 whole', async () => {
    const exec = custom(sim, 'Executives');
    await withPrompts(
      [
        { kind: 'quickPick', answer: row('service_mode') },
        { kind: 'quickPick', answer: pick(i => i.value === 'proxy') },
        { kind: 'input', answer: '8080', match: /Proxy port/ },
        { kind: 'quickPick', answer: row('tunnel_protocol') },
        { kind: 'quickPick', answer: pick(i => i.value === 'wireguard') },
        { kind: 'quickPick', answer: save },
      ],
      async () => vscode.commands.executeCommand('warpFleet.editProfile', await node('Executives')),
    );
    assert.deepStrictEqual(writes(sim), [{ method: 'PATCH', path: policyPath(exec.policy_id), body: { service_mode_v2: { mode: 'proxy', port: 8080 }, tunnel_protocol: 'wireguard' } }]);
    assert.deepStrictEqual(exec.service_mode_v2, { mode: 'proxy', port: 8080 });
  });

  it('refuses invalid values before sending anything', async () => {
    for (const [key, value] of [['captive_portal', 'soon'], ['support_url', 'help.acme.com'], ['precedence', '20'], ['name', 'Contractors']]) {
      await withPrompts(
        [
          { kind: 'quickPick', answer: row(key) },
          { kind: 'input', answer: value },
        ],
        async () => vscode.commands.executeCommand('warpFleet.editProfile', await node('Engineering')),
      );
    }
    assert.deepStrictEqual(writes(sim), []);
  });

  it('asks before discarding unsaved changes on Escape, and sends nothing', async () => {
    await withPrompts(
      [
        { kind: 'quickPick', answer: row('switch_locked') },
        { kind: 'quickPick', answer: pick(i => i.value === true) },
        { kind: 'quickPick', answer: undefined },
        { kind: 'warning', answer: undefined, match: /Discard 1 unsaved changes to "Engineering"/ },
        { kind: 'quickPick', answer: undefined },
        { kind: 'warning', answer: 'Discard' },
      ],
      async () => vscode.commands.executeCommand('warpFleet.editProfile', await node('Engineering')),
    );
    assert.deepStrictEqual(writes(sim), []);
  });

  it('moves a profile up by swapping precedence with its neighbour, never sending a duplicate', async () => {
    const linux = custom(sim, 'Linux Workstations');
    const exec = custom(sim, 'Executives');
    await vscode.commands.executeCommand('warpFleet.moveProfileUp', await node('Linux Workstations'));
    assert.equal(linux.precedence, 30);
    assert.equal(exec.precedence, 40);
    const patches = writes(sim);
    assert.deepStrictEqual(patches.map(p => [p.path, p.body]), [
      [policyPath(linux.policy_id), { precedence: 51 }],
      [policyPath(exec.policy_id), { precedence: 40 }],
      [policyPath(linux.policy_id), { precedence: 30 }],
    ]);
    assert.ok(sim.requests.every(r => r.status === 200), 'the API accepted every step');
    const labels = (await roots(api)).map(r => r.label);
    assert.deepStrictEqual(labels.slice(0, 5), ['Engineering', 'Contractors', 'Linux Workstations', 'Executives', 'Sales Proxy Mode']);
  });

  it('moves a profile down, and the first/last cannot move further', async () => {
    const eng = custom(sim, 'Engineering');
    const contractors = custom(sim, 'Contractors');
    await vscode.commands.executeCommand('warpFleet.moveProfileDown', await node('Engineering'));
    assert.deepStrictEqual([eng.precedence, contractors.precedence], [20, 10]);
    sim.requests.length = 0;
    await withPrompts([{ kind: 'info', answer: undefined, match: /already the first/ }], async () =>
      vscode.commands.executeCommand('warpFleet.moveProfileUp', await node('Contractors')),
    );
    assert.deepStrictEqual(writes(sim), []);
  });

  it('rolls back the first change when a later one fails, leaving the order as it was', async () => {
    const linux = custom(sim, 'Linux Workstations');
    const exec = custom(sim, 'Executives');
    sim.inject({ method: 'PATCH', path: policyPath(exec.policy_id), kind: 'status', status: 403, code: 9109, message: 'Unauthorized to access requested resource', times: 1 });
    const target = await node('Linux Workstations');
    const errors = await capturingErrors(() => vscode.commands.executeCommand('warpFleet.moveProfileUp', target));
    assert.deepStrictEqual([linux.precedence, exec.precedence], [40, 30], 'nothing half-applied');
    assert.equal(errors.length, 1);
    assert.match(errors[0], /Could not move "Linux Workstations": .*403.*code 9109.* The changes already made were rolled back; the order is unchanged\./);
    assert.deepStrictEqual(writes(sim).map(p => [p.path, p.body]), [
      [policyPath(linux.policy_id), { precedence: 51 }],
      [policyPath(exec.policy_id), { precedence: 40 }],
      [policyPath(linux.policy_id), { precedence: 40 }],
    ]);
    assert.deepStrictEqual(sim.requests.filter(r => r.method === 'PATCH').map(r => r.status), [200, 403, 200], 'the failed step, then the undo');
    const labels = (await roots(api)).map(r => r.label);
    assert.deepStrictEqual(labels.slice(2, 4), ['Executives', 'Linux Workstations']);
  });
});
