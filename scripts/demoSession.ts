// The running part of `npm run demo` (scripts/demo.js prepares the machine, then calls run()):
// a simulated Cloudflare account, the extension installed into code-server (a real VS Code) with its
// settings and credentials pointing at the simulator, served on 127.0.0.1 until Ctrl+C.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CloudflareSimulator } from '../test/simulator/server';
import { launchBrowser } from '../test/vscode/browser';
import { onCleanup, ownedTempDir, runCleanups, setSignalExitCode } from '../test/vscode/cleanup';
import { CodeServer, startCodeServer } from '../test/vscode/server';
import { loadTools, REPO_ROOT } from '../test/vscode/tools';

export interface DemoOptions {
  port: number;
  devices: number;
  profiles: number;
  tunnels: number;
  latencyMs: number;
  seed: number;
  /** Development mode (payload URL) instead of installing a packaged .vsix. */
  dev: boolean;
  /** Open the URL in headless Chromium, check the views fill, save a screenshot and stop. */
  check: boolean;
  /** The simulated account is in multi-user mode (physical devices + registrations). */
  multiUser?: boolean;
}

function packageVsix(out: string): Promise<void> {
  const vsce = path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
  const args = ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '--out', out];
  return new Promise((resolve, reject) => {
    const p = spawn(vsce, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    p.stdout!.on('data', d => (log += d));
    p.stderr!.on('data', d => (log += d));
    p.on('error', reject);
    p.on('close', code => (code === 0 ? resolve() : reject(new Error(`vsce package failed (${code}):\n${log}`))));
  });
}

const WORKSPACE_README = (o: { devices: number; sim: CloudflareSimulator }) => `# WARP Fleet demo

This VS Code talks to a **local Cloudflare API simulator** (${o.sim.baseUrl}), not to Cloudflare:
a made-up account with ${o.devices.toLocaleString('en-US')} devices. Nothing you do here reaches a real account.

Open **WARP Fleet** in the activity bar (the cloud icon on the left) to browse devices, device settings
profiles and WARP Connector tunnels. The extension is signed in through the \`CLOUDFLARE_API_TOKEN\` and
\`CLOUDFLARE_ACCOUNT_ID\` environment variables; \`warpFleet.apiBaseUrl\` points at the simulator.

To sign in by hand instead (WARP Fleet: Sign In with API Token), use this token: \`${o.sim.token}\`
`;

