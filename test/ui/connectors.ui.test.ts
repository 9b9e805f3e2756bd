// The Connectors view in a real VS Code: tunnels with their state, a tunnel expanded down to its
// connections, the tooltip, the context menu and the status filter.
// Screenshots: test-results/screenshots/connectors-*.png
import * as assert from 'assert';
import type { Locator } from 'playwright-core';
import { Workbench } from './workbench';

describe('Connectors view (UI)', function () {
  let wb: Workbench;
  let tree: Locator;

  const waitForRows = (check: (rows: string[]) => boolean, what: string) => wb.waitForRows(tree, check, what);
  const tunnels = (r: string[]) => r.filter(x => x.startsWith('1|'));

  before(async function () {
    this.timeout(300000); // start-up: see STARTUP_MS in workbench.ts
    wb = await Workbench.start({ name: 'connectors', simulator: { devices: 50, profiles: 2, tunnels: 5, seed: 1 } });
    tree = wb.tree('Connectors');
    await wb.step('give Connectors the room', async () => {
      await wb.focusView('Connectors');
      await wb.widenSidebar(560);
    });
  });

  after(async () => {
    await wb?.close();
  });

  // Every test starts from the generated tunnels, collapsed, unfiltered, deleted ones hidden.
  beforeEach(async function () {
    this.timeout(60000);
    await wb.step('reset the workbench', async () => {
      await wb.reset();
      await wb.focusView('Connectors');
      await waitForRows(r => r.some(x => x.includes('dc1-lon-connector')) || tunnels(r).length === 1, 'the tunnels');
      if (await wb.viewHeader('Connectors').locator('.description', { hasText: 'filter:' }).isVisible()) await wb.runCommand('WARP Fleet: Clear Tunnel Status Filter');
      if ((await wb.treeRows(tree)).some(x => x.includes('old-sfo-office'))) await wb.runCommand('WARP Fleet: Show or Hide Deleted Tunnels');
      await waitForRows(r => tunnels(r).length === 4 && !r.some(x => x.includes('old-sfo-office')) && !r.some(x => x.startsWith('2|')), 'the four live tunnels, collapsed');
    });
  });

  it('lists the tunnels with their state and since when', async () => {
    const shown = await wb.step('the tunnels appear', () => waitForRows(r => r.some(x => x.includes('dc1-lon-connector')), 'no tunnels'));
    assert.ok(shown.some(r => /^1\|dc1-lon-connector healthy · since \d+/.test(r)), JSON.stringify(shown));
    assert.ok(shown.some(r => /^1\|aws-us-east-1 down · since \d+/.test(r)), JSON.stringify(shown));
    assert.ok(!shown.some(r => r.includes('old-sfo-office')), 'the deleted tunnel is hidden by default');
  });

  it('expands a tunnel to its connectors and a connector to its connections', async () => {
    await wb.step('expand the healthy tunnel', () => wb.expand(wb.treeItem(tree, /^dc1-lon-connector,/)));
    await wb.step('its connectors appear', () => waitForRows(r => r.filter(x => /^2\|[0-9a-f]{8}… (active|passive) · /.test(x)).length === 2, 'no connectors'));
    await wb.step('expand the active connector', () => wb.expand(wb.treeItem(tree, /^[0-9a-f-]+, connector, active/)));
    const shown = await wb.step('its connections appear', () => waitForRows(r => r.some(x => /^3\|[A-Z]{3} 10\.\d+\.\d+\.\d+ · opened /.test(x)), 'no connections'));
    assert.equal(shown.filter(r => r.startsWith('3|')).length, 2, JSON.stringify(shown));
    await wb.step('expand the degraded tunnel', () => wb.expand(wb.treeItem(tree, /^branch-nyc,/)));
    await wb.step('its offline connector appears', () => waitForRows(r => r.some(x => /^2\|[0-9a-f]{8}… offline · /.test(x)), 'no offline connector'));
    await wb.page.mouse.move(0, 0);
    await wb.screenshot('expanded');
  });

  it('shows every field of a tunnel in its tooltip', async () => {
    await wb.step('hover the tunnel', () => wb.treeItem(tree, /^dc1-lon-connector,/).locator('.label-name').hover());
    const hover = wb.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Connections up since' }).first();
    await wb.step('the tooltip opens', () => hover.waitFor({ state: 'visible' }));
    const text = await hover.innerText();
    for (const field of ['ID', 'Status', 'Created', 'Open connections']) assert.ok(text.includes(field), `${field} missing in ${text}`);
    await wb.screenshot('tooltip');
    await wb.page.mouse.move(0, 0);
    await wb.step('the tooltip closes', () => hover.waitFor({ state: 'hidden' }));
  });

  it('offers Copy ID, Open in Dashboard and Reload Connectors on a tunnel', async () => {
    const entries = await wb.step('right-click the tunnel', () => wb.contextMenuEntries(wb.treeItem(tree, /^dc1-lon-connector,/)));
    for (const e of ['Copy ID', 'Copy Name', 'Open in Dashboard', 'Reload Connectors']) {
      assert.ok(entries.some(x => x.toLowerCase() === e.toLowerCase()), `${e} missing in ${JSON.stringify(entries)}`);
    }
  });

  it('filters tunnels by status from the palette and clears the filter', async () => {
    await wb.step('run the filter command', () => wb.runCommand('WARP Fleet: Filter Tunnels by Status…'));
    await wb.step('pick "down"', async () => {
      await wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'no connection to Cloudflare' }).first().click();
      await wb.page.keyboard.press('Enter');
    });
    const shown = await wb.step('only the down tunnel is listed', () => waitForRows(r => r.length === 1 && r[0].startsWith('1|aws-us-east-1'), 'filter not applied'));
    assert.equal(shown.length, 1);
    await wb.step('the view says it is filtered', () =>
      wb.viewHeader('Connectors').locator('.description', { hasText: 'filter: down' }).waitFor({ state: 'visible' }),
    );
    await wb.screenshot('filtered');
    await wb.step('clear the filter', () => wb.runCommand('WARP Fleet: Clear Tunnel Status Filter'));
    await wb.step('every live tunnel is back', () => waitForRows(r => r.filter(x => x.startsWith('1|')).length === 4, 'filter not cleared'));
  });

  it('shows deleted tunnels on request, marked as deleted', async () => {
    await wb.step('toggle deleted tunnels', () => wb.runCommand('WARP Fleet: Show or Hide Deleted Tunnels'));
    const shown = await wb.step('the deleted tunnel appears', () => waitForRows(r => r.some(x => x.startsWith('1|old-sfo-office')), 'no deleted tunnel'));
    assert.ok(shown.some(r => /^1\|old-sfo-office deleted \d+ (h|d) ago · was down/.test(r)), JSON.stringify(shown));
    await wb.page.mouse.move(0, 0);
    await wb.screenshot('with-deleted');
    await wb.step('hide them again', () => wb.runCommand('WARP Fleet: Show or Hide Deleted Tunnels'));
    await wb.step('the deleted tunnel is gone', () => waitForRows(r => !r.some(x => x.includes('old-sfo-office')) && r.length > 0, 'deleted tunnel still shown'));
  });

  it('shows a failed connectors call under its tunnel, and retries on click', async () => {
    const sim = wb.sim!;
    sim.inject({ path: /\/warp_connector\/[^/]+\/connections$/, kind: 'status', status: 403, code: 9109, message: 'Unauthorized to access requested resource' });
    await wb.step('expand the inactive tunnel', () => wb.expand(wb.treeItem(tree, /^lab-connector,/)));
    const shown = await wb.step('the error shows under it', () => waitForRows(r => r.some(x => x.startsWith('2|Connectors: 403 · code 9109')), 'no error node'));
    assert.ok(shown.some(r => r.startsWith('1|dc1-lon-connector')), 'the tunnels are still listed');
    await wb.page.mouse.move(0, 0);
    await wb.screenshot('connectors-error');
    sim.clearFaults();
    await wb.step('click the error node', () => wb.treeItem(tree, /Connectors: 403/).click());
    await wb.step('the retry shows "No connectors"', () => waitForRows(r => r.some(x => x.startsWith('2|No connectors')) && !r.some(x => x.includes('403')), 'retry did not recover'));
  });

  it('raised no error notification along the way', async () => {
    const messages = await wb.step('read the notifications', () => wb.notifications());
    assert.deepStrictEqual(messages.filter(m => /error|failed|cannot|could not/i.test(m)), [], JSON.stringify(messages));
  });
});
