// UI test harness: a real VS Code workbench (code-server + headless Chromium via playwright-core) with the
// extension loaded in development mode and signed in to an in-process Cloudflare API simulator.
//
//   const wb = await Workbench.start({ simulator: { devices: 3000 } });
//   await wb.step('open the container', () => wb.openContainer('WARP Fleet'));
//   await wb.close();
//
// Selectors are those that work on VS Code 1.139 (code-server 4.139.1); see /work/shared/real-vscode.md.
import * as fs from 'fs';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { CloudflareSimulator } from '../simulator/server';
import { Browser, CodeServer, launchBrowser, loadTools, onCleanup, ownedTempDir, REPO_ROOT, startCodeServer } from '../vscode/codeServer';

export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'screenshots');

type SimulatorOptions = Parameters<typeof CloudflareSimulator.start>[0];

export interface WorkbenchOptions {
  /** Simulator options, or false for none. Default: 3,000 devices, 4 profiles, 4 tunnels, seed 1. */
  simulator?: SimulatorOptions | false;
  /** Credentials handed to the extension host through the environment. Default 'token'. */
  signIn?: 'token' | 'globalKey' | false;
  /** Extra user settings. */
  settings?: Record<string, unknown>;
  /** Extra environment for the extension host. */
  env?: Record<string, string>;
  /** Folder to open; default an empty temp workspace. */
  folder?: string;
  viewport?: { width: number; height: number };
  /** Prefix of this workbench's screenshot files (e.g. the test file's name). */
  name?: string;
}

const CREDENTIAL_VARS = ['CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_EMAIL', 'CLOUDFLARE_API_KEY', 'CLOUDFLARE_ACCOUNT_ID'];

export class Workbench {
  private shots = 0;

  private constructor(
    readonly page: Page,
    readonly server: CodeServer,
    readonly sim: CloudflareSimulator | undefined,
    private readonly name: string,
    private readonly closeAll: () => Promise<void>,
  ) {}

