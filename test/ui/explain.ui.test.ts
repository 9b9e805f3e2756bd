// "Which profile applies?" and "Does it go through WARP?" in a real VS Code: from the Profiles view's
// title bar and a profile's context menu, answered in the Markdown preview.
// Screenshots: test-results/screenshots/explain-*.png
import * as assert from 'assert';
import type { FrameLocator, Locator } from 'playwright-core';
import { Workbench } from './workbench';

describe('Explain and test routes (UI)', function () {
  let wb: Workbench;
  let tree: Locator;

  /** Waits for the quick input to show a prompt whose title matches, then types and presses Enter. */
  async function answer(title: RegExp, text: string): Promise<void> {
    await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ state: 'visible' });
    await wb.quickInput().fill(text);
    await wb.page.keyboard.press('Enter');
  }

  /** The Markdown preview's content (a webview inside the editor area). */
  function preview(): FrameLocator {
    return wb.page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
  }

  async function collapseView(name: string): Promise<void> {
    const header = wb.viewHeader(name);
    if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
  }

  before(async function () {
    this.timeout(120000);
    wb = await Workbench.start({ name: 'explain', simulator: { devices: 30, profiles: 4, tunnels: 1, seed: 1 } });
    tree = wb.tree('Profiles');
  });

  after(async () => {
    await wb?.close();
  });

  it('answers "Which profile applies?" from the Profiles view title, with the clause each profile above failed', async () => {
    await wb.step('open the container', () => wb.openContainer('WARP Fleet'));
    await wb.step('show Profiles', async () => {
      await collapseView('Devices');
      await collapseView('Connectors');
      await wb.expandView('Profiles');
      await wb.treeItem(tree, /^Engineering/).waitFor({ state: 'visible' });
    });
    await wb.step('run Which Profile Applies? from the title bar', () => wb.viewAction('Profiles', /^Which Profile Applies/));
    await wb.step('only the groups and the OS are asked: groups', () => answer(/Which Profile Applies\? \(1\/2\)/, 'Sales, VPN'));
    await wb.step('the OS', async () => {
      await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: /\(2\/2\)/ }).waitFor({ state: 'visible' });
      await wb.pick(/^Linux/);
    });
    const body = preview().locator('body');
    await wb.step('the preview answers', () => body.getByText('Linux Workstations (40) applies.').waitFor({ state: 'visible', timeout: 30000 }));
    const text = await body.innerText();
    assert.match(text, /✖ Engineering \(10\) does not match: group is "Eng"/);
    assert.match(text, /group "Sales", "VPN": does not match/);
    assert.match(text, /⚠ Contractors \(20\) cannot be evaluated locally/);
    assert.match(text, /Did you mean "\.\*@vendor\\\\\.com"\?/);
    await wb.page.mouse.move(0, 0);
    await wb.screenshot('which-profile-applies');
  });

  it('answers "Does it go through WARP?" from a profile\'s context menu, per input with the deciding entry and DNS', async () => {
    await wb.step('close the first report', () => wb.runCommand('View: Close All Editors'));
    await wb.step('right-click Engineering → Does It Go Through WARP?', () => wb.contextMenu(wb.treeItem(tree, /^Engineering/), 'Does It Go Through WARP?'));
    await wb.step('a wrong input is refused in place', async () => {
      await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: /Does It Go Through WARP\? \(Engineering\)/ }).waitFor({ state: 'visible' });
      await wb.quickInput().fill('10.1.2.3 300.1.1.1');
      await wb.page.locator('.quick-input-widget .quick-input-message', { hasText: /"300\.1\.1\.1" is not an IP address, CIDR or hostname/ }).waitFor({ state: 'visible' });
    });
    await wb.step('addresses, a range and names', () => answer(/Engineering/, '10.12.3.4, 8.8.8.8, fd00::1, 10.0.0.0/7, app.corp.acme.com, x.dev.acme.com'));
    const body = preview().locator('body');
    await wb.step('the preview answers', () => body.getByText('Does it go through WARP?').waitFor({ state: 'visible', timeout: 30000 }));
    const rows = await body.locator('table tbody tr').allInnerTexts();
    const row = (input: string) => rows.find(r => r.startsWith(input)) ?? `(no row for ${input} in ${JSON.stringify(rows)})`;
    assert.match(row('10.12.3.4'), /NOT through WARP\s+excluded by 10\.0\.0\.0\/8 \(row 1, "Private network \(RFC 1918\)"\)/);
    assert.match(row('8.8.8.8'), /through WARP\s+no entry matches/);
    assert.match(row('fd00::1'), /NOT through WARP\s+excluded by fd00::\/8/);
    assert.match(row('10.0.0.0/7'), /partly through WARP[\s\S]*except 10\.0\.0\.0\/8 \(row 1, "Private network \(RFC 1918\)"\): outside WARP/);
    assert.match(row('app.corp.acme.com'), /Local Domain Fallback corp\.acme\.com \(row 15, "Acme internal DNS"\): 10\.0\.0\.53 \(outside WARP\)/);
    assert.match(row('x.dev.acme.com'), /excluded by \*\.dev\.acme\.com/);
    await wb.page.mouse.move(0, 0);
    await wb.screenshot('does-it-go-through-warp');
  });
});
