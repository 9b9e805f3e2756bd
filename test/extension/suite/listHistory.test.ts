// List history in a real extension host, against the simulator: a save keeps snapshots in global storage,
// bounded; Show History compares a snapshot in the diff editor and restores it through the list editor,
// where Save still detects a change made on Cloudflare meanwhile; a mode switch keeps the old list first.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { SettingsPolicy } from '../../../src/api/types';
import type { ListEditorPanel } from '../../../src/webviews/listEditor/listEditorPanel';
import { listText } from '../../../src/webviews/listEditor/listHistory';
import { ListHistoryStore } from '../../../src/webviews/listEditor/listHistoryStore';
import type { ListTarget } from '../../../src/webviews/listEditor/protocol';
import type { Log } from '../../../src/util/log';
import { signedInSimulator, waitFor, withPrompts } from './helpers';

const pickBy = (re: RegExp) => (items: readonly unknown[]) => (items as { label: string; detail?: string }[]).find(i => re.test(`${i.label} ${i.detail ?? ''}`));

describe('List history', function () {
  this.timeout(60000);
  const env = signedInSimulator({ devices: 10, profiles: 5 });
  let engineering: SettingsPolicy;
  let target: ListTarget;

  beforeEach(async () => {
    for (const p of env.api.listEditors.all) p.panel.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    env.sim.reset();
    engineering = structuredClone(env.sim.state.customProfiles.find(p => p.name === 'Engineering')!);
    target = { accountId: env.sim.accountId, profileId: engineering.policy_id, profileName: 'Engineering', list: 'exclude' };
    await env.api.listHistory.settled();
    for (const list of ['exclude', 'include'] as const) await vscode.workspace.fs.delete(env.api.listHistory.uriOf({ ...target, list })).then(undefined, () => undefined);
  });

  async function open(profile: SettingsPolicy, mode: 'include' | 'exclude'): Promise<ListEditorPanel> {
    await vscode.commands.executeCommand('warpFleet.editSplitTunnel', { profile: structuredClone(profile), mode });
    const panel = await waitFor(() => env.api.listEditors.find({ ...target, profileId: profile.policy_id, profileName: profile.name!, list: mode }), 'editor');
    await panel.whenLoaded();
    return panel;
  }

  /** Opens Engineering's exclude list, adds a row and saves: history then holds the list before and as saved. */
  async function saveOnce(): Promise<{ panel: ListEditorPanel; before: unknown[] }> {
    const panel = await open(engineering, 'exclude');
    const before = structuredClone(panel.entries);
    panel.applyEdits([{ op: 'add', rows: [{ id: 'n1', value: '198.51.100.0/24', description: 'added', dns: '' }] }]);
    assert.equal(await panel.save(), 'saved');
    await env.api.listHistory.settled();
    return { panel, before };
  }

  it('a save keeps the list as it was and as saved, in a file under global storage with no credential', async () => {
    const { panel, before } = await saveOnce();
    const snaps = await env.api.listHistory.snapshots(target);
    assert.deepEqual(snaps.map(s => s.kind), ['saved', 'before']);
    assert.deepEqual(snaps[0].entries, env.sim.state.customProfiles.find(p => p.policy_id === engineering.policy_id)!.exclude);
    assert.deepEqual(snaps[1].entries, before);
    const file = env.api.listHistory.uriOf(target);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    assert.ok(!text.includes(env.sim.token), 'the history file holds the API token');
    // a second save: the newest snapshot already holds the list before it, so only "saved" is added
    panel.applyEdits([{ op: 'remove', ids: [panel.rows.at(-1)!.id] }]);
    assert.equal(await panel.save(), 'saved');
    await env.api.listHistory.settled();
    assert.deepEqual((await env.api.listHistory.snapshots(target)).map(s => s.kind), ['saved', 'saved', 'before']);
  });

  it('the history of a list stays within its count and byte bounds, oldest dropped, written whole', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warp-fleet-history-'));
    const log = { warn: () => undefined, error: (m: string) => assert.fail(m) } as unknown as Log;
    const store = new ListHistoryStore(vscode.Uri.file(dir), log, { count: 5, bytes: 4000 });
    const list = (n: number) => Array.from({ length: n }, (_, i) => ({ address: `10.1.${i}.0/24`, description: `site ${i}` }));
    await Promise.all(Array.from({ length: 12 }, (_, i) => store.recordSave(target, list(i), list(i + 1))));
    const snaps = await store.snapshots(target);
    assert.ok(snaps.length <= 5, `${snaps.length} snapshots`);
    assert.deepEqual(snaps[0].entries, list(12), 'the newest is the last save');
    const file = store.uriOf(target).fsPath;
    assert.ok(fs.statSync(file).size <= 4000, `${fs.statSync(file).size} bytes`);
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['exclude.json'], 'no temporary file is left behind');
  });

  it('Show History restores a snapshot through the editor, and Save still detects a change made on Cloudflare', async () => {
    const { panel, before } = await saveOnce();
    env.sim.requests.length = 0;
    await withPrompts(
      [
        { kind: 'quickPick', match: /History of Engineering — Split Tunnel \(Exclude\)/, answer: pickBy(/before a save/) },
        { kind: 'quickPick', answer: pickBy(/Restore/) },
      ],
      () => vscode.commands.executeCommand('warpFleet.showListHistory', { profile: engineering, list: 'exclude' }),
    );
    assert.deepEqual(panel.entries, before);
    assert.equal(panel.dirty, true);
    assert.ok(!env.sim.requests.some(r => r.method !== 'GET'), 'something was sent before Save');
    // someone else changes the list on Cloudflare: Save must not overwrite it
    const remote = env.sim.state.customProfiles.find(p => p.policy_id === engineering.policy_id)!;
    remote.exclude = [...remote.exclude!, { host: 'theirs.example.com' }];
    const { result } = await withPrompts([{ kind: 'warning', answer: undefined, match: /changed on Cloudflare since you opened it \(1 added/ }], () => panel.save());
    assert.equal(result, 'cancelled');
    assert.ok(!env.sim.requests.some(r => r.method === 'PUT' || r.method === 'PATCH'), 'the restore was sent over their change');
  });

  it('Show History from the list editor\'s title bar (no argument: the editor that has focus) compares a snapshot with the list on Cloudflare in the diff editor', async () => {
    const { panel, before } = await saveOnce();
    panel.reveal();
    await waitFor(() => env.api.listEditors.active === panel, 'the editor to have focus');
    await withPrompts(
      [
        { kind: 'quickPick', match: /History of Engineering — Split Tunnel \(Exclude\)/, answer: pickBy(/before a save/) },
        { kind: 'quickPick', answer: pickBy(/Compare/) },
      ],
      () => vscode.commands.executeCommand('warpFleet.showListHistory'),
    );
    const tab = await waitFor(() => {
      const t = vscode.window.tabGroups.activeTabGroup.activeTab;
      return t?.input instanceof vscode.TabInputTextDiff ? t : undefined;
    }, 'a diff editor');
    assert.match(tab.label, /Engineering — Split Tunnel \(Exclude\): snapshot of .* ↔ on Cloudflare now/);
    const input = tab.input as vscode.TabInputTextDiff;
    const now = env.sim.state.customProfiles.find(p => p.policy_id === engineering.policy_id)!.exclude!;
    assert.equal((await vscode.workspace.openTextDocument(input.original)).getText(), listText(before as never[]));
    assert.equal((await vscode.workspace.openTextDocument(input.modified)).getText(), listText(now));
  });

  it('a Split Tunnel mode switch keeps a snapshot of the list it leaves, first', async () => {
    const contractors = env.sim.state.customProfiles.find(p => p.name === 'Contractors')!;
    const from: ListTarget = { ...target, profileId: contractors.policy_id, profileName: 'Contractors', list: 'include' };
    await vscode.workspace.fs.delete(env.api.listHistory.uriOf(from)).then(undefined, () => undefined);
    const panel = await open(contractors, 'include');
    await withPrompts([{ kind: 'warning', answer: 'Use the Exclude List' }], () => panel.switchMode('exclude'));
    await env.api.listHistory.settled();
    const snaps = await env.api.listHistory.snapshots(from);
    assert.deepEqual(snaps.map(s => s.kind), ['modeSwitch']);
    assert.deepEqual(snaps[0].entries, contractors.include);
  });
});
