/**
 * The editor's bigger actions, kept out of the panel class: paste, import, export and switching the
 * Split Tunnel mode. They act on a `ListEditorSurface` (the panel implements it), not on the panel
 * class, so the panel imports this file and nothing here imports the panel back.
 */
import * as vscode from 'vscode';
import type { CloudflareClient } from '../../api/client';
import { UserCancelled } from '../../util/userCancelled';
import { entryToRow, flavorOf, newRowId, type ListEntry, type ListRow } from './listData';
import type { ListEditorModel } from './listEditorModel';
import { askImportMode, exportFileName, pickExportFile, pickImportFile, readText, statSize, writeText } from './listFiles';
import { parseCsvRowsAsync, parseImportAsync, toCsv, toJson } from './listFormats';
import { MAX_IMPORT_BYTES, MAX_PASTE_CHARS, MAX_ROWS } from './listLimits';
import { fetchList } from './listRemote';
import type { ListTarget, SplitTunnelMode } from './protocol';
import { describeImportProblem, listTitle, modeName } from './strings';

/** What the actions need of an open editor. */
export interface ListEditorSurface {
  readonly model: ListEditorModel;
  readonly target: ListTarget;
  readonly rows: readonly ListRow[];
  readonly dirty: boolean;
  client(): Promise<CloudflareClient>;
  findOther(target: ListTarget): { reveal(): void } | undefined;
  retarget(list: ListTarget['list'], remote: ListEntry[], rows: ListRow[]): void;
}

function tooMany(existing: number, incoming: number): Error {
  return new Error(vscode.l10n.t('Nothing was added: {0} entries would make {1}, and an editor holds at most {2}.', incoming.toLocaleString(), (existing + incoming).toLocaleString(), MAX_ROWS.toLocaleString()));
}

/** Pasted text: refused above MAX_PASTE_CHARS, parsed in slices so the extension host stays responsive. */
export async function pasteRows(editor: ListEditorSurface, text: string): Promise<number> {
  if (text.length > MAX_PASTE_CHARS) {
    throw new Error(vscode.l10n.t('Nothing was pasted: the text has {0} characters, the most a paste takes is {1}. Import it from a file instead.', text.length.toLocaleString(), MAX_PASTE_CHARS.toLocaleString()));
  }
  const rows = await parseCsvRowsAsync(flavorOf(editor.target.list), text);
  if (editor.rows.length + rows.length > MAX_ROWS) throw tooMany(editor.rows.length, rows.length);
  if (rows.length) editor.model.applyEdits([{ op: 'add', rows }]);
  return rows.length;
}

/** Reads a JSON (API shape) or CSV file into the editor; nothing is saved until Save. */
export async function importList(editor: ListEditorSurface, uri?: vscode.Uri, how?: 'replace' | 'append'): Promise<number> {
  const file = uri ?? (await pickImportFile());
  const name = file.path.split('/').pop() ?? '';
  // The size is checked before a byte is read: a huge file would block the extension host while read and parsed.
  const size = await statSize(file);
  if (size > MAX_IMPORT_BYTES) {
    throw new Error(vscode.l10n.t('Nothing was imported from {0}: the file has {1} MB, the most Import reads is {2} MB.', name, (size / 1048576).toFixed(1), (MAX_IMPORT_BYTES / 1048576).toFixed(0)));
  }
  const parsed = await parseImportAsync(flavorOf(editor.target.list), await readText(file));
  if (!parsed.ok) {
    const shown = parsed.problems.slice(0, 5).map(describeImportProblem);
    const more = parsed.problems.length > 5 ? [vscode.l10n.t('…and {0} more.', parsed.problems.length - 5)] : [];
    throw new Error(vscode.l10n.t('Nothing was imported from {0}: {1}', name, [...shown, ...more].join(' ')));
  }
  const mode = how ?? (await askImportMode(editor.rows.length, parsed.rows.length));
  const existing = mode === 'replace' ? 0 : editor.rows.length;
  if (existing + parsed.rows.length > MAX_ROWS) throw tooMany(existing, parsed.rows.length);
  if (mode === 'replace') editor.model.replaceRows(parsed.rows);
  else editor.model.applyEdits([{ op: 'add', rows: parsed.rows }]);
  return parsed.rows.length;
}

/** Writes the rows as the editor shows them (unsaved edits included) to a JSON or CSV file. */
export async function exportList(editor: ListEditorSurface, format: 'json' | 'csv', uri?: vscode.Uri): Promise<vscode.Uri> {
  const flavor = flavorOf(editor.target.list);
  const file = uri ?? (await pickExportFile(exportFileName(editor.target.profileName, editor.target.list, format), format));
  await writeText(file, format === 'json' ? toJson(flavor, editor.rows) : toCsv(flavor, editor.rows));
  if (!uri) void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} entries to {1}.', editor.rows.length, file.fsPath));
  return file;
}

/**
 * Points the editor at the other Split Tunnel list. The two lists are separate on Cloudflare (the
 * inactive one may be empty, absent or null), so the user is warned (modal) and chooses between
 * copying the entries over or starting from the other list as it is. `copy` answers that question
 * ahead (the palette and tests). Saving then PATCHes the profile with that one list (listRemote.ts).
 */
export async function switchListMode(editor: ListEditorSurface, mode: SplitTunnelMode, copy?: boolean): Promise<boolean> {
  const from = editor.target.list;
  if (from === 'fallback_domains' || from === mode) return false;
  const other = editor.findOther({ ...editor.target, list: mode });
  if (other) {
    other.reveal();
    throw new UserCancelled();
  }
  const copyEntries = copy ?? (await askCopy(editor, from, mode));
  const remote = await fetchList(await editor.client(), { ...editor.target, list: mode });
  const rows = copyEntries ? editor.rows.map(r => ({ ...r, id: newRowId() })) : remote.map(e => entryToRow(e));
  editor.retarget(mode, remote, rows);
  return true;
}

async function askCopy(editor: ListEditorSurface, from: SplitTunnelMode, to: SplitTunnelMode): Promise<boolean> {
  const copy = vscode.l10n.t('Copy {0} Entries Over', editor.rows.length);
  const fresh = vscode.l10n.t('Use the {0} List', modeName(to));
  const lost = editor.dirty ? ' ' + vscode.l10n.t('Unsaved changes to the {0} list are discarded unless you copy them.', modeName(from)) : '';
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Switch {0} to {1} mode?', editor.target.profileName, modeName(to)),
    {
      modal: true,
      detail: vscode.l10n.t(
        'The {0} list is separate from the {1} list. Devices follow only the list of the mode the profile uses; saving "{2}" switches the profile to {0} mode.',
        modeName(to),
        modeName(from),
        listTitle(editor.target.profileName, to),
      ) + lost,
    },
    copy,
    fresh,
  );
  if (choice === undefined) throw new UserCancelled();
  return choice === copy;
}
