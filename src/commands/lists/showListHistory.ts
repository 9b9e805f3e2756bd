/**
 * "Show History" on a list: the snapshots kept at each save from its editor (listHistoryStore.ts),
 * newest first. A snapshot opens against the list on Cloudflare now in the diff editor, or is restored
 * through the list editor: its entries become the editor's rows, unsaved, so validation and the
 * conflict check of Save apply as to any edit. Nothing is sent to Cloudflare here.
 */
import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import { entryToRow } from '../../webviews/listEditor/listData';
import { listText, type ListSnapshot } from '../../webviews/listEditor/listHistory';
import type { ListHistoryStore } from '../../webviews/listEditor/listHistoryStore';
import type { ListEditorRegistry } from '../../webviews/listEditor/listEditorRegistry';
import { fetchList } from '../../webviews/listEditor/listRemote';
import type { ListTarget } from '../../webviews/listEditor/protocol';
import { listTitle } from '../../webviews/listEditor/strings';
import { UserCancelled, type Command, type CommandContext } from '../registry';
import { listTargetOf } from './listTargetArg';

function kindText(s: ListSnapshot): string {
  switch (s.kind) {
    case 'saved':
      return vscode.l10n.t('saved from this editor');
    case 'before':
      return vscode.l10n.t('as it was on Cloudflare before a save from this editor');
    case 'modeSwitch':
      return vscode.l10n.t('kept before switching to the other Split Tunnel mode');
  }
}

function when(s: ListSnapshot): string {
  return new Date(s.at).toLocaleString();
}

async function pickSnapshot(history: ListHistoryStore, target: ListTarget, heading: string): Promise<ListSnapshot | undefined> {
  const snapshots = await history.snapshots(target);
  if (!snapshots.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no history yet: a snapshot is kept each time it is saved from its editor.', heading));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    snapshots.map(s => ({ label: `$(history) ${when(s)}`, description: vscode.l10n.t('{0} entries', s.entries.length), detail: kindText(s), snapshot: s })),
    { title: vscode.l10n.t('History of {0}', heading), placeHolder: vscode.l10n.t('Choose a snapshot to compare or restore'), matchOnDetail: true },
  );
  if (!picked) throw new UserCancelled();
  return picked.snapshot;
}

async function compare(ctx: CommandContext, editors: ListEditorRegistry, target: ListTarget, s: ListSnapshot, heading: string): Promise<void> {
  const state = await ctx.session.current();
  if (!state) throw new UserCancelled();
  const now = await fetchList(state.client, target);
  await editors.diffs.showTexts(vscode.l10n.t('{0}: snapshot of {1} ↔ on Cloudflare now', heading, when(s)), listText(s.entries), listText(now));
}

/** Through the editor: the rows are unsaved edits there, checked and saved (or not) like any other. */
async function restore(editors: ListEditorRegistry, target: ListTarget, s: ListSnapshot, heading: string): Promise<void> {
  const panel = editors.open(target);
  await panel.whenLoaded();
  if (panel.state.phase !== 'ready') throw new Error(panel.state.notice?.text ?? vscode.l10n.t('{0} could not be loaded.', heading));
  if (panel.dirty) {
    const replace = vscode.l10n.t('Replace Unsaved Rows');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} has unsaved changes. Replace its rows with the snapshot of {1}?', heading, when(s)),
      { modal: true },
      replace,
    );
    if (choice !== replace) throw new UserCancelled();
  }
  panel.replaceRows(s.entries.map(e => entryToRow(e)));
  panel.reveal();
  void vscode.window.showInformationMessage(vscode.l10n.t('The snapshot of {0} is in the editor ({1} entries). Nothing is sent to Cloudflare until you save.', when(s), s.entries.length));
}

export function showListHistoryCommand(editors: ListEditorRegistry, history: ListHistoryStore): Command {
  return {
    id: CommandIds.showListHistory,
    run: async (ctx, arg) => {
      const target = await listTargetOf(ctx, editors, arg, vscode.l10n.t('Show History'));
      const heading = listTitle(target.profileName, target.list);
      const s = await pickSnapshot(history, target, heading);
      if (!s) return;
      const actions = [
        { label: `$(diff) ${vscode.l10n.t('Compare with the List on Cloudflare')}`, detail: vscode.l10n.t('Opens both in the diff editor; nothing changes.'), run: () => compare(ctx, editors, target, s, heading) },
        { label: `$(discard) ${vscode.l10n.t('Restore in the Editor')}`, detail: vscode.l10n.t('Puts the snapshot into the list editor as unsaved rows; Save checks them and the list on Cloudflare first.'), run: () => restore(editors, target, s, heading) },
      ];
      const action = await vscode.window.showQuickPick(actions, { title: vscode.l10n.t('Snapshot of {0}', when(s)), placeHolder: heading });
      if (!action) throw new UserCancelled();
      await action.run();
    },
  };
}
