// What a screen reader says for each tree item: the item's name first, then its count or state, then
// the hint. Before, VS Code read an item's plain tooltip instead (the Split Tunnel item said "These
// routes bypass WARP. Click to edit the list.", never its name or count).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { TreeNode } from '../../../src/views/nodes';
import { labelOf, signedInSimulator } from './helpers';

/** The name part of a visual label: "Split Tunnel — Exclude (18)" → "Split Tunnel", "Connector eeb3…" → "Connector eeb3". */
const nameOf = (label: string) => label.split(/ \(| — |…/)[0];

describe('Accessibility: tree items name themselves first', function () {
  this.timeout(120000);
  const env = signedInSimulator({ devices: 12, profiles: 2, tunnels: 2 });

  async function allItems(): Promise<vscode.TreeItem[]> {
    const { api } = env;
    await Promise.all([api.model.devices.reload(), api.model.profiles.reload(), api.model.tunnels.reload()]);
    const out: vscode.TreeItem[] = [];
    const visit = async (p: vscode.TreeDataProvider<TreeNode>, node: TreeNode | undefined, depth: number): Promise<void> => {
      for (const child of (await p.getChildren(node)) ?? []) {
        const item = await p.getTreeItem(child);
        out.push(item);
        if (depth < 2 && item.collapsibleState !== vscode.TreeItemCollapsibleState.None) await visit(p, child, depth + 1);
      }
    };
    for (const p of [api.views.devices, api.views.profiles, api.views.connectors] as unknown as vscode.TreeDataProvider<TreeNode>[]) await visit(p, undefined, 0);
    return out;
  }

  it('every item of the three views has an accessible label that starts with its name', async () => {
    const items = await allItems();
    assert.ok(items.length > 20, `only ${items.length} items`);
    const wrong = items.filter(i => !i.accessibilityInformation?.label.startsWith(nameOf(labelOf(i)))).map(i => `${labelOf(i)} → ${i.accessibilityInformation?.label}`);
    assert.deepEqual(wrong, []);
  });

  it('the Split Tunnel item reads "Split Tunnel Exclude, 18 entries, …" and never the tooltip alone', async () => {
    const items = await allItems();
    const profile = env.sim.state.customProfiles.find(p => p.exclude?.length)!;
    const split = items.find(i => labelOf(i) === `Split Tunnel — Exclude (${profile.exclude!.length})`);
    assert.ok(split, 'no Split Tunnel Exclude item');
    assert.equal(split.accessibilityInformation?.label, `Split Tunnel Exclude, ${profile.exclude!.length} entries, these routes bypass WARP; press Enter to edit the list`);
    for (const i of items) if (typeof i.tooltip === 'string') assert.notEqual(i.accessibilityInformation?.label, i.tooltip, labelOf(i));
  });
});
