import * as vscode from 'vscode';
import type { Loadable, LoadState } from '../model/loadable';
import { withAccessibleLabel } from './accessibleLabel';
import { ErrorNode, selectAccountNode, type TreeNode } from './nodes';
import { Disposable } from '../util/lifecycle';

/**
 * What a view calls itself in its messages: whole sentences from the subclass, so a translation can
 * inflect the noun (a lower-cased view name spliced into a sentence cannot be translated).
 */
export interface ViewWords {
  /** The view's name, as its title says it. */
  name: string;
  /** "Loading devices… 1,000 of 3,000" (`total` when the API has said it). */
  loading(loaded: string, total: string | undefined): string;
}

/**
 * The part every WARP Fleet tree shares: it shows the loadable's state at the root (nothing while
 * signed out, so the welcome view shows; a "select account" node; the view's own progress bar while
 * loading; the last good data with an error node above it when a reload fails) and leaves the data's
 * nodes to the subclass.
 */
export abstract class FleetTreeProvider<T> extends Disposable implements vscode.TreeDataProvider<TreeNode> {
  protected readonly changed = new vscode.EventEmitter<TreeNode | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  protected view: vscode.TreeView<TreeNode> | undefined;
  private progressDone: (() => void) | undefined;
  private loadingMessage: string | undefined;
  private rateLimitMessage: string | undefined;
  /**
   * Whether the root rows last handed to VS Code were any. VS Code hides a tree that is empty while the
   * view has a message, and the keyboard focus inside it falls to the page's body (a user who just ran
   * "Focus on Devices View" then types into nothing): so the loading count waits for rows to show.
   */
  private rowsShown = false;

  constructor(
    readonly viewId: string,
    protected readonly model: Loadable<T>,
    private readonly what: ViewWords,
    private readonly retryCommand: string,
  ) {
    super();
    this.register(this.changed, { dispose: () => this.progressDone?.() }, model.onDidChange(state => this.onState(state)));
  }

  /** Creates the TreeView; options such as canSelectMany come from the subclass. */
  createView(options: Partial<vscode.TreeViewOptions<TreeNode>> = {}): vscode.TreeView<TreeNode> {
    this.view = vscode.window.createTreeView(this.viewId, { treeDataProvider: this, showCollapseAll: true, ...options });
    this.register(this.view);
    return this.view;
  }

  protected abstract rootNodes(data: T): TreeNode[] | Promise<TreeNode[]>;
  /** The partial data last shown while loading (a new one redraws the tree). */
  private shownPartial: T | undefined;

  /** "12,480 devices" — the view's description when loaded; undefined for none. */
  protected describe(_data: T): string | undefined {
    return undefined;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return withAccessibleLabel(node.getTreeItem());
  }

  /** Fills in the tooltip a node makes on demand (TreeNode.resolveTooltip); VS Code calls this on hover. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (item.tooltip === undefined && node.resolveTooltip) item.tooltip = node.resolveTooltip();
    return item;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return (await node.getChildren?.()) ?? [];
    const roots = await this.rootChildren();
    if (roots.length > 0 !== this.rowsShown) {
      this.rowsShown = roots.length > 0;
      // After this answer has reached VS Code (the message must not arrive while its tree is still empty).
      setTimeout(() => this.showMessage(), 0);
    }
    return roots;
  }

  private async rootChildren(): Promise<TreeNode[]> {
    // The first time the view asks is when it is shown: only then does the network get used. The
    // answer comes with the first rows, not the last page (Loadable.whenShowable).
    await this.model.whenShowable();
    const state = this.model.state;
    switch (state.kind) {
      case 'signedOut':
        return [];
      case 'noAccount':
        return [selectAccountNode()];
      case 'loading': {
        // A reload keeps showing what was loaded before; a first load shows what has arrived so far.
        const data = state.previous ?? state.partial;
        return data ? this.rootNodes(data) : [];
      }
      case 'failed': {
        const error = new ErrorNode(state.error, { command: this.retryCommand, title: vscode.l10n.t('Retry'), arguments: [this.viewId] }, this.what.name);
        return [error, ...(state.previous ? await this.rootNodes(state.previous) : [])];
      }
      case 'loaded':
        return this.rootNodes(state.data);
    }
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  refresh(node?: TreeNode): void {
    this.changed.fire(node);
  }

  private onState(state: LoadState<T>): void {
    if (state.kind === 'loading') {
      this.showProgress();
      this.loadingMessage =
        state.loaded !== undefined
          ? this.what.loading(state.loaded.toLocaleString(), state.total?.toLocaleString())
          : undefined;
      this.showMessage();
      const partialChanged = !state.previous && state.partial !== undefined && state.partial !== this.shownPartial;
      this.shownPartial = state.partial;
      if (state.loaded === undefined || partialChanged) this.changed.fire();
      return;
    }
    this.shownPartial = undefined;
    this.progressDone?.();
    this.progressDone = undefined;
    this.loadingMessage = undefined;
    this.showMessage();
    if (this.view) {
      this.view.description = state.kind === 'loaded' ? this.describe(state.data) : undefined;
    }
    this.changed.fire();
  }

  /** While Cloudflare's rate limit holds requests back, the view says so (and for how long); undefined clears it. */
  showRateLimit(text: string | undefined): void {
    if (text === this.rateLimitMessage) return;
    this.rateLimitMessage = text;
    this.showMessage();
  }

  /** What the view's message says now (the rate-limit wait first, then loading progress). */
  get message(): string | undefined {
    return this.view?.message;
  }

  private showMessage(): void {
    const loading = this.rowsShown ? this.loadingMessage : undefined;
    if (this.view) this.view.message = [this.rateLimitMessage, loading].filter(Boolean).join(' · ') || undefined;
  }

  private showProgress(): void {
    if (this.progressDone) return;
    void vscode.window.withProgress({ location: { viewId: this.viewId } }, () => new Promise<void>(resolve => (this.progressDone = resolve)));
  }
}
