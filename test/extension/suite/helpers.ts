// Shared by the extension-host suites: the extension's API, a simulator, scripted answers to prompts.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { WarpFleetApi } from '../../../src/extension';
import type { TreeNode } from '../../../src/views/nodes';
import { CloudflareSimulator, type SimulatorOptions } from '../../simulator/server';

export const EXTENSION_ID = 'warp-fleet.warp-fleet';

export async function extensionApi(): Promise<WarpFleetApi> {
  const ext = vscode.extensions.getExtension<WarpFleetApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} not loaded`);
  const api = await ext.activate();
  // activate() gives its API only in ExtensionMode.Test (the suites run in it), never to other extensions.
  assert.ok(api, 'the extension returned no API: the suites must run in ExtensionMode.Test');
  return api;
}

/** Starts a simulator and points the extension at it (user settings, as an admin would). */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<CloudflareSimulator> {
  const sim = await CloudflareSimulator.start({ devices: 300, ...opts });
  const config = vscode.workspace.getConfiguration();
  await config.update('warpFleet.apiBaseUrl', sim.baseUrl, vscode.ConfigurationTarget.Global);
  return sim;
}

/**
 * Signs the extension in to `sim` as an admin with CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID set
 * would be (the settings point at `sim` already: startSimulator), and waits for the session on THIS
 * simulator's account, not one a previous suite left behind.
 */
export async function signIn(api: WarpFleetApi, sim: CloudflareSimulator): Promise<void> {
  await vscode.workspace.getConfiguration().update('warpFleet.apiBaseUrl', sim.baseUrl, vscode.ConfigurationTarget.Global);
  process.env.CLOUDFLARE_API_TOKEN = sim.token;
  process.env.CLOUDFLARE_ACCOUNT_ID = sim.accountId;
  api.session.reload();
  await waitFor(async () => (await api.session.current())?.accountId === sim.accountId, 'the session on the simulator');
}

export interface SignedInSimulator {
  readonly sim: CloudflareSimulator;
  readonly api: WarpFleetApi;
}

/**
 * The signed-in-simulator hook of a suite. Call it inside `describe`: before() starts a simulator with
 * `opts`, points the extension at it and signs in (signIn); after() signs out, clears the stored state
 * and stops the simulator, also when a test failed. Returns accessors for the tests.
 */
export function signedInSimulator(opts: SimulatorOptions = {}): SignedInSimulator {
  let sim: CloudflareSimulator | undefined;
  let api: WarpFleetApi | undefined;
  before(async function () {
    this.timeout(60000);
    api = await extensionApi();
    await resetExtensionState(api);
    sim = await startSimulator(opts);
    await signIn(api, sim);
  });
  after(async function () {
    this.timeout(60000);
    if (api) await resetExtensionState(api);
    await sim?.close();
  });
  return {
    get sim() {
      assert.ok(sim, 'the simulator is not started (signedInSimulator() runs in before())');
      return sim;
    },
    get api() {
      assert.ok(api, 'the extension is not activated (signedInSimulator() runs in before())');
      return api;
    },
  };
}

type Answer = string | undefined | ((items: readonly unknown[]) => unknown);

/**
 * Replaces the window's prompts with scripted answers for the duration of `fn`. Every prompt must be
 * expected, in order: an unexpected one fails the test at once instead of hanging it.
 */
export async function withPrompts<T>(script: { kind: 'input' | 'quickPick' | 'warning' | 'info'; answer: Answer; match?: RegExp }[], fn: () => Thenable<T> | Promise<T>): Promise<{ result: T; seen: string[] }> {
  const w = vscode.window as unknown as Record<string, unknown>;
  const saved = { showInputBox: w.showInputBox, showQuickPick: w.showQuickPick, showWarningMessage: w.showWarningMessage, showInformationMessage: w.showInformationMessage };
  const queue = [...script];
  const seen: string[] = [];
  const take = (kind: string, text: string) => {
    seen.push(`${kind}: ${text}`);
    const next = queue.shift();
    if (!next) throw new Error(`unexpected ${kind} prompt: ${text}`);
    if (next.kind !== kind) throw new Error(`expected a ${next.kind} prompt, got ${kind}: ${text}`);
    if (next.match && !next.match.test(text)) throw new Error(`${kind} prompt "${text}" does not match ${next.match}`);
    return next.answer;
  };
  w.showInputBox = async (o?: vscode.InputBoxOptions) => {
    const a = take('input', `${o?.title ?? ''} ${o?.prompt ?? ''}`);
    if (typeof a === 'string' && o?.validateInput) {
      const problem = await o.validateInput(a);
      if (problem) throw new Error(`input "${a}" refused: ${JSON.stringify(problem)}`);
    }
    return a;
  };
  w.showQuickPick = async (items: unknown, o?: vscode.QuickPickOptions) => {
    const list = (await items) as readonly unknown[];
    const a = take('quickPick', o?.title ?? o?.placeHolder ?? '');
    return typeof a === 'function' ? a(list) : a;
  };
  const message = (kind: 'warning' | 'info', original: unknown) =>
    async (text: string, ...rest: unknown[]) => {
      const first = rest[0];
      const modal = typeof first === 'object' && first !== null && 'modal' in first && (first as vscode.MessageOptions).modal;
      if (!modal && !queue.some(q => q.kind === kind)) {
        seen.push(`${kind}: ${text}`);
        return (original as (...a: unknown[]) => unknown).call(vscode.window, text, ...rest);
      }
      const a = take(kind, text);
      return typeof a === 'function' ? a(rest) : a;
    };
  w.showWarningMessage = message('warning', saved.showWarningMessage);
  w.showInformationMessage = message('info', saved.showInformationMessage);
  try {
    const result = await fn();
    assert.deepStrictEqual(queue, [], `prompts not shown: ${queue.map(q => q.kind).join(', ')}`);
    return { result, seen };
  } finally {
    Object.assign(w, saved);
  }
}

/** Waits until `check` returns a truthy value (views load asynchronously). */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 15000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last as NonNullable<T>;
    await new Promise(r => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

/** The labels of a tree's root items as the view would show them. */
export async function rootLabels(provider: vscode.TreeDataProvider<TreeNode>): Promise<string[]> {
  const nodes = (await provider.getChildren()) ?? [];
  return Promise.all(nodes.map(async n => labelOf(await provider.getTreeItem(n))));
}

/**
 * The item as VS Code has it once the pointer rests on it: getTreeItem, then resolveTreeItem, which
 * adds what a node makes only on demand (its Markdown tooltip, TreeNode.resolveTooltip).
 */
export async function hoveredItem(provider: vscode.TreeDataProvider<TreeNode>, node: TreeNode): Promise<vscode.TreeItem> {
  const drawn = await provider.getTreeItem(node);
  return (await provider.resolveTreeItem?.(drawn, node, new vscode.CancellationTokenSource().token)) ?? drawn;
}

export function labelOf(item: vscode.TreeItem): string {
  const l = item.label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}

/** Clears stored credentials and settings so each suite starts signed out. */
export async function resetExtensionState(api: WarpFleetApi): Promise<void> {
  for (const k of ['CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_EMAIL', 'CLOUDFLARE_API_KEY', 'CLOUDFLARE_ACCOUNT_ID']) delete process.env[k];
  await vscode.commands.executeCommand('warpFleet.signOut');
  await vscode.workspace.getConfiguration().update('warpFleet.accountId', undefined, vscode.ConfigurationTarget.Global);
  api.session.reload();
  await waitFor(async () => !(await api.session.current()), 'signed out');
}

/**
 * Timers a test fires itself (AutoRefresh takes them), so "nothing happens while hidden" is shown by
 * what is scheduled rather than by sleeping through an interval.
 */
export function manualTimers(): { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void; readonly pending: number[]; fire(): void } {
  const queue = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  return {
    set: (fn, ms) => {
      queue.set(next, { fn, ms });
      return next++;
    },
    clear: handle => void queue.delete(handle as number),
    get pending() {
      return [...queue.values()].map(t => t.ms);
    },
    fire() {
      const first = [...queue.entries()][0];
      assert.ok(first, 'no timer is scheduled');
      queue.delete(first[0]);
      first[1].fn();
    },
  };
}
