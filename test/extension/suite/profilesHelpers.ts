// Shared by the Profiles suites: reading the Profiles tree as the view shows it.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SettingsPolicy } from '../../../src/api/types';
import type { WarpFleetApi } from '../../../src/extension';
import type { TreeNode } from '../../../src/views/nodes';
import type { CloudflareSimulator } from '../../simulator/server';
import { hoveredItem, labelOf, signedInSimulator, type SignedInSimulator } from './helpers';

export interface Row {
  node: TreeNode;
  /** As drawn (getTreeItem). */
  item: vscode.TreeItem;
  /** As on hover, with the tooltip a node makes on demand. */
  hovered: vscode.TreeItem;
  label: string;
  description: string;
  contextValue: string;
  icon?: string;
  color?: string;
}

export async function show(api: WarpFleetApi, nodes: readonly TreeNode[]): Promise<Row[]> {
  return Promise.all(
    nodes.map(async node => {
      const item = await api.views.profiles.getTreeItem(node);
      const hovered = await hoveredItem(api.views.profiles, node);
      const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath : undefined;
      return { node, item, hovered, label: labelOf(item), description: String(item.description ?? ''), contextValue: String(item.contextValue ?? ''), icon: icon?.id, color: icon?.color?.id };
    }),
  );
}

export async function roots(api: WarpFleetApi): Promise<Row[]> {
  return show(api, (await api.views.profiles.getChildren()) ?? []);
}

export async function children(api: WarpFleetApi, parent: Row): Promise<Row[]> {
  return show(api, (await api.views.profiles.getChildren(parent.node)) ?? []);
}

export async function profileRow(api: WarpFleetApi, name: string): Promise<Row> {
  const row = (await roots(api)).find(r => r.label === name);
  assert.ok(row, `profile ${name} not shown`);
  return row;
}

/** Starts a simulator with five custom profiles and signs in to it through the environment. */
/**
 * The profile suites' simulator, signed in for the whole suite (helpers.signedInSimulator); each test
 * then starts from freshProfiles().
 */
export function signedInForProfiles(): SignedInSimulator {
  return signedInSimulator({ devices: 10, profiles: 5 });
}

/** Fresh simulator state, freshly loaded profiles, an empty request log. */
export async function freshProfiles(api: WarpFleetApi, sim: CloudflareSimulator): Promise<void> {
  sim.reset();
  await api.model.profiles.reload();
  assert.equal(api.model.profiles.state.kind, 'loaded');
  sim.requests.length = 0;
}

export function custom(sim: CloudflareSimulator, name: string): SettingsPolicy {
  const p = sim.state.customProfiles.find(x => x.name === name);
  assert.ok(p, `no profile ${name} in the simulator`);
  return p;
}

/** The write requests the simulator recorded (method, path, body). */
export function writes(sim: CloudflareSimulator): { method: string; path: string; body: unknown }[] {
  return sim.requests.filter(r => r.method !== 'GET').map(r => ({ method: r.method, path: r.path, body: r.body }));
}

/** Answers a quick pick with the item whose `key` (a form row) or label matches. */
export function pick(match: (item: Record<string, unknown>) => boolean) {
  return (items: readonly unknown[]) => {
    const found = (items as Record<string, unknown>[]).find(match);
    assert.ok(found, `no matching item among ${(items as { label?: string }[]).map(i => i.label).join(' | ')}`);
    return found;
  };
}

/** Runs `fn` and returns the error messages it showed (the command wrapper's "showErrorMessage"). */
export async function capturingErrors(fn: () => Thenable<unknown> | Promise<unknown>): Promise<string[]> {
  const w = vscode.window as unknown as { showErrorMessage: (...a: unknown[]) => Thenable<unknown> };
  const original = w.showErrorMessage;
  const shown: string[] = [];
  w.showErrorMessage = async (message: unknown) => {
    shown.push(String(message));
    return undefined;
  };
  try {
    await fn();
  } finally {
    w.showErrorMessage = original;
  }
  return shown;
}
