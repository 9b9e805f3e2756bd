// Debian's Chromium driven by playwright-core, as the VS Code window.
import * as fs from 'fs';
import type { BrowserContext, Page } from 'playwright-core';
import { delay, makeTempDir, onCleanup } from './cleanup';
import { loadTools, type Tools } from './tools';

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

export interface LaunchBrowserOptions {
  tools?: Tools;
  /** Chromium profile folder; default a fresh one under a temp dir. */
  profileDir?: string;
  headless?: boolean;
  viewport?: { width: number; height: number };
}

/** Headless Chromium (Debian's) via playwright-core, with a fresh profile. */
export async function launchBrowser(opts: LaunchBrowserOptions = {}): Promise<Browser> {
  const tools = opts.tools ?? loadTools();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  const profileDir = opts.profileDir ?? makeTempDir('warp-fleet-chromium-');
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: tools.chromium,
    headless: opts.headless ?? true,
    viewport: opts.viewport ?? { width: 1440, height: 900 },
    // our own cleanup handles signals; playwright still kills the browser on process exit
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--password-store=basic',
    ],
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    unregister();
    await Promise.race([context.close().catch(() => undefined), delay(10000)]);
    if (!opts.profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
  };
  const unregister = onCleanup(close);
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, close };
}
