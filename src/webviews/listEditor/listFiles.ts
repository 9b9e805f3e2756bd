/** Import and export go through the extension: the webview never touches files. */
import * as vscode from 'vscode';
import { UserCancelled } from '../../util/userCancelled';

const FILTERS = () => ({
  [vscode.l10n.t('Lists (JSON, CSV)')]: ['json', 'csv', 'txt'],
  [vscode.l10n.t('All files')]: ['*'],
});

export async function pickImportFile(): Promise<vscode.Uri> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    canSelectFiles: true,
    canSelectFolders: false,
    openLabel: vscode.l10n.t('Import'),
    title: vscode.l10n.t('Import entries from a JSON or CSV file'),
    filters: FILTERS(),
  });
  if (!picked?.length) throw new UserCancelled();
  return picked[0];
}

export function pickExportFile(defaultName: string, format: 'json' | 'csv'): Promise<vscode.Uri> {
  return pickSaveFile(defaultName, vscode.l10n.t('Export entries'), format === 'json' ? { JSON: ['json'] } : { CSV: ['csv'] });
}

/** A save dialog for an export, starting in the first workspace folder; cancelling it cancels the command. */
export async function pickSaveFile(defaultName: string, title: string, filters: Record<string, string[]>): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const picked = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, defaultName) : undefined,
    saveLabel: vscode.l10n.t('Export'),
    title,
    filters,
  });
  if (!picked) throw new UserCancelled();
  return picked;
}

/** The size of a file in bytes, without reading it. */
export async function statSize(uri: vscode.Uri): Promise<number> {
  return (await vscode.workspace.fs.stat(uri)).size;
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/** A file name from a profile and list name: letters, digits and dashes only. */
export function exportFileName(profileName: string, list: string, format: 'json' | 'csv'): string {
  const slug = `${profileName}-${list}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${slug || 'list'}.${format}`;
}

/** Replace the rows or add to them; asked only when the editor already has rows. */
export async function askImportMode(existing: number, incoming: number): Promise<'replace' | 'append'> {
  if (existing === 0) return 'replace';
  const items: (vscode.QuickPickItem & { mode: 'replace' | 'append' })[] = [
    { label: vscode.l10n.t('Add {0} entries to the {1} in the editor', incoming, existing), mode: 'append' },
    { label: vscode.l10n.t('Replace the {0} entries in the editor with the {1} imported', existing, incoming), mode: 'replace' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Import entries'), placeHolder: vscode.l10n.t('Nothing is saved until you select Save.') });
  if (!picked) throw new UserCancelled();
  return picked.mode;
}
