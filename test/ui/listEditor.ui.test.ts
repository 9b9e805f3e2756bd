// The Split Tunnel and Local Domain Fallback editors in a real VS Code (webview driven by Playwright):
// add an entry, an invalid one refused, save with Ctrl+S, a conflicting remote change, unsaved edits
// surviving a window reload. Screenshots: test-results/screenshots/list-editor-*.png
import * as assert from 'assert';
import type { FallbackDomain, SettingsPolicy, SplitTunnelEntry } from '../../src/api/types';
import { Workbench } from './workbench';

describe('List editor (UI)', function () {
  let wb: Workbench;
  const engineering = (): SettingsPolicy => wb.sim!.state.customProfiles.find(p => p.name === 'Engineering')!;

  before(async function () {
    this.timeout(300000); // start-up: see STARTUP_MS in workbench.ts
    wb = await Workbench.start({ name: 'list-editor', simulator: { devices: 20, profiles: 4, seed: 1 } });
  });

  after(async () => {
    await wb?.close();
  });

  // Every test starts from the generated account, no editor open, the Profiles tree collapsed.
  beforeEach(async function () {
    this.timeout(60000);
    await wb.step('reset the workbench', () => wb.reset());
  });

  const editor = () => wb.listEditor.frame;
  const addRow = (values: string[]) => wb.listEditor.addRow(values);
  /** Engineering's Split Tunnel list (18 entries in the generated account), from the palette. */
  const openEngineering = () =>
    wb.step('open Engineering\'s Split Tunnel list', () => wb.listEditor.open('WARP Fleet: Edit Split Tunnel', /^Engineering/, 'Engineering — Split Tunnel (Exclude)', 18));

  it('opens Engineering\'s Split Tunnel list from the Profiles view', async () => {
    await wb.step('open the container', () => wb.openContainer('WARP Fleet'));
    await wb.step('expand Profiles', () => wb.focusView('Profiles'));
    const profile = wb.treeItem('Profiles', /^Engineering/);
    await wb.step('expand Engineering', async () => {
      await profile.waitFor({ state: 'visible', timeout: 30000 });
      await wb.expand(profile);
    });
    await wb.step('click its Split Tunnel node', () => wb.tree('Profiles').locator('[role="treeitem"]', { hasText: 'Split Tunnel — Exclude (18)' }).click());
    await wb.step('the editor shows the 18 entries', async () => {
      await editor().locator('h1.title', { hasText: 'Engineering — Split Tunnel (Exclude)' }).waitFor({ state: 'visible' });
      await editor().locator('tbody tr.row').nth(17).waitFor({ state: 'visible' });
      assert.equal(await editor().locator('tbody tr.row').count(), 18);
    });
    await wb.step('the tab is titled by profile and list', () => wb.page.locator('.tabs-container .tab', { hasText: 'Engineering — Split Tunnel (Exclude)' }).waitFor());
    await wb.screenshot('split-tunnel-editor');
  });

  it('refuses an invalid entry, then saves a valid one with Ctrl+S', async () => {
    await openEngineering();
    const f = editor();
    await wb.step('type an invalid address: the problem shows while typing', async () => {
      await f.getByRole('button', { name: 'Add entry' }).click();
      await f.locator('tr.editing input[data-field="value"]').fill('300.1.1.1');
      await f.locator('tr.editing li.problem.error', { hasText: '"300.1.1.1" is not an IP address, CIDR or domain.' }).waitFor();
      await wb.page.keyboard.press('Enter');
    });
    await wb.step('the row keeps its error and Save is refused', async () => {
      await f.locator('tr.row.has-error', { hasText: '300.1.1.1' }).waitFor();
      assert.equal(await f.locator('button[data-action="save"]').isDisabled(), true);
      await f.locator('.footer .status', { hasText: 'Fix the rows marked with an error to save (1 error)' }).waitFor();
      await wb.page.locator('.tabs-container .tab', { hasText: '● Engineering' }).waitFor();
    });
    await wb.screenshot('split-tunnel-invalid-entry');
    await wb.step('focus the bad row and press Delete', async () => {
      await f.locator('tr.row.has-error').focus();
      await wb.page.keyboard.press('Delete');
      await f.locator('tr.row.has-error').waitFor({ state: 'detached' });
    });
    await wb.step('add 203.0.113.0/24 with a description', () => addRow(['203.0.113.0/24', 'Partner lab']));
    await wb.step('a covered range shows a warning but does not block', async () => {
      await addRow(['10.44.0.0/16', 'inside 10/8']);
      await f.locator('tr.row.has-warning li.problem.warning', { hasText: 'Already covered by 10.0.0.0/8 (row 1).' }).waitFor();
    });
    await wb.screenshot('split-tunnel-warning');
    wb.sim!.clearRequests();
    await wb.step('Ctrl+S saves to Cloudflare', async () => {
      await wb.listEditor.saveWithKeyboard('203.0.113.0/24');
      await wb.waitUntil(() => (engineering().exclude ?? []).some(e => e.address === '203.0.113.0/24'), 'the entry in the simulator');
    });
    const put = wb.sim!.requests.find(r => r.method === 'PUT')!;
    assert.ok(put.path.endsWith(`/devices/policy/${engineering().policy_id}/exclude`), put.path);
    assert.deepEqual((put.body as SplitTunnelEntry[]).slice(-2), [{ address: '203.0.113.0/24', description: 'Partner lab' }, { address: '10.44.0.0/16', description: 'inside 10/8' }]);
    await wb.step('the title loses its unsaved mark', () => wb.page.locator('.tabs-container .tab', { hasText: /^Engineering — Split Tunnel \(Exclude\)/ }).waitFor());
    await f.locator('.notice.info', { hasText: 'Saved 20 entries to Cloudflare.' }).waitFor();
    await wb.step('the Profiles view shows the new count', async () => {
      await wb.focusView('Profiles');
      await wb.expand(wb.treeItem('Profiles', /^Engineering/));
      await wb.tree('Profiles').locator('[role="treeitem"]', { hasText: 'Split Tunnel — Exclude (20)' }).waitFor();
    });
  });

  it('merges a change made on Cloudflare meanwhile: the merged rows are shown, marked, and sent only on Save', async () => {
    await openEngineering();
    const f = editor();
    const before = engineering().exclude ?? [];
    const deleted = before[1];
    // Another admin deletes an entry and adds one while this editor has unsaved rows.
    engineering().exclude = [...before.filter(e => e !== deleted), { host: 'added-elsewhere.example.com', description: 'by a colleague' }];
    await wb.step('add a local entry', () => addRow(['*.build.example.com', 'CI']));
    wb.sim!.clearRequests();
    await wb.step('save: the conflict choice appears, Review Differences first', async () => {
      await wb.listEditor.waitForSavable();
      await f.getByRole('button', { name: /Save/ }).click();
      const box = wb.page.locator('.monaco-dialog-box', { hasText: 'changed on Cloudflare since you opened it (1 added, 1 removed, 0 changed)' });
      await box.waitFor();
      const buttons = (await box.locator('.monaco-button').allTextContents()).map(b => b.trim()).filter(Boolean);
      assert.deepEqual([...buttons].sort(), ['Cancel', 'Merge…', 'Overwrite', 'Reload Theirs', 'Review Differences']);
      // The one primary button (Enter picks it; the workbench lays buttons out per platform) changes nothing.
      assert.deepEqual((await box.locator('.monaco-button:not(.secondary)').allTextContents()).map(b => b.trim()), ['Review Differences']);
    });
    await wb.screenshot('split-tunnel-conflict');
    await wb.step('choose Merge…', () => wb.page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Merge…' }).click());
    await wb.step('the merged list is shown: their entry marked, their deletion applied, mine kept', async () => {
      await f.locator('tr.row.merged.theirsAdded', { hasText: 'added-elsewhere.example.com' }).waitFor();
      await f.locator('tr.row', { hasText: '*.build.example.com' }).waitFor();
      const deletedValue = (deleted as { address?: string; host?: string }).address ?? (deleted as { host?: string }).host!;
      const values = (await f.locator('tr.row .value').allTextContents()).map(v => v.trim());
      assert.ok(values.includes('added-elsewhere.example.com') && !values.includes(deletedValue), 'the entry they deleted is not back');
      await f.locator('.notice.info', { hasText: 'Nothing is sent yet' }).waitFor();
      await wb.page.locator('.tabs-container .tab', { hasText: '● Engineering' }).waitFor();
    });
    await f.locator('tr.row.merged').first().scrollIntoViewIfNeeded();
    await wb.screenshot('split-tunnel-merged');
    assert.deepEqual(wb.sim!.requests.filter(r => r.method !== 'GET').map(r => r.method), [], 'nothing sent before Save');
    await wb.step('Save sends the merged list', async () => {
      await f.getByRole('button', { name: /Save/ }).click();
      await wb.waitUntil(() => (engineering().exclude ?? []).some(e => e.host === '*.build.example.com'), 'the merged list in the simulator');
    });
    const hosts = (engineering().exclude ?? []).map(e => e.host).filter(Boolean);
    assert.deepEqual(hosts.slice(-2), ['*.build.example.com', 'added-elsewhere.example.com']);
    assert.ok(!(engineering().exclude ?? []).some(e => e.address === deleted.address && e.host === deleted.host), 'not resurrected on Cloudflare');
    await f.locator('tr.row.merged').first().waitFor({ state: 'detached' });
    await wb.step('the Profiles view shows the new count', async () => {
      await wb.focusView('Profiles');
      await wb.expand(wb.treeItem('Profiles', /^Engineering/));
      // 18 loaded, one deleted on Cloudflare, one added there and one here.
      await wb.tree('Profiles').locator('[role="treeitem"]', { hasText: 'Split Tunnel — Exclude (19)' }).waitFor();
    });
  });

  it('pastes entries in bulk (one per line or CSV), and Revert drops them', async () => {
    await openEngineering();
    const f = editor();
    await wb.step('open the paste dialog', async () => {
      await f.getByRole('button', { name: 'Paste…' }).click();
      await f.locator('dialog.paste-dialog textarea').fill('192.0.2.0/24,Docs range\n*.paste.example.com\nnot a domain!,bad');
    });
    await wb.screenshot('split-tunnel-paste');
    await wb.step('add them: three rows, one with an error', async () => {
      await f.getByRole('button', { name: 'Add entries' }).click();
      await f.locator('tr.row', { hasText: '*.paste.example.com' }).waitFor();
      await f.locator('tr.row.has-error', { hasText: 'not a domain!' }).waitFor();
      await f.locator('.counts', { hasText: '21 entries' }).waitFor();
    });
    await wb.step('Revert goes back to the saved list', async () => {
      await f.getByRole('button', { name: 'Revert' }).click();
      await f.locator('.counts', { hasText: /^18 entries/ }).waitFor();
      await wb.page.locator('.tabs-container .tab', { hasText: /^Engineering — Split Tunnel \(Exclude\)/ }).waitFor();
    });
  });

  it('edits Local Domain Fallback from the palette; unsaved rows survive a window reload', async () => {
    await wb.step('run Edit Local Domain Fallback and pick Engineering', async () => {
      await wb.runCommand('WARP Fleet: Edit Local Domain Fallback');
      await wb.pick(/^Engineering/);
    });
    const f = editor();
    await wb.step('the fallback editor shows 15 suffixes', async () => {
      await f.locator('h1.title', { hasText: 'Engineering — Local Domain Fallback' }).waitFor();
      await f.locator('tbody tr.row').nth(14).waitFor();
    });
    await wb.step('add a suffix with two DNS servers, and one with a bad server', async () => {
      await addRow(['lab.acme.com', '10.9.0.53, 10.9.1.53', 'Lab resolvers']);
      await addRow(['printers.acme.com', 'printserver.acme.com', '']);
      await f.locator('li.problem.error', { hasText: 'DNS server "printserver.acme.com" is not an IP address.' }).waitFor();
    });
    await wb.step('a half-typed row survives hiding the panel (getState/setState)', async () => {
      const stored = await wb.listEditor.recordStoredStates();
      await f.getByRole('button', { name: 'Add entry' }).click();
      await f.locator('tr.editing input[data-field="value"]').fill('half-typed.acme.com');
      await stored('half-typed.acme.com'); // the webview stores its state a moment after the typing stops
      await wb.runCommand('File: New Untitled Text File');
      await wb.page.locator('.tabs-container .tab', { hasText: 'Untitled-1' }).waitFor();
      await wb.page.locator('.tabs-container .tab', { hasText: 'Engineering — Local Domain Fallback' }).click();
      const input = editor().locator('tr.editing input[data-field="value"]');
      await input.waitFor();
      assert.equal(await input.inputValue(), 'half-typed.acme.com');
      await input.focus();
      await wb.page.keyboard.press('Escape');
      await f.locator('tr.editing').waitFor({ state: 'detached' });
    });
    await wb.step('search narrows the list', async () => {
      await f.getByRole('searchbox', { name: 'Search' }).fill('acme');
      await f.locator('.counts', { hasText: '3 of 17 shown' }).waitFor();
    });
    await wb.screenshot('fallback-editor');
    await wb.step('reload the window', () => wb.reload());
    await wb.step('the editor comes back with the unsaved rows', async () => {
      await editor().locator('h1.title', { hasText: 'Engineering — Local Domain Fallback' }).waitFor({ timeout: 60000 });
      await editor().locator('tr.row', { hasText: 'lab.acme.com' }).waitFor();
      await editor().locator('tr.row.has-error', { hasText: 'printers.acme.com' }).waitFor();
      await wb.page.locator('.tabs-container .tab', { hasText: '● Engineering — Local Domain Fallback' }).waitFor();
    });
    await wb.screenshot('fallback-editor-restored');
    await wb.step('fix the bad row in place (Enter edits) and save', async () => {
      const g = editor();
      await g.getByRole('searchbox', { name: 'Search' }).fill('');
      await g.locator('tr.row.has-error').focus();
      await wb.page.keyboard.press('Enter');
      await g.locator('tr.editing input[data-field="dns"]').fill('10.9.0.99');
      await wb.page.keyboard.press('Enter');
      await g.locator('tr.row.has-error').waitFor({ state: 'detached' });
      await wb.listEditor.waitForSavable();
      await g.getByRole('button', { name: /Save/ }).click();
    });
    await wb.waitUntil(() => (engineering().fallback_domains ?? []).some(e => e.suffix === 'printers.acme.com'), 'saved fallback list');
    const saved = (engineering().fallback_domains ?? []).slice(-2) as FallbackDomain[];
    assert.deepEqual(saved, [
      { suffix: 'lab.acme.com', description: 'Lab resolvers', dns_server: ['10.9.0.53', '10.9.1.53'] },
      { suffix: 'printers.acme.com', dns_server: ['10.9.0.99'] },
    ]);
  });

  it('opens a 10,000-entry list: only the rows in view are drawn; it scrolls, edits and warns past Cloudflare\'s limit', async () => {
    const big: SplitTunnelEntry[] = Array.from({ length: 10_000 }, (_, i) =>
      i % 2 ? { address: `10.${i % 256}.${Math.floor(i / 256)}.0/24`, description: `subnet ${i}` } : { host: `h${i}.corp.example.com` });
    wb.sim!.state.defaultProfile.exclude = big;
    const started = Date.now();
    await wb.step('run Edit Split Tunnel and pick Default', async () => {
      await wb.runCommand('WARP Fleet: Edit Split Tunnel');
      await wb.pick(/^Default/);
    });
    const picked = Date.now();
    const f = editor();
    await wb.step('10,000 rows counted and validated; only a window of them in the DOM', async () => {
      await f.locator('.counts', { hasText: /^10,000 entries/ }).waitFor({ timeout: 60000 });
      await f.locator('tr.row', { hasText: 'h0.corp.example.com' }).waitFor();
    });
    const shown = Date.now();
    const drawn = await f.locator('tbody tr.row').count();
    assert.ok(drawn < 200, `${drawn} rows in the DOM`);
    await f.locator('.limit-note', { hasText: 'Cloudflare allows 1,000 Split Tunnel and Local Domain Fallback entries combined per device profile' }).waitFor();
    await wb.step('scroll to the end: the last rows are drawn', async () => {
      // Row heights are estimated until drawn: scroll to the end until the end is reached.
      const last = f.locator('tr.row', { hasText: '10.15.39.0/24' });
      for (let i = 0; i < 10; i++) {
        await f.locator('.table-wrap').evaluate(el => { el.scrollTop = el.scrollHeight; });
        if (await last.waitFor({ timeout: 1000 }).then(() => true, () => false)) break;
      }
      await last.waitFor();
    });
    await wb.screenshot('split-tunnel-10000-entries');
    const t0 = Date.now();
    await wb.step('delete the last row with the keyboard', async () => {
      await f.locator('tr.row', { hasText: '10.15.39.0/24' }).focus();
      await wb.page.keyboard.press('Delete');
      await f.locator('.counts', { hasText: /^9,999 entries/ }).waitFor();
    });
    const edited = Date.now() - t0;
    console.log(`      10,000-entry list in the webview: pick → counted and drawn in ${shown - picked} ms (${shown - started} ms from the palette); ${drawn} rows in the DOM; a delete shown in ${edited} ms`);
    await wb.step('revert', () => f.getByRole('button', { name: 'Revert' }).click());
  });
});
