import * as vscode from 'vscode';
import type { CloudflareClient } from '../../api/client';
import type { TestRouteRequest } from '../../model/routeTest';
import { CommandIds } from '../../constants';
import { CloudflareApiError } from '../../api/errors';
import type { Session } from '../../auth/session';
import type { Problem } from '../../model/listValidation';
import { describeError } from '../../util/describeError';
import type { Log } from '../../util/log';
import type { ListHistoryStore } from './listHistoryStore';
import { listEditorHtml, listEditorOptions } from './html';
import { askConflict, askResolutions, type ListDiffDocuments } from './listConflict';
import type { ListEntry, ListRow } from './listData';
import { ListEditorModel, type ListEditorIO, type SaveOutcome } from './listEditorModel';
import { exportList, importList, pasteRows, switchListMode, type ListEditorSurface } from './listEditorOps';
import { fetchList, fetchProfileMode, writeList } from './listRemote';
import type { EditorState, HostMessage, ListEdit, ListTarget, PersistedState, SplitTunnelMode } from './protocol';
import { listEditorStrings, listEditorTexts, listTitle } from './strings';
import { Disposable } from '../../util/lifecycle';

export type { SaveOutcome } from './listEditorModel';

export interface ListEditorDeps {
  session: Session;
  log: Log;
  extensionUri: vscode.Uri;
  /** A list was saved: the rest of the extension updates what it shows (counts in the Profiles view). */
  onDidSave(target: ListTarget, entries: ListEntry[]): void;
  /** Where every save keeps a snapshot (listHistoryStore.ts). */
  history?: ListHistoryStore;
}

/** What a panel needs from the registry that holds it. */
export interface ListEditorHost {
  readonly deps: ListEditorDeps;
  readonly diffs: ListDiffDocuments;
  find(target: ListTarget): ListEditorPanel | undefined;
  rekey(panel: ListEditorPanel, previousKey: string): void;
  forget(panel: ListEditorPanel): void;
}

export function targetKey(t: ListTarget): string {
  return `${t.accountId}/${t.profileId ?? 'default'}/${t.list}`;
}

/**
 * One list of one profile in a webview panel. The state and the save state machine live in
 * `ListEditorModel` (no vscode); the panel moves messages between it and the webview, plugs in the
 * API and shows the dialogs. Messages from the webview are dispatched by listMessages.ts (wired by
 * the registry), onto the same public methods the extension-host tests call.
 */
export class ListEditorPanel extends Disposable implements ListEditorSurface {
  readonly model: ListEditorModel;
  private webviewReady = false;
  /** The webview already shows the rows of the change being posted (it sent the edit). */
  private webviewHasRows = false;
  readonly strings = listEditorStrings();

