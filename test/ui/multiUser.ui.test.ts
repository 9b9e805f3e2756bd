// A multi-user mode account in a real VS Code: devices with their registrations, revoke one registration
// from the context menu and see it marked, delete a device after the modal.
// Screenshots: test-results/screenshots/multi-user-*.png
import * as assert from 'assert';
import type { Locator } from 'playwright-core';
import { Workbench } from './workbench';

describe('Multi-user account: devices and registrations (UI)', function () {
  let wb: Workbench;

  before(async function () {
    this.timeout(120000);
    wb = await Workbench.start({ name: 'multi-user', simulator: { devices: 40, profiles: 2, tunnels: 1, seed: 3, multiUser: true } });
    await wb.step('open the container', () => wb.openContainer('WARP Fleet'));
    await wb.step('expand Devices', () => wb.expandView('Devices'));
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

  const sim = () => wb.sim!;
  const tree = () => wb.tree('Devices');
  const name = async (row: Locator) => (await row.locator('.label-name').first().innerText()).trim();

  /** A device row of the Windows group that has an active registration under it; expanded. */
  async function deviceWithActiveRegistration(): Promise<{ device: Locator; deviceName: string }> {
    await wb.expand(wb.treeItem('Devices', /^Windows/));
    const multi = sim().multi;
    const candidate = multi.devices.find(d => d.device_type === 'windows' && !d.deleted_at && d.registrations.some(r => !r.revoked_at && !r.deleted_at && r.user?.email));
    assert.ok(candidate, 'the simulator has a Windows device with an active registration');
    const device = wb.treeItem('Devices', new RegExp(`^${candidate.name}\\b`));
    await device.scrollIntoViewIfNeeded();
    await wb.expand(device);
    return { device, deviceName: candidate.name };
  }

  it('shows the header count of devices and registrations, and registrations under a device', async () => {
    const header = wb.viewHeader('Devices');
    await wb.step('the header counts devices and registrations', () =>
      header.locator('.description', { hasText: /devices · [\d,]+ registrations/ }).waitFor({ state: 'visible', timeout: 30000 }),
    );
    const { device } = await deviceWithActiveRegistration();
    await wb.step('the registrations show under the device', () => tree().locator('[role="treeitem"][aria-level="3"]').first().waitFor({ state: 'visible' }));
    assert.equal(await device.getAttribute('aria-expanded'), 'true');
    await wb.screenshot('devices-with-registrations');
  });

  it('revokes one registration from its context menu and shows it marked revoked', async () => {
    const { deviceName } = await deviceWithActiveRegistration();
    const d = sim().multi.devices.find(x => x.name === deviceName)!;
    const reg = d.registrations.find(r => !r.revoked_at && !r.deleted_at && r.user?.email)!;
    const email = reg.user!.email!;
    const row = tree().locator('[role="treeitem"][aria-level="3"]').filter({ hasText: email }).first();
    await row.waitFor({ state: 'visible' });
    assert.equal(await name(row), email);
    await wb.step('right-click → Revoke Registrations…', () => wb.contextMenu(row, 'Revoke Registrations…'));
    await wb.step('confirm in the modal', () => wb.confirmDialog('Revoke', new RegExp(`Revoke ${email.replace(/[.]/g, '\\.')} on ${deviceName}\\?`)));
    await wb.step('the registration row says revoked', () =>
      tree().getByRole('treeitem', { name: new RegExp(`^${email.replace(/[.]/g, '\\.')}, .*revoked`) }).first().waitFor({ state: 'visible' }),
    );
    assert.ok(sim().multi.registrationById.get(reg.id)!.revoked_at, 'the simulator holds the revocation');
    const post = sim().requests.find(r => r.method === 'POST' && r.path.endsWith('/devices/registrations/revoke'));
    assert.deepEqual([post?.query.id].flat(), [reg.id], 'exactly that registration, id in the query');
    await wb.screenshot('registration-revoked');
  });

  it('deletes a device after the modal that says delete cannot be undone', async () => {
    const { device, deviceName } = await deviceWithActiveRegistration();
    const id = sim().multi.devices.find(x => x.name === deviceName)!.id;
    await wb.step('right-click → Delete Devices…', () => wb.contextMenu(device, 'Delete Devices…'));
    await wb.page.locator('.monaco-dialog-box').waitFor({ state: 'visible' });
    await wb.screenshot('delete-modal');
    const text = await wb.step('confirm in the modal', () => wb.confirmDialog('Delete', /cannot be undone.*virtual IPs/));
    assert.match(text, new RegExp(`Delete the device ${deviceName}\\?`));
    await wb.step('the device row is gone', () => wb.treeItem('Devices', new RegExp(`^${deviceName}\\b`)).waitFor({ state: 'detached' }));
    assert.ok(sim().requests.some(r => r.method === 'DELETE' && r.path.endsWith(`/devices/physical-devices/${id}`)));
    await wb.screenshot('device-deleted');
  });
});
