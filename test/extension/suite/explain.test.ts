// "Which profile applies?" and "Does it go through WARP?" in a real VS Code against the simulator, and
// the profile forms refusing an expression that does not parse.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Device } from '../../../src/api/types';
import type { WarpFleetApi } from '../../../src/extension';
import type { Explanation } from '../../../src/model/profileExplain';
import type { RouteAnswer } from '../../../src/model/routeTest';
import type { TreeNode } from '../../../src/views/nodes';
import type { CloudflareSimulator } from '../../simulator/server';
import { waitFor, withPrompts } from './helpers';
import { capturingErrors, custom, freshProfiles, pick, profileRow, signedInForProfiles, writes } from './profilesHelpers';

/**
 * The report a command opened, with Markdown escapes removed so assertions read like the rendered text.
 * Waits for `marker`: a report shown again under the same name updates its open document asynchronously.
 */
async function report(uri: vscode.Uri, marker: RegExp): Promise<string> {
  const read = async () => (await vscode.workspace.openTextDocument(uri)).getText().replace(/\\([\\`*_[\]<>|~$&#@:.+=\-)])/g, '$1');
  return waitFor(async () => {
    const text = await read();
    return marker.test(text) ? text : undefined;
  }, `report ${uri.toString()} showing ${marker}`);
}

/** A device node from the Devices view itself (whatever its grouping), for the context-menu path. */
async function deviceNode(api: WarpFleetApi, accept: (d: Device) => boolean): Promise<TreeNode> {
  const visit = async (node?: TreeNode): Promise<TreeNode | undefined> => {
    for (const child of (await api.views.devices.getChildren(node)) ?? []) {
      const d = (child as { device?: Device }).device;
      if (d && accept(d)) return child;
      if (!d) {
        const found = await visit(child);
        if (found) return found;
      }
    }
    return undefined;
  };
  return waitFor(() => visit(), 'a device node');
}

describe('Explain and test routes', function () {
  this.timeout(60000);
  let sim: CloudflareSimulator;
  let api: WarpFleetApi;

  const signedIn = signedInForProfiles();
  before(() => ({ sim, api } = signedIn));
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));
  beforeEach(() => freshProfiles(api, sim));

  it('Which Profile Applies? asks only what the profiles read, names the failed clause above the match, and says what cannot be evaluated', async () => {
    const { result, seen } = await withPrompts(
      [
        { kind: 'input', answer: 'Sales, VPN', match: /Group names/ },
        { kind: 'quickPick', answer: pick(i => i.description === 'linux'), match: /Which Profile Applies/ },
      ],
      () => vscode.commands.executeCommand<{ explanation: Explanation; uri: vscode.Uri }>('warpFleet.explainProfile'),
    );
    assert.equal(seen.length, 2, 'no email asked: no profile that parses reads it');
    const { explanation, uri } = result;
    assert.equal(explanation.applies?.name, 'Linux Workstations');
    assert.deepStrictEqual(explanation.undecided.map(p => p.name), ['Contractors'], 'its regex does not parse: undecided, not guessed');
    const text = await report(uri, /Not reached/);
    assert.match(text, /^# Which profile applies\?/);
    assert.match(text, /- ✖ \*\*Engineering\*\* \(10\) does not match: group is "Eng"\n {4}- `any\(identity\.groups\.name\[\*\] in \{"Eng"\}\)` → group "Sales", "VPN": does not match/);
    assert.match(text, /- ⚠ \*\*Contractors\*\* \(20\) cannot be evaluated locally: its expression does not parse\./);
    assert.ok(text.includes('Column 24: "*@vendor.com" is not a valid regular expression (Nothing to repeat). Did you mean ".*@vendor\\\\.com"?'), text);
    assert.match(text, /- ✔ \*\*Linux Workstations\*\* \(40\) matches: OS is Linux/);
    assert.match(text, /Not reached: \*\*Sales Proxy Mode\*\* \(50\), \*\*Default\*\*/);
    assert.match(text, /\*\*Linux Workstations\*\* \(40\) applies\./);
    assert.deepStrictEqual(writes(sim), []);
  });

  it('from a device, prefills its OS and user and falls back to the Default profile when nothing matches', async () => {
    const node = await deviceNode(api, d => d.device_type === 'windows' && !!d.user?.email && !!d.name);
    const device = (node as unknown as { device: Device }).device;
    const { result, seen } = await withPrompts(
      [{ kind: 'input', answer: '', match: /Group names/ }],
      () => vscode.commands.executeCommand<{ explanation: Explanation; uri: vscode.Uri }>('warpFleet.explainProfile', node),
    );
    assert.equal(seen.length, 1, `only the groups are asked: ${seen.join(' | ')}`);
    assert.equal(result.explanation.applies?.default, true);
    const text = await report(result.uri, /For the device/);
    assert.ok(text.includes(`For the device ${device.name}.`), text);
    assert.match(text, /- Operating system: `windows`/);
    assert.match(text, /- Group names: _none_/);
    assert.match(text, /\*\*Default\*\* applies\./);
  });

  it('Does It Go Through WARP? on a profile: the deciding entry per input and which DNS servers answer', async () => {
    const eng = await profileRow(api, 'Engineering');
    const { result } = await withPrompts(
      [{ kind: 'input', answer: '10.12.3.4, 8.8.8.8 fd00::1 app.corp.acme.com x.dev.acme.com 172.64.130.1', match: /Does It Go Through WARP\? \(Engineering\)/ }],
      () => vscode.commands.executeCommand<{ answers: RouteAnswer[]; uri: vscode.Uri }>('warpFleet.testRoute', eng.node),
    );
    assert.deepStrictEqual(result.answers.map(a => a.through), ['outside', 'warp', 'outside', 'depends', 'outside', 'warp']);
    const text = await report(result.uri, /172\.64\.130\.1/);
    assert.match(text, /Profile \*\*Engineering\*\* · Split Tunnel: Exclude mode, 18 entries/);
    assert.match(text, /\| `10\.12\.3\.4` \| ✖ NOT through WARP \| excluded by `10\.0\.0\.0\/8` \(row 1, "Private network \(RFC 1918\)"\) \|/);
    assert.match(text, /\| `8\.8\.8\.8` \| ✔ through WARP \| no entry matches \(Exclude mode default\) \| — \|/);
    assert.match(text, /`app\.corp\.acme\.com` \| ◇ depends on its address .* Local Domain Fallback `corp\.acme\.com` \(row 15, "Acme internal DNS"\): `10\.0\.0\.53` \(outside WARP\), `10\.0\.1\.53` \(outside WARP\)/);
    assert.match(text, /`x\.dev\.acme\.com` \| ✖ NOT through WARP \| excluded by `\*\.dev\.acme\.com`/);
    assert.match(text, /`172\.64\.130\.1` \| ✔ through WARP \| an automatically managed range/);
    assert.deepStrictEqual(writes(sim), []);
  });

  it('Does It Go Through WARP? on a device uses the profile that applies to it', async () => {
    const node = await deviceNode(api, d => d.device_type === 'linux' && !!d.user?.email && !!d.name);
    const { result, seen } = await withPrompts(
      [
        { kind: 'input', answer: 'Eng', match: /Group names/ },
        { kind: 'input', answer: '10.99.0.1', match: /Does It Go Through WARP\? \(Engineering\)/ },
      ],
      () => vscode.commands.executeCommand<{ profile: { name?: string }; answers: RouteAnswer[]; uri: vscode.Uri }>('warpFleet.testRoute', node),
    );
    assert.equal(seen.length, 2);
    assert.equal(result.profile.name, 'Engineering', 'the group decides before the OS: Engineering (10) comes before Linux Workstations (40)');
    assert.deepStrictEqual(result.answers.map(a => a.through), ['outside']);
    assert.match(await report(result.uri, /10\.99\.0\.1/), /"Engineering" is the profile that applies to .+\./);
  });

  it('tests unsaved list editor rows ("test before you save") without a prompt or a request', async () => {
    const eng = custom(sim, 'Engineering');
    sim.requests.length = 0;
    const request = {
      kind: 'testRouteRows',
      profileId: eng.policy_id,
      list: 'include',
      rows: [{ id: 'r1', value: '10.20.0.0/16', description: 'VPC', dns: '' }, { id: 'r2', value: 'not valid!', description: '', dns: '' }],
      inputs: ['10.20.1.1', '10.30.1.1'],
    };
    const { result, seen } = await withPrompts([], () => vscode.commands.executeCommand<{ answers: RouteAnswer[]; uri: vscode.Uri }>('warpFleet.testRoute', request));
    assert.deepStrictEqual(seen, []);
    assert.deepStrictEqual(result.answers.map(a => [a.through, a.decidedBy === 'auto' ? 'auto' : a.decidedBy?.row]), [['warp', 1], ['outside', undefined]]);
    assert.match(await report(result.uri, /10\.30\.1\.1/), /Tested with the list as it is in the editor, unsaved changes included\./);
    assert.deepStrictEqual(sim.requests.filter(r => r.method !== 'GET'), []);
  });

  it('the edit form refuses an unknown selector with its column and a suggestion, before any request', async () => {
    const target = (await profileRow(api, 'Executives')).node;
    const errors = await capturingErrors(() =>
      withPrompts(
        [
          { kind: 'quickPick', answer: pick(i => i.key === 'match') },
          { kind: 'input', answer: 'identity.emial == "ceo@acme.com"', match: /Match expression/ },
        ],
        () => vscode.commands.executeCommand('warpFleet.editProfile', target),
      ),
    );
    // The prompt's validation refused the text (the test helper turns a refusal into the command's error).
    assert.match(errors.join(' '), /Unknown selector \\?"identity\.emial\\?" at column 1\. Did you mean identity\.email\?/);
    assert.deepStrictEqual(writes(sim), []);
    assert.equal(custom(sim, 'Executives').match, 'any(identity.groups.name[*] in {"Executives"})');
  });
});
