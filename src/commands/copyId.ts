import * as vscode from 'vscode';
import { CommandIds } from '../constants';
import { isIdentified, type Identified } from '../views/nodes';
import type { Command } from './registry';

/** The Identified nodes of a context-menu invocation: the whole selection when it holds the clicked node. */
export function identifiedNodes(node: unknown, nodes: unknown): Identified[] {
  const list = Array.isArray(nodes) && nodes.length ? nodes : [node];
  return list.filter(isIdentified);
}

async function copy(values: string[], what: string): Promise<void> {
  if (!values.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Right-click an item in a WARP Fleet view to copy its {0}.', what));
    return;
  }
  // One per line, so a multi-selection pastes as a list.
  await vscode.env.clipboard.writeText(values.join('\n'));
  vscode.window.setStatusBarMessage(
    values.length === 1 ? vscode.l10n.t('Copied {0}', values[0]) : vscode.l10n.t('Copied {0} {1}s', values.length, what),
    3000,
  );
}

/** Copy ID: works on any node of any view that is Identified (devices, profiles, tunnels…). */
export const copyIdCommand: Command = {
  id: CommandIds.copyId,
  run: (_ctx, node, nodes) => copy(identifiedNodes(node, nodes).map(n => n.resourceId), vscode.l10n.t('ID')),
};

/** Copy name: the resource's name, for nodes that have one. */
export const copyNameCommand: Command = {
  id: CommandIds.copyName,
  run: (_ctx, node, nodes) =>
    copy(
      identifiedNodes(node, nodes).map(n => n.resourceName ?? n.resourceId),
      vscode.l10n.t('name'),
    ),
};
