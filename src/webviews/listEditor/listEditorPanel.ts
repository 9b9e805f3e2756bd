import * as vscode from 'vscode';
import type { CloudflareClient } from '../../api/client';
import { CloudflareApiError } from '../../api/errors';
import type { Session } from '../../auth/session';
import { countProblems, validateRows, type Problem } from '../../model/listValidation';
import { describeError } from '../../util/describeError';
import type { Log } from '../../util/log';
import { listEditorHtml, listEditorOptions } from './html';
import { exportList, importList, pasteRows, switchListMode } from './listEditorOps';
import { handleWebviewMessage } from './listMessages';
import { askConflict, type ListDiffDocuments } from './listConflict';
import { entryToRow, flavorOf, mergeEntries, newRowId, rowsToEntries, sameEntries, type ListEntry, type ListRow } from './listData';
import { fetchList, fetchProfileMode, putList } from './listRemote';
import { formatTemplate, type EditorState, type HostMessage, type ListEdit, type ListTarget, type PersistedState, type SplitTunnelMode } from './protocol';
import { listEditorStrings, listTitle } from './strings';

export interface ListEditorDeps {
  session: Session;
  log: Log;
  extensionUri: vscode.Uri;
  /** A list was saved: the rest of the extension updates what it shows (counts in the Profiles view). */
  onDidSave(target: ListTarget, entries: ListEntry[]): void;
}

/** What a panel needs from the registry that holds it. */
export interface ListEditorHost {
  readonly deps: ListEditorDeps;
  readonly diffs: ListDiffDocuments;
  find(target: ListTarget): ListEditorPanel | undefined;
  rekey(panel: ListEditorPanel, previousKey: string): void;
  forget(panel: ListEditorPanel): void;
}

export type SaveOutcome = 'saved' | 'blocked' | 'cancelled' | 'reloaded' | 'failed';

export function targetKey(t: ListTarget): string {
  return `${t.accountId}/${t.profileId ?? 'default'}/${t.list}`;
}

/**
 * One list of one profile in a webview panel. The panel holds the model (rows, the remote list as
 * loaded, problems); the webview shows it and sends edits, which call the same public methods the
 * extension-host tests call.
 */