export async function run(o: DemoOptions): Promise<void> {
  setSignalExitCode(0); // Ctrl+C is how a demo ends
  const started = Date.now();
  const tools = loadTools();
  const tmp = ownedTempDir('warp-fleet-demo-').path; // removed when the demo stops

  const sim = await CloudflareSimulator.start({ devices: o.devices, profiles: o.profiles, tunnels: o.tunnels, seed: o.seed, latencyMs: o.latencyMs,
    multiUser: o.multiUser ?? false });
  onCleanup(() => sim.close());

  const workspace = path.join(tmp, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  fs.writeFileSync(path.join(workspace, 'README.md'), WORKSPACE_README({ devices: o.devices, sim }));

  const installExtensions: string[] = [];
  if (!o.dev) {
    const vsix = path.join(tmp, 'warp-fleet.vsix');
    await packageVsix(vsix);
    installExtensions.push(vsix);
  }
  const server: CodeServer = await startCodeServer({
    tools,
    port: o.port,
    tmpDir: path.join(tmp, 'code-server'),
    settings: {
      'warpFleet.apiBaseUrl': sim.baseUrl,
      'workbench.startupEditor': 'readme',
      'workbench.colorTheme': 'Default Dark Modern',
    },
    env: { CLOUDFLARE_API_TOKEN: sim.token, CLOUDFLARE_ACCOUNT_ID: sim.accountId },
    unsetEnv: ['CLOUDFLARE_EMAIL', 'CLOUDFLARE_API_KEY'],
    smokeTestDriver: o.dev, // the payload needs it (it also hides notification toasts, so only in --dev)
    installExtensions,
  });
  const url = o.dev ? server.workbenchUrl({ folder: workspace, extensionDevelopmentPath: REPO_ROOT }) : server.workbenchUrl({ folder: workspace });

  const n = (x: number) => x.toLocaleString('en-US');
  const lines = [
    '',
    `WARP Fleet demo ready in ${((Date.now() - started) / 1000).toFixed(1)} s${server.port !== o.port ? `  (port ${o.port} was busy: using ${server.port})` : ''}`,
    '',
    `  Open VS Code:  ${url}`,
    `                 extension ${o.dev ? 'in development mode (from this checkout)' : 'installed from a freshly packaged .vsix'}`,
    `  Simulator:     ${sim.baseUrl}`,
    `                 ${n(o.devices)} devices, ${o.profiles} profiles, ${o.tunnels} tunnels, ${o.latencyMs} ms latency (seed ${o.seed})`,
    `  Account id:    ${sim.accountId}`,
    `  API token:     ${sim.token}`,
    `  Control:       ${sim.controlUrl}  (open it for the actions: GET requests, GET state, POST faults, POST reset)`,
    '',
    'Signed in through CLOUDFLARE_API_TOKEN/CLOUDFLARE_ACCOUNT_ID. Press Ctrl+C to stop.',
  ];
  console.log(lines.join('\n'));

  server.onUnexpectedExit(code => {
    console.error(`demo: code-server exited (${code}); stopping.\n${server.log().split('\n').slice(-20).join('\n')}`);
    void runCleanups().finally(() => process.exit(1));
  });

  if (o.check) {
    const code = await check(url, tmp, sim);
    await runCleanups();
    process.exit(code);
  }
}

/**
 * Opens the demo like a person would and checks the Devices view fills; saves a screenshot. A large
 * fleet fills while its pages arrive: then a second screenshot (demo-loading.png) shows the first rows
 * beside the view's "Loading devices… N of M", and the check waits for the whole fleet.
 */
async function check(url: string, tmp: string, sim: CloudflareSimulator): Promise<number> {
  const browser = await launchBrowser({ profileDir: path.join(tmp, 'chromium') });
  const page = browser.page;
  const shots = path.join(REPO_ROOT, 'test-results', 'screenshots');
  const shot = path.join(shots, 'demo.png');
  fs.mkdirSync(shots, { recursive: true });
  try {
    await page.goto(url);
    await page.locator('.part.activitybar a.action-label[aria-label^="WARP Fleet"]').click({ timeout: 60000 });
    const tree = page.getByRole('tree', { name: 'Devices', exact: true });
    // VS Code's tree view shows the provider's message (here the loading count) in a `.message` element of the pane.
    const pane = page.locator('.part.sidebar .pane', { has: page.locator('.pane-header h3.title', { hasText: /^Devices$/i }) });
    const message = async () => ((await pane.locator('.message').first().textContent().catch(() => '')) ?? '').trim();
    const opened = Date.now();
    await tree.getByRole('treeitem').first().waitFor({ timeout: 120000 });
    const firstRows = Date.now();
    const lists = () => sim.requests.filter(r => r.method === 'GET' && /^\/accounts\/[^/]+\/devices(\/physical-devices|\/registrations)?$/.test(r.path)).length;
    console.log(`check: first rows ${((firstRows - opened) / 1000).toFixed(1)} s after opening the view, ${lists()} device list requests answered by then`);
    const notData = /ENOTFOUND|ECONNREFUSED|error|failed|retry|sign in/i;
    const read = async () => (await tree.getByRole('treeitem').allInnerTexts()).map(t => t.replace(/\s+/g, ' ').trim());
    let items = await read();
    let loadingShot = '';
    // The view first shows a progress row, then devices while later pages arrive; wait until the whole
    // fleet is in (no loading row, no loading count), or an error row.
    for (const deadline = Date.now() + 600000; Date.now() < deadline; ) {
      const loadingText = await message();
      // The last redraw (grouping the whole fleet, in slices) runs under the pane's progress bar.
      const busy = await pane.locator('.monaco-progress-container.active').count() > 0;
      if (items.some(t => notData.test(t)) || (items.length && !busy && !items.some(t => /loading/i.test(t)) && !/loading/i.test(loadingText))) break;
      if (!loadingShot && /loading/i.test(loadingText) && items.length && !items.some(t => /loading/i.test(t))) {
        loadingShot = path.join(shots, 'demo-loading.png');
        await page.screenshot({ path: loadingShot });
        console.log(`check: first rows while "${loadingText}"; screenshot ${path.relative(process.cwd(), loadingShot)}`);
      }
      await new Promise(r => setTimeout(r, 200));
      items = await read();
    }
    console.log(`check: ${lists()} device list requests in all`);
    const header = ((await pane.locator('.pane-header .description').first().textContent().catch(() => '')) ?? '').trim();
    await page.screenshot({ path: shot });
    console.log(`check: Devices view (${header || 'no count'}), loaded ${((Date.now() - firstRows) / 1000).toFixed(1)} s after the first rows, shows ${JSON.stringify(items.slice(0, 6))}; screenshot ${path.relative(process.cwd(), shot)}`);
    return items.length && !items.some(t => notData.test(t) || /loading/i.test(t)) && !/loading/i.test(await message()) ? 0 : 1;
  } catch (e) {
    await page.screenshot({ path: shot }).catch(() => undefined);
    console.error(`check failed: ${(e as Error).message}; screenshot ${shot}`);
    return 1;
  } finally {
    await browser.close();
  }
}
