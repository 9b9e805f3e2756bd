/**
 * "Copy Entries To…": all or some entries of a list into another profile's list, through that list's
 * editor: they arrive as unsaved rows, so validation flags what is wrong or already there, and Save
 * checks the list on Cloudflare first. Nothing is sent to Cloudflare by this command.
 */
import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import { entryKey, entryToRow, type ListEntry } from '../../webviews/listEditor/listData';
import type { ListEditorRegistry } from '../../webviews/listEditor/listEditorRegistry';
import { fetchList } from '../../webviews/listEditor/listRemote';
import type { ListTarget } from '../../webviews/listEditor/protocol';
import { listTitle } from '../../webviews/listEditor/strings';
import { escapeIcons } from '../../util/untrustedText';
import { UserCancelled, type Command, type CommandContext } from '../registry';
import { listTargetOf, pickOtherList } from './listTargetArg';

/** The source as the admin sees it: an open editor's rows (unsaved edits included), else the list on Cloudflare. */
async function sourceEntries(ctx: CommandContext, editors: ListEditorRegistry, source: ListTarget): Promise<ListEntry[]> {
  const open = editors.find(source);
  if (open && open.state.phase === 'ready') return open.entries;
  const state = await ctx.session.current();
  if (!state) throw new UserCancelled();
  return fetchList(state.client, source);
}

async function pickEntries(entries: readonly ListEntry[], heading: string): Promise<ListEntry[]> {
  const items = entries.map(entry => {
    const e = entry as { description?: string; dns_server?: string[] };
    return {
      label: escapeIcons(entryKey(entry) === '' ? '?' : entryToRow(entry).value),
      description: e.description ? escapeIcons(e.description) : undefined,
      detail: e.dns_server?.length ? escapeIcons(e.dns_server.join(', ')) : undefined,
      picked: true,
      entry,
    };
  });
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: vscode.l10n.t('Copy Entries from {0}', heading),
    placeHolder: vscode.l10n.t('All {0} entries are chosen: untick the ones not to copy', entries.length),
    matchOnDescription: true,
  });
  if (!picked?.length) throw new UserCancelled();
  return picked.map(p => p.entry);
}

export function copyListEntriesCommand(editors: ListEditorRegistry): Command {
  return {
    id: CommandIds.copyListEntries,
    run: async (ctx, arg) => {
      const source = await listTargetOf(ctx, editors, arg, vscode.l10n.t('Copy Entries To…'));
      const heading = listTitle(source.profileName, source.list);
      const entries = await sourceEntries(ctx, editors, source);
      if (!entries.length) {
        void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no entries to copy.', heading));
        return;
      }
      const chosen = await pickEntries(entries, heading);
      const dest = await pickOtherList(ctx, source, vscode.l10n.t('Copy {0} entries to…', chosen.length));
      const panel = editors.open(dest);
      await panel.whenLoaded();
      const destHeading = listTitle(dest.profileName, dest.list);
      if (panel.state.phase !== 'ready') throw new Error(panel.state.notice?.text ?? vscode.l10n.t('{0} could not be loaded.', destHeading));
      if (!panel.applyEdits([{ op: 'add', rows: chosen.map(e => entryToRow(e)) }])) throw new Error(panel.state.notice?.text ?? '');
      panel.reveal();
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Added {0} entries to {1} as unsaved rows: duplicates are flagged there, and nothing is sent to Cloudflare until you save.', chosen.length, destHeading),
      );
    },
  };
}
