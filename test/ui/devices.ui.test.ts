// The Devices view as a person uses it in a real VS Code: revoke from the context menu with the modal
// confirmation, multi-select and revoke, unrevoke, filter, group. Screenshots: test-results/screenshots/devices-*.png
import * as assert from 'assert';
import type { Locator } from 'playwright-core';
import { Workbench } from './workbench';

describe('Devices view (UI)', function () {
  let wb: Workbench;

  before(async function () {
    this.timeout(300000); // start-up: see STARTUP_MS in workbench.ts
    wb = await Workbench.start({ name: 'devices', simulator: { devices: 3000, profiles: 2, tunnels: 1, seed: 1 } });
    await wb.showDevices();
  });

  after(async () => {
    await wb?.close();
  });

  // Every test starts from the generated fleet, grouped by OS, unfiltered, collapsed, no editor open.
  beforeEach(async function () {
    this.timeout(90000);
    await wb.step('reset the workbench', async () => {
      await wb.reset();
      await wb.focusView('Devices');
      if ((await description().innerText()).includes('filter:')) await wb.runCommand('WARP Fleet: Clear Device Filter');
      await description().filter({ hasText: /^3,000 devices$/ }).waitFor({ state: 'visible' });
      if (!(await wb.treeItem('Devices', /^Windows/).isVisible())) {
        await wb.runCommand('WARP Fleet: Group Devices By…');
        await wb.pick(/^Operating system/);
      }
      await wb.waitForRows('Devices', r => r.some(x => x.startsWith('1|Windows')) && !r.some(x => x.startsWith('2|')), 'the OS groups, collapsed');
    });
  });

  const tree = () => wb.tree('Devices');
  const description = () => wb.viewHeader('Devices').locator('.description');
  const deviceRows = () => tree().locator('[role="treeitem"][aria-level="2"]');
  const sim = () => wb.sim!;
  /** The device name is the row's label; the accessible name starts with it. */
  const rowName = async (row: Locator) => (await row.locator('.label-name').first().innerText()).trim();
  const simDevice = (name: string) => sim().state.devices.find(d => d.name === name)!;
  const byName = (n: string) => wb.treeItem('Devices', new RegExp(`^${n}, `));

  async function expandWindows(): Promise<void> {
    await wb.step('expand Windows', () => wb.expand(wb.treeItem('Devices', /^Windows/)));
    await deviceRows().first().waitFor({ state: 'visible' });
  }

  it('revokes a device from its context menu after the modal confirmation', async () => {
    await expandWindows();
    const row = deviceRows().first();
    await wb.screenshot('grouped-by-os');
    const name = await rowName(row);
    assert.ok(!simDevice(name).revoked_at, `${name} starts active`);
    await wb.step('right-click → Revoke Devices…', () => wb.contextMenu(row, 'Revoke Devices…'));
    await wb.step('confirm in the modal dialog', () => wb.confirmDialog('Revoke', new RegExp(`Revoke ${name}\\?.*${name} will lose access until unrevoked`)));
    await wb.step('the row says revoked', () => wb.treeItem('Devices', new RegExp(`^${name}, .*revoked`)).waitFor({ state: 'visible' }));
    assert.ok(simDevice(name).revoked_at, 'the simulator holds the revocation');
    const posts = sim().requests.filter(r => r.method === 'POST' && r.path.endsWith('/devices/revoke'));
    assert.deepEqual(posts.map(p => p.body), [[simDevice(name).id]]);
    await wb.screenshot('revoked-one');
  });

  it('revokes three devices selected with Ctrl-click', async () => {
    await expandWindows();
    const rows = deviceRows();
    const names: string[] = [];
    // The first three active devices of the group.
    for (let i = 0; names.length < 3 && i < 30; i++) {
      const n = await rowName(rows.nth(i));
      if (!simDevice(n).revoked_at) names.push(n);
    }
    await wb.step('select three', async () => {
      await byName(names[0]).click();
      await byName(names[1]).click({ modifiers: ['Control'] });
      await byName(names[2]).click({ modifiers: ['Control'] });
    });
    await wb.step('right-click → Revoke Devices…', () => wb.contextMenu(byName(names[2]), 'Revoke Devices…'));
    const message = await wb.step('confirm', () => wb.confirmDialog('Revoke', /Revoke 3 devices\?/));
    for (const n of names) assert.ok(message.includes(n), `${n} named in "${message}"`);
    for (const n of names) await wb.step(`${n} shows revoked`, () => wb.treeItem('Devices', new RegExp(`^${n}, .*revoked`)).waitFor({ state: 'visible' }));
    assert.ok(names.every(n => simDevice(n).revoked_at));
    await wb.screenshot('revoked-three');
  });

  it("shows every field of a device in its tooltip when the pointer rests on it", async () => {
    // The tooltip is made on hover (resolveTreeItem), not for every row drawn (#17).
    await expandWindows();
    const row = deviceRows().first();
    const name = await rowName(row);
    const d = simDevice(name);
    await wb.step('hover the device', () => row.locator('.label-name').hover());
    const hover = wb.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Serial number' }).first();
    await wb.step('the tooltip opens', () => hover.waitFor({ state: 'visible' }));
    const text = await hover.innerText();
    for (const v of [name, d.serial_number, d.model, d.ip, d.id]) assert.ok(v && text.includes(v), `${v} missing in ${text}`);
    await wb.screenshot('tooltip');
    await wb.page.mouse.move(0, 0);
    await wb.step('the tooltip closes', () => hover.waitFor({ state: 'hidden' }));
  });

  it('unrevokes a revoked device', async () => {
    await expandWindows();
    const name = await rowName(deviceRows().nth(2));
    await wb.step('the device is revoked on Cloudflare (by someone else); refresh', async () => {
      simDevice(name).revoked_at = new Date().toISOString();
      await wb.refreshViews();
    });
    const row = wb.treeItem('Devices', new RegExp(`^${name}, `));
    await wb.step('the row says revoked', () => wb.treeItem('Devices', new RegExp(`^${name}, .*revoked`)).waitFor({ state: 'visible' }));
    await row.click();
    const entries = await wb.contextMenuEntries(row);
    assert.ok(entries.some(e => /^Unrevoke Devices…/.test(e)) && !entries.some(e => /^Revoke Devices…/.test(e)), entries.join(' | '));
    await wb.step('right-click → Unrevoke Devices…', () => wb.contextMenu(row, 'Unrevoke Devices…'));
    await wb.step('confirm', () => wb.confirmDialog('Unrevoke', new RegExp(`Unrevoke ${name}\\?`)));
    await wb.step('the row is active again', async () => {
      await wb.page.waitForFunction(
        n => [...document.querySelectorAll('[role="treeitem"]')].some(e => (e.getAttribute('aria-label') ?? '').startsWith(`${n}, `) && !/revoked/.test(e.getAttribute('aria-label') ?? '')),
        name,
      );
    });
    assert.ok(!simDevice(name).revoked_at);
  });

  it('shows a device\'s details as a Markdown preview', async () => {
    await expandWindows();
    const row = deviceRows().nth(5);
    const name = await rowName(row);
    await row.click();
    await wb.step('right-click → Show Device Details', () => wb.contextMenu(row, 'Show Device Details'));
    const tab = wb.page.locator('.tabs-container .tab', { hasText: `Preview ${name}.md` });
    await wb.step('a preview tab opens', () => tab.waitFor({ state: 'visible' }));
    const preview = wb.webview();
    await wb.step('it shows the tables', () => preview.locator('h1', { hasText: name }).waitFor({ state: 'visible' }));
    const text = await preview.locator('body').innerText();
    const d = simDevice(name);
    for (const v of ['Connection', 'Gateway device ID', d.gateway_device_id, 'Tunnel type', d.tunnel_type, 'Account ID', sim().accountId]) {
      assert.ok(text.includes(v), `preview lacks ${v}`);
    }
    const refresh = wb.page.locator('.editor-actions .action-label[aria-label*="Refresh Device Details"]');
    await wb.step('the preview has Refresh in its title bar', () => refresh.first().waitFor({ state: 'visible' }));
    const fetched = () => sim().requests.filter(r => r.method === 'GET' && r.path === `/accounts/${sim().accountId}/devices/${d.id}`).length;
    const before = fetched();
    await refresh.first().click();
    await wb.step('Refresh fetches the device again', async () => {
      await wb.waitUntil(() => fetched() > before, 'the device fetched again');
      assert.equal(fetched(), before + 1);
    });
    await wb.screenshot('details-preview');
  });

  it('filters the tree and shows only matches, with the count in the view description', async () => {
    await wb.step('run Filter Devices…', () => wb.runCommand('WARP Fleet: Filter Devices…'));
    await wb.step('type lon', async () => {
      await wb.quickInput().fill('lon');
      await wb.page.keyboard.press('Enter');
    });
    const expected = sim().state.devices.filter(d => [d.name, d.user?.name, d.user?.email, d.serial_number, d.ip, d.model].some(v => v?.toLowerCase().includes('lon')));
    await wb.step('the description shows the count', () => description().filter({ hasText: `${expected.length.toLocaleString('en-US')} · filter: lon` }).waitFor({ state: 'visible' }));
    await wb.step('expand the first group', () => wb.expand(tree().locator('[role="treeitem"][aria-level="1"]').first()));
    const expectedNames = new Set(expected.map(d => d.name));
    // The description changes before the tree re-renders: wait until the rows are the filtered ones.
    let shown: string[] = [];
    await wb.step('the rows are the matches', () =>
      wb.waitUntil(async () => {
        shown = await deviceRows().evaluateAll(rs => rs.map(r => (r.querySelector('.label-name')?.textContent ?? '').trim()));
        return shown.length > 0 && shown.every(n => expectedNames.has(n));
      }, 'only devices matching "lon"'),
    );
    assert.ok(shown.length > 0, 'rows shown');
    for (const n of shown) assert.ok(expectedNames.has(n), `${n} does not match "lon"`);
    await wb.screenshot('filtered-lon');
    await wb.step('clear the filter from the title bar', async () => {
      await wb.viewHeader('Devices').hover(); // title actions show on hover
      await wb.page.locator('.part.sidebar .pane-header .action-label[aria-label*="Clear Device Filter"]').first().click();
    });
    await wb.step('all devices again', () => description().filter({ hasText: '3,000 devices' }).waitFor({ state: 'visible' }));
  });

  it('groups by status', async () => {
    await wb.step('run Group Devices By…', () => wb.runCommand('WARP Fleet: Group Devices By…'));
    await wb.step('pick Status', () => wb.pick(/^Status/));
    await wb.step('groups Active and Revoked', async () => {
      await wb.treeItem('Devices', /^Active/).waitFor({ state: 'visible' });
      await wb.treeItem('Devices', /^Revoked/).waitFor({ state: 'visible' });
    });
    await wb.step('expand Revoked', () => wb.expand(wb.treeItem('Devices', /^Revoked/)));
    await deviceRows().first().waitFor({ state: 'visible' });
    await wb.screenshot('grouped-by-status');
  });
});
