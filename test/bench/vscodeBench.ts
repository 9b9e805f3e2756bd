/**
 * The extension in a real VS Code (code-server + headless Chromium, through the UI harness in
 * test/ui/workbench.ts, which starts the simulator in this process):
 *  (a) activated as every user gets it, by VS Code after start-up finished (package.json's
 *      onStartupFinished), in the first window and after each reload, with the WARP Fleet container
 *      never opened: how many requests reached the API before any view was shown (goal 0);
 *  (b) the activation time VS Code's extension host measured itself, read from "Developer: Show
 *      Running Extensions", beside a built-in extension's in the same window, and the activation
 *      reason VS Code gives (its hover);
 *  (c) the container opened: requests and time until the Devices view shows items, beside the pages
 *      the listing needs and the same listing done directly by the client.
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { CloudflareClient } from '../../src/api/client';
import { listDevices } from '../../src/api/devices';
import type { CloudflareSimulator } from '../simulator/server';
import { Workbench } from '../ui/workbench';
import { ownedTempDir } from '../vscode/cleanup';
import { loadTools, REPO_ROOT } from '../vscode/tools';
import { pollUntil } from '../ui/util';
import type { Row } from './bench';
import { fmtMs, fmtRatio } from './timing';

const MEASURES = {
  calls: 'network calls from start-up through activation until a view is shown',
  activation: 'activation time in VS Code (the extension host\'s own "Activation: N ms")',
  requests: 'requests until the Devices view shows items',
  time: 'time from opening WARP Fleet until the Devices view shows items',
};

/**
 * The baseline: a built-in of similar size (223 KB against our ~160 KB bundle), activated on demand by
 * opening a .php file in the same window, once the start-up activations are over (so it runs alone).
 */
const BASELINE = { label: 'php-language-features', title: 'vscode.php-language-features', file: 'bench.php' };
/**
 * A built-in that activates as we do, after start-up finished, in the same batch: its time is given
 * beside ours in the note, and the baseline waits until it has activated too.
 */
const STARTUP_PEER = { label: 'merge-conflict', title: 'vscode.merge-conflict' };
/** What VS Code's hover says of an activation by onStartupFinished ("Activated by {0} after start-up finished"). */
const AFTER_STARTUP = 'after start-up finished';
/** Activations measured: the first window, then after each "Reload Window" (a new extension host). */
const SAMPLES = Number(process.env.BENCH_ACTIVATIONS ?? 5);

/** Placeholder items the views show instead of data (errors, progress, sign-in). */
const NOT_DATA = /ENOTFOUND|ECONNREFUSED|error|failed|retry|sign in|loading/i;

interface RunningExtension {
  /** The row's aria-label: the extension's `name` from its package.json. */
  label: string;
  activationMs: number;
}

function placeholderRows(value: string, note: string): Row[] {
  return Object.values(MEASURES).map(measure => ({ measure, value, baseline: '', ratio: '', note }));
}

/**
 * The rows of "Running Extensions" (a virtualised list: scrolled through until every `want` is seen),
 * read again until every `want` shows its activation time: the state waited for, an extension that
 * activates at start-up may not have yet.
 */
async function runningExtensions(wb: Workbench, want: string[], timeoutMs = 60000): Promise<Map<string, RunningExtension>> {
  const seen = new Map<string, RunningExtension>();
  await pollUntil(
    async () => {
      await readRunningExtensions(wb, want, seen);
      return want.every(w => seen.has(w));
    },
    `${want.join(', ')} in Running Extensions`,
    timeoutMs,
    500,
  ).catch(() => undefined);
  return seen;
}

/** One reading of "Running Extensions", opened again (it lists what has activated when it opens). */
async function readRunningExtensions(wb: Workbench, want: string[], seen: Map<string, RunningExtension>): Promise<void> {
  await closeRunningExtensions(wb);
  await wb.runCommand('Developer: Show Running Extensions');
  const rowSel = '.runtime-extensions-editor .monaco-list-row';
  await wb.page.locator(`${rowSel} .activation-time`).first().waitFor({ state: 'visible' });
  const missing = () => want.some(w => !seen.has(w));
  for (let page = 0; page < 10 && missing(); page++) {
    const rows = await wb.page.$$eval(rowSel, rs => rs.map(r => [r.getAttribute('aria-label') ?? '', r.querySelector('.activation-time')?.textContent ?? '']));
    for (const [label, text] of rows) {
      const m = /(\d+(?:\.\d+)?)\s*ms/.exec(text);
      if (m) seen.set(label, { label, activationMs: Number(m[1]) });
    }
    if (missing()) {
      await wb.page.locator(rowSel).last().click();
      await wb.page.keyboard.press('PageDown');
    }
  }
}

/** The Running Extensions editor is a modal here: Escape, then no editor left for the next reload to restore. */
async function closeRunningExtensions(wb: Workbench): Promise<void> {
  const tabs = wb.page.locator('.tabs-container .tab');
  if ((await tabs.count()) === 0 && !(await wb.page.locator('.runtime-extensions-editor').isVisible())) return;
  await wb.page.keyboard.press('Escape');
  await wb.page.locator('.runtime-extensions-editor').waitFor({ state: 'hidden' });
  await wb.runCommand('View: Close All Editors');
  await pollUntil(async () => (await tabs.count()) === 0, 'the editors to close');
}

