// Compare Lists With… and Copy Entries To… in a real extension host, against the simulator: the diff
// editor shows both lists in the sorted text form; copied entries arrive in the target's editor as
// unsaved rows (duplicates flagged) and nothing is sent to Cloudflare before Save.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SettingsPolicy } from '../../../src/api/types';
import { listText } from '../../../src/webviews/listEditor/listHistory';
import { signedInSimulator, waitFor, withPrompts } from './helpers';

const byLabel = (re: RegExp) => (items: readonly unknown[]) => (items as { label: string }[]).find(i => re.test(i.label));

describe('List compare and copy', function () {
  this.timeout(60000);
  const env = signedInSimulator({ devices: 10, profiles: 5 });
  let engineering: SettingsPolicy;

  beforeEach(async () => {
    for (const p of env.api.listEditors.all) p.panel.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    env.sim.reset();
    engineering = structuredClone(env.sim.state.customProfiles.find(p => p.name === 'Engineering')!);
  });

  it('Compare Lists With… opens the diff editor on both lists, sorted, titled with both profiles', async () => {
    const { seen } = await withPrompts(
      [
        { kind: 'quickPick', match: /Compare Engineering — Split Tunnel \(Exclude\) with/, answer: byLabel(/^Default$/) },
        { kind: 'quickPick', answer: byLabel(/Include/) },
      ],
      () => vscode.commands.executeCommand('warpFleet.compareLists', { profile: engineering, list: 'exclude' }),
    );
    assert.equal(seen.length, 2);
    const tab = await waitFor(() => {
      const t = vscode.window.tabGroups.activeTabGroup.activeTab;
      return t?.input instanceof vscode.TabInputTextDiff ? t : undefined;
    }, 'a diff editor');
    assert.equal(tab.label, 'Engineering — Split Tunnel (Exclude) ↔ Default — Split Tunnel (Include)');
    const input = tab.input as vscode.TabInputTextDiff;
    const left = (await vscode.workspace.openTextDocument(input.original)).getText();
    const right = (await vscode.workspace.openTextDocument(input.modified)).getText();
    assert.equal(left, listText(engineering.exclude!));
    assert.equal(right, listText(env.sim.state.defaultProfile.include ?? []));
    assert.ok(left.length > 0);
    assert.ok(!env.sim.requests.some(r => r.method !== 'GET'));
  });

  it('Copy Entries To… adds the chosen entries to the target editor as unsaved rows, flags duplicates, sends nothing before Save', async () => {
    const dflt = env.sim.state.defaultProfile;
    // the Default list already has Engineering's first entry: the copy must flag it, not drop or send it
    dflt.exclude = [...(dflt.exclude ?? []), structuredClone(engineering.exclude![0])];
    const before = structuredClone(dflt.exclude);
    const chosen = engineering.exclude!.slice(0, 2);
    env.sim.requests.length = 0;
    await withPrompts(
      [
        { kind: 'quickPick', match: /Copy Entries from Engineering — Split Tunnel \(Exclude\)/, answer: (items: readonly unknown[]) => (items as { picked: boolean }[]).slice(0, 2) },
        { kind: 'quickPick', match: /Copy 2 entries to/, answer: byLabel(/^Default$/) },
        { kind: 'quickPick', answer: byLabel(/Exclude/) },
      ],
      () => vscode.commands.executeCommand('warpFleet.copyListEntries', { profile: engineering, list: 'exclude' }),
    );
    const panel = await waitFor(() => env.api.listEditors.find({ accountId: env.sim.accountId, profileName: 'Default', list: 'exclude' }), 'the Default exclude editor');
    await panel.whenLoaded();
    assert.deepEqual(panel.entries, [...before, ...chosen]);
    assert.equal(panel.dirty, true);
    const dupRow = before.length; // the first copied row
    assert.ok(panel.problems[dupRow].some(p => p.code === 'duplicate'), JSON.stringify(panel.problems[dupRow]));
    assert.ok(!env.sim.requests.some(r => r.method !== 'GET'), `sent before Save: ${env.sim.requests.filter(r => r.method !== 'GET').map(r => r.method).join(', ')}`);
    assert.deepEqual(dflt.exclude, before);
    // Save sends them (duplicates are warnings, not errors), with the conflict check first
    assert.equal(await panel.save(), 'saved');
    assert.deepEqual(env.sim.state.defaultProfile.exclude, [...before, ...chosen]);
  });
});
