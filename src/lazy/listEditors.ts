/**
 * The list editors as activation holds them: their code is in the deferred bundle and loads the first
 * time it is needed. A list command loads it (deferredCommands); so does VS Code restoring an editor
 * after a window reload: the panel serializer for the editors' view type must be registered during
 * activation (VS Code asks for it then; package.json's onWebviewPanel activation event), so it is
 * registered here and hands the panel to the registry it loads.
 */
import * as vscode from 'vscode';
import type { ListFeatures } from '../commands/lists';
import { LIST_EDITOR_VIEW_TYPE } from '../webviews/listEditor/protocol';

export class LazyListEditors implements vscode.Disposable {
  private features: ListFeatures | undefined;
  private readonly serializer: vscode.Disposable;

  constructor(private readonly load: () => ListFeatures) {
    this.serializer = vscode.window.registerWebviewPanelSerializer(LIST_EDITOR_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => this.get().registry.restore(panel, state),
    });
  }

  /** The editors, their history and commands, loaded on the first call. */
  get(): ListFeatures {
    return (this.features ??= this.load());
  }

  dispose(): void {
    this.serializer.dispose();
    this.features?.registry.dispose();
  }
}