export class ListEditorPanel implements vscode.Disposable {
  private rowList: ListRow[] = [];
  private baseline: ListEntry[] | null = null;
  private phase: EditorState['phase'] = 'loading';
  private notice: EditorState['notice'];
  private mode: SplitTunnelMode | undefined;
  private webviewReady = false;
  private loading: Promise<void> | undefined;
  readonly strings = listEditorStrings();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    private currentTarget: ListTarget,
    readonly host: ListEditorHost,
    restored?: PersistedState,
  ) {
    if (restored) {
      this.rowList = restored.rows;
      this.baseline = restored.baseline;
    }
    panel.webview.options = listEditorOptions(host.deps.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(host.deps.extensionUri, 'media', 'warp-fleet.svg');
    panel.webview.html = listEditorHtml(panel.webview, host.deps.extensionUri, this.heading);
    this.disposables.push(
      panel.webview.onDidReceiveMessage(m => handleWebviewMessage(this, m)),
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(e => {
        // A hidden webview is destroyed; the next one sends `ready` again.
        if (!e.webviewPanel.visible) this.webviewReady = false;
      }),
    );
    this.updateTitle();
  }

  get target(): ListTarget {
    return this.currentTarget;
  }

  get key(): string {
    return targetKey(this.currentTarget);
  }

  get rows(): readonly ListRow[] {
    return this.rowList;
  }

  get state(): EditorState {
    return { phase: this.phase, list: this.currentTarget.list, rows: this.rowList, dirty: this.dirty, profileMode: this.mode, notice: this.notice };
  }

  /** Problems of every row, by row index. */
  get problems(): Problem[][] {
    return validateRows(flavorOf(this.currentTarget.list), this.rowList);
  }

  get entries(): ListEntry[] {
    return rowsToEntries(flavorOf(this.currentTarget.list), this.rowList);
  }

  get dirty(): boolean {
    if (this.baseline === null) return this.rowList.length > 0;
    return !sameEntries(this.entries, this.baseline);
  }

  /** "Engineering — Split Tunnel (Exclude)" */
  get heading(): string {
    return listTitle(this.currentTarget.profileName, this.currentTarget.list);
  }

  /** Resolves when the current load has finished (successfully or not). */
  whenLoaded(): Promise<void> {
    return this.loading ?? this.load();
  }

  /**
   * Loads the remote list. Unsaved rows (restored after a window reload) are kept and compared
   * against the list as it was when they were loaded; otherwise the rows become the remote list.
   */
  load(discardEdits = false): Promise<void> {
    const run = async () => {
      this.phase = 'loading';
      this.notice = undefined;
      this.post();
      try {
        const client = await this.client();
        const [remote, mode] = await Promise.all([
          fetchList(client, this.currentTarget),
          this.currentTarget.list === 'fallback_domains' ? undefined : fetchProfileMode(client, this.currentTarget).catch(() => undefined),
        ]);
        this.mode = mode;
        if (discardEdits || this.baseline === null || !this.dirty) this.rowList = remote.map(e => entryToRow(e));
        if (discardEdits || this.baseline === null || sameEntries(this.entries, remote)) this.baseline = remote;
        this.phase = 'ready';
      } catch (err) {
        this.host.deps.log.error(`list editor: loading ${this.key}: ${describeError(err)}`);
        this.phase = this.baseline === null ? 'loadFailed' : 'ready';
        this.notice = { severity: 'error', text: formatTemplate(this.strings.loadFailed, [describeError(err)]) };
      }
      this.changed();
    };
    this.loading = run();
    return this.loading;
  }

  applyEdits(edits: readonly ListEdit[]): void {
    let rows = [...this.rowList];
    for (const e of edits) {
      if (e.op === 'add') {
        const ids = new Set(rows.map(r => r.id));
        rows.push(...e.rows.map(r => ({ ...r, id: ids.has(r.id) ? newRowId() : r.id })));
      } else if (e.op === 'update') {
        rows = rows.map(r => (r.id === e.row.id ? { ...e.row } : r));
      } else {
        const gone = new Set(e.ids);
        rows = rows.filter(r => !gone.has(r.id));
      }
    }
    this.rowList = rows;
    this.notice = undefined;
    this.changed();
  }

  /** Adds the entries of pasted text (one per line, or CSV); returns how many. */
  paste(text: string): number {
    return pasteRows(this, text);
  }

  importFrom(uri?: vscode.Uri, how?: 'replace' | 'append'): Promise<number> {
    return importList(this, uri, how);
  }

  exportTo(format: 'json' | 'csv', uri?: vscode.Uri): Promise<vscode.Uri> {
    return exportList(this, format, uri);
  }

  /** Back to the list as loaded from Cloudflare. */
  revert(): void {
    this.rowList = (this.baseline ?? []).map(e => entryToRow(e));
    this.notice = undefined;
    this.changed();
  }

  /**
   * Saves the rows: refused while a row has an error; the remote list is fetched again first and a
   * change made elsewhere is never overwritten without asking. A failure keeps every edit.
   */
  async save(): Promise<SaveOutcome> {
    // Nothing to compare against before a load succeeded: saving then could overwrite blindly.
    if (this.phase !== 'ready' || this.baseline === null) return 'cancelled';
    const counts = countProblems(this.problems);
    if (counts.errors) return this.blocked(counts.errors);
    this.phase = 'saving';
    this.notice = undefined;
    this.post();
    try {
      const client = await this.client();
      const remote = await fetchList(client, this.currentTarget);
      const baseline = this.baseline;
      if (!sameEntries(remote, baseline)) {
        const choice = await askConflict(baseline, remote, this.heading);
        if (choice === undefined) return this.finish('cancelled');
        if (choice === 'review') {
          await this.host.diffs.show(this.heading, remote, this.entries);
          this.notice = { severity: 'info', text: vscode.l10n.t('Compare the two versions, then save again to choose.') };
          return this.finish('cancelled');
        }
        if (choice === 'reload') {
          this.baseline = remote;
          this.rowList = remote.map(e => entryToRow(e));
          return this.finish('reloaded');
        }
        if (choice === 'merge') {
          this.rowList = mergeEntries(flavorOf(this.currentTarget.list), baseline, this.rowList, remote);
          this.baseline = remote;
          const merged = countProblems(this.problems);
          if (merged.errors) {
            this.phase = 'ready';
            return this.blocked(merged.errors);
          }
        }
      }
      const sent = this.entries;
      const saved = await putList(client, this.currentTarget, sent);
      this.adoptSaved(sent, saved);
      if (this.currentTarget.list !== 'fallback_domains') this.mode = this.currentTarget.list;
      const text = saved.length === 1 ? vscode.l10n.t('Saved 1 entry to Cloudflare.') : vscode.l10n.t('Saved {0} entries to Cloudflare.', saved.length);
      this.notice = { severity: 'info', text };
      this.host.deps.onDidSave(this.currentTarget, saved);
      return this.finish('saved');
    } catch (err) {
      this.host.deps.log.error(`list editor: saving ${this.key}: ${describeError(err)}`);
      const text = vscode.l10n.t('Could not save {0}: {1} Your edits are kept.', this.heading, describeError(err));
      this.notice = { severity: 'error', text };
      void vscode.window.showErrorMessage(text);
      return this.finish('failed');
    }
  }

  /** Edits the other Split Tunnel list; see switchListMode. */
  switchMode(mode: SplitTunnelMode, copy?: boolean): Promise<boolean> {
    return switchListMode(this, mode, copy);
  }

  /** Moves the editor to another list of the same profile (mode switch), with the given rows. */
  retarget(list: ListTarget['list'], remote: ListEntry[], rows: ListRow[]): void {
    const previous = this.key;
    this.currentTarget = { ...this.currentTarget, list };
    this.host.rekey(this, previous);
    this.baseline = remote;
    this.rowList = rows;
    this.notice = undefined;
    this.changed();
  }

  replaceRows(rows: ListRow[]): void {
    this.rowList = rows;
    this.notice = undefined;
    this.changed();
  }

  async client(): Promise<CloudflareClient> {
    const s = await this.host.deps.session.current();
    if (!s) throw new CloudflareApiError({ kind: 'notSignedIn', method: 'GET', path: '' });
    if (s.accountId !== this.currentTarget.accountId) {
      throw new Error(vscode.l10n.t('This editor belongs to account {0}, but WARP Fleet is now connected to account {1}. Switch back to that account to load or save it.', this.currentTarget.accountId, s.accountId ?? '?'));
    }
    return s.client;
  }

  /** What a reopened editor needs to continue where this one stopped. */
  snapshot(): PersistedState {
    return { v: 1, target: this.currentTarget, rows: this.rowList, baseline: this.baseline };
  }

  /** The webview (re)started and said `ready`: send it everything it shows. */
  attachWebview(): void {
    this.webviewReady = true;
    this.postMessage({ type: 'init', strings: this.strings, target: this.currentTarget, state: this.state, baseline: this.baseline });
  }

  /** Sends the current state to the webview (after a failed or cancelled action too, to undo what it showed). */
  post(): void {
    if (this.webviewReady) this.postMessage({ type: 'state', target: this.currentTarget, state: this.state, baseline: this.baseline });
  }

  reveal(): void {
    this.panel.reveal();
  }

  private blocked(errors: number): SaveOutcome {
    this.notice = { severity: 'error', text: formatTemplate(this.strings.saveBlocked, [errors]) };
    this.changed();
    return 'blocked';
  }

  private finish(outcome: SaveOutcome): SaveOutcome {
    this.phase = 'ready';
    this.changed();
    return outcome;
  }

  /** After a save: the saved list becomes the baseline; rows edited meanwhile are kept as they are. */
  private adoptSaved(sent: ListEntry[], saved: ListEntry[]): void {
    this.baseline = saved;
    if (sameEntries(this.entries, sent)) this.rowList = saved.map((e, i) => entryToRow(e, saved.length === this.rowList.length ? this.rowList[i].id : undefined));
  }

  private changed(): void {
    this.updateTitle();
    this.post();
  }

  private updateTitle(): void {
    this.panel.title = (this.dirty ? '● ' : '') + this.heading;
  }

  private postMessage(m: HostMessage): void {
    void this.panel.webview.postMessage(m);
  }

  dispose(): void {
    this.host.forget(this);
    this.disposables.forEach(d => d.dispose());
    this.disposables.length = 0;
  }
}
