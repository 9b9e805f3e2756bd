/**
 * The editor's bigger actions, kept out of the panel class: paste, import, export and switching the
 * Split Tunnel mode. Each changes the panel only through its public methods.
 */
import * as vscode from 'vscode';
import { UserCancelled } from '../../commands/registry';
import { entryToRow, flavorOf, newRowId } from './listData';
import type { ListEditorPanel } from './listEditorPanel';
import { askImportMode, exportFileName, pickExportFile, pickImportFile, readText, writeText } from './listFiles';
import { parseCsvRows, parseImport, toCsv, toJson } from './listFormats';
import { fetchList } from './listRemote';
import type { SplitTunnelMode } from './protocol';
import { describeImportProblem, listTitle, modeName } from './strings';

export function pasteRows(panel: ListEditorPanel, text: string): number {
  const rows = parseCsvRows(flavorOf(panel.target.list), text);
  if (rows.length) panel.applyEdits([{ op: 'add', rows }]);
  return rows.length;
}

/** Reads a JSON (API shape) or CSV file into the editor; nothing is saved until Save. */
export async function importList(panel: ListEditorPanel, uri?: vscode.Uri, how?: 'replace' | 'append'): Promise<number> {
  const file = uri ?? (await pickImportFile());
  const parsed = parseImport(flavorOf(panel.target.list), await readText(file));
  if (!parsed.ok) {
    const shown = parsed.problems.slice(0, 5).map(describeImportProblem);
    const more = parsed.problems.length > 5 ? [vscode.l10n.t('…and {0} more.', parsed.problems.length - 5)] : [];
    throw new Error(vscode.l10n.t('Nothing was imported from {0}: {1}', file.path.split('/').pop() ?? '', [...shown, ...more].join(' ')));
  }
  const mode = how ?? (await askImportMode(panel.rows.length, parsed.rows.length));
  if (mode === 'replace') panel.replaceRows(parsed.rows);
  else panel.applyEdits([{ op: 'add', rows: parsed.rows }]);
  return parsed.rows.length;
}

/** Writes the rows as the editor shows them (unsaved edits included) to a JSON or CSV file. */
export async function exportList(panel: ListEditorPanel, format: 'json' | 'csv', uri?: vscode.Uri): Promise<vscode.Uri> {
  const flavor = flavorOf(panel.target.list);
  const file = uri ?? (await pickExportFile(exportFileName(panel.target.profileName, panel.target.list, format), format));
  await writeText(file, format === 'json' ? toJson(flavor, panel.rows) : toCsv(flavor, panel.rows));
  if (!uri) void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} entries to {1}.', panel.rows.length, file.fsPath));
  return file;
}

/**
 * Points the editor at the other Split Tunnel list. The two lists are separate on Cloudflare, so
 * the user is warned (modal) and chooses between copying the entries over or starting from the
 * other list as it is. `copy` answers that question ahead (the palette and tests).
 */
export async function switchListMode(panel: ListEditorPanel, mode: SplitTunnelMode, copy?: boolean): Promise<boolean> {
  const from = panel.target.list;
  if (from === 'fallback_domains' || from === mode) return false;
  const other = panel.host.find({ ...panel.target, list: mode });
  if (other) {
    other.reveal();
    throw new UserCancelled();
  }
  const copyEntries = copy ?? (await askCopy(panel, from, mode));
  const remote = await fetchList(await panel.client(), { ...panel.target, list: mode });
  const rows = copyEntries ? panel.rows.map(r => ({ ...r, id: newRowId() })) : remote.map(e => entryToRow(e));
  panel.retarget(mode, remote, rows);
  return true;
}

async function askCopy(panel: ListEditorPanel, from: SplitTunnelMode, to: SplitTunnelMode): Promise<boolean> {
  const copy = vscode.l10n.t('Copy {0} Entries Over', panel.rows.length);
  const fresh = vscode.l10n.t('Use the {0} List', modeName(to));
  const lost = panel.dirty ? ' ' + vscode.l10n.t('Unsaved changes to the {0} list are discarded unless you copy them.', modeName(from)) : '';
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Switch {0} to {1} mode?', panel.target.profileName, modeName(to)),
    {
      modal: true,
      detail: vscode.l10n.t(
        'The {0} list is separate from the {1} list. Devices follow only the list of the mode the profile uses; saving "{2}" switches the profile to {0} mode.',
        modeName(to),
        modeName(from),
        listTitle(panel.target.profileName, to),
      ) + lost,
    },
    copy,
    fresh,
  );
  if (choice === undefined) throw new UserCancelled();
  return choice === copy;
}
