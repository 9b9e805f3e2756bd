// The main flows by keyboard alone in a real VS Code (issue 16, accessibility): open the views from the
// command palette, move in the trees with the arrow keys, context menus with Shift+F10, the modal
// confirmation with Tab/Enter, the list editor with Tab/Enter/Ctrl+S. No step clicks: locators only
// wait and assert. Screenshots: test-results/screenshots/keyboard-*.png
import * as assert from 'assert';
import type { Locator } from 'playwright-core';
import type { SettingsPolicy } from '../../src/api/types';
import { pollUntil } from './util';
import { Workbench } from './workbench';

describe('Keyboard', function () {
  let wb: Workbench;
  const key = (k: string) => wb.page.keyboard.press(k);
  const engineering = (): SettingsPolicy => wb.sim!.state.customProfiles.find(p => p.name === 'Engineering')!;

  before(async function () {
    this.timeout(300000); // start-up: see STARTUP_MS in workbench.ts
    wb = await Workbench.start({ name: 'keyboard', simulator: { devices: 40, profiles: 4, tunnels: 1, seed: 1 } });
    // The extension activates once start-up has finished (not when a view is first shown: a view focused
    // before its tree is registered loses the keyboard focus). Its account entry says it is active.
    await wb.page.locator('.part.statusbar .statusbar-item .codicon-cloud').first().waitFor({ state: 'visible', timeout: 60000 });
  });

  after(async () => {
    await wb?.close();
  });

  beforeEach(async function () {
    this.timeout(60000);
    await wb.step('reset the workbench', () => wb.reset());
  });

  /** The row a screen reader announces: the one the tree's aria-activedescendant names (class "focused"). */
  const focusedRow = (view: string): Locator => wb.tree(view).locator('.monaco-list-row.focused');

  /** The focused row's accessible name ('' when none), read in one go with its level and expansion. */
  async function focused(view: string): Promise<{ label: string; level: string; expanded: string | null; active: boolean }> {
    return wb.tree(view).evaluate(tree => {
      const row = tree.querySelector('.monaco-list-row.focused');
      const active = tree.getAttribute('aria-activedescendant');
      return {
        label: row?.getAttribute('aria-label') ?? '',
        level: row?.getAttribute('aria-level') ?? '',
        expanded: row?.getAttribute('aria-expanded') ?? null,
        // the focused row is the one announced, and the tree holds the DOM focus
        active: !!row && row.id === active && tree.contains(document.activeElement),
      };
    });
  }

  /** Presses `k` (at most `max` times) until `done` holds, waiting after each press for the state to change. */
  async function pressUntil(k: string, done: () => Promise<boolean>, probe: () => Promise<string>, what: string, max = 40): Promise<void> {
    for (let i = 0; !(await done()); i++) {
      if (i >= max) throw new Error(`${what}: not reached after ${max} presses of ${k} (now: ${await probe()})`);
      const before = await probe();
      await key(k);
      await pollUntil(async () => (await probe()) !== before || (await done()), `${k} to move on from "${before}"`);
    }
  }

  /** Focuses a WARP Fleet view by its palette command ("WARP Fleet: Focus on <view> View"), typed and Enter. */
  async function focusViewByPalette(view: string): Promise<void> {
    await key('F1');
    await wb.quickInput().waitFor({ state: 'visible' });
    const title = `Focus on ${view} View`;
    await wb.page.keyboard.type(`WARP Fleet: ${title}`); // F1 starts the input with ">"
    // Enter runs the highlighted entry: wait until it is this command (the list filters as one types).
    await wb.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).waitFor({ state: 'visible' });
    await key('Enter');
    await wb.quickInput().waitFor({ state: 'hidden' });
    await pollUntil(() => wb.tree(view).evaluate(t => t.contains(document.activeElement)), `the ${view} tree to hold the keyboard focus`);
  }

  /** The Devices tree focused, on the first device row of the first group (expanded with ArrowRight). */
  async function focusFirstDevice(): Promise<string> {
    await wb.step('palette → Focus on Devices View', () => focusViewByPalette('Devices'));
    await wb.step('the rows are loaded', () => wb.tree('Devices').locator('[role="treeitem"]').first().waitFor({ state: 'visible', timeout: 60000 }));
    const probe = async () => JSON.stringify(await focused('Devices'));
    await wb.step('arrow onto the first group', () => pressUntil('Home', async () => (await focused('Devices')).level === '1', probe, 'a group row', 2));
    await wb.step('ArrowRight expands it', async () => {
      await key('ArrowRight');
      await pollUntil(async () => (await focused('Devices')).expanded === 'true', 'the group to expand');
      await wb.tree('Devices').locator('[role="treeitem"][aria-level="2"]').first().waitFor({ state: 'visible' });
    });
    await wb.step('ArrowDown moves onto its first device', () =>
      pressUntil('ArrowDown', async () => (await focused('Devices')).level === '2', probe, 'a device row', 3));
    const now = await focused('Devices');
    assert.ok(now.active, 'the device row is the tree\'s active descendant and the tree has the focus');
    return now.label.split(', ')[0];
  }

  /** Shift+F10 on the focused row, then ArrowDown to the entry `text` and Enter. */
  async function contextMenuByKeyboard(text: RegExp): Promise<void> {
    const menu = wb.page.locator('.context-view .monaco-menu');
    await key('Shift+F10');
    await menu.waitFor({ state: 'visible' });
    const focusedEntry = async () => (await menu.locator('li.action-item.focused .action-label').allInnerTexts()).join('').trim();
    await pressUntil('ArrowDown', async () => text.test(await focusedEntry()), focusedEntry, `the menu entry ${text}`, 30);
    await key('Enter');
    await menu.waitFor({ state: 'hidden' });
  }

  it('moves in the Devices tree with the arrow keys', async () => {
    const first = await focusFirstDevice();
    await wb.step('ArrowDown focuses the next device', async () => {
      await key('ArrowDown');
      await pollUntil(async () => (await focused('Devices')).label.split(', ')[0] !== first, 'the focus to move');
    });
    const second = await focused('Devices');
    assert.equal(second.level, '2', 'still a device row');
    assert.ok(second.active, 'the new row is the one announced');
    assert.ok(wb.sim!.state.devices.some(d => second.label.startsWith(`${d.name}, `)), `"${second.label}" names a device first`);
    await wb.step('ArrowUp comes back', async () => {
      await key('ArrowUp');
      await pollUntil(async () => (await focused('Devices')).label.split(', ')[0] === first, 'the focus to come back');
    });
    assert.equal(await focusedRow('Devices').count(), 1);
    await wb.screenshot('devices-focused-row');
  });

  it('shows a device\'s details from the context menu (Shift+F10)', async () => {
    const name = await focusFirstDevice();
    await wb.step('Shift+F10 → Show Device Details', () => contextMenuByKeyboard(/^Show Device Details/));
    await wb.step('the details preview opens', async () => {
      await wb.tab(`Preview ${name}.md`).waitFor({ state: 'visible' });
      await wb.webview().locator('h1', { hasText: name }).waitFor({ state: 'visible' });
    });
    await wb.screenshot('device-details');
  });

  it('revokes a device: context menu, then the modal\'s Revoke by Tab and Enter', async () => {
    const name = await focusFirstDevice();
    const device = () => wb.sim!.state.devices.find(d => d.name === name)!;
    assert.ok(!device().revoked_at, `${name} starts active`);
    await wb.step('Shift+F10 → Revoke Devices…', () => contextMenuByKeyboard(/^Revoke Devices…/));
    const dialog = wb.page.locator('.monaco-dialog-box');
    await wb.step('the modal asks, naming the device', async () => {
      await dialog.waitFor({ state: 'visible' });
      assert.match((await dialog.innerText()).replace(/\s+/g, ' '), new RegExp(`Revoke ${name}\\?`));
    });
    const focusedButton = () => dialog.evaluate(d => (d.contains(document.activeElement) && document.activeElement?.classList.contains('monaco-button') ? (document.activeElement as HTMLElement).innerText.trim() : ''));
    await wb.step('Tab to the Revoke button, Enter', async () => {
      await pressUntil('Tab', async () => (await focusedButton()) === 'Revoke', focusedButton, 'the Revoke button', 6);
      await key('Enter');
      await dialog.waitFor({ state: 'hidden' });
    });
    await wb.step('the simulator holds the revocation', () => wb.waitUntil(() => !!device().revoked_at, `${name} revoked`));
    await wb.step('the row says revoked', () => wb.treeItem('Devices', new RegExp(`^${name}, .*revoked`)).waitFor({ state: 'visible' }));
    await wb.screenshot('device-revoked');
  });

  it('edits a Split Tunnel list: Profiles tree, Enter, Tab to Add entry, type, Enter, Ctrl+S; the rows are one Tab stop', async () => {
    const value = '198.51.100.0/24';
    await wb.step('palette → Focus on Profiles View', () => focusViewByPalette('Profiles'));
    const profiles = () => focused('Profiles');
    const probe = async () => JSON.stringify(await profiles());
    await wb.step('the profiles are loaded', () => wb.treeItem('Profiles', /^Engineering/).waitFor({ state: 'visible', timeout: 60000 }));
    await wb.step('arrow to Engineering', async () => {
      await key('Home');
      await pressUntil('ArrowDown', async () => /^Engineering/.test((await profiles()).label), probe, 'Engineering', 10);
    });
    await wb.step('ArrowRight expands it', async () => {
      await key('ArrowRight');
      await pollUntil(async () => (await profiles()).expanded === 'true', 'Engineering to expand');
      // aria-expanded turns true before VS Code has the children from the extension host: arrowing on
      // before they are drawn would pass them by.
      await wb.treeItem('Profiles', /^Split Tunnel/).first().waitFor({ state: 'visible' });
    });
    await wb.step('arrow to its Split Tunnel list', () =>
      pressUntil('ArrowDown', async () => /^Split Tunnel/.test((await profiles()).label), probe, 'the Split Tunnel item', 10));
    assert.ok((await profiles()).active, 'the Split Tunnel item is announced');
    const f = wb.listEditor.frame;
    await wb.step('Enter opens the list editor', async () => {
      await key('Enter');
      await f.locator('h1.title', { hasText: 'Engineering — Split Tunnel (Exclude)' }).waitFor({ state: 'visible' });
      await f.locator('tbody tr.row').first().waitFor({ state: 'visible' });
    });
    const add = f.locator('button[data-action="add"]');
    const onAdd = () => add.evaluate(el => document.hasFocus() && document.activeElement === el).catch(() => false);
    const probeFocus = () => f.locator('body').evaluate(() => `${document.hasFocus()}:${document.activeElement?.outerHTML.slice(0, 80) ?? ''}`).catch(() => '');
    await wb.step('the editor holds the keyboard focus', () => pollUntil(async () => (await probeFocus()).startsWith('true'), 'the webview to take the focus'));
    await wb.step('Tab to Add entry, Enter', async () => {
      await pressUntil('Tab', onAdd, probeFocus, 'the Add entry button', 60);
      await key('Enter');
      await f.locator('tr.editing input[data-field="value"]').waitFor({ state: 'visible' });
      await pollUntil(() => f.locator('tr.editing input[data-field="value"]').evaluate(el => document.activeElement === el), 'the new row\'s value field to take the focus');
    });
    await wb.step('type the address, Tab, the description, Enter', async () => {
      await wb.page.keyboard.type(value);
      await key('Tab');
      await wb.page.keyboard.type('Typed by keyboard');
      await key('Enter');
      await f.locator('tr.editing').waitFor({ state: 'detached' });
      await wb.listEditor.row(value).waitFor({ state: 'visible' });
    });
    await wb.step('Ctrl+S saves to Cloudflare', async () => {
      await wb.listEditor.waitForSavable();
      await key('Control+s');
      await wb.listEditor.waitForSaved();
    });
    const saved = (engineering().exclude ?? []).find(e => e.address === value);
    assert.deepEqual(saved, { address: value, description: 'Typed by keyboard' }, 'the simulator holds the new entry');
    await wb.screenshot('split-tunnel-saved');
    // The rows are one Tab stop (a grid): Tab enters at one row and the next Tab leaves the table.
    const onRow = () => f.locator('body').evaluate(() => document.activeElement?.matches('tbody tr.row') ?? false).catch(() => false);
    const focusedRow = () => f.locator('body').evaluate(() => document.activeElement?.getAttribute('data-id') ?? '');
    const rowIds = () => f.locator('tbody tr.row').evaluateAll(rows => rows.map(r => r.getAttribute('data-id') ?? ''));
    assert.equal(await f.locator('tbody tr.row[tabindex="0"]').count(), 1, 'one row of the table takes Tab');
    await wb.step('Tab reaches the table at one row', () => pressUntil('Tab', onRow, probeFocus, 'a row of the table', 60));
    const entered = await focusedRow();
    await wb.step('one more Tab leaves the table', async () => {
      await key('Tab');
      await pollUntil(async () => !(await onRow()), 'the focus to leave the rows');
    });
    await wb.step('Shift+Tab comes back to the same row', async () => {
      await key('Shift+Tab');
      await pollUntil(async () => (await focusedRow()) === entered, 'the row Tab entered at');
    });
    await wb.step('End, Home and the arrows move between rows, and Tab follows', async () => {
      const ids = await rowIds();
      await key('End');
      await pollUntil(async () => (await focusedRow()) === ids[ids.length - 1], 'the last row');
      await key('Home');
      await pollUntil(async () => (await focusedRow()) === ids[0], 'the first row');
      await key('ArrowDown');
      await pollUntil(async () => (await focusedRow()) === ids[1], 'the second row');
      assert.deepEqual(await f.locator('tbody tr.row[tabindex="0"]').evaluateAll(rows => rows.map(r => r.getAttribute('data-id'))), [ids[1]]);
    });
  });
});