/** What VS Code says activated an extension (the activation time's hover), or '' if it shows none. */
async function activationReason(wb: Workbench, label: string): Promise<string> {
  // A hover sometimes does not open (the pointer already there, the list re-rendered): tried again.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await wb.page.mouse.move(0, 0);
      await wb.page.locator(`.runtime-extensions-editor .monaco-list-row[aria-label="${label}"] .activation-time`).hover();
      const hover = wb.page.locator('.workbench-hover .hover-contents').first();
      await hover.waitFor({ state: 'visible', timeout: 5000 });
      const text = (await hover.innerText()).replace(/\s+/g, ' ').trim();
      await wb.page.mouse.move(0, 0);
      if (/Activated/.test(text)) return text;
    } catch {
      // tried again below
    }
  }
  return '';
}

async function openFile(wb: Workbench, name: string): Promise<void> {
  await wb.page.keyboard.press('Control+P');
  await wb.quickInput().waitFor({ state: 'visible' });
  await wb.quickInput().fill(name);
  await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().click();
  await wb.page.locator('.tabs-container .tab', { hasText: name }).waitFor({ state: 'visible' });
}

interface Sample {
  ours: RunningExtension;
  peer?: RunningExtension;
  base?: RunningExtension;
  /** VS Code's hover on our activation time, e.g. "Activated by warp-fleet.warp-fleet after start-up finished". */
  reason: string;
}

/**
 * One window: WARP Fleet's activation by VS Code after start-up finished (nothing here triggers it),
 * then the baseline's on demand, once ours and the start-up peer have activated (start-up over).
 */
