// Secrets never leak: a real workbench signed in through the command with a recognisable canary token
// runs the main flows (devices, details, revoke + unrevoke, a list editor save, errors: a wrong token,
// 500s, a timeout, a dropped connection, the log shown), then looks for the canary everywhere a person or
// a file could see it: every frame's DOM and visible text (webviews included), every file under the
// harness's temp root (code-server's user data with its logs and settings, extensions, HOME, the
// workspace, the Chromium profile), and everything code-server printed.
import * as assert from 'assert';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { FaultSpec } from '../simulator/server';
import { Workbench } from './workbench';

/** Valid for the simulator (40+ of [A-Za-z0-9_-]) and unmistakable in any text. */
const MARK = 'LEAKCANARY';
const CANARY = `sim_${MARK}_${randomBytes(20).toString('hex')}`;
/** A second, wrong token (the simulator refuses it): what a typo'd paste would leak. */
const WRONG = `sim_${MARK}_WRONG_${randomBytes(16).toString('hex')}`;
const NEEDLES = [CANARY, WRONG, MARK];
const MAX_FILE = 64 * 1024 * 1024;

interface Hit {
  file: string;
  needle: string;
  encoding: string;
}

/** Every file under `root` holding a needle, as UTF-8 / Latin-1 or as UTF-16LE (Chromium's storage). */
function grepTree(root: string, needles: string[]): { hits: Hit[]; files: string[] } {
  const patterns = needles.flatMap(n => [
    { needle: n, encoding: 'utf8', bytes: Buffer.from(n, 'utf8') },
    { needle: n, encoding: 'utf16le', bytes: Buffer.from(n, 'utf16le') },
  ]);
  const hits: Hit[] = [];
  const files: string[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile()) {
        let data: Buffer;
        try {
          if (fs.statSync(full).size > MAX_FILE) continue;
          data = fs.readFileSync(full);
        } catch {
          continue; // gone meanwhile, or a socket
        }
        files.push(full);
        for (const p of patterns) if (data.includes(p.bytes)) hits.push({ file: full, needle: p.needle, encoding: p.encoding });
      }
    }
  };
  walk(root);
  return { hits, files };
}

