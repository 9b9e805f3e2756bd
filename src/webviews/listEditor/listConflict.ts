import * as vscode from 'vscode';
import { diffEntries, type ListEntry } from './listData';
import type { ConflictChoice } from './listEditorModel';
import type { MergeConflict, Resolution } from './listMerge';

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

  /**
   * Two texts side by side in the diff editor (read-only: this scheme has no file system behind it),
   * e.g. two lists in listHistory.ts's sorted text form. `title` names both sides.
   */
  async showTexts(title: string, left: string, right: string): Promise<void> {
    const n = ++this.counter;
    const l = vscode.Uri.from({ scheme: SCHEME, path: `/${n}/left.txt` });
    const r = vscode.Uri.from({ scheme: SCHEME, path: `/${n}/right.txt` });
    this.docs.set(l.path, left);
    this.docs.set(r.path, right);
    await vscode.commands.executeCommand('vscode.diff', l, r, title, { preview: false });
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}

/**
 * Asks what to do when the list changed on Cloudflare since the editor loaded it. Modal: saving
 * now would otherwise overwrite someone else's change. Undefined when the user cancels.
 * The first button is the one Enter picks: Review Differences, which changes nothing. Merge (it
 * rewrites the editor's rows), Reload Theirs (drops the user's edits) and Overwrite (drops theirs)
 * are never the default.
 */
export async function askConflict(baseline: readonly ListEntry[], remote: readonly ListEntry[], listTitle: string): Promise<ConflictChoice | undefined> {
  const d = diffEntries(baseline, remote);
  const review = vscode.l10n.t('Review Differences');
  const merge = vscode.l10n.t('Merge…');
  const reload = vscode.l10n.t('Reload Theirs');
  const overwrite = vscode.l10n.t('Overwrite');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} changed on Cloudflare since you opened it ({1} added, {2} removed, {3} changed).', listTitle, d.added.length, d.removed.length, d.changed.length),
    {
      modal: true,
      detail: vscode.l10n.t(
          'Review Differences shows both versions side by side. Merge applies their additions, deletions and edits to your rows, asks where you both changed the same entry, and shows the result: nothing is sent until you save. Reload Theirs discards your unsaved edits. Overwrite replaces their version with yours.',
      ),
    },
    review,
    merge,
    reload,
    overwrite,
  );
  const choices: Record<string, ConflictChoice> = { [overwrite]: 'overwrite', [reload]: 'reload', [merge]: 'merge', [review]: 'review' };
  return choice === undefined ? undefined : choices[choice];
}

function describeEntry(e: ListEntry | undefined): string {
  if (e === undefined) return vscode.l10n.t('deleted');
  const x = e as { description?: string; dns_server?: string[] };
  const parts = [x.description ? vscode.l10n.t('description "{0}"', x.description) : vscode.l10n.t('no description')];
  if (x.dns_server?.length) parts.push(vscode.l10n.t('DNS {0}', x.dns_server.join(', ')));
  return parts.join(' · ');
}

function conflictQuestion(c: MergeConflict): string {
  switch (c.kind) {
    case 'bothChanged':
      return vscode.l10n.t('{0} was changed on Cloudflare and in the editor.', c.key);
    case 'bothAdded':
      return vscode.l10n.t('{0} was added on Cloudflare and in the editor, differently.', c.key);
    case 'theirsDeleted':
      return vscode.l10n.t('{0} was deleted on Cloudflare but changed in the editor.', c.key);
    case 'oursDeleted':
      return vscode.l10n.t('{0} was deleted in the editor but changed on Cloudflare.', c.key);
  }
}

/**
 * One question per real conflict (the same entry changed differently on both sides): keep the
 * editor's version or take Cloudflare's. Escape cancels the whole merge; nothing has changed then.
 */
export async function askResolutions(conflicts: readonly MergeConflict[]): Promise<Record<string, Resolution> | undefined> {
  const answers: Record<string, Resolution> = {};
  for (const [i, c] of conflicts.entries()) {
    const items: (vscode.QuickPickItem & { pick: Resolution })[] = [
      { label: vscode.l10n.t('Keep yours'), description: describeEntry(c.ours), pick: 'ours' },
      { label: vscode.l10n.t('Take theirs (Cloudflare)'), description: describeEntry(c.theirs), pick: 'theirs' },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Merge: conflict {0} of {1}', i + 1, conflicts.length),
      placeHolder: conflictQuestion(c),
      ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    answers[c.key] = picked.pick;
  }
  return answers;
}