  constructor(
    readonly panel: vscode.WebviewPanel,
    target: ListTarget,
    readonly host: ListEditorHost,
    restored?: PersistedState,
  ) {
    super();
    this.model = new ListEditorModel(target, this.io(), restored);
    this.model.onDidChange(rowsChanged => this.changed(rowsChanged));
    panel.webview.options = listEditorOptions(host.deps.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(host.deps.extensionUri, 'media', 'warp-fleet.svg');
    panel.webview.html = listEditorHtml(panel.webview, host.deps.extensionUri, this.heading);
    this.register(
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(e => {
        // A hidden webview is destroyed; the next one sends `ready` again.
        if (!e.webviewPanel.visible) this.webviewReady = false;
      }),
    );
    this.updateTitle();
  }

  /** The model's window on the outside world: the API (through this account's client) and VS Code's dialogs. */
  private io(): ListEditorIO {
    return {
      fetch: async t => fetchList(await this.client(), t),
      fetchMode: async t => fetchProfileMode(await this.client(), t),
      write: async (t, entries, switchMode) => writeList(await this.client(), t, entries, switchMode),
      askConflict: (baseline, remote) => askConflict(baseline, remote, this.heading),
      resolveConflicts: conflicts => askResolutions(conflicts),
      showDiff: (remote, yours) => this.host.diffs.show(this.heading, remote, yours),
      describeError,
      texts: listEditorTexts(() => this.heading),
      log: message => this.host.deps.log.error(`list editor: ${this.key}: ${message}`),
      onSaved: (t, entries, before) => {
        this.host.deps.onDidSave(t, entries);
        void this.host.deps.history?.recordSave(t, before, entries);
      },
    };
  }

  get target(): ListTarget {
    return this.model.target;
  }

  get key(): string {
    return targetKey(this.model.target);
  }

  get rows(): readonly ListRow[] {
    return this.model.rows;
  }

  get state(): EditorState {
    return this.model.state;
  }

  /** Problems of every row, by row index. */
  get problems(): Problem[][] {
    return this.model.problems;
  }

  get entries(): ListEntry[] {
    return this.model.entries;
  }

  get dirty(): boolean {
    return this.model.dirty;
  }

  /** "Engineering — Split Tunnel (Exclude)" */
  get heading(): string {
    return listTitle(this.model.target.profileName, this.model.target.list);
  }

  whenLoaded(): Promise<void> {
    return this.model.whenLoaded();
  }

  load(discardEdits = false): Promise<void> {
    return this.model.load(discardEdits);
  }

  /** `fromWebview`: the webview shows these edits already, so only the status goes back to it. */
  applyEdits(edits: readonly ListEdit[], fromWebview = false): boolean {
    this.webviewHasRows = fromWebview;
    try {
      return this.model.applyEdits(edits);
    } finally {
      this.webviewHasRows = false;
    }
  }

  /** Adds the entries of pasted text (one per line, or CSV); returns how many. */
  paste(text: string): Promise<number> {
    return pasteRows(this, text);
  }

  importFrom(uri?: vscode.Uri, how?: 'replace' | 'append'): Promise<number> {
    return importList(this, uri, how);
  }

  exportTo(format: 'json' | 'csv', uri?: vscode.Uri): Promise<vscode.Uri> {
    return exportList(this, format, uri);
  }

  revert(): void {
    this.model.revert();
  }

  /**
   * "Test before you save": runs Does It Go Through WARP? on the rows as the editor has them, saved or
   * not, for the list it shows (nothing is sent to Cloudflare). `inputs` skips the prompt (tests).
   */
  testRoutes(inputs?: string[]): Thenable<unknown> {
    const request: TestRouteRequest = {
      kind: 'testRouteRows',
      profileId: this.target.profileId,
      list: this.target.list,
      rows: this.rows.map(({ value, description, dns }) => ({ value, description, dns })),
      inputs,
    };
    return vscode.commands.executeCommand(CommandIds.testRoute, request);
  }

  /** See ListEditorModel.save; a failure is also said in a notification. */
  async save(): Promise<SaveOutcome> {
    const outcome = await this.model.save();
    if (outcome === 'failed' && this.state.notice) void vscode.window.showErrorMessage(this.state.notice.text);
    return outcome;
  }

  /** Edits the other Split Tunnel list; see switchListMode. */
  switchMode(mode: SplitTunnelMode, copy?: boolean): Promise<boolean> {
    return switchListMode(this, mode, copy);
  }

  findOther(target: ListTarget): { reveal(): void } | undefined {
    return this.host.find(target);
  }

  /** Moves the editor to another list of the same profile (mode switch), with the given rows. */
  retarget(list: ListTarget['list'], remote: ListEntry[], rows: ListRow[]): void {
    const previous = this.key;
    // The list it leaves, as on Cloudflare, is kept first: the switch is what admins copy by hand today.
    const left = this.model.baseline;
    if (left) void this.host.deps.history?.recordModeSwitch(this.target, left);
    this.model.retarget(list, remote, rows);
    this.host.rekey(this, previous);
  }

  replaceRows(rows: ListRow[]): void {
    this.model.replaceRows(rows);
  }

  async client(): Promise<CloudflareClient> {
    const s = await this.host.deps.session.current();
    if (!s) throw new CloudflareApiError({ kind: 'notSignedIn', method: 'GET', path: '' });
    if (s.accountId !== this.target.accountId) {
      throw new Error(vscode.l10n.t('This editor belongs to account {0}, but WARP Fleet is now connected to account {1}. Switch back to that account to load or save it.', this.target.accountId, s.accountId ?? '?'));
    }
    return s.client;
  }

  /** What a reopened editor needs to continue where this one stopped. */
  snapshot(): PersistedState {
    return this.model.snapshot();
  }

  /** The webview (re)started and said `ready`: send it everything it shows. */
  attachWebview(): void {
    this.webviewReady = true;
    this.postMessage({ type: 'init', strings: this.strings, target: this.target, state: this.state, baseline: this.model.baseline as ListEntry[] | null });
  }

  /** Sends the current state to the webview (after a failed or cancelled action too, to undo what it showed). */
  post(): void {
    if (this.webviewReady) this.postMessage({ type: 'state', target: this.target, state: this.state, baseline: this.model.baseline as ListEntry[] | null });
  }

  reveal(): void {
    this.panel.reveal();
  }

  private changed(rowsChanged: boolean): void {
    this.updateTitle();
    if (!this.webviewReady) return;
    if (this.webviewHasRows || !rowsChanged) {
      const { rows: _rows, ...status } = this.state;
      this.postMessage({ type: 'status', status });
    } else this.post();
  }

  private updateTitle(): void {
    this.panel.title = (this.dirty ? '● ' : '') + this.heading;
  }

  private postMessage(m: HostMessage): void {
    void this.panel.webview.postMessage(m);
  }

  override dispose(): void {
    this.host.forget(this);
    super.dispose();
  }
}
