import * as vscode from 'vscode';
import { diffEntries, type ListEntry } from './listData';

export type ConflictChoice = 'overwrite' | 'reload' | 'merge' | 'review';

const SCHEME = 'warpfleet-list';

/**
 * Read-only documents holding the two versions of a list, for "Review Differences": a diff editor
 * between what Cloudflare has now and what the editor would save.
 */
export class ListDiffDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly docs = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(SCHEME, this);
  private counter = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.path) ?? '';
  }

  async show(heading: string, theirs: readonly ListEntry[], yours: readonly ListEntry[]): Promise<void> {
    const n = ++this.counter;
    const left = vscode.Uri.from({ scheme: SCHEME, path: `/${n}/cloudflare.json` });
    const right = vscode.Uri.from({ scheme: SCHEME, path: `/${n}/yours.json` });
    this.docs.set(left.path, JSON.stringify(theirs, null, 2) + '\n');
    this.docs.set(right.path, JSON.stringify(yours, null, 2) + '\n');
    await vscode.commands.executeCommand('vscode.diff', left, right, vscode.l10n.t('{0}: on Cloudflare ↔ yours', heading), { preview: true });
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}

/**
 * Asks what to do when the list changed on Cloudflare since the editor loaded it. Modal: saving
 * now would otherwise overwrite someone else's change. Undefined when the user cancels.
 */
export async function askConflict(baseline: readonly ListEntry[], remote: readonly ListEntry[], listTitle: string): Promise<ConflictChoice | undefined> {
  const d = diffEntries(baseline, remote);
  const overwrite = vscode.l10n.t('Overwrite');
  const reload = vscode.l10n.t('Reload Theirs');
  const merge = vscode.l10n.t('Merge Both');
  const review = vscode.l10n.t('Review Differences');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} changed on Cloudflare since you opened it ({1} added, {2} removed, {3} changed).', listTitle, d.added.length, d.removed.length, d.changed.length),
    {
      modal: true,
      detail: vscode.l10n.t(
        'Merge Both keeps your edits, adds the entries they added, then saves. Reload Theirs discards your unsaved edits. Overwrite replaces their version with yours. Review Differences shows both versions side by side; save again to choose.',
      ),
    },
    // The first button is the default one: the choice that loses nothing.
    merge,
    reload,
    overwrite,
    review,
  );
  const choices: Record<string, ConflictChoice> = { [overwrite]: 'overwrite', [reload]: 'reload', [merge]: 'merge', [review]: 'review' };
  return choice === undefined ? undefined : choices[choice];
}
