/**
 * The list editors and every command on lists, made when one of them is first needed (a list command
 * runs, or VS Code restores an editor after a reload): they are in the deferred bundle, behind
 * src/lazy/listEditors.ts.
 */
import * as vscode from 'vscode';
import type { Command } from '../registry';
import type { ListEditorDeps } from '../../webviews/listEditor/listEditorPanel';
import { ListEditorRegistry } from '../../webviews/listEditor/listEditorRegistry';
import { ListHistoryStore } from '../../webviews/listEditor/listHistoryStore';
import { compareListsCommand } from './compareLists';
import { copyListEntriesCommand } from './copyListEntries';
import { listEditorCommands } from './editLists';
import { showListHistoryCommand } from './showListHistory';

export interface ListFeatures {
  /** The open Split Tunnel / Local Domain Fallback editors. */
  registry: ListEditorRegistry;
  /** The snapshots kept at each list save. */
  history: ListHistoryStore;
  /** Their commands, with the ids of LIST_COMMANDS (src/lazy/deferredIds.ts). */
  commands: Command[];
}

/** `storage`: where the history files go (the extension's global storage). */
export function listFeatures(deps: Omit<ListEditorDeps, 'history'> & { storage: vscode.Uri }): ListFeatures {
  const { storage, ...editorDeps } = deps;
  const history = new ListHistoryStore(storage, deps.log);
  const registry = new ListEditorRegistry({ ...editorDeps, history });
  return {
    registry,
    history,
    commands: [...listEditorCommands(registry), showListHistoryCommand(registry, history), compareListsCommand(registry), copyListEntriesCommand(registry)],
  };
}
