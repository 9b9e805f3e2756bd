// UI test harness: a real VS Code workbench (code-server + headless Chromium via playwright-core) with the
// extension loaded in development mode and signed in to an in-process Cloudflare API simulator.
//
//   const wb = await Workbench.start({ simulator: { devices: 3000 } });
//   beforeEach(() => wb.reset());          // every test starts from the same workbench
//   await wb.step('open the container', () => wb.openContainer('WARP Fleet'));
//   await wb.close();
//
// Every wait here is on a state (an element, a tree's rows, the simulator's records), never a fixed
// sleep: on a busy 2-core machine any fixed delay is sometimes too short.
// Selectors are those that work on VS Code 1.139 (code-server 4.139.1); see ../shared/real-vscode.md.
import * as fs from 'fs';
import * as path from 'path';
import type { Frame, FrameLocator, Locator, Page } from 'playwright-core';
import { CloudflareSimulator } from '../simulator/server';
import { launchBrowser, type Browser } from '../vscode/browser';
import { onCleanup, ownedTempDir } from '../vscode/cleanup';
import { startCodeServer, type CodeServer } from '../vscode/server';
import { loadTools, REPO_ROOT } from '../vscode/tools';
import { ListEditor } from './listEditor';
import { escapeRe, pollUntil, slug } from './util';

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
const VIEWS = ['Devices', 'Profiles', 'Connectors'];
const MENU = '.context-view .monaco-menu';
/** How long the workbench may take to load and restore (a busy machine's worst case, not a sleep). */
const STARTUP_MS = 120000;

/** The list each view loads: devices, profiles, tunnels. */
const VIEW_LISTS = [/\/devices(\/physical-devices|\/registrations)?$/, /\/devices\/policies$/, /\/warp_connector$/];

