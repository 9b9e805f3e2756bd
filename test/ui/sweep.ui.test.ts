// The stale-device sweep as an admin runs it in a real VS Code: 180 days, the preview grouped by OS,
// untick one device, Revoke N devices…, the modal naming the count, the report; the unticked device
// stays active. Screenshot for the README: media/screenshots/sweep-preview.png
import * as assert from 'assert';
import * as path from 'path';
import { REPO_ROOT } from '../vscode/tools';
import { Workbench } from './workbench';

const DAY = 86_400_000;

describe('Stale-device sweep (UI)', function () {
  let wb: Workbench;

  before(async function () {
    this.timeout(300000);
    wb = await Workbench.start({ name: 'sweep', simulator: { devices: 400, profiles: 1, tunnels: 1, seed: 4 } });
    await wb.showDevices();
  });

  after(async () => {
    await wb?.close();
  });

  it('previews the devices not seen for 180 days, revokes the ticked ones and not the one unticked', async () => {
    const sim = wb.sim!;
    const cutoff = Date.now() - 180 * DAY;
    const stale = sim.state.devices.filter(d => !d.deleted && !d.revoked_at && d.last_seen && Date.parse(d.last_seen) < cutoff);
    assert.ok(stale.length > 3, `the fleet has stale devices (${stale.length})`);
    const staleNames = new Set(stale.map(d => d.name));
    await wb.step('run Sweep Stale Devices…', () => wb.runCommand('WARP Fleet: Sweep Stale Devices…'));
    await wb.step('choose 180 days', async () => {
      await wb.waitForPrompt('Sweep devices not seen for…');
      await wb.pick(/^180 days$/);
    });
    await wb.step('the preview names the count', () => wb.waitForPrompt(new RegExp(`^Not seen for 180 days: ${stale.length} devices · oldest seen `)));
    const rows = wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    const rowName = async (i: number) => (await rows.nth(i).locator('.label-name').first().innerText().catch(() => '')).trim();
    let index = -1;
    let kept = '';
    await wb.step('find a device row', () =>
      wb.waitUntil(async () => {
        // The third device row: the picture then shows ticked rows above and below the unticked one.
        const n = await rows.count();
        let seen = 0;
        for (let i = 0; i < n; i++) {
          const name = await rowName(i);
          if (staleNames.has(name) && ++seen === 3) {
            [index, kept] = [i, name];
            return true;
          }
        }
        return false;
      }, 'a stale device in the preview'),
    );
    const row = rows.nth(index);
    assert.equal(await row.getAttribute('aria-checked'), 'true', 'stale devices start ticked');
    await wb.step(`untick ${kept}`, async () => {
      await row.locator('input[type="checkbox"], .quick-input-list-checkbox, .monaco-checkbox').first().click();
      await wb.waitUntil(async () => (await row.getAttribute('aria-checked')) === 'false', 'the row unticked');
    });
    await wb.page.mouse.move(5, 5); // no hover tooltip in the picture
    await wb.page.screenshot({ path: path.join(REPO_ROOT, 'media', 'screenshots', 'sweep-preview.png') });
    await wb.screenshot('preview-one-unticked');
    await wb.step('OK', () => wb.page.locator('.quick-input-widget .monaco-button', { hasText: /^OK$/ }).first().click());
    const n = stale.length - 1;
    await wb.step('choose Revoke', async () => {
      await wb.waitForPrompt(`Stale-device sweep: ${n} ticked`);
      await wb.pick(new RegExp(`Revoke ${n} devices…`));
    });
    assert.deepEqual(sim.requests.filter(r => r.method !== 'GET'), [], 'nothing sent before the modal');
    await wb.step('confirm the modal naming the count', () => wb.confirmDialog('Revoke', new RegExp(`Revoke ${n} devices\\?`)));
    await wb.step('the report', () => wb.waitForNotification(`Revoked ${n} devices`));
    const keptDevice = stale.find(d => d.name === kept)!;
    assert.ok(!keptDevice.revoked_at, 'the unticked device is not revoked');
    for (const d of stale) if (d !== keptDevice) assert.ok(d.revoked_at, `${d.name} revoked`);
    await wb.screenshot('revoked');
  });
});
