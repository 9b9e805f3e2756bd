import * as vscode from 'vscode';
import { CommandIds, ViewItemFlags } from '../constants';
import { errorSummary, describeError } from '../util/describeError';
import { escapeMarkdown } from '../util/untrustedText';

/** A node of any WARP Fleet tree: it makes its own TreeItem and, if it has any, its children. */
export interface TreeNode {
  readonly id?: string;
  getTreeItem(): vscode.TreeItem;
  getChildren?(): TreeNode[] | Promise<TreeNode[]>;
  /**
   * A tooltip made only when VS Code asks for it (FleetTreeProvider.resolveTreeItem: the pointer rests
   * on the row, or it is opened), for rows drawn by the hundred: VS Code's extension host parses every
   * Markdown tooltip it is handed (a profile of the 100,000-device bench: 25–37 ms of one task) (#17).
   */
  resolveTooltip?(): vscode.MarkdownString | string;
  /** For reveal(): the node this one hangs under. */
  readonly parent?: TreeNode;
}

/** A line of information, optionally running a command on click. */
export class MessageNode implements TreeNode {
  constructor(
    readonly label: string,
    private readonly icon?: string,
    private readonly command?: vscode.Command,
    private readonly tooltip?: string,
    readonly parent?: TreeNode,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    if (this.icon) item.iconPath = new vscode.ThemeIcon(this.icon);
    item.command = this.command;
    item.tooltip = this.tooltip;
    item.contextValue = ViewItemFlags.message;
    return item;
  }
}

/** What failed, in words and with Cloudflare's code; clicking it retries. */
export class ErrorNode implements TreeNode {
  constructor(
    readonly error: unknown,
    private readonly retry: vscode.Command,
    private readonly what: string,
    readonly parent?: TreeNode,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('{0}: {1}', this.what, errorSummary(this.error)), vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.description = vscode.l10n.t('click to retry');
    // The error's words hold API text (Cloudflare's message, an HTML page's title): text, never links.
    const tip = new vscode.MarkdownString(`${escapeMarkdown(describeError(this.error))}\n\n`);
    tip.appendMarkdown(vscode.l10n.t('[Retry]({0}) · [Show log]({1})', commandUri(this.retry), `command:${CommandIds.showLog}`));
    tip.isTrusted = { enabledCommands: [this.retry.command, CommandIds.showLog] };
    item.tooltip = tip;
    item.command = this.retry;
    item.contextValue = ViewItemFlags.error;
    return item;
  }
}

function commandUri(cmd: vscode.Command): string {
  const args = cmd.arguments?.length ? `?${encodeURIComponent(JSON.stringify(cmd.arguments))}` : '';
  return `command:${cmd.command}${args}`;
}

export function selectAccountNode(): TreeNode {
  return new MessageNode(vscode.l10n.t('Select a Cloudflare account…'), 'organization', {
    command: CommandIds.selectAccount,
    title: vscode.l10n.t('Select Account'),
  });
}

/**
 * A node that stands for one Cloudflare resource (a device, a profile, a tunnel…). The generic
 * commands Copy ID, Copy name and Open in dashboard work on any node of any view that has these.
 */
export interface Identified {
  /** What Copy ID copies: the API id. */
  readonly resourceId: string;
  /** What Copy name copies, when the resource has a name. */
  readonly resourceName?: string;
  /** The Zero Trust dashboard page for this resource; build it with util/dashboardLinks.ts. */
  dashboardUrl?(accountId: string): string;
}

export function isIdentified(x: unknown): x is Identified {
  return typeof x === 'object' && x !== null && typeof (x as Identified).resourceId === 'string';
}

/** A node (or a tree's root) holding more children than it shows; a "Load more" node calls loadMore(). */
export interface Pageable {
  loadMore(): void;
}

export function isPageable(x: unknown): x is Pageable {
  return typeof x === 'object' && x !== null && typeof (x as Pageable).loadMore === 'function';
}
