// The Profiles view in a real VS Code: the tree, creating a profile from the palette, editing a
// setting, deleting it, and certificate provisioning. Screenshots: test-results/screenshots/profiles-*.png
import * as assert from 'assert';
import type { Locator } from 'playwright-core';
import { Workbench } from './workbench';

describe('Profiles view (UI)', function () {
  let wb: Workbench;
  let tree: Locator;

  const waitForRows = (check: (rows: string[]) => boolean, what: string) => wb.waitForRows(tree, check, what);

  /** The top-level names, in order. */
  const names = (r: string[]) => r.filter(x => x.startsWith('1|')).map(x => x.slice(2).split(' precedence ')[0].split(' last · ')[0].split(' disabled · ')[0]);

  before(async function () {
    this.timeout(300000); // start-up: see STARTUP_MS in workbench.ts
    wb = await Workbench.start({ name: 'profiles', simulator: { devices: 50, profiles: 4, tunnels: 2, seed: 1 } });
    tree = wb.tree('Profiles');
    await wb.step('give Profiles the room', async () => {
      await wb.focusView('Profiles');
      await wb.widenSidebar(720);
    });
  });

  after(async () => {
    await wb?.close();
  });

  // Every test starts from the generated account, the tree collapsed, no editor or prompt open.
  beforeEach(async function () {
    this.timeout(60000);
    await wb.step('reset the workbench', async () => {
      await wb.reset();
      await wb.focusView('Profiles');
      await waitForRows(r => names(r).includes('Default') && !r.some(x => x.startsWith('2|')), 'the generated profiles, collapsed');
    });
  });

  it('lists profiles by precedence, the default last, with their lists and IP profiles', async () => {
    const shown = await wb.step('the profiles appear', () => waitForRows(r => r.some(x => x.startsWith('1|Default')), 'no profiles'));
    assert.deepStrictEqual(names(shown), ['Engineering', 'Contractors', 'Executives', 'Linux Workstations', 'Default', 'IP profiles (3)']);
    assert.ok(shown.includes('1|Engineering precedence 10 · group is "Eng"'), JSON.stringify(shown));
    assert.ok(shown.includes('1|Default last · applies when no other profile matches'), JSON.stringify(shown));
    await wb.step('expand Engineering and Contractors', async () => {
      await wb.expand(wb.treeItem(tree, /^Engineering/));
      await waitForRows(r => r.includes('2|Split Tunnel — Exclude (18)') && r.includes('2|Local Domain Fallback (15)'), 'no lists under Engineering');
      await wb.expand(wb.treeItem(tree, /^Contractors/));
      await waitForRows(r => r.includes('2|Split Tunnel — Include (3)'), 'no include list under Contractors');
      await wb.expand(wb.treeItem(tree, /^IP profiles/));
      await waitForRows(r => r.filter(x => x.startsWith('2|') && x.includes('subnet')).length === 3, 'no IP profiles');
    });
    await wb.page.mouse.move(0, 0);
    await wb.screenshot('view');
    await wb.step('hover Engineering for its settings', () => wb.treeItem(tree, /^Engineering/).locator('.label-name').hover());
    const hover = wb.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Captive portal timeout' }).first();
    await wb.step('the tooltip lists the settings', () => hover.waitFor({ state: 'visible' }));
    const text = await hover.innerText();
    for (const field of ['Match expression', 'Service mode', 'Tunnel protocol', 'Support URL']) assert.ok(text.includes(field), `${field} missing in ${text}`);
    await wb.screenshot('tooltip');
    await wb.page.mouse.move(0, 0);
  });

  it('creates a profile from the command palette and shows it, selected, at its place by precedence', async () => {
    await wb.step('run Create Profile', () => wb.runCommand('WARP Fleet: Create Profile…'));
    await wb.step('name', () => wb.answer(/1\/3/, 'Marketing'));
    await wb.step('choose the group selector', async () => {
      await wb.waitForPrompt(/2\/3/);
      await wb.pick('User group');
    });
    await wb.step('group name', () => wb.answer(/2\/3/, 'Marketing'));
    await wb.step('the suggested precedence is the next free one', async () => {
      await wb.waitForPrompt(/3\/3/);
      await wb.page.waitForFunction(() => (document.querySelector('.quick-input-widget .quick-input-box input') as HTMLInputElement | null)?.value === '50');
    });
    await wb.step('a taken precedence is refused in place', async () => {
      await wb.quickInput().fill('20');
      await wb.page.locator('.quick-input-widget .quick-input-message', { hasText: /already used by "Contractors"/ }).waitFor({ state: 'visible' });
    });
    await wb.step('precedence 25', () => wb.answer(/3\/3/, '25'));
    // The tree redraws as the new profile is revealed and selected: wait for the rows to settle on the
    // order (a timeout prints what the tree showed last).
    const order = ['Engineering', 'Contractors', 'Marketing', 'Executives'];
    const shown = await wb.step('Marketing appears after Contractors', () =>
      waitForRows(r => names(r).slice(0, 4).join() === order.join(), 'Marketing between Contractors and Executives'));
    assert.deepStrictEqual(names(shown).slice(0, 4), order);
    const created = wb.sim!.state.customProfiles.find(p => p.name === 'Marketing');
    assert.equal(created?.precedence, 25);
    assert.equal(created?.match, 'any(identity.groups.name[*] in {"Marketing"})');
    await wb.step('it is selected', () => wb.page.waitForFunction(() => document.querySelector('[role="treeitem"][aria-selected="true"]')?.textContent?.includes('Marketing')));
    await wb.page.mouse.move(0, 0);
    await wb.screenshot('created');
  });

  it('edits a setting of a profile from its context menu', async () => {
    await wb.step('Edit Profile Settings…', () => wb.contextMenu(wb.treeItem(tree, /^Executives/), 'Edit Profile Settings…'));
    await wb.step('choose Captive portal', async () => {
      await wb.waitForPrompt(/Edit Settings of "Executives"/);
      await wb.pick('Captive portal timeout');
    });
    await wb.step('refuse a bad value, then type 300', async () => {
      await wb.waitForPrompt(/Captive portal/);
      await wb.quickInput().fill('soon');
      await wb.page.locator('.quick-input-widget .quick-input-message', { hasText: /whole number/ }).waitFor({ state: 'visible' });
      await wb.answer(/Captive portal/, '300');
    });
    await wb.step('the form shows the change', async () => {
      await wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Save changes (1)' }).waitFor({ state: 'visible' });
    });
    await wb.screenshot('edit-form');
    await wb.step('save', () => wb.pick('Save changes (1)'));
    await wb.step('says so', () => wb.waitForNotification(/Saved 1 changes to "Executives"/));
    assert.equal(wb.sim!.state.customProfiles.find(p => p.name === 'Executives')?.captive_portal, 300);
  });

  it('deletes a profile after a modal confirmation, and never offers delete on the default', async () => {
    const entries = await wb.step('the default profile menu', () => wb.contextMenuEntries(wb.treeItem(tree, /^Default/)));
    assert.ok(entries.includes('Edit Profile Settings…'), JSON.stringify(entries));
    assert.ok(!entries.includes('Delete Profile…'), JSON.stringify(entries));
    await wb.step('Delete Profile…', () => wb.contextMenu(wb.treeItem(tree, /^Executives/), 'Delete Profile…'));
    const dialog = wb.page.locator('.monaco-dialog-box');
    await wb.step('the modal names it', async () => {
      await dialog.waitFor({ state: 'visible' });
      assert.match((await dialog.innerText()).replace(/\s+/g, ' '), /Delete profile "Executives"\?/);
    });
    await wb.screenshot('delete-confirm');
    await wb.step('confirm', async () => {
      await dialog.locator('.monaco-button', { hasText: /^Delete$/ }).first().click();
      await dialog.waitFor({ state: 'hidden' });
    });
    const shown = await wb.step('Executives is gone', () => waitForRows(r => !names(r).includes('Executives'), 'Executives gone'));
    assert.deepStrictEqual(names(shown), ['Engineering', 'Contractors', 'Linux Workstations', 'Default', 'IP profiles (3)']);
    assert.ok(!wb.sim!.state.customProfiles.some(p => p.name === 'Executives'));
  });

  it('turns certificate provisioning on for a zone', async () => {
    const zone = wb.sim!.state.zones.find(z => z.account?.id === wb.sim!.accountId)!;
    await wb.step('run the command', () => wb.runCommand('WARP Fleet: Set Certificate Provisioning for a Zone…'));
    await wb.step('pick the zone', async () => {
      await wb.waitForPrompt(/Choose a Zone/);
      await wb.pick(zone.name);
    });
    await wb.step('it shows the current state; choose Enable', async () => {
      await wb.waitForPrompt(/currently disabled/);
      await wb.screenshot('certificates');
      await wb.pick(/Enable/);
    });
    await wb.step('says so', () => wb.waitForNotification(`Certificate provisioning for ${zone.name} is now enabled.`));
    assert.equal(wb.sim!.state.certificates[zone.id], true);
  });
});
