// Shared by the devices*.test.ts suites: sign in against a simulator, walk the Devices tree.
import * as vscode from 'vscode';
import type { WarpFleetApi } from '../../../src/extension';
import type { Device } from '../../../src/api/types';
import type { DeviceNode } from '../../../src/views/devices/deviceNode';
import type { TreeNode } from '../../../src/views/nodes';
import type { CloudflareSimulator } from '../../simulator/server';
import { extensionApi, hoveredItem, labelOf, resetExtensionState, signIn, startSimulator } from './helpers';

/** Signs the extension in to `sim` through the environment (as auth.test.ts does) and loads the devices. */
export async function signInTo(api: WarpFleetApi, sim: CloudflareSimulator): Promise<void> {
  await signIn(api, sim);
  await api.model.devices.reload();
  if (api.model.devices.state.kind !== 'loaded') throw new Error(`devices did not load: ${api.model.devices.state.kind}`);
}

/** Back to the default grouping/sorting and no filter. */
export async function resetDeviceView(api: WarpFleetApi): Promise<void> {
  await api.views.devices.options.set({ groupBy: 'os', sortBy: 'name', filter: '' });
}

export async function children(api: WarpFleetApi, node?: TreeNode): Promise<TreeNode[]> {
  return (await api.views.devices.getChildren(node)) ?? [];
}

export async function item(api: WarpFleetApi, node: TreeNode): Promise<vscode.TreeItem> {
  return api.views.devices.getTreeItem(node);
}

/** The item as VS Code has it once the pointer rests on it: what resolveTreeItem adds (the tooltip). */
export function hovered(api: WarpFleetApi, node: TreeNode): Promise<vscode.TreeItem> {
  return hoveredItem(api.views.devices, node);
}

/**
 * The extension runs from the esbuild bundle (dist/) and the tests from out/: classes differ, so
 * nodes are recognised by shape, not instanceof.
 */
export function isDeviceNode(n: unknown): n is DeviceNode {
  return typeof n === 'object' && n !== null && typeof (n as { device?: Device }).device?.id === 'string';
}

/** Every device node the tree shows (root, and one level of groups), as a person expanding every group sees. */
export async function deviceNodes(api: WarpFleetApi): Promise<DeviceNode[]> {
  const out: DeviceNode[] = [];
  for (const n of await children(api)) {
    if (isDeviceNode(n)) out.push(n);
    else for (const c of await children(api, n)) if (isDeviceNode(c)) out.push(c);
  }
  return out;
}

export async function labels(api: WarpFleetApi, node?: TreeNode): Promise<string[]> {
  return Promise.all((await children(api, node)).map(async n => labelOf(await item(api, n))));
}

/** The Devices view's description ("300 devices", "12 · filter: lon"). */
export function viewDescription(api: WarpFleetApi): string | undefined {
  return (api.views.devices as unknown as { view?: vscode.TreeView<TreeNode> }).view?.description;
}

/** Records error notifications during `fn` (withPrompts covers warnings and information only). */
export async function captureErrors<T>(fn: () => Thenable<T> | Promise<T>): Promise<{ result: T; errors: string[] }> {
  const w = vscode.window as unknown as Record<string, unknown>;
  const saved = w.showErrorMessage;
  const errors: string[] = [];
  w.showErrorMessage = async (text: string) => {
    errors.push(text);
    return undefined;
  };
  try {
    return { result: await fn(), errors };
  } finally {
    w.showErrorMessage = saved;
  }
}

export function revokeRequests(sim: CloudflareSimulator, action: 'revoke' | 'unrevoke' = 'revoke') {
  return sim.requests.filter(r => r.method === 'POST' && r.path === `/accounts/${sim.accountId}/devices/${action}`);
}

/**
 * The hooks of a suite signed in to its own legacy simulator of `devices` devices: started, signed in
 * and the Devices view reset before the suite; faults cleared, the extension reset and the simulator
 * closed after. `use` receives the extension's test API and the simulator once they are ready.
 */
export function signedInDevicesSuite(devices: number, use: (api: WarpFleetApi, sim: CloudflareSimulator) => void): void {
  let api: WarpFleetApi;
  let sim: CloudflareSimulator;
  before(async () => {
    api = await extensionApi();
    sim = await startSimulator({ devices });
    await api.model.forgetDeviceApi();
    await resetDeviceView(api);
    await signInTo(api, sim);
    use(api, sim);
  });
  after(async () => {
    sim.clearFaults();
    await resetExtensionState(api);
    await sim.close();
  });
}
