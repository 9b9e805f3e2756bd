import * as vscode from 'vscode';
import { ListDiffDocuments } from './listConflict';
import { ListEditorPanel, targetKey, type ListEditorDeps, type ListEditorHost } from './listEditorPanel';
import { handleWebviewMessage } from './listMessages';
import { isPersistedState, LIST_EDITOR_VIEW_TYPE, type ListTarget, type PersistedState } from './protocol';
import { listTitle } from './strings';

/**
 * The open list editors, one per account/profile/list: opening a list again focuses its editor.
 * Also restores editors after a window reload from the state their webview saved (the serializer that
 * VS Code calls is registered at activation, in src/lazy/listEditors.ts, and passes the panel to restore()).
 */
export class ListEditorRegistry implements ListEditorHost, vscode.Disposable {
  private readonly panels = new Map<string, ListEditorPanel>();
  private readonly opened = new vscode.EventEmitter<ListEditorPanel>();
  /** Fires when an editor opens or is restored. */
  readonly onDidOpen = this.opened.event;
  private disposing = false;
  readonly diffs = new ListDiffDocuments();

  constructor(readonly deps: ListEditorDeps) {}

  /** Every open editor. */
  get all(): ListEditorPanel[] {
    return [...this.panels.values()];
  }

  /** The list editor that has focus, if any (commands run from its title bar act on it). */
  get active(): ListEditorPanel | undefined {
    return this.all.find(p => p.panel.active);
  }

  find(target: ListTarget): ListEditorPanel | undefined {
    return this.panels.get(targetKey(target));
  }

  /** Opens the editor of a list, or focuses it when it is open already. */
  open(target: ListTarget): ListEditorPanel {
    const existing = this.find(target);
    if (existing) {
      existing.reveal();
      return existing;
    }
    return this.adopt(new ListEditorPanel(createPanel(target), target, this));
  }

  rekey(panel: ListEditorPanel, previousKey: string): void {
    if (this.panels.get(previousKey) === panel) this.panels.delete(previousKey);
    this.panels.set(panel.key, panel);
  }

  forget(panel: ListEditorPanel): void {
    if (this.panels.get(panel.key) === panel) this.panels.delete(panel.key);
    // A webview panel cannot refuse to close: offer the unsaved rows back instead of losing them.
    if (panel.dirty && !this.disposing) void this.offerReopen(panel.snapshot());
  }

  private async offerReopen(state: PersistedState): Promise<void> {
    const reopen = vscode.l10n.t('Reopen');
    const title = listTitle(state.target.profileName, state.target.list);
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('{0} was closed with unsaved changes.', title), reopen);
    if (choice !== reopen || this.find(state.target)) return;
    this.adopt(new ListEditorPanel(createPanel(state.target), state.target, this, state));
  }

  /** A panel VS Code restored after a reload, with the state its webview saved. */
  restore(panel: vscode.WebviewPanel, state: unknown): void {
    if (!isPersistedState(state) || this.find(state.target)) {
      // Nothing usable to restore (or the list is open already): an empty tab helps nobody.
      this.deps.log.warn('list editor: a panel could not be restored after reload');
      panel.dispose();
      return;
    }
    this.adopt(new ListEditorPanel(panel, state.target, this, state));
  }

  private adopt(editor: ListEditorPanel): ListEditorPanel {
    // Disposed with the webview panel itself.
    editor.panel.webview.onDidReceiveMessage(m => handleWebviewMessage(editor, m));
    this.panels.set(editor.key, editor);
    void editor.load();
    this.opened.fire(editor);
    return editor;
  }

  dispose(): void {
    this.disposing = true;
    this.diffs.dispose();
    for (const p of this.all) p.panel.dispose();
    this.opened.dispose();
  }
}

/** No retainContextWhenHidden: a hidden editor keeps its state through setState, not a live page. */
function createPanel(target: ListTarget): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel(LIST_EDITOR_VIEW_TYPE, listTitle(target.profileName, target.list), vscode.ViewColumn.Active, {
    enableScripts: true,
    enableFindWidget: true,
  });
}
