// The WARP Fleet container in a real VS Code: activity bar icon, and the Devices, Profiles and Connectors
// views filled from the simulated account (3,000 devices). Screenshots: test-results/screenshots/fleet-views-*.png
import * as assert from 'assert';
import type { Locator } from 'playwright-core';
import { Workbench } from './workbench';

/** Placeholder items the views show instead of data (errors, loading, sign-in). */
const NOT_DATA = /ENOTFOUND|ECONNREFUSED|error|failed|retry|sign in|loading/i;

/** Waits until the tree shows items, all of them real data; returns them. */
function waitForData(wb: Workbench, tree: Locator): Promise<string[]> {
  return wb.waitForRows(tree, r => r.length > 0 && !r.some(t => NOT_DATA.test(t)), 'data in the tree');
}

describe('WARP Fleet views (UI)', function () {
  let wb: Workbench;

  before(async function () {
    this.timeout(300000); // start-up: see STARTUP_MS in workbench.ts
    wb = await Workbench.start({ name: 'fleet-views', simulator: { devices: 3000, profiles: 4, tunnels: 4, seed: 1 } });
  });

  after(async () => {
    await wb?.close();
  });

  // Every test starts from the generated account, the trees collapsed, no editor or prompt open.
  beforeEach(async function () {
    this.timeout(60000);
    await wb.step('reset the workbench', () => wb.reset());
  });

  it('draws the first devices while later pages are on their way, with "Loading devices… 1,000 of 3,000"', async () => {
    // First of the suite: this is the Devices view's first load. The first page answers at once, every
    // later one after 10 s (a slow link, a loaded API).
    const sim = wb.sim!;
    sim.inject({ method: 'GET', path: `/accounts/${sim.accountId}/devices`, kind: 'slow', delayMs: 10000, skip: 1 });
    const lists = () => sim.requests.filter(r => r.method === 'GET' && r.path === `/accounts/${sim.accountId}/devices`);
    await wb.step('open the container', () => wb.openContainer('WARP Fleet'));
    const rows = await wb.step('device rows are drawn', () => waitForData(wb, wb.tree('Devices')));
    // VS Code draws a tree view's message in a `.message` element of its pane.
    const pane = wb.page.locator('.part.sidebar .pane', { has: wb.page.locator('.pane-header h3.title', { hasText: /^Devices$/i }) });
    await wb.step('the view counts what has arrived', () => pane.locator('.message', { hasText: 'Loading devices… 1,000 of 3,000' }).waitFor({ state: 'visible' }));
    // Still loading: the later pages are held 10 s (their answer is recorded only when it is sent).
    assert.ok(lists().filter(r => r.status === 200).length < 3, `rows ${JSON.stringify(rows)} came only after the last page`);
    await wb.screenshot('devices-loading');
    await wb.step('the whole fleet arrives and the count goes', async () => {
      await pane.locator('.message', { hasText: 'Loading' }).waitFor({ state: 'hidden', timeout: 60000 });
      await wb.viewHeader('Devices').locator('.description', { hasText: '3,000 devices' }).waitFor();
    });
  });

  it('shows the WARP Fleet icon in the activity bar and opens the container', async () => {
    await wb.step('activity bar shows WARP Fleet', () => wb.activityBarItem('WARP Fleet').waitFor({ state: 'visible' }));
    await wb.step('open the container', () => wb.openContainer('WARP Fleet'));
    await wb.step('the three views are listed', async () => {
      for (const name of ['Devices', 'Profiles', 'Connectors']) await wb.viewHeader(name).waitFor({ state: 'visible' });
    });
    await wb.screenshot('container-open');
  });

  it('fills the Devices view from the account', async () => {
    await wb.step('open the Devices view', async () => {
      await wb.openContainer('WARP Fleet');
      await wb.expandView('Devices');
    });
    const items = await wb.step('Devices shows data', () => waitForData(wb, wb.tree('Devices')));
    assert.ok(items.length > 0, 'no items in the Devices view');
    await wb.screenshot('devices');
    const before = wb.sim!.requests.length;
    await wb.step('Refresh from the Devices title bar', () => wb.viewAction('Devices', 'Refresh'));
    await wb.step('the refresh asks the API again and the view keeps its data', async () => {
      await wb.waitUntil(() => wb.sim!.requests.length > before, 'an API request after Refresh');
      await waitForData(wb, wb.tree('Devices'));
    });
  });

  it('expands the first device group and offers a context menu on a device', async () => {
    await wb.step('open the Devices view', async () => {
      await wb.openContainer('WARP Fleet');
      await wb.expandView('Devices');
    });
    const devices = wb.tree('Devices');
    await wb.step('Devices shows data', () => waitForData(wb, devices));
    const group = wb.treeItems(devices).first();
    await wb.step('expand the first group', () => wb.expand(group));
    const device = devices.locator('[role="treeitem"][aria-level="2"]').first();
    await wb.step('device rows appear under the group', () => device.waitFor({ state: 'visible' }));
    assert.strictEqual(await group.getAttribute('aria-expanded'), 'true');
    await wb.screenshot('devices-expanded');
    const entries = await wb.step('right-click the device', () => wb.contextMenuEntries(device));
    assert.ok(entries.length > 0, 'the device has no context menu entries');
  });

  it('shows the Profiles view', async () => {
    await wb.step('expand Profiles', async () => {
      await wb.openContainer('WARP Fleet');
      await wb.expandView('Profiles');
    });
    await wb.step('Profiles shows data', () => waitForData(wb, wb.tree('Profiles')));
    await wb.screenshot('profiles');
  });

  it('shows the Connectors view', async () => {
    await wb.step('expand Connectors', async () => {
      await wb.openContainer('WARP Fleet');
      await wb.expandView('Connectors');
    });
    await wb.step('Connectors shows data', () => waitForData(wb, wb.tree('Connectors')));
    await wb.screenshot('connectors');
  });

  it('runs "WARP Fleet: Show Log" from the command palette', async () => {
    await wb.step('run the command', () => wb.runCommand('WARP Fleet: Show Log'));
    await wb.step('the Output panel shows the WARP Fleet channel', () =>
      wb.page.locator('.part.panel .monaco-select-box[aria-label*="Output" i], .part.panel select.monaco-select-box').filter({ hasText: 'WARP Fleet' }).first().waitFor({ state: 'visible' }),
    );
    await wb.screenshot('log');
  });
});