export class Workbench {
  private shots = 0;
  /** The Split Tunnel / Local Domain Fallback editor in the active webview. */
  readonly listEditor = new ListEditor(this);

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
      // The first load of the workbench's scripts takes tens of seconds on a busy 2-core machine: start-up
      // gets its own budget (the default 20 s is for single steps), and ready() says when it is done.
      await page.goto(server.workbenchUrl({ folder, extensionDevelopmentPath: REPO_ROOT }), { waitUntil: 'commit', timeout: STARTUP_MS });
      const wb = new Workbench(page, server, parts.sim, opts.name ?? 'ui', closeAll);
      await wb.ready();
      return wb;
    } catch (e) {
      await closeAll();
      throw e;
    }
  }

  /** Stops the browser, code-server and the simulator; removes the temp folder. Idempotent. */
  close(): Promise<void> {
    return this.closeAll();
  }

  /**
   * Waits until the workbench takes input and knows the extension: VS Code's own "restored" phase,
   * reported by the smoke-test driver (window.driver), then WARP Fleet's activity-bar entry. The
   * activity bar is drawn well before the keybinding service and the contributions are ready; a key
   * pressed in between (Ctrl+P, F1) is lost.
   */
  async ready(timeoutMs = STARTUP_MS): Promise<void> {
    await this.page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: timeoutMs });
    await this.page.waitForFunction(() => Boolean((window as unknown as { driver?: unknown }).driver), undefined, { timeout: timeoutMs });
    await this.page.evaluate(() => (window as unknown as { driver: { whenWorkbenchRestored(): Promise<void> } }).driver.whenWorkbenchRestored());
    // Restored is not yet "the extension is known": its contributions (the container, its commands in
    // the palette) arrive once the extension host has scanned it.
    await this.activityBarItem('WARP Fleet').waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /** "Developer: Reload Window", waiting for the new page (not the old one, still drawn) to be ready. */
  async reload(): Promise<void> {
    // A new extension host starts with no view loaded: only what it fetches from now on counts.
    this.listsLoaded.clear();
    this.requestsSeen = this.sim?.requests.length ?? 0;
    const loaded = this.page.waitForEvent('load', { timeout: STARTUP_MS });
    await this.runCommand('Developer: Reload Window');
    await loaded;
    await this.ready();
  }

  /**
   * Brings the workbench to the same state before every test: no menu, quick input, dialog or hover
   * left by a failed step; no editors; the simulator back to its generated fleet (no faults, no
   * recorded requests) and the views reloaded from it; every WARP Fleet tree collapsed.
   * Extension-side view options (filters, grouping) are the test files' own business.
   */
  async reset(opts: { simulator?: boolean } = {}): Promise<void> {
    await this.dismissOverlays();
    const tabs = this.page.locator('.tabs-container .tab');
    if ((await tabs.count()) > 0) {
      await this.runCommand('View: Close All Editors');
      await pollUntil(async () => (await tabs.count()) === 0, 'the editors to close');
    }
    if (this.sim && opts.simulator !== false) {
      // The extension caches what it loaded: if it has talked to the simulator, reload its views.
      const lists = this.loadedLists();
      this.sim.reset();
      this.requestsSeen = 0;
      if (lists.length) await this.refreshViews(lists);
    }
    for (const view of VIEWS) await this.collapseTree(view);
    await this.page.mouse.move(0, 0);
  }

  /**
   * The lists of the views this extension host has loaded so far (Refresh reloads only those; a view
   * once loaded stays so until the window reloads).
   */
  private loadedLists(): RegExp[] {
    const requests = this.sim!.requests.slice(this.requestsSeen);
    for (const re of VIEW_LISTS) if (requests.some(r => r.method === 'GET' && re.test(r.path))) this.listsLoaded.add(re);
    return VIEW_LISTS.filter(re => this.listsLoaded.has(re));
  }
  private readonly listsLoaded = new Set<RegExp>();
  /** Requests recorded before this index came from an extension host that a reload replaced. */
  private requestsSeen = 0;

  /**
   * "WARP Fleet: Refresh", returning once the lists of the loaded views (or `lists`) were fetched
   * again and no view shows its progress bar any more (the trees then show the simulator's current
   * state). A view never shown is not loaded by Refresh, so it is not waited for.
   */
  async refreshViews(lists = this.loadedLists()): Promise<void> {
    const sim = this.sim!;
    const from = sim.requests.length;
    await this.runCommand('WARP Fleet: Refresh');
    const fetched = (re: RegExp) => sim.requests.slice(from).some(r => r.method === 'GET' && re.test(r.path));
    await pollUntil(() => lists.every(fetched), `the refreshed lists (${lists.map(String).join(', ')})`);
    await this.page.locator('.part.sidebar .monaco-progress-container.active').first().waitFor({ state: 'hidden' });
  }

  /** Closes a context menu, quick input, dialog or notification center, whichever is open. */
  async dismissOverlays(): Promise<void> {
    const overlays = [
      this.page.locator(MENU),
      this.page.locator('.quick-input-widget'),
      this.page.locator('.monaco-dialog-box'),
      this.page.locator('.notifications-center'),
    ];
    for (const o of overlays) {
      if (await o.first().isVisible()) {
        await this.page.keyboard.press('Escape');
        await o.first().waitFor({ state: 'hidden' });
      }
    }
  }

  /** Polls a condition outside the page (the simulator's state or records) until it holds. */
  waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20000): Promise<void> {
    return pollUntil(check, what, timeoutMs);
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
    await pollUntil(async () => (await header.getAttribute('aria-expanded')) === 'true', `the ${name} view to expand`);
  }

  /** Collapses a view section, e.g. to give another one the room. */
  async collapseView(name: string): Promise<void> {
    const header = this.viewHeader(name);
    if ((await header.count()) === 0 || (await header.getAttribute('aria-expanded')) !== 'true') return;
    await header.click();
    await pollUntil(async () => (await header.getAttribute('aria-expanded')) === 'false', `the ${name} view to collapse`);
  }

  /** Shows only `name` of the WARP Fleet views, expanded (the others collapsed). */
  async focusView(name: string): Promise<void> {
    await this.openContainer('WARP Fleet');
    for (const v of VIEWS) if (v !== name) await this.collapseView(v);
    await this.expandView(name);
  }

  /**
   * Devices alone in the container (the other two views collapsed), a side bar wide enough for the
   * descriptions, and the OS groups shown: where the device scenarios start.
   */
  async showDevices(): Promise<void> {
    await this.step('give Devices the room', async () => {
      await this.focusView('Devices');
      await this.widenSidebar(600);
    });
    await this.step('the Devices view shows the OS groups', () => this.treeItem('Devices', /^Windows/).waitFor({ state: 'visible', timeout: 60000 }));
  }

  /** Drags the side bar's edge until it is `width` px wide, so descriptions fit (as an admin would). */
  async widenSidebar(width: number): Promise<void> {
    const box = await this.page.locator('.part.sidebar').boundingBox();
    if (!box || box.width >= width) return;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width + 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width, y, { steps: 5 });
    await this.page.mouse.up();
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
    await this.chooseMenuEntry(() => scope.locator('.actions .action-label[aria-label^="More Actions"]').first().click(), label);
  }

  /** Collapses every node of a WARP Fleet tree (its "Collapse All" title action), if any is expanded. */
  async collapseTree(view: string): Promise<void> {
    const header = this.viewHeader(view);
    if ((await header.count()) === 0 || (await header.getAttribute('aria-expanded')) !== 'true') return;
    const expanded = this.tree(view).locator('[role="treeitem"][aria-expanded="true"]');
    if ((await expanded.count()) === 0) return;
    await this.viewAction(view, 'Collapse All');
    await pollUntil(async () => (await expanded.count()) === 0, `the ${view} tree to collapse`);
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

  /**
   * The rendered rows as "level|label description", read in one go: the tree re-renders while it
   * loads, and reading row by row can pair one row's level with another row's text.
   */
  treeRows(tree: Locator | string): Promise<string[]> {
    return this.treeItems(tree).evaluateAll(items =>
      items.map(el => {
        const text = ['.label-name', '.label-description'].map(c => el.querySelector(c)?.textContent ?? '').join(' ');
        return `${el.getAttribute('aria-level')}|${text.replace(/\s+/g, ' ').trim()}`;
      }),
    );
  }

  /** Waits until the tree's rows pass `check`; returns them (the error names what the tree shows). */
  async waitForRows(tree: Locator | string, check: (rows: string[]) => boolean, what: string, timeoutMs = 30000): Promise<string[]> {
    let rows: string[] = [];
    try {
      await pollUntil(async () => check((rows = await this.treeRows(tree))), what, timeoutMs);
    } catch {
      throw new Error(`${what}: not shown; the tree shows ${JSON.stringify(rows)}`);
    }
    return rows;
  }

  /** Expands a tree item if it is collapsed, and waits until it is. */
  async expand(item: Locator): Promise<void> {
    await item.waitFor({ state: 'visible' });
    if ((await item.getAttribute('aria-expanded')) === 'false') await item.locator('.monaco-tl-twistie').click();
    await pollUntil(async () => (await item.getAttribute('aria-expanded')) !== 'false', 'the tree item to expand');
  }

  // --- menus, commands, inputs, dialogs, notifications -------------------------------------------

  /**
   * Opens a menu with `open` and runs its entry `text`. VS Code's menu items take a mouse click only
   * from 100 ms after they are drawn (a timer, later still on a busy machine): a click before that is
   * dropped and the menu stays open. So the entry is chosen as a keyboard user does: hovered until it
   * holds the focus, then Enter; the menu closing confirms it ran.
   */
  private async chooseMenuEntry(open: () => Promise<void>, text: string | RegExp): Promise<void> {
    await open();
    const menu = this.page.locator(MENU);
    const item = menu.locator('li.action-item', { has: this.page.locator('a.action-menu-item', { hasText: text }) }).first();
    await item.waitFor({ state: 'visible' });
    await item.hover();
    await pollUntil(async () => /\bfocused\b/.test((await item.getAttribute('class')) ?? ''), `the menu entry "${text}" to take the focus`);
    await this.page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden' });
  }

  /** Right-clicks `item` and runs the context-menu entry `text`. */
  contextMenu(item: Locator, text: string | RegExp): Promise<void> {
    return this.chooseMenuEntry(() => item.click({ button: 'right' }), text);
  }

  /** Labels of the entries of the context menu of `item` (the menu is closed again). */
  async contextMenuEntries(item: Locator): Promise<string[]> {
    await item.click({ button: 'right' });
    const entries = this.page.locator(`${MENU} a.action-menu-item .action-label`);
    await entries.first().waitFor({ state: 'visible' });
    const texts = (await entries.allInnerTexts()).map(s => s.trim()).filter(Boolean);
    await this.page.keyboard.press('Escape');
    await this.page.locator(MENU).waitFor({ state: 'hidden' });
    return texts;
  }

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

  /** Waits for a quick input whose title matches (a multi-step prompt's current step). */
  async waitForPrompt(title: string | RegExp): Promise<void> {
    await this.page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ state: 'visible' });
  }

  /** Waits for the prompt titled `title`, types `text` and presses Enter. */
  async answer(title: string | RegExp, text: string): Promise<void> {
    await this.waitForPrompt(title);
    await this.quickInput().fill(text);
    await this.page.keyboard.press('Enter');
  }

  /** Picks an entry of an open quick pick by its label. */
  async pick(label: string | RegExp): Promise<void> {
    const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: label }).first();
    await row.waitFor({ state: 'visible' });
    await row.click();
  }

  /** Waits for the modal dialog, checks its text against `text`, presses `button`; returns the text. */
  async confirmDialog(button: string, text?: RegExp): Promise<string> {
    const dialog = this.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible' });
    const message = (await dialog.innerText()).replace(/\s+/g, ' ');
    if (text && !text.test(message)) throw new Error(`the dialog says "${message}", expected ${text}`);
    await dialog.locator('.monaco-button', { hasText: new RegExp(`^${escapeRe(button)}$`) }).first().click();
    await dialog.waitFor({ state: 'hidden' });
    return message;
  }

  /**
   * The messages of all notifications. The smoke-test driver suppresses toasts, so this opens the
   * notification center (status bar bell), reads it and closes it again.
   */
  async notifications(): Promise<string[]> {
    return this.withNotificationCenter(center => center.locator('.notification-list-item-message').allInnerTexts().then(t => t.map(s => s.trim())));
  }

  /** Waits until a notification whose message matches `text` exists; returns its message. */
  async waitForNotification(text: string | RegExp, timeoutMs = 20000): Promise<string> {
    return this.withNotificationCenter(async center => {
      const message = center.locator('.notification-list-item-message', { hasText: text }).first();
      await message.waitFor({ state: 'visible', timeout: timeoutMs });
      return (await message.innerText()).trim();
    });
  }

  private async withNotificationCenter<T>(fn: (center: Locator) => Promise<T>): Promise<T> {
    const center = this.page.locator('.notifications-center');
    const wasOpen = await center.isVisible();
    if (!wasOpen) await this.page.locator('#status\\.notifications').click();
    await center.waitFor({ state: 'visible' });
    try {
      return await fn(center);
    } finally {
      if (!wasOpen) {
        await this.page.keyboard.press('Escape');
        await center.waitFor({ state: 'hidden' });
      }
    }
  }

  // --- editors and webviews ----------------------------------------------------------------------

  /** An editor tab, by (a part of) its title. */
  tab(title: string | RegExp): Locator {
    return this.page.locator('.tabs-container .tab', { hasText: title }).first();
  }

  /** The document of the webview shown in the editor area (hidden webviews stay in the page). */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready:visible').frameLocator('iframe#active-frame');
  }

  /** The outer frame (VS Code's webview host) of the shown webview, for what the document posts out. */
  async webviewHost(): Promise<Frame> {
    const handle = await this.page.locator('iframe.webview.ready:visible').elementHandle();
    const frame = await handle?.contentFrame();
    if (!frame) throw new Error('no webview is shown');
    return frame;
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
