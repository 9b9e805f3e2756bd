// The Split Tunnel / Local Domain Fallback editors in a real extension host, against the simulator:
// load, save (exact PUT bodies), validation before sending, conflicts, failed saves, mode switch.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { SettingsPolicy } from '../../../src/api/types';
import type { WarpFleetApi } from '../../../src/extension';
import type { ListEditorPanel } from '../../../src/webviews/listEditor/listEditorPanel';
import type { ListRow, ListTarget } from '../../../src/webviews/listEditor/protocol';
import { handleWebviewMessage } from '../../../src/webviews/listEditor/listMessages';
import type { CloudflareSimulator } from '../../simulator/server';
import { extensionApi, resetExtensionState, signIn, startSimulator, waitFor, withPrompts } from './helpers';

const row = (value: string, description = '', dns = ''): ListRow => ({ id: `t${Math.random().toString(36).slice(2)}`, value, description, dns });

describe('List editor', function () {
  this.timeout(60000);
  let sim: CloudflareSimulator;
  let api: WarpFleetApi;
  let engineering: SettingsPolicy;

  before(async () => {
    api = await extensionApi();
    sim = await startSimulator({ devices: 10, profiles: 5 });
    await signIn(api, sim);
  });
  after(async () => {
    await closeAll();
    await resetExtensionState(api);
    await sim.close();
  });
  beforeEach(async () => {
    await closeAll();
    sim.reset();
    // a copy: the simulator's own object changes when the list is saved
    engineering = structuredClone(sim.state.customProfiles.find(p => p.name === 'Engineering')!);
  });

  async function closeAll(): Promise<void> {
    for (const p of api?.listEditors.all ?? []) p.panel.dispose();
    await waitFor(() => (api?.listEditors.all.length ?? 0) === 0, 'editors closed');
  }

  /** Opens an editor the way the Profiles view does (a node carrying `profile` and `mode`), and waits for the load. */
  async function open(command: 'warpFleet.editSplitTunnel' | 'warpFleet.editFallbackDomains', profile: SettingsPolicy, mode?: 'include' | 'exclude'): Promise<ListEditorPanel> {
    await vscode.commands.executeCommand(command, { profile: structuredClone(profile), mode });
    const target: ListTarget = {
      accountId: sim.accountId,
      profileId: profile.default ? undefined : profile.policy_id,
      profileName: profile.default ? 'Default' : profile.name!,
      list: command === 'warpFleet.editFallbackDomains' ? 'fallback_domains' : (mode ?? 'exclude'),
    };
    const panel = await waitFor(() => api.listEditors.find(target), 'editor registered');
    await panel.whenLoaded();
    assert.equal(panel.state.phase, 'ready', panel.state.notice?.text);
    return panel;
  }

  const puts = () => sim.requests.filter(r => r.method === 'PUT');

  it('opens a list from a Profiles node, titles it, and focuses it when opened again', async () => {
    const panel = await open('warpFleet.editSplitTunnel', engineering, 'exclude');
    assert.equal(panel.panel.title, 'Engineering — Split Tunnel (Exclude)');
    assert.deepEqual(panel.entries, engineering.exclude);
    assert.equal(panel.state.profileMode, 'exclude');
    assert.ok(sim.requests.some(r => r.method === 'GET' && r.path === `/accounts/${sim.accountId}/devices/policy/${engineering.policy_id}/exclude`));
    const again = await open('warpFleet.editSplitTunnel', engineering, 'exclude');
    assert.strictEqual(again, panel);
    assert.equal(api.listEditors.all.length, 1);
    const dflt = await open('warpFleet.editFallbackDomains', { default: true });
    assert.equal(dflt.panel.title, 'Default — Local Domain Fallback');
    assert.deepEqual(dflt.entries, sim.state.defaultProfile.fallback_domains);
    assert.equal(api.listEditors.all.length, 2);
  });

  it('saves edits as one PUT of the whole list, after re-reading it, and marks the title while unsaved', async () => {
    const panel = await open('warpFleet.editSplitTunnel', { default: true }, 'exclude');
    const before = structuredClone(sim.state.defaultProfile.exclude!);
    const [first, second] = panel.rows;
    panel.applyEdits([
      { op: 'add', rows: [row('203.0.113.0/24', 'Lab network'), row('*.corp.example.com')] },
      { op: 'update', row: { ...second, description: 'CGNAT' } },
      { op: 'remove', ids: [first.id] },
    ]);
    assert.ok(panel.panel.title.startsWith('● '), panel.panel.title);
    sim.requests.length = 0;
    assert.equal(await panel.save(), 'saved');
    const expected = [{ ...before[1], description: 'CGNAT' }, ...before.slice(2), { address: '203.0.113.0/24', description: 'Lab network' }, { host: '*.corp.example.com' }];
    assert.deepEqual(sim.requests.map(r => `${r.method} ${r.path}`), [
      `GET /accounts/${sim.accountId}/devices/policy/exclude`,
      `PUT /accounts/${sim.accountId}/devices/policy/exclude`,
    ]);
    assert.deepEqual(puts()[0].body, expected);
    assert.deepEqual(sim.state.defaultProfile.exclude, expected);
    assert.equal(panel.panel.title, 'Default — Split Tunnel (Exclude)');
    assert.equal(panel.state.dirty, false);
  });

  it('a save the webview posts right behind an edit (before any answer) saves that edit', async () => {
    // The webview enables Save while an edit is unanswered (client/status.ts saveEnabled): the host
    // must take the two messages in order, edit first, or the fast user's row would not be sent.
    const panel = await open('warpFleet.editSplitTunnel', { default: true }, 'exclude');
    assert.equal(panel.state.dirty, false);
    sim.requests.length = 0;
    const edit = handleWebviewMessage(panel, { type: 'edit', edits: [{ op: 'add', rows: [row('198.51.100.0/24', 'Fast typist')] }] });
    const save = handleWebviewMessage(panel, { type: 'save' });
    await Promise.all([edit, save]);
    assert.equal(puts().length, 1);
    assert.deepEqual((puts()[0].body as unknown[]).at(-1), { address: '198.51.100.0/24', description: 'Fast typist' });
    assert.equal(panel.state.dirty, false);
  });

  it('refuses to save while a row has an error, and sends nothing', async () => {
    const panel = await open('warpFleet.editSplitTunnel', engineering, 'exclude');
    panel.applyEdits([{ op: 'add', rows: [row('300.1.1.1'), row('10.12.0.0/16', 'inside 10/8')] }]);
    const problems = panel.problems;
    const n = panel.rows.length;
    assert.deepEqual(problems[n - 2].map(p => `${p.severity}:${p.code}`), ['error:notAddressOrDomain']);
    assert.deepEqual(problems[n - 1].map(p => `${p.severity}:${p.code}`), ['warning:coveredBy']);
    sim.requests.length = 0;
    assert.equal(await panel.save(), 'blocked');
    assert.equal(sim.requests.length, 0);
    assert.match(panel.state.notice?.text ?? '', /Fix the rows marked with an error/);
    // Warnings do not block: remove the bad row and save.
    panel.applyEdits([{ op: 'remove', ids: [panel.rows[n - 2].id] }]);
    assert.equal(await panel.save(), 'saved');
    assert.deepEqual(sim.state.customProfiles.find(p => p.policy_id === engineering.policy_id)!.exclude!.at(-1), { address: '10.12.0.0/16', description: 'inside 10/8' });
  });

  it('Test Routes… tests the unsaved rows (the row just typed included), says so, and writes nothing', async () => {
    const panel = await open('warpFleet.editSplitTunnel', engineering, 'exclude');
    sim.requests.length = 0;
    // As the webview sends them: the edit, then at once the button's message.
    const { seen } = await withPrompts([{ kind: 'input', answer: '198.51.100.7', match: /Does It Go Through WARP\? \(.*Engineering.*\)/ }], async () => {
      const edit = handleWebviewMessage(panel, { type: 'edit', edits: [{ op: 'add', rows: [row('198.51.100.0/24', 'Not saved yet')] }] });
      await Promise.all([edit, handleWebviewMessage(panel, { type: 'testRoutes' })]);
    });
    assert.equal(seen.length, 1, 'the message ran the route test (its prompt)');
    assert.equal(panel.dirty, true);
    const result = await panel.testRoutes(['198.51.100.7', '203.0.113.9']) as { answers: { through: string; decidedBy?: unknown }[]; uri: vscode.Uri };
    assert.deepEqual(result.answers.map(a => a.through), ['outside', 'warp'], 'the unsaved row excludes 198.51.100.7');
    const text = await waitFor(async () => {
      const t = (await vscode.workspace.openTextDocument(result.uri)).getText();
      return /198/.test(t) ? t : undefined;
    }, 'route report');
    assert.match(text, /unsaved changes included/);
    assert.match(text, /Not saved yet/);
    assert.deepEqual(sim.requests.filter(r => r.method !== 'GET'), [], 'no write request');
  });

  it('saves Local Domain Fallback rows with their DNS servers as an array', async () => {
    const panel = await open('warpFleet.editFallbackDomains', engineering);
    panel.applyEdits([{ op: 'add', rows: [row('lab.acme.com', 'Lab DNS', '10.9.0.53, 10.9.1.53'), row('bad..suffix', '', 'dns.example.com')] }]);
    const n = panel.rows.length;
    assert.deepEqual(panel.problems[n - 1].map(p => p.code), ['emptyLabel', 'badDnsServer']);
    assert.equal(await panel.save(), 'blocked');
    panel.applyEdits([{ op: 'remove', ids: [panel.rows[n - 1].id] }]);
    assert.equal(await panel.save(), 'saved');
    const put = puts().at(-1)!;
    assert.equal(put.path, `/accounts/${sim.accountId}/devices/policy/${engineering.policy_id}/fallback_domains`);
    assert.deepEqual((put.body as unknown[]).at(-1), { suffix: 'lab.acme.com', description: 'Lab DNS', dns_server: ['10.9.0.53', '10.9.1.53'] });
  });

  describe('conflicts', () => {
    /** Opens Engineering's exclude list, adds a local row, then someone else adds and removes remotely. */
    async function conflicting(): Promise<{ panel: ListEditorPanel; remoteProfile: SettingsPolicy }> {
      const panel = await open('warpFleet.editSplitTunnel', engineering, 'exclude');
      panel.applyEdits([{ op: 'add', rows: [row('198.51.100.0/24', 'mine')] }]);
      const remoteProfile = sim.state.customProfiles.find(p => p.policy_id === engineering.policy_id)!;
      remoteProfile.exclude = [...remoteProfile.exclude!.slice(1), { host: 'theirs.example.com', description: 'theirs' }];
      sim.requests.length = 0;
      return { panel, remoteProfile };
    }

    it('Overwrite replaces their version with the editor rows', async () => {
      const { panel, remoteProfile } = await conflicting();
      const mine = panel.entries;
      const { seen } = await withPrompts([{ kind: 'warning', answer: 'Overwrite', match: /changed on Cloudflare.*\(1 added, 1 removed, 0 changed\)/ }], () => panel.save());
      assert.equal(seen.length, 1);
      assert.deepEqual(puts()[0].body, mine);
      assert.deepEqual(remoteProfile.exclude, mine);
    });

    it('Reload Theirs discards the local edits and sends nothing', async () => {
      const { panel, remoteProfile } = await conflicting();
      const { result } = await withPrompts([{ kind: 'warning', answer: 'Reload Theirs' }], () => panel.save());
      assert.equal(result, 'reloaded');
      assert.equal(puts().length, 0);
      assert.deepEqual(panel.entries, remoteProfile.exclude);
      assert.equal(panel.state.dirty, false);
    });

    it('the conflict modal\'s default (first) button is Review Differences: Merge, Reload Theirs, Overwrite never are', async () => {
      const { panel } = await conflicting();
      let buttons: unknown[] = [];
      await withPrompts([{ kind: 'warning', answer: (rest: readonly unknown[]) => ((buttons = rest.slice(1)), undefined) }], () => panel.save());
      assert.deepEqual(buttons, ['Review Differences', 'Merge…', 'Reload Theirs', 'Overwrite']);
      assert.equal(puts().length, 0);
    });

    it('Merge applies their deletion and edit, shows the result marked, and sends nothing until Save', async () => {
      const { panel, remoteProfile } = await conflicting();
      const deletedRemotely = remoteProfile.exclude!.shift()!; // a second deletion, besides the one in conflicting()
      const edited = { ...remoteProfile.exclude![0], description: 'edited by a colleague' };
      remoteProfile.exclude![0] = edited;
      const { result } = await withPrompts([{ kind: 'warning', answer: 'Merge…' }], () => panel.save());
      assert.equal(result, 'merged');
      assert.equal(puts().length, 0, 'nothing sent by the merge');
      const values = panel.entries.map(e => (e as { address?: string; host?: string }).address ?? (e as { host?: string }).host);
      for (const gone of [engineering.exclude![0], deletedRemotely]) {
        assert.ok(!values.includes((gone as { address?: string }).address ?? (gone as { host?: string }).host), `not resurrected: ${JSON.stringify(gone)}`);
      }
      assert.deepEqual(panel.entries.find(e => (e as { address?: string }).address === (edited as { address?: string }).address && (e as { host?: string }).host === (edited as { host?: string }).host), edited);
      assert.deepEqual(panel.entries.slice(-2), [{ address: '198.51.100.0/24', description: 'mine' }, { host: 'theirs.example.com', description: 'theirs' }]);
      assert.deepEqual(Object.values(panel.state.marks ?? {}).sort(), ['theirsAdded', 'theirsChanged']);
      assert.match(panel.state.notice?.text ?? '', /Nothing is sent yet/);
      assert.ok(panel.panel.title.startsWith('● '));
      sim.requests.length = 0;
      assert.equal(await panel.save(), 'saved');
      assert.deepEqual(sim.requests.map(r => r.method), ['GET', 'PUT'], 'fetched again right before the PUT');
      assert.deepEqual(puts()[0].body, panel.entries);
      assert.deepEqual(remoteProfile.exclude, panel.entries);
    });

    it('Merge asks about a real conflict (both changed the same entry) and takes the answer', async () => {
      const panel = await open('warpFleet.editSplitTunnel', engineering, 'exclude');
      const first = panel.rows[0];
      panel.applyEdits([{ op: 'update', row: { ...first, description: 'mine' } }]);
      const remoteProfile = sim.state.customProfiles.find(p => p.policy_id === engineering.policy_id)!;
      remoteProfile.exclude![0] = { ...remoteProfile.exclude![0], description: 'theirs' };
      sim.requests.length = 0;
      const { result, seen } = await withPrompts([
        { kind: 'warning', answer: 'Merge…' },
        { kind: 'quickPick', match: /conflict 1 of 1/, answer: (items: readonly unknown[]) => (items as { label: string }[]).find(i => i.label.startsWith('Take theirs')) },
      ], () => panel.save());
      assert.equal(result, 'merged', seen.join('\n'));
      assert.equal(panel.entries[0].description, 'theirs');
      assert.deepEqual(panel.state.marks, { [first.id]: 'resolved' });
      assert.equal(puts().length, 0);
    });

    it('a merge whose list moves again before Save starts the conflict flow over instead of sending', async () => {
      const { panel, remoteProfile } = await conflicting();
      await withPrompts([{ kind: 'warning', answer: 'Merge…' }], () => panel.save());
      remoteProfile.exclude = [...remoteProfile.exclude!, { host: 'later.example.com' }];
      const { result } = await withPrompts([{ kind: 'warning', answer: undefined, match: /\(1 added, 0 removed, 0 changed\)/ }], () => panel.save());
      assert.equal(result, 'cancelled');
      assert.equal(puts().length, 0);
      assert.ok(panel.state.dirty);
    });

    it('Review Differences opens a diff of their version and the editor rows, and sends nothing', async () => {
      const { panel, remoteProfile } = await conflicting();
      const { result } = await withPrompts([{ kind: 'warning', answer: 'Review Differences' }], () => panel.save());
      assert.equal(result, 'cancelled');
      assert.equal(puts().length, 0);
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      assert.ok(input instanceof vscode.TabInputTextDiff, 'a diff editor is open');
      const [theirs, yours] = await Promise.all([input.original, input.modified].map(u => vscode.workspace.openTextDocument(u)));
      assert.deepEqual(JSON.parse(theirs.getText()), remoteProfile.exclude);
      assert.deepEqual(JSON.parse(yours.getText()), panel.entries);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      assert.ok(panel.state.dirty, 'edits kept');
    });

    it('cancelling the conflict prompt keeps the edits and sends nothing', async () => {
      const { panel } = await conflicting();
      await withPrompts([{ kind: 'warning', answer: undefined }], () => panel.save());
      assert.equal(puts().length, 0);
      assert.ok(panel.state.dirty);
      assert.ok(panel.entries.some(e => 'address' in e && e.address === '198.51.100.0/24'));
    });
  });

  it('a failed save keeps every unsaved edit and says why, with the Cloudflare code', async () => {
    const panel = await open('warpFleet.editSplitTunnel', engineering, 'exclude');
    panel.applyEdits([{ op: 'add', rows: [row('192.0.2.0/24', 'kept')] }]);
    const edited = panel.entries;
    sim.inject({ path: /\/exclude$/, method: 'PUT', kind: 'status', status: 400, code: 1005, message: 'Invalid Split Tunnel entry', times: 1 });
    assert.equal(await panel.save(), 'failed');
    assert.deepEqual(panel.entries, edited);
    assert.ok(panel.state.dirty);
    assert.ok(panel.panel.title.startsWith('● '));
    assert.match(panel.state.notice?.text ?? '', /code 1005: Invalid Split Tunnel entry.*Your edits are kept/);
    assert.notDeepEqual(sim.state.customProfiles.find(p => p.policy_id === engineering.policy_id)!.exclude, edited);
    // A 500 on every attempt (the client retries) fails the same way; then the next save goes through.
    sim.inject({ path: /\/exclude$/, method: 'PUT', kind: 'status', status: 500, times: 10 });
    assert.equal(await panel.save(), 'failed');
    sim.clearFaults();
    assert.equal(await panel.save(), 'saved');
    assert.deepEqual(sim.state.customProfiles.find(p => p.policy_id === engineering.policy_id)!.exclude, edited);
  });

  it('switches a profile from Exclude to Include, copying the entries, with a PATCH that sets only include', async () => {
    const panel = await open('warpFleet.editSplitTunnel', engineering, 'exclude');
    assert.equal(await panel.switchMode('include', true), true);
    assert.equal(panel.target.list, 'include');
    assert.equal(panel.panel.title, '● Engineering — Split Tunnel (Include)');
    assert.strictEqual(api.listEditors.find({ ...panel.target, list: 'include' }), panel);
    assert.equal(api.listEditors.find({ ...panel.target, list: 'exclude' }), undefined);
    sim.requests.length = 0;
    assert.equal(await panel.save(), 'saved');
    const writes = sim.requests.filter(r => r.method !== 'GET');
    assert.deepEqual(writes.map(r => `${r.method} ${r.path}`), [`PATCH /accounts/${sim.accountId}/devices/policy/${engineering.policy_id}`]);
    assert.deepEqual(writes[0].body, { include: engineering.exclude }, 'never both lists in one request');
    const profile = sim.state.customProfiles.find(p => p.policy_id === engineering.policy_id)!;
    assert.deepEqual(profile.include, engineering.exclude);
    assert.equal(panel.state.profileMode, 'include');
    // Saved again in the same mode: a plain PUT of the list.
    panel.applyEdits([{ op: 'add', rows: [row('10.99.0.0/16')] }]);
    sim.requests.length = 0;
    assert.equal(await panel.save(), 'saved');
    assert.deepEqual(sim.requests.filter(r => r.method !== 'GET').map(r => r.method), ['PUT']);
  });

  it('refuses an import file above the size limit, and a paste above the length limit, saying the limit', async () => {
    const panel = await open('warpFleet.editSplitTunnel', engineering, 'exclude');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warp-fleet-lists-'));
    const big = path.join(dir, 'huge.csv');
    fs.writeFileSync(big, '10.0.0.0/8,padding\n'.repeat(Math.ceil((5 * 1024 * 1024) / 19)));
    const n = panel.rows.length;
    await assert.rejects(panel.importFrom(vscode.Uri.file(big), 'append'), /Nothing was imported from huge\.csv: the file has 5\.0 MB, the most Import reads is 4 MB/);
    await assert.rejects(panel.paste('x'.repeat(1024 * 1024 + 1)), /the most a paste takes is 1,048,576/);
    assert.equal(panel.rows.length, n);
    assert.equal(panel.state.dirty, false);
  });

  it('asks before switching mode (modal), and starts from the other list when told not to copy', async () => {
    const contractors = sim.state.customProfiles.find(p => p.name === 'Contractors')!;
    const panel = await open('warpFleet.editSplitTunnel', contractors, 'include');
    await withPrompts([{ kind: 'warning', answer: 'Use the Exclude List', match: /Switch Contractors to Exclude mode/ }], () => panel.switchMode('exclude'));
    assert.equal(panel.target.list, 'exclude');
    assert.deepEqual(panel.entries, contractors.exclude);
  });

  it('from the palette, asks for the profile and opens the list of the mode it uses', async () => {
    await withPrompts(
      [{ kind: 'quickPick', answer: (items: readonly unknown[]) => (items as { label: string }[]).find(i => i.label === 'Contractors') }],
      () => vscode.commands.executeCommand('warpFleet.editSplitTunnel'),
    );
    const contractors = sim.state.customProfiles.find(p => p.name === 'Contractors')!;
    const panel = await waitFor(() => api.listEditors.all[0], 'editor');
    await panel.whenLoaded();
    assert.deepEqual(panel.target, { accountId: sim.accountId, profileId: contractors.policy_id, profileName: 'Contractors', list: 'include' });
    assert.ok(sim.requests.some(r => r.path === `/accounts/${sim.accountId}/devices/policies`));
  });

  it('exports JSON and CSV through the host and imports them back', async () => {
    const panel = await open('warpFleet.editFallbackDomains', engineering);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warp-fleet-lists-'));
    const json = await panel.exportTo('json', vscode.Uri.file(path.join(dir, 'l.json')));
    const csv = await panel.exportTo('csv', vscode.Uri.file(path.join(dir, 'l.csv')));
    assert.deepEqual(JSON.parse(fs.readFileSync(json.fsPath, 'utf8')), engineering.fallback_domains);
    assert.match(fs.readFileSync(csv.fsPath, 'utf8'), /^suffix,description,dns_server\r\n/);
    assert.match(fs.readFileSync(csv.fsPath, 'utf8'), /corp\.acme\.com,Acme internal DNS,10\.0\.0\.53 10\.0\.1\.53/);
    panel.revert();
    assert.equal(await panel.importFrom(csv, 'replace'), engineering.fallback_domains!.length);
    assert.deepEqual(panel.entries, engineering.fallback_domains);
    assert.equal(panel.state.dirty, false);
    fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify([{ suffix: 'ok.example' }, { dns_server: ['1.1.1.1'] }]));
    await assert.rejects(panel.importFrom(vscode.Uri.file(path.join(dir, 'bad.json')), 'append'), /Entry 2 has no suffix/);
    assert.equal(panel.state.dirty, false, 'nothing imported from a bad file');
    assert.equal(await panel.paste('a.example.com,pasted\nb.example.com,,10.0.0.1 10.0.0.2'), 2);
    assert.deepEqual(panel.entries.slice(-2), [{ suffix: 'a.example.com', description: 'pasted' }, { suffix: 'b.example.com', dns_server: ['10.0.0.1', '10.0.0.2'] }]);
  });

  it('updates the cached profile after a save, so the Profiles view shows the new count', async () => {
    await api.model.profiles.reload();
    const panel = await open('warpFleet.editSplitTunnel', engineering, 'exclude');
    panel.applyEdits([{ op: 'add', rows: [row('192.0.2.1')] }]);
    await panel.save();
    const cached = api.model.profiles.data?.profiles.find(p => p.policy_id === engineering.policy_id);
    assert.equal(cached?.exclude?.length, engineering.exclude!.length + 1);
  });

  it('says why a list could not be loaded, refuses to save blind, and loads on retry', async () => {
    sim.inject({ path: /\/fallback_domains$/, method: 'GET', kind: 'status', status: 403, code: 9109, message: 'Unauthorized to access requested resource', times: 1 });
    await vscode.commands.executeCommand('warpFleet.editFallbackDomains', { profile: structuredClone(engineering) });
    const panel = await waitFor(() => api.listEditors.all[0], 'editor');
    await panel.whenLoaded();
    assert.equal(panel.state.phase, 'loadFailed');
    assert.match(panel.state.notice?.text ?? '', /Could not load the list: .*403.*code 9109: Unauthorized to access requested resource/);
    sim.requests.length = 0;
    assert.equal(await panel.save(), 'cancelled');
    assert.equal(sim.requests.length, 0);
    await panel.load(true);
    assert.equal(panel.state.phase, 'ready');
    assert.deepEqual(panel.entries, engineering.fallback_domains);
  });

  it('offers the unsaved rows back when a dirty editor is closed', async () => {
    const panel = await open('warpFleet.editSplitTunnel', engineering, 'exclude');
    panel.applyEdits([{ op: 'add', rows: [row('192.0.2.77', 'not saved yet')] }]);
    const edited = panel.entries;
    await withPrompts([{ kind: 'warning', answer: 'Reopen', match: /Engineering — Split Tunnel \(Exclude\) was closed with unsaved changes/ }], async () => {
      panel.panel.dispose();
      const reopened = await waitFor(() => api.listEditors.find(panel.target), 'reopened editor');
      await reopened.whenLoaded();
      assert.notStrictEqual(reopened, panel);
      assert.deepEqual(reopened.entries, edited);
      assert.ok(reopened.panel.title.startsWith('● '));
    });
  });

  it('opens 1,000 entries and validates them (prints the time)', async () => {
    const big = Array.from({ length: 1000 }, (_, i) => (i % 2 ? { address: `10.${i % 256}.${Math.floor(i / 256)}.0/24` } : { host: `h${i}.corp.example.com`, description: `host ${i}` }));
    sim.state.customProfiles.find(p => p.policy_id === engineering.policy_id)!.exclude = big;
    const t0 = Date.now();
    const panel = await open('warpFleet.editSplitTunnel', engineering, 'exclude');
    const loaded = Date.now() - t0;
    const t1 = process.hrtime.bigint();
    const problems = panel.problems;
    const validated = Number(process.hrtime.bigint() - t1) / 1e6;
    console.log(`      1,000-entry list: opened and loaded in ${loaded} ms, validated in ${validated.toFixed(1)} ms`);
    assert.equal(panel.rows.length, 1000);
    assert.equal(problems.filter(p => p.some(x => x.severity === 'error')).length, 0);
  });
});
