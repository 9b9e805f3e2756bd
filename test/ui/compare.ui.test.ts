// Compare Lists With… in a real VS Code: from the context menu of a list in the Profiles view, pick
// another profile's list, and VS Code's diff editor shows both in the sorted text form.
// Screenshot for the README: media/screenshots/compare-lists.png
import * as assert from 'assert';
import * as path from 'path';
import type { Locator } from 'playwright-core';
import { REPO_ROOT } from '../vscode/tools';
import { Workbench } from './workbench';

describe('Compare lists (UI)', function () {
  let wb: Workbench;
  let tree: Locator;

  before(async function () {
    this.timeout(300000); // start-up: see STARTUP_MS in workbench.ts
    wb = await Workbench.start({ name: 'compare', simulator: { devices: 50, profiles: 4, tunnels: 2, seed: 1 } });
    tree = wb.tree('Profiles');
    await wb.step('give Profiles the room', async () => {
      await wb.focusView('Profiles');
      await wb.widenSidebar(420);
    });
  });

  after(async () => {
    await wb?.close();
  });

  it('opens the diff editor on two profiles\' Split Tunnel lists from the context menu', async function () {
    this.timeout(120000);
    await wb.step('expand Engineering', async () => {
      await wb.waitForRows(tree, r => r.some(x => x.startsWith('1|Engineering')), 'the profiles');
      await wb.expand(wb.treeItem(tree, /^Engineering/));
      await wb.waitForRows(tree, r => r.some(x => x.startsWith('2|Split Tunnel — Exclude')), 'the lists under Engineering');
    });
    // A list item's accessible name is its tooltip, so it is found by the text it shows.
    const list = tree.locator('[role="treeitem"]', { hasText: /Split Tunnel — Exclude/ }).first();
    const entries = await wb.step('the list\'s context menu has the list commands', () => wb.contextMenuEntries(list));
    for (const e of ['Show History', 'Compare Lists With…', 'Copy Entries To…']) assert.ok(entries.includes(e), `${e} missing in ${JSON.stringify(entries)}`);
    await wb.step('right-click → Compare Lists With…', () => wb.contextMenu(list, 'Compare Lists With…'));
    await wb.step('choose the Default profile', async () => {
      await wb.waitForPrompt(/Compare Engineering — Split Tunnel \(Exclude\) with/);
      await wb.pick(/^Default/);
    });
    await wb.step('choose its Exclude list', async () => {
      await wb.waitForPrompt(/Compare Engineering — Split Tunnel \(Exclude\) with/);
      await wb.pick(/Split Tunnel — Exclude/);
    });
    const title = 'Engineering — Split Tunnel (Exclude) ↔ Default — Split Tunnel (Exclude)';
    await wb.step('the diff editor opens, titled with both lists', async () => {
      await wb.page.locator('.tabs-container .tab', { hasText: title }).waitFor({ state: 'visible' });
      await wb.page.locator('.monaco-diff-editor').first().waitFor({ state: 'visible' });
    });
    const sides = await wb.step('both sides hold lines of addresses', async () => {
      const lines = wb.page.locator('.monaco-diff-editor .view-lines');
      await wb.page.waitForFunction(() => document.querySelectorAll('.monaco-diff-editor .view-lines .view-line').length > 4);
      return lines.allInnerTexts();
    });
    assert.ok(sides.length >= 2, `${sides.length} editors in the diff`);
    assert.ok(sides.every(t => /\d+\.\d+\.\d+\.\d+/.test(t)), JSON.stringify(sides.map(s => s.slice(0, 80))));
    await wb.page.mouse.move(0, 0);
    await wb.page.screenshot({ path: path.join(REPO_ROOT, 'media', 'screenshots', 'compare-lists.png') });
    await wb.screenshot('diff');
  });
});