describe('Secrets never leak (UI)', function () {
  let wb: Workbench;
  const sim = () => wb.sim!;
  const devicesPath = () => `/accounts/${sim().accountId}/devices`;

  before(async function () {
    this.timeout(300000); // start-up: see STARTUP_MS in workbench.ts
    wb = await Workbench.start({
      name: 'leak',
      simulator: { devices: 300, profiles: 3, tunnels: 2, seed: 1, token: CANARY },
      signIn: false,
      settings: { 'warpFleet.requestTimeoutSeconds': 5 },
    });
  });
  after(async () => {
    await wb?.close();
  });

  async function signIn(token: string): Promise<void> {
    await wb.runCommand('WARP Fleet: Sign In with API Token');
    await wb.quickInput().waitFor({ state: 'visible' });
    await wb.quickInput().fill(token);
    await wb.page.keyboard.press('Enter');
  }

  /** Refreshes Devices under `fault` until its error node shows `text`; the fault is then cleared. */
  async function devicesError(fault: Omit<FaultSpec, 'path'>, text: RegExp, timeoutMs = 20000): Promise<void> {
    sim().inject({ path: devicesPath(), ...fault });
    try {
      await wb.viewAction('Devices', 'Refresh');
      await wb.tree('Devices').getByRole('treeitem', { name: text }).first().waitFor({ state: 'visible', timeout: timeoutMs });
    } finally {
      sim().clearFaults();
    }
  }

  it('runs the main flows signed in with the canary token', async function () {
    this.timeout(240000);
    await wb.step('open the container', () => wb.openContainer('WARP Fleet'));
    await wb.step('log at Trace, so request lines reach the log file too', async () => {
      // "Trace · All" (the default for every log): the extension's own log may not be registered yet.
      await wb.runCommand('Developer: Set Log Level...');
      await wb.pick(/^Trace/);
      await wb.quickInput().waitFor({ state: 'hidden' });
    });
    await wb.step('a wrong token is refused', async () => {
      await signIn(WRONG);
      await wb.waitForNotification(/401|rejected|invalid/i);
    });
    await wb.step('sign in with the canary token through the command', async () => {
      await signIn(CANARY);
      await wb.pick('Acme Corp');
      await wb.waitForNotification(/Signed in/);
    });
    assert.ok(sim().requests.some(r => r.auth === 'token'), 'the canary token was accepted');
    assert.ok(sim().requests.some(r => r.auth === 'invalid'), 'the wrong token was sent and refused');

    await wb.step('the Devices view lists the fleet', async () => {
      await wb.expandView('Devices');
      await wb.treeItem('Devices', /^Windows/).waitFor({ state: 'visible', timeout: 60000 });
    });
    const windows = wb.treeItem('Devices', /^Windows/);
    await wb.step('expand Windows', () => wb.expand(windows));
    const row = wb.tree('Devices').locator('[role="treeitem"][aria-level="2"]').first();
    await row.waitFor({ state: 'visible' });
    const name = (await row.locator('.label-name').first().innerText()).trim();
    const device = sim().state.devices.find(d => d.name === name)!;
    await wb.step('show the device details', async () => {
      await wb.contextMenu(row, 'Show Device Details');
      await wb.waitUntil(() => sim().requests.some(r => r.method === 'GET' && r.path === `${devicesPath()}/${device.id}`), 'the details request');
      await wb.page.locator('.tabs-container .tab', { hasText: name }).first().waitFor({ state: 'visible' });
    });
    await wb.step('revoke it', async () => {
      await wb.contextMenu(wb.treeItem('Devices', new RegExp(`^${name}, `)), 'Revoke Devices…');
      await wb.confirmDialog('Revoke');
      await wb.waitUntil(() => Boolean(device.revoked_at), 'the revocation');
    });
    await wb.step('unrevoke it', async () => {
      const item = wb.treeItem('Devices', new RegExp(`^${name}, .*revoked`));
      await item.waitFor({ state: 'visible' });
      await item.click();
      await wb.contextMenu(item, 'Unrevoke Devices…');
      await wb.confirmDialog('Unrevoke');
      await wb.waitUntil(() => !device.revoked_at, 'the unrevocation');
    });

    const profile = sim().state.customProfiles[0];
    await wb.step('open a Split Tunnel list, add an entry and save', async () => {
      await wb.expandView('Profiles');
      const node = wb.treeItem('Profiles', new RegExp(`^${profile.name}`));
      await node.waitFor({ state: 'visible', timeout: 30000 });
      await wb.expand(node);
      await wb.tree('Profiles').locator('[role="treeitem"]', { hasText: /Split Tunnel — (Exclude|Include)/ }).first().click();
      await wb.listEditor.frame.locator('h1.title', { hasText: profile.name }).waitFor({ state: 'visible' });
      await wb.listEditor.addRow(['198.51.100.0/24']);
      // Ctrl+S once the host has taken the edit and the webview holds the focus (before either, the key is lost)
      await wb.listEditor.saveWithKeyboard('198.51.100.0/24');
      await wb.waitUntil(() => sim().requests.some(r => r.method === 'PUT' && r.status === 200), 'the saved list');
    });
    await wb.screenshot('flows-done');

    await wb.step('a 500 storm ends in an error node', () => devicesError({ kind: 'status', status: 500, code: 10001 }, /500/));
    await wb.step('a dropped connection ends in an error node', () => devicesError({ kind: 'drop' }, /could not reach/i));
    await wb.step('a 401 ends in an error node', () => devicesError({ kind: 'status', status: 401, code: 10000 }, /401/));
    await wb.step('a slow answer times out (5 s × 4 attempts)', () => devicesError({ kind: 'slow', delayMs: 7000 }, /timed out/, 60000));
    await wb.step('show the log', async () => {
      await wb.runCommand('WARP Fleet: Show Log');
      // Monaco renders spaces as no-break spaces
      await wb.page.locator('.part.panel .view-lines', { hasText: /GET.\/accounts\// }).first().waitFor({ state: 'visible' });
    });
    await wb.screenshot('errors-and-log');
  });

  it('the canary is in no frame of the page: DOM, visible text, webviews', async () => {
    const frames = wb.page.frames();
    assert.ok(frames.length > 2, `the webview frames are there too (${frames.length} frames)`);
    let all = '';
    for (const frame of frames) {
      const html = await frame.content().catch(() => '');
      const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
      // What text boxes hold (the token was typed into one) is in neither the markup nor innerText.
      const values = await frame.evaluate(() => [...document.querySelectorAll('input, textarea')].map(e => (e as HTMLInputElement).value).join('\n')).catch(() => '');
      all += `${html}\n${text}\n${values}\n`;
      for (const n of NEEDLES) assert.ok(!values.includes(n), `${n} left in a text box of frame ${frame.url()}`);
      for (const n of NEEDLES) {
        assert.ok(!html.includes(n), `${n} in the DOM of frame ${frame.url()}`);
        assert.ok(!text.includes(n), `${n} in the visible text of frame ${frame.url()}`);
      }
    }
    // The search saw what it had to see: the webview's rows, the tree, the log.
    assert.match(all, /198\.51\.100\.0\/24/, 'the list editor webview text was read');
    assert.match(all, /GET.\/accounts\//, 'the log panel text was read');
    const notes = (await wb.notifications()).join('\n');
    for (const n of NEEDLES) assert.ok(!notes.includes(n), `${n} in a notification: ${notes}`);
    assert.match(notes, /Signed in/);
  });

  it('the canary is in no file of the harness: logs, settings, storage, HOME, Chromium profile', () => {
    const root = path.dirname(wb.server.tmpDir);
    // Prove the search finds what is there, in plain and UTF-16 form, in the same folders.
    const probe = `sim_${MARK}PROBE_${randomBytes(8).toString('hex')}`;
    const probes = [path.join(wb.server.userDataDir, 'leak-probe.txt'), path.join(root, 'chromium', 'leak-probe.bin')];
    fs.writeFileSync(probes[0], `x ${probe} y`);
    fs.writeFileSync(probes[1], Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(probe, 'utf16le')]));
    try {
      const check = grepTree(root, [probe]);
      assert.deepEqual(check.hits.map(h => `${h.file} ${h.encoding}`).sort(), [`${probes[0]} utf8`, `${probes[1]} utf16le`].sort());
    } finally {
      probes.forEach(p => fs.rmSync(p, { force: true }));
    }

    const { hits, files } = grepTree(root, NEEDLES);
    const rel = (f: string) => path.relative(root, f);
    // The search covered the extension's own log and the settings.
    const logs = files.filter(f => /WARP Fleet\.log$/.test(f));
    assert.ok(logs.length > 0, `the extension's log file was searched (${files.filter(f => f.endsWith('.log')).map(rel).join(', ')})`);
    const logText = logs.map(f => fs.readFileSync(f, 'utf8')).join('\n');
    assert.match(logText, /\[(debug|trace)\] GET \/accounts\/[^ ]+\/devices → 200/, 'the log holds the request lines (Trace level)');
    assert.match(logText, /\[warning\] GET \/accounts\/[^ ]+\/devices: 500/, 'and the failures');
    assert.ok(files.some(f => f.endsWith(path.join('User', 'settings.json'))), 'the user settings were searched');
    assert.deepEqual(hits.map(h => `${rel(h.file)} (${h.encoding}): ${h.needle.slice(0, 20)}…`), [], 'the canary was found in files');
  });

  it('the canary is in nothing code-server printed', () => {
    const out = wb.server.log();
    assert.ok(out.length > 0);
    for (const n of NEEDLES) assert.ok(!out.includes(n), `${n} in code-server's output`);
  });
});
