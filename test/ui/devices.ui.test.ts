// The Devices view as a person uses it in a real VS Code: revoke from the context menu with the modal
// confirmation, multi-select and revoke, unrevoke, filter, group. Screenshots: test-results/screenshots/devices-*.png
import * as assert from 'assert';
import type { Locator } from 'playwright-core';
import { Workbench } from './workbench';

describe('Devices view (UI)', function () {
  let wb: Workbench;
  let revokedNames: string[] = [];

  before(async function () {
    this.timeout(120000);
    wb = await Workbench.start({ name: 'devices', simulator: { devices: 3000, profiles: 2, tunnels: 1, seed: 1 } });
    await wb.step('open the container', () => wb.openContainer('WARP Fleet'));
    await wb.step('expand Devices', () => wb.expandView('Devices'));
    // Room for the devices: collapse the other two views.
    for (const name of ['Profiles', 'Connectors']) {
      const header = wb.viewHeader(name);
      if ((await header.count()) && (await header.getAttribute('aria-expanded')) === 'true') await header.click();
    }
    await wb.step('widen the side bar so descriptions fit', async () => {
      const box = (await wb.page.locator('.part.sidebar').boundingBox())!;
      const y = box.y + box.height / 2;
      await wb.page.mouse.move(box.x + box.width + 1, y);
      await wb.page.mouse.down();
      await wb.page.mouse.move(box.x + box.width + 300, y, { steps: 10 });
      await wb.page.mouse.up();
    });
    await wb.step('the Devices view shows the OS groups', () => wb.treeItem('Devices', /^Windows/).waitFor({ state: 'visible', timeout: 60000 }));
  });

  after(async () => {
    await wb?.close();
  });

  const tree = () => wb.tree('Devices');
  const deviceRows = () => tree().locator('[role="treeitem"][aria-level="2"]');
  const sim = () => wb.sim!;
  /** The device name is the row's label; the accessible name starts with it. */
  const rowName = async (row: Locator) => (await row.locator('.label-name').first().innerText()).trim();
  const simDevice = (name: string) => sim().state.devices.find(d => d.name === name)!;

  /**
   * Right-click → menu entry. A plain click on the entry left the menu open here (VS Code's menu did
   * not take it), so the entry is focused by hovering and chosen with Enter, as a keyboard user would.
   */
  async function menuAction(row: Locator, text: string): Promise<void> {
    await row.click({ button: 'right' });
    const entry = wb.page.locator('.context-view .monaco-menu a.action-menu-item', { hasText: text }).first();
    await entry.waitFor({ state: 'visible' });
    await entry.hover();
    await wb.page.waitForTimeout(150);
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.context-view .monaco-menu').waitFor({ state: 'hidden' });
  }

  async function confirmModal(button: string, text: RegExp): Promise<string> {
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible' });
    const message = (await dialog.innerText()).replace(/\s+/g, ' ');
    assert.match(message, text);
    await dialog.locator('.monaco-button', { hasText: new RegExp(`^${button}$`) }).first().click();
    await dialog.waitFor({ state: 'hidden' });
    return message;
  }

  it('revokes a device from its context menu after the modal confirmation', async () => {
    const windows = wb.treeItem('Devices', /^Windows/);
    await wb.step('expand Windows', () => wb.expand(windows));
    const row = deviceRows().first();
    await row.waitFor({ state: 'visible' });
    await wb.screenshot('grouped-by-os');
    const name = await rowName(row);
    assert.ok(!simDevice(name).revoked_at, `${name} starts active`);
    await wb.step('right-click → Revoke Devices…', () => menuAction(row, 'Revoke Devices…'));
    await wb.step('confirm in the modal dialog', () => confirmModal('Revoke', new RegExp(`Revoke ${name}\\?.*${name} will lose access until unrevoked`)));
    await wb.step('the row says revoked', () => wb.treeItem('Devices', new RegExp(`^${name}, .*revoked`)).waitFor({ state: 'visible' }));
    assert.ok(simDevice(name).revoked_at, 'the simulator holds the revocation');
    const posts = sim().requests.filter(r => r.method === 'POST' && r.path.endsWith('/devices/revoke'));
    assert.deepEqual(posts.map(p => p.body), [[simDevice(name).id]]);
    await wb.screenshot('revoked-one');
  });

  it('revokes three devices selected with Ctrl-click', async () => {
    const rows = deviceRows();
    const names: string[] = [];
    // Rows 2-4 (the first was revoked above), all active in this fleet's first rows or skipped.
    for (let i = 1; names.length < 3 && i < 30; i++) {
      const n = await rowName(rows.nth(i));
      if (!simDevice(n).revoked_at) names.push(n);
    }
    const byName = (n: string) => wb.treeItem('Devices', new RegExp(`^${n}, `));
    await wb.step('select three', async () => {
      await byName(names[0]).click();
      await byName(names[1]).click({ modifiers: ['Control'] });
      await byName(names[2]).click({ modifiers: ['Control'] });
    });
    await wb.step('right-click → Revoke Devices…', () => menuAction(byName(names[2]), 'Revoke Devices…'));
    const message = await wb.step('confirm', () => confirmModal('Revoke', /Revoke 3 devices\?/));
    for (const n of names) assert.ok(message.includes(n), `${n} named in "${message}"`);
    for (const n of names) await wb.step(`${n} shows revoked`, () => wb.treeItem('Devices', new RegExp(`^${n}, .*revoked`)).waitFor({ state: 'visible' }));
    assert.ok(names.every(n => simDevice(n).revoked_at));
    await wb.screenshot('revoked-three');
    revokedNames = names;
  });

  it('unrevokes one of them', async () => {
    const name = revokedNames[0];
    const row = wb.treeItem('Devices', new RegExp(`^${name}, `));
    // A plain click first: right-clicking a row of a multi-selection acts on the whole selection.
    await row.click();
    const entries = await wb.contextMenuEntries(row);
    assert.ok(entries.some(e => /^Unrevoke Devices…/.test(e)) && !entries.some(e => /^Revoke Devices…/.test(e)), entries.join(' | '));
    await wb.step('right-click → Unrevoke Devices…', () => menuAction(row, 'Unrevoke Devices…'));
    await wb.step('confirm', () => confirmModal('Unrevoke', new RegExp(`Unrevoke ${name}\\?`)));
    await wb.step('the row is active again', async () => {
      await wb.page.waitForFunction(
        n => [...document.querySelectorAll('[role="treeitem"]')].some(e => (e.getAttribute('aria-label') ?? '').startsWith(`${n}, `) && !/revoked/.test(e.getAttribute('aria-label') ?? '')),
        name,
      );
    });
    assert.ok(!simDevice(name).revoked_at);
  });

  it('shows a device\'s details as a Markdown preview', async () => {
    const row = deviceRows().nth(5);
    const name = await rowName(row);
    await row.click();
    await wb.step('right-click → Show Device Details', () => menuAction(row, 'Show Device Details'));
    const tab = wb.page.locator('.tabs-container .tab', { hasText: `Preview ${name}.md` });
    await wb.step('a preview tab opens', () => tab.waitFor({ state: 'visible' }));
    const preview = wb.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
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
      for (let i = 0; i < 40 && fetched() === before; i++) await wb.page.waitForTimeout(250);
      assert.equal(fetched(), before + 1);
    });
    await wb.screenshot('details-preview');
    // Close the tab with its button (keys pressed inside the preview's iframe stay there), then give the
    // focus back to the tree.
    await tab.hover();
    await tab.locator('.tab-actions .action-label').first().click();
    await tab.waitFor({ state: 'hidden' });
    await deviceRows().first().click();
  });

  it('filters the tree and shows only matches, with the count in the view description', async () => {
    await wb.step('run Filter Devices…', () => wb.runCommand('WARP Fleet: Filter Devices…'));
    await wb.step('type lon', async () => {
      await wb.quickInput().fill('lon');
      await wb.page.keyboard.press('Enter');
    });
    const expected = sim().state.devices.filter(d => [d.name, d.user?.name, d.user?.email, d.serial_number, d.ip, d.model].some(v => v?.toLowerCase().includes('lon')));
    const description = wb.page.locator('.part.sidebar .pane-header', { hasText: /Devices/i }).locator('.description');
    await wb.step('the description shows the count', () => description.filter({ hasText: `${expected.length.toLocaleString('en-US')} · filter: lon` }).waitFor({ state: 'visible' }));
    await wb.step('expand the first group', () => wb.expand(tree().locator('[role="treeitem"][aria-level="1"]').first()));
    const expectedNames = new Set(expected.map(d => d.name));
    // The description changes before the tree re-renders: wait until the rows are the filtered ones.
    let shown: string[] = [];
    for (let tries = 0; tries < 40; tries++) {
      shown = await Promise.all((await deviceRows().all()).map(rowName));
      if (shown.length && shown.every(n => expectedNames.has(n))) break;
      await wb.page.waitForTimeout(250);
    }
    assert.ok(shown.length > 0, 'rows shown');
    for (const n of shown) assert.ok(expectedNames.has(n), `${n} does not match "lon"`);
    await wb.screenshot('filtered-lon');
    await wb.step('clear the filter from the title bar', async () => {
      await wb.viewHeader('Devices').hover(); // title actions show on hover
      await wb.page.locator('.part.sidebar .pane-header .action-label[aria-label*="Clear Device Filter"]').first().click();
    });
    await wb.step('all devices again', () => description.filter({ hasText: '3,000 devices' }).waitFor({ state: 'visible' }));
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