async function activationSample(wb: Workbench, extName: string): Promise<Sample> {
  const atStartup = await runningExtensions(wb, [extName, STARTUP_PEER.label]);
  const ours = atStartup.get(extName);
  if (!ours) throw new Error(`WARP Fleet did not activate after start-up: Running Extensions lists ${[...atStartup.keys()].join(', ')}`);
  const reason = await activationReason(wb, extName);
  await closeRunningExtensions(wb);
  await openFile(wb, BASELINE.file);
  const base = (await runningExtensions(wb, [BASELINE.label])).get(BASELINE.label);
  await closeRunningExtensions(wb);
  return { ours, peer: atStartup.get(STARTUP_PEER.label), base, reason };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** (a) and (b): activations after start-up (over reloads), requests meanwhile, VS Code's activation times. */
async function activation(wb: Workbench, sim: CloudflareSimulator, extName: string): Promise<Row[]> {
  const samples: Sample[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    // The old window stays drawn until the new one loads: waiting for the activity bar returned at once
    // and the next key (Ctrl+P) reached a page being torn down. reload() waits for the new, restored one.
    if (i > 0) await wb.reload();
    samples.push(await activationSample(wb, extName));
  }
  // What the last activate() started (reading credentials, then the status bar's account entry) has
  // finished once that entry shows: anything it sent is recorded by then.
  await wb.page.locator('.part.statusbar .statusbar-item .codicon-cloud').first().waitFor({ state: 'visible', timeout: 60000 });
  const calls = sim.requests.length;
  if (calls !== 0) {
    // A count, not a timing: activate() must not touch the network, so this one fails the run.
    console.error(`WARP Fleet sent ${calls} request(s) before any view was shown: ${sim.requests.map(r => `${r.method} ${r.path}`).join(', ')}`);
    process.exitCode = 1;
  }
  const afterStartup = samples.filter(s => s.reason.includes(AFTER_STARTUP)).length;
  const reasons = [...new Set(samples.map(s => s.reason.replace(/^.*?(Activated by)/, '$1') || 'no reason shown'))];
  const ours = samples.map(s => s.ours.activationMs);
  const paired = samples.filter(s => s.base);
  const base = paired.map(s => s.base!.activationMs);
  const list = (xs: number[]) => xs.map(x => x.toFixed(0)).join(', ');
  const peered = samples.filter(s => s.peer);
  return [
    {
      measure: MEASURES.calls,
      value: String(calls),
      baseline: 'goal 0',
      ratio: calls === 0 ? 'met' : 'NOT met',
      note: `start-up and ${SAMPLES} activations (${afterStartup} of them "${AFTER_STARTUP}" per VS Code); API simulator requests`,
    },
    {
      measure: MEASURES.activation,
      value: fmtMs(median(ours)),
      baseline: paired.length ? `${BASELINE.title} ${fmtMs(median(base))}` : `${BASELINE.title} did not activate`,
      ratio: paired.length ? fmtRatio(median(paired.map(s => s.ours.activationMs / s.base!.activationMs))) : '–',
      note:
        `median of ${SAMPLES} windows (reloads): ours ${list(ours)} ms, activated by VS Code ${afterStartup} of ${SAMPLES} times ${AFTER_STARTUP} (${reasons.join('; ')}); ` +
        `baseline ${list(base)} ms, on demand (a .php file opened) once start-up was over, in the same window (fastest: ${fmtRatio(Math.min(...ours) / Math.min(...base))}); ` +
        `${STARTUP_PEER.title}, activated in the same start-up batch: ${peered.length ? `median ${fmtMs(median(peered.map(s => s.peer!.activationMs)))}, ours ÷ it per window median ${fmtRatio(median(peered.map(s => s.ours.activationMs / s.peer!.activationMs)))} (the host's load at start-up weighs on both)` : 'not seen'}; code loading + activate()`,
    },
  ];
}

async function waitForDeviceItems(wb: Workbench, timeoutMs = 120000): Promise<void> {
  // polled in the page (every animation frame), so the time measured ends when the items are drawn
  await wb.page.waitForFunction(
    notData => {
      const tree = document.querySelector('[role="tree"][aria-label="Devices"]');
      const texts = [...(tree?.querySelectorAll('[role="treeitem"]') ?? [])].map(e => (e as HTMLElement).innerText.replace(/\s+/g, ' ').trim());
      return texts.length > 0 && !texts.some(t => new RegExp(notData, 'i').test(t));
    },
    NOT_DATA.source,
    { timeout: timeoutMs, polling: 'raf' },
  );
}

/** (c): the container opened, requests and time until Devices shows items. */
async function firstView(wb: Workbench, sim: CloudflareSimulator, latencyMs: number): Promise<Row[]> {
  sim.setLatency(latencyMs);
  const before = sim.requests.length;
  const start = performance.now();
  await wb.openContainer('WARP Fleet');
  await wb.expandView('Devices');
  await waitForDeviceItems(wb);
  const elapsed = performance.now() - start;
  const made = sim.requests.slice(before);
  const devicePages = made.filter(r => r.method === 'GET' && /\/devices$/.test(r.path));
  const perPage = Number(devicePages[0]?.query.per_page ?? 100);
  const pages = Math.ceil(sim.state.devices.length / perPage);
  const others = made.length - devicePages.length;
  const byPath = new Map<string, number>();
  for (const r of made.filter(r => !devicePages.includes(r))) {
    const key = `${r.method} ${r.path.replace(/[0-9a-f]{32}/g, '{id}')}`;
    byPath.set(key, (byPath.get(key) ?? 0) + 1);
  }
  const otherNote = others ? `; other: ${[...byPath].map(([p, n]) => `${n}× ${p}`).join(', ')}` : '';

  // The same listing straight from the client, same simulator, latency, page size and concurrency.
  const client = new CloudflareClient({ baseUrl: sim.baseUrl, credentials: () => ({ kind: 'token', token: sim.token }) });
  const t = performance.now();
  await listDevices(client, sim.accountId, { perPage });
  const direct = performance.now() - t;
  sim.setLatency(0);
  const devices = sim.state.devices.length.toLocaleString();
  return [
    {
      measure: `${MEASURES.requests} (${devices} devices)`,
      value: String(made.length),
      baseline: `${pages} pages (per_page ${perPage})`,
      ratio: fmtRatio(made.length / pages),
      note: `${devicePages.length} device pages${otherNote}`,
    },
    {
      measure: `${MEASURES.time} (${latencyMs} ms latency)`,
      value: fmtMs(elapsed),
      baseline: `listDevices alone ${fmtMs(direct)}`,
      ratio: fmtRatio(elapsed / direct),
      note: 'click on the activity bar to items drawn; the client alone: same simulator, latency, per_page, concurrency',
    },
  ];
}

export async function vscodeMeasures(opts: { devices: number; latencyMs: number }): Promise<Row[]> {
  try {
    loadTools();
  } catch {
    return placeholderRows('n/a (run npm run tools)', 'code-server tools not installed');
  }
  const extName = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string }).name;
  const folder = ownedTempDir('warp-fleet-bench-');
  fs.writeFileSync(path.join(folder.path, 'README.md'), '# WARP Fleet bench workspace\n');
  fs.writeFileSync(path.join(folder.path, BASELINE.file), '<?php\necho "baseline";\n');
  let wb: Workbench | undefined;
  try {
    // A tall window, so that Running Extensions shows every row without scrolling.
    wb = await Workbench.start({ name: 'bench', folder: folder.path, simulator: { devices: opts.devices, seed: 1 }, viewport: { width: 1440, height: 1600 } });
    const sim = wb.sim!;
    return [...(await activation(wb, sim, extName)), ...(await firstView(wb, sim, opts.latencyMs))];
  } catch (e) {
    const shot = await wb?.screenshot('bench-failed').catch(() => undefined);
    console.error(`real VS Code measures failed: ${e instanceof Error ? e.message : String(e)}${shot ? `\n  screenshot: ${shot}` : ''}`);
    process.exitCode = 1;
    return placeholderRows('failed', e instanceof Error ? e.message.split('\n')[0] : String(e));
  } finally {
    await wb?.close();
    folder.remove();
  }
}