  static async start(opts: WorkbenchOptions = {}): Promise<Workbench> {
    const tools = loadTools();
    const tmp = ownedTempDir('warp-fleet-ui-');
    const parts: { sim?: CloudflareSimulator; server?: CodeServer; browser?: Browser } = {};
    let closed = false;
    const closeParts = async () => {
      if (closed) return;
      closed = true;
      await parts.browser?.close();
      await parts.server?.stop();
      await parts.sim?.close().catch(() => undefined);
      tmp.remove();
    };
    // also on Ctrl+C or a crash of the test process (browser and server register their own kills too)
    const unregister = onCleanup(closeParts);
    const closeAll = async () => {
      unregister();
      await closeParts();
    };
    try {
      const env: Record<string, string> = { ...(opts.env ?? {}) };
      const settings: Record<string, unknown> = { 'workbench.colorTheme': 'Default Dark Modern', ...(opts.settings ?? {}) };
      if (opts.simulator !== false) {
        const sim = (parts.sim = await CloudflareSimulator.start({ devices: 3000, profiles: 4, tunnels: 4, seed: 1, ...(opts.simulator ?? {}) }));
        settings['warpFleet.apiBaseUrl'] = sim.baseUrl;
        if (opts.signIn === 'globalKey') Object.assign(env, { CLOUDFLARE_EMAIL: sim.email, CLOUDFLARE_API_KEY: sim.globalKey });
        else if (opts.signIn !== false) env.CLOUDFLARE_API_TOKEN = sim.token;
        if (opts.signIn !== false) env.CLOUDFLARE_ACCOUNT_ID = sim.accountId;
      }
      const folder = opts.folder ?? path.join(tmp.path, 'workspace');
      if (!opts.folder) {
        fs.mkdirSync(folder, { recursive: true });
        fs.writeFileSync(path.join(folder, 'README.md'), '# WARP Fleet UI test workspace\n');
      }
      const server = (parts.server = await startCodeServer({
        tools,
        tmpDir: path.join(tmp.path, 'code-server'),
        settings,
        env,
        unsetEnv: CREDENTIAL_VARS, // a developer's real credentials never reach a test
        smokeTestDriver: true,
        idleTimeoutSeconds: 300,
      }));
      const browser = (parts.browser = await launchBrowser({
        tools,
        profileDir: path.join(tmp.path, 'chromium'),
        viewport: opts.viewport ?? { width: 1440, height: 900 },
      }));
      const page = browser.page;
      page.setDefaultTimeout(20000);
      await page.goto(server.workbenchUrl({ folder, extensionDevelopmentPath: REPO_ROOT }));
      await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: 60000 });
      return new Workbench(page, server, parts.sim, opts.name ?? 'ui', closeAll);
    } catch (e) {
      await closeAll();
      throw e;
    }
  }

  /** Stops the browser, code-server and the simulator; removes the temp folder. Idempotent. */
  close(): Promise<void> {
    return this.closeAll();
  }

  // --- views -----------------------------------------------------------------------------------

  /** The activity-bar entry of a view container (by its title). */
  activityBarItem(title: string): Locator {
    return this.page.locator(`.part.activitybar a.action-label[aria-label^="${title}"]`);
  }

  /** Opens a view container from the activity bar (does nothing if it is already open). */
  async openContainer(title = 'WARP Fleet'): Promise<void> {
    const item = this.activityBarItem(title);
    await item.waitFor({ state: 'visible' });
    const tab = item.locator('xpath=ancestor::li[contains(@class,"action-item")][1]');
    if ((await tab.getAttribute('aria-selected')) !== 'true') await item.click();
    await this.page.locator('.part.sidebar .composite.title', { hasText: title }).first().waitFor({ state: 'visible' });
  }

  /** A view's section header (only rendered when the container shows more than one view). */
  viewHeader(name: string): Locator {
    return this.page.locator('.part.sidebar .pane-header', { has: this.page.locator('h3.title', { hasText: new RegExp(`^${escapeRe(name)}$`, 'i') }) });
  }

  /** Expands a collapsed view section (Devices, Profiles, Connectors) of the open container. */
  async expandView(name: string): Promise<void> {
    const header = this.viewHeader(name);
    if ((await header.count()) === 0) return; // a single view has no header and is always expanded
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  }

  /**
   * Runs a view title action (the icons in a view's header, e.g. Refresh), by its label. VS Code shows
   * those icons only while the header is hovered or focused, so this hovers first; an action that is in
   * the header's "..." overflow menu is picked from there.
   */
  async viewAction(view: string, label: string | RegExp): Promise<void> {
    const header = this.viewHeader(view);
    const scope = (await header.count()) ? header : this.page.locator('.part.sidebar .composite.title');
    await scope.hover();
    const matches = (s: string | null) => !!s && (typeof label === 'string' ? s.startsWith(label) : label.test(s));
    const actions = scope.locator('.actions .action-label');
    for (let i = 0; i < (await actions.count()); i++) {
      const a = actions.nth(i);
      if (matches(await a.getAttribute('aria-label')) && (await a.isVisible())) {
        await a.click();
        return;
      }
    }
    const more = scope.locator('.actions .action-label[aria-label^="More Actions"]').first();
    await more.click();
    const entry = this.page.locator('.context-view .monaco-menu a.action-menu-item', { hasText: label }).first();
    await entry.waitFor({ state: 'visible' });
    await entry.click();
  }

  /** A tree view, by its name (its aria-label). */
  tree(name: string): Locator {
    return this.page.getByRole('tree', { name, exact: true });
  }

  /** An item of a tree (`tree` a locator from tree() or a view name), by its accessible name. */
  treeItem(tree: Locator | string, name: string | RegExp): Locator {
    const t = typeof tree === 'string' ? this.tree(tree) : tree;
    return t.getByRole('treeitem', { name }).first();
  }

  /** All items currently rendered in a tree (virtualised: only the visible ones). */
  treeItems(tree: Locator | string): Locator {
    const t = typeof tree === 'string' ? this.tree(tree) : tree;
    return t.getByRole('treeitem');
  }

  /** Expands a tree item if it is collapsed. */
  async expand(item: Locator): Promise<void> {
    if ((await item.getAttribute('aria-expanded')) === 'false') await item.locator('.monaco-tl-twistie').click();
  }

  /** Right-clicks `item` and chooses the context-menu entry with `text`. */
  async contextMenu(item: Locator, text: string | RegExp): Promise<void> {
    await item.click({ button: 'right' });
    const entry = this.page.locator('.context-view .monaco-menu a.action-menu-item', { hasText: text }).first();
    await entry.waitFor({ state: 'visible' });
    await entry.click();
  }

  /** Labels of the entries of the context menu of `item` (the menu is closed again). */
  async contextMenuEntries(item: Locator): Promise<string[]> {
    await item.click({ button: 'right' });
    const entries = this.page.locator('.context-view .monaco-menu a.action-menu-item .action-label');
    await entries.first().waitFor({ state: 'visible' });
    const texts = (await entries.allInnerTexts()).map(s => s.trim()).filter(Boolean);
    await this.page.keyboard.press('Escape');
    return texts;
  }

  // --- commands, inputs, notifications ----------------------------------------------------------

  /** Runs a command from the command palette (F1) by its title, e.g. 'WARP Fleet: Refresh'. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.quickInput();
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ state: 'visible' });
    await row.click();
  }

  /** The quick input's text box (command palette, showInputBox, showQuickPick). */
  quickInput(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-box input');
  }

  /** Picks an entry of an open quick pick by its label. */
  async pick(label: string | RegExp): Promise<void> {
    const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: label }).first();
    await row.waitFor({ state: 'visible' });
    await row.click();
  }

  /**
   * The messages of all notifications. The smoke-test driver suppresses toasts, so this opens the
   * notification center (status bar bell), reads it and closes it again.
   */
  async notifications(): Promise<string[]> {
    const center = this.page.locator('.notifications-center');
    const wasOpen = await center.isVisible().catch(() => false);
    if (!wasOpen) await this.page.locator('#status\\.notifications').click();
    await center.waitFor({ state: 'visible' });
    const texts = (await center.locator('.notification-list-item-message').allInnerTexts()).map(s => s.trim());
    if (!wasOpen) await this.page.keyboard.press('Escape');
    return texts;
  }

  /** Waits until a notification whose message matches `text` exists; returns its message. */
  async waitForNotification(text: string | RegExp, timeoutMs = 20000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await this.notifications()).find(m => (typeof text === 'string' ? m.includes(text) : text.test(m)));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no notification matching ${text}`);
      await this.page.waitForTimeout(500);
    }
  }

  // --- evidence ----------------------------------------------------------------------------------

  /** Saves a PNG of the whole window to test-results/screenshots/<name-prefix>-NN-<name>.png. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${slug(this.name)}-${String(++this.shots).padStart(2, '0')}-${slug(name)}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /**
   * Runs one step of a scenario. On failure it prints which step failed, keeps a screenshot of that
   * moment and rethrows (with the step's name in the message).
   */
  async step<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const started = Date.now();
    try {
      const result = await fn();
      if (process.env.WARP_FLEET_VERBOSE === '1') console.log(`      ✓ step: ${name} (${Date.now() - started} ms)`);
      return result;
    } catch (e) {
      const shot = await this.screenshot(`FAILED-${name}`).catch(() => '(screenshot failed)');
      console.log(`      ✘ step failed: ${name} (after ${Date.now() - started} ms)\n        screenshot: ${path.relative(process.cwd(), shot)}`);
      const err = e instanceof Error ? e : new Error(String(e));
      err.message = `step "${name}" failed: ${err.message}`;
      throw err;
    }
  }
}

function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'shot';
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
