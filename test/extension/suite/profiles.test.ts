// The Profiles view against the simulator: the tree, creating and deleting profiles, certificate provisioning.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { SettingsPolicy } from '../../../src/api/types';
import type { WarpFleetApi } from '../../../src/extension';
import type { CloudflareSimulator } from '../../simulator/server';
import { EXTENSION_ID, withPrompts } from './helpers';
import { capturingErrors, children, custom, freshProfiles, pick, profileRow, roots, signedInForProfiles, writes } from './profilesHelpers';

describe('Profiles view', function () {
  this.timeout(60000);
  let sim: CloudflareSimulator;
  let api: WarpFleetApi;
  const policyPath = (id?: string) => `/accounts/${sim.accountId}/devices/policy${id ? `/${id}` : ''}`;

  const signedIn = signedInForProfiles();
  before(() => ({ sim, api } = signedIn));
  beforeEach(() => freshProfiles(api, sim));

  it('lists custom profiles by precedence with their match, the default last, then IP profiles', async () => {
    const rows = await roots(api);
    const byPrecedence = [...sim.state.customProfiles].sort((a, b) => a.precedence! - b.precedence!);
    assert.deepStrictEqual(rows.map(r => r.label), [...byPrecedence.map(p => p.name), 'Default', `IP profiles (${sim.state.ipProfiles.length})`]);
    assert.equal(rows[0].description, 'precedence 10 · group is "Eng"', 'the match expression in readable form');
    assert.equal(rows[1].description, 'precedence 20 · ⚠ identity.email matches "*@vendor.com"', 'an expression that does not parse is shown as written, marked');
    assert.equal(rows[byPrecedence.length].description, 'last · applies when no other profile matches');
    assert.equal(rows[0].icon, 'shield');
    assert.equal(rows[0].item.tooltip, undefined, 'the settings table is made on hover, not for every row drawn');
    const tip = (rows[0].hovered.tooltip as vscode.MarkdownString).value;
    assert.match(tip, /Captive portal timeout \(seconds\) \| 180 \|/);
    assert.match(tip, /Service mode \| Traffic and DNS \(WARP\) \(warp\) \|/);
    assert.match(rows[0].contextValue, /^profile;custom;enabled;canMoveDown;hasId$/, 'the first one cannot move up');
    assert.match(rows[byPrecedence.length - 1].contextValue, /(^|;)canMoveUp(;|$)/);
    assert.doesNotMatch(rows[byPrecedence.length - 1].contextValue, /canMoveDown/, 'the last custom one cannot move down');
    assert.match(rows[byPrecedence.length].contextValue, /^profile;default;/);
  });

  it('shows the Split Tunnel list each profile uses and its Local Domain Fallback, opening the editors with the node', async () => {
    const eng = custom(sim, 'Engineering');
    const [split, fallback] = await children(api, await profileRow(api, 'Engineering'));
    assert.equal(split.label, `Split Tunnel — Exclude (${eng.exclude!.length})`);
    assert.equal(fallback.label, `Local Domain Fallback (${eng.fallback_domains!.length})`);
    assert.equal(split.item.command?.command, 'warpFleet.editSplitTunnel');
    assert.equal(fallback.item.command?.command, 'warpFleet.editFallbackDomains');
    const arg = split.item.command!.arguments![0] as { profile: SettingsPolicy; mode: string };
    assert.strictEqual(arg, split.node, 'the node itself is the only argument');
    assert.equal(split.item.command!.arguments!.length, 1);
    assert.equal(arg.profile.policy_id, eng.policy_id);
    assert.equal(arg.mode, 'exclude');
    assert.strictEqual(fallback.item.command!.arguments![0], fallback.node);

    const contractors = custom(sim, 'Contractors');
    const [include] = await children(api, await profileRow(api, 'Contractors'));
    assert.equal(include.label, `Split Tunnel — Include (${contractors.include!.length})`);
    assert.equal((include.node as unknown as { mode: string }).mode, 'include');
    const [defaultSplit] = await children(api, await profileRow(api, 'Default'));
    assert.equal((defaultSplit.node as unknown as { profile: SettingsPolicy }).profile.default, true);
  });

  it('dims a disabled profile', async () => {
    custom(sim, 'Executives').enabled = false;
    await api.model.profiles.reload();
    const row = await profileRow(api, 'Executives');
    assert.deepStrictEqual([row.icon, row.color], ['circle-slash', 'disabledForeground']);
    assert.match(row.description, /^disabled · precedence 30 · /);
    assert.match(row.contextValue, /(^|;)disabled(;|$)/);
  });

  it('lists IP profiles with their fields, or an error node when they cannot be listed while profiles still show', async () => {
    const group = (await roots(api)).find(r => r.label.startsWith('IP profiles'))!;
    const ip = await children(api, group);
    const first = [...sim.state.ipProfiles].sort((a, b) => a.precedence - b.precedence)[0];
    assert.equal(ip[0].label, first.name);
    assert.equal(ip[0].description, `precedence ${first.precedence} · ${first.match} · subnet ${first.subnet_id} · ${first.enabled ? 'enabled' : 'disabled'}`);
    assert.ok((ip[0].hovered.tooltip as vscode.MarkdownString).value.includes(first.id));

    sim.inject({ path: `/accounts/${sim.accountId}/devices/ip-profiles`, kind: 'status', status: 403, code: 9109, message: 'Unauthorized to access requested resource' });
    await api.model.profiles.reload();
    const rows = await roots(api);
    assert.ok(rows.some(r => r.label === 'Engineering'), 'profiles still show');
    const failed = rows.find(r => r.label === 'IP profiles')!;
    assert.equal(failed.description, 'could not be listed');
    const [error] = await children(api, failed);
    assert.match(error.label, /^IP profiles: 403 · code 9109 · Unauthorized/);
    assert.equal(error.item.command?.command, 'warpFleet.refresh', 'the error node retries on click');
    sim.clearFaults();
  });

  it('creates a profile from a group selector, POSTs name, match and precedence, and shows it in place', async () => {
    const { result, seen } = await withPrompts(
      [
        { kind: 'input', answer: 'Marketing', match: /1\/3/ },
        { kind: 'quickPick', answer: pick(i => i.selector === 'group'), match: /2\/3/ },
        { kind: 'input', answer: 'Marketing "EU"', match: /group/i },
        { kind: 'input', answer: '35', match: /3\/3.*Precedence/ },
      ],
      () => vscode.commands.executeCommand<SettingsPolicy>('warpFleet.createProfile'),
    );
    const posts = writes(sim);
    assert.deepStrictEqual(posts, [{ method: 'POST', path: policyPath(), body: { name: 'Marketing', match: 'any(identity.groups.name[*] in {"Marketing \\"EU\\""})', precedence: 35 } }]);
    assert.equal(result?.name, 'Marketing');
    assert.ok(sim.state.customProfiles.some(p => p.name === 'Marketing' && p.precedence === 35));
    const labels = (await roots(api)).map(r => r.label);
    assert.deepStrictEqual(labels.slice(0, 6), ['Engineering', 'Contractors', 'Executives', 'Marketing', 'Linux Workstations', 'Sales Proxy Mode']);
    assert.ok(seen.some(s => /Created profile "Marketing" at precedence 35/.test(s)), seen.join('\n'));
  });

  it('suggests the next free precedence and refuses a taken one or a taken name before sending anything', async () => {
    let suggested: string | undefined;
    const w = vscode.window as unknown as { showInputBox: (o?: vscode.InputBoxOptions) => Thenable<string | undefined> };
    await withPrompts(
      [
        { kind: 'input', answer: 'Windows fleet' },
        { kind: 'quickPick', answer: pick(i => i.selector === 'os') },
        { kind: 'quickPick', answer: pick(i => i.os === 'windows') },
        { kind: 'input', answer: '20' },
      ],
      () => {
        // Notes the value the precedence prompt proposes, then answers as scripted.
        const scripted = w.showInputBox;
        w.showInputBox = o => {
          if (/3\/3/.test(o?.title ?? '')) suggested = o?.value;
          return scripted(o);
        };
        return vscode.commands.executeCommand('warpFleet.createProfile');
      },
    );
    assert.equal(suggested, '60', 'max (50) + 10');
    assert.deepStrictEqual(writes(sim), [], 'a taken precedence is refused with no POST');

    await withPrompts([{ kind: 'input', answer: 'engineering' }], () => vscode.commands.executeCommand('warpFleet.createProfile'));
    assert.deepStrictEqual(writes(sim), [], 'a taken name is refused with no POST');
  });

  it('deletes a custom profile after a modal confirmation and shows the profiles the API returned', async () => {
    const exec = custom(sim, 'Executives');
    const { seen } = await withPrompts([{ kind: 'warning', answer: 'Delete', match: /Delete profile "Executives"\?/ }], async () =>
      vscode.commands.executeCommand('warpFleet.deleteProfile', await profileRow(api, 'Executives').then(r => r.node)),
    );
    assert.deepStrictEqual(writes(sim), [{ method: 'DELETE', path: policyPath(exec.policy_id), body: undefined }]);
    assert.ok(!sim.state.customProfiles.some(p => p.policy_id === exec.policy_id));
    const labels = (await roots(api)).map(r => r.label);
    assert.ok(!labels.includes('Executives'));
    assert.ok(labels.includes('Default') && labels.includes('Engineering'));
    assert.ok(!sim.requests.some(r => r.method === 'GET' && r.path.endsWith('/devices/policies')), 'no reload: the DELETE answer is the list');
    assert.ok(seen.some(s => /Deleted profile "Executives"/.test(s)));
  });

  it('keeps a profile when the confirmation is dismissed', async () => {
    await withPrompts([{ kind: 'warning', answer: undefined }], async () =>
      vscode.commands.executeCommand('warpFleet.deleteProfile', (await profileRow(api, 'Executives')).node),
    );
    assert.deepStrictEqual(writes(sim), []);
  });

  it('never offers delete on the default profile, and the command refuses it', async () => {
    const dflt = await profileRow(api, 'Default');
    const manifest = JSON.parse(fs.readFileSync(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'package.json'), 'utf8'));
    const menu = (manifest.contributes.menus['view/item/context'] as { command: string; when: string }[]).filter(m => m.command === 'warpFleet.deleteProfile');
    assert.ok(menu.length);
    const eng = (await profileRow(api, 'Engineering')).contextValue;
    for (const m of menu) {
      assert.match(m.when, /view == warpFleet\.profiles/);
      const flags = [...m.when.matchAll(/viewItem =~ \/(.+?)\/(?:\s|$)/g)].map(x => new RegExp(x[1]));
      assert.ok(flags.some(f => !f.test(dflt.contextValue)), `menu "${m.when}" would show on ${dflt.contextValue}`);
      assert.ok(flags.every(f => f.test(eng)), 'but shows on a custom profile');
    }
    const errors = await capturingErrors(() => vscode.commands.executeCommand('warpFleet.deleteProfile', dflt.node));
    assert.deepStrictEqual(writes(sim), [], 'no DELETE for the default profile');
    assert.deepStrictEqual(errors, ['The default profile cannot be deleted: it applies to every device no other profile matches.']);
  });

  it('copies a profile id and opens the device settings page of the dashboard', async () => {
    const eng = custom(sim, 'Engineering');
    const row = await profileRow(api, 'Engineering');
    await vscode.commands.executeCommand('warpFleet.copyId', row.node);
    assert.equal(await vscode.env.clipboard.readText(), eng.policy_id);
    const group = (await roots(api)).find(r => r.label.startsWith('IP profiles'))!;
    const [ip] = await children(api, group);
    await vscode.commands.executeCommand('warpFleet.copyId', ip.node);
    assert.ok(sim.state.ipProfiles.some(p => p.id === ip.node.id?.replace(/^ipProfile:/, '')));
    assert.equal(await vscode.env.clipboard.readText(), ip.node.id?.replace(/^ipProfile:/, ''));
    const w = vscode.env as unknown as { openExternal: (u: vscode.Uri) => Thenable<boolean> };
    const original = w.openExternal;
    w.openExternal = async () => true;
    try {
      const url = await vscode.commands.executeCommand<string>('warpFleet.openInDashboard', row.node);
      assert.equal(url, `https://one.dash.cloudflare.com/${sim.accountId}/settings/warp-client`);
    } finally {
      w.openExternal = original;
    }
  });

  it('reads certificate provisioning for a chosen zone and turns it on with PATCH {enabled}', async () => {
    const zone = sim.state.zones.find(z => z.account?.id === sim.accountId)!;
    const { result, seen } = await withPrompts(
      [
        { kind: 'quickPick', answer: pick(i => (i.zone as { id: string }).id === zone.id), match: /Choose a Zone/ },
        { kind: 'quickPick', answer: pick(i => i.enabled === true), match: /currently disabled/ },
      ],
      () => vscode.commands.executeCommand<{ enabled: boolean }>('warpFleet.setCertificateProvisioning'),
    );
    const certPath = `/zones/${zone.id}/devices/policy/certificates`;
    assert.ok(sim.requests.some(r => r.method === 'GET' && r.path === certPath), 'read first');
    assert.deepStrictEqual(writes(sim), [{ method: 'PATCH', path: certPath, body: { enabled: true } }]);
    assert.equal(sim.state.certificates[zone.id], true);
    assert.equal(result?.enabled, true);
    assert.ok(seen.some(s => new RegExp(`Certificate provisioning for ${zone.name.replace(/\./g, '\\.')} is now enabled`).test(s)), seen.join('\n'));
  });

  it('asks for the zone id when the token may not list zones, and changes nothing when the choice is the current state', async () => {
    const zone = sim.state.zones.find(z => z.account?.id === sim.accountId)!;
    sim.inject({ method: 'GET', path: '/zones', kind: 'status', status: 403, code: 9109, message: 'Unauthorized to access requested resource', times: 2 });
    await withPrompts(
      [
        { kind: 'input', answer: zone.id, match: /may not list zones/ },
        { kind: 'quickPick', answer: pick(i => i.enabled === false) },
      ],
      () => vscode.commands.executeCommand('warpFleet.setCertificateProvisioning'),
    );
    assert.deepStrictEqual(writes(sim), [], 'already disabled: no PATCH');
    await withPrompts(
      [
        { kind: 'input', answer: zone.id },
        { kind: 'quickPick', answer: pick(i => i.enabled === true) },
      ],
      () => vscode.commands.executeCommand('warpFleet.setCertificateProvisioning'),
    );
    assert.deepStrictEqual(writes(sim), [{ method: 'PATCH', path: `/zones/${zone.id}/devices/policy/certificates`, body: { enabled: true } }]);
    assert.equal(sim.state.certificates[zone.id], true);
  });
});
