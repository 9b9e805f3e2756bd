/**
 * The list editor's state and its save state machine, with no `vscode` import: rows, the remote list
 * as loaded (the baseline), the merge marks, and load / save / merge against whatever `ListEditorIO`
 * the caller plugs in. The panel plugs in the API and VS Code's dialogs; unit tests plug in fakes.
 *
 * Save: refused while a row has an error; the remote list is fetched right before the PUT, and when it
 * moved since the baseline nothing is sent: the user chooses (review, merge, reload theirs, overwrite).
 * A merge is shown in the editor, marked, and saved only by the next Save, which checks again.
 */
import { countProblems, validateRows, type Problem } from '../../model/listValidation';
import { entryToRow, flavorOf, newRowId, rowToEntry, sameEntries, type ListEntry, type ListRow } from './listData';
import { MAX_ROWS } from './listLimits';
import { threeWayMerge, type MergeConflict, type MergeMark, type MergeResult, type Resolution } from './listMerge';
import type { EditorState, ListEdit, ListTarget, PersistedState, SplitTunnelMode } from './protocol';

export type ConflictChoice = 'overwrite' | 'reload' | 'merge' | 'review';
export type SaveOutcome = 'saved' | 'blocked' | 'cancelled' | 'reloaded' | 'merged' | 'failed';

/** The words the model puts in notices; the host fills them with vscode.l10n.t. */
export interface ListEditorTexts {
  loadFailed(reason: string): string;
  saveBlocked(errors: number): string;
  saved(count: number): string;
  saveFailed(reason: string): string;
  reviewHint(): string;
  merged(r: MergeResult): string;
  tooManyRows(limit: number): string;
}

/** What the model needs from outside: the API, the user's choices, the words. */
export interface ListEditorIO {
  fetch(target: ListTarget): Promise<ListEntry[]>;
  /** Split Tunnel: the mode the profile uses; undefined when unknown. */
  fetchMode(target: ListTarget): Promise<SplitTunnelMode | undefined>;
  /**
   * Writes the list. `switchMode`: the profile uses the other Split Tunnel mode, so the write also
   * switches it. Returns the list as Cloudflare stored it.
   */
  write(target: ListTarget, entries: ListEntry[], switchMode: boolean): Promise<ListEntry[]>;
  askConflict(baseline: readonly ListEntry[], remote: readonly ListEntry[]): Promise<ConflictChoice | undefined>;
  /** One answer per conflict (by key); undefined when the user cancels the merge. */
  resolveConflicts(conflicts: readonly MergeConflict[]): Promise<Record<string, Resolution> | undefined>;
  showDiff(remote: readonly ListEntry[], yours: readonly ListEntry[]): Promise<void>;
  describeError(err: unknown): string;
  texts: ListEditorTexts;
  log(message: string): void;
  /** `before`: the list as it was on Cloudflare right before the write. */
  onSaved(target: ListTarget, entries: ListEntry[], before: readonly ListEntry[]): void;
}

export class ListEditorModel {
  private rowList: ListRow[] = [];
  private baselineList: ListEntry[] | null = null;
  private phase: EditorState['phase'] = 'loading';
  private notice: EditorState['notice'];
  private mode: SplitTunnelMode | undefined;
  private marks: Record<string, MergeMark> = {};
  private loading: Promise<void> | undefined;
  private readonly listeners: ((rowsChanged: boolean) => void)[] = [];
  /**
   * Each row's entry, by row object: rows are replaced, never mutated, by an edit, so after an edit only
   * the changed row is converted again (deciding address vs host parses the value) for the dirty check.
   */
  private entryCache = new WeakMap<ListRow, ListEntry>();

  constructor(private currentTarget: ListTarget, private readonly io: ListEditorIO, restored?: PersistedState) {
    if (restored) {
      this.rowList = restored.rows;
      this.baselineList = restored.baseline;
      this.marks = restored.marks ?? {};
    }
  }

  /** `rowsChanged` false: only the phase, notice or marks changed (the webview keeps its rows). */
  onDidChange(listener: (rowsChanged: boolean) => void): void {
    this.listeners.push(listener);
  }

  get target(): ListTarget {
    return this.currentTarget;
  }

  get rows(): readonly ListRow[] {
    return this.rowList;
  }

  get baseline(): readonly ListEntry[] | null {
    return this.baselineList;
  }

  get entries(): ListEntry[] {
    const flavor = flavorOf(this.currentTarget.list);
    return this.rowList.map(row => {
      let e = this.entryCache.get(row);
      if (!e) {
        e = rowToEntry(flavor, row);
        this.entryCache.set(row, e);
      }
      return e;
    });
  }

  get problems(): Problem[][] {
    return validateRows(flavorOf(this.currentTarget.list), this.rowList);
  }

  get dirty(): boolean {
    if (this.baselineList === null) return this.rowList.length > 0;
    return !sameEntries(this.entries, this.baselineList);
  }

  get profileMode(): SplitTunnelMode | undefined {
    return this.mode;
  }

  get state(): EditorState {
    return { phase: this.phase, list: this.currentTarget.list, rows: this.rowList, dirty: this.dirty, profileMode: this.mode, notice: this.notice, marks: this.marks };
  }

  snapshot(): PersistedState {
    return { v: 1, target: this.currentTarget, rows: this.rowList, baseline: this.baselineList, marks: this.marks };
  }

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
      this.changed(false);
      try {
        const [remote, mode] = await Promise.all([
          this.io.fetch(this.currentTarget),
          this.currentTarget.list === 'fallback_domains' ? undefined : this.io.fetchMode(this.currentTarget).catch(() => undefined),
        ]);
        this.mode = mode;
        if (discardEdits || this.baselineList === null || !this.dirty) {
          this.rowList = remote.map(e => entryToRow(e));
          this.marks = {};
        }
        if (discardEdits || this.baselineList === null || sameEntries(this.entries, remote)) this.baselineList = remote;
        this.phase = 'ready';
      } catch (err) {
        this.io.log(`loading ${this.currentTarget.list}: ${this.io.describeError(err)}`);
        this.phase = this.baselineList === null ? 'loadFailed' : 'ready';
        this.notice = { severity: 'error', text: this.io.texts.loadFailed(this.io.describeError(err)) };
      }
      this.changed(true);
    };
    this.loading = run();
    return this.loading;
  }

  /** Applies edits; refused whole (nothing applied) when the list would grow past MAX_ROWS. */
  applyEdits(edits: readonly ListEdit[]): boolean {
    const added = edits.reduce((n, e) => n + (e.op === 'add' ? e.rows.length : 0), 0);
    if (added && this.rowList.length + added > MAX_ROWS) {
      this.notice = { severity: 'error', text: this.io.texts.tooManyRows(MAX_ROWS) };
      this.changed(true);
      return false;
    }
    let rows = [...this.rowList];
    for (const e of edits) {
      if (e.op === 'add') {
        const ids = new Set(rows.map(r => r.id));
        rows.push(...e.rows.map(r => ({ ...r, id: ids.has(r.id) ? newRowId() : r.id })));
      } else if (e.op === 'update') {
        const i = rows.findIndex(r => r.id === e.row.id);
        if (i >= 0) rows[i] = { ...e.row };
      } else {
        const gone = new Set(e.ids);
        rows = rows.filter(r => !gone.has(r.id));
      }
    }
    this.rowList = rows;
    this.notice = undefined;
    this.changed(true);
    return true;
  }

  replaceRows(rows: ListRow[]): void {
    this.rowList = rows;
    this.notice = undefined;
    this.changed(true);
  }

  /** Back to the list as loaded from Cloudflare. */
  revert(): void {
    this.rowList = (this.baselineList ?? []).map(e => entryToRow(e));
    this.marks = {};
    this.notice = undefined;
    this.changed(true);
  }

  /** Points the model at another list of the same profile (the Split Tunnel mode switch). */
  retarget(list: ListTarget['list'], remote: ListEntry[], rows: ListRow[]): void {
    this.currentTarget = { ...this.currentTarget, list };
    this.entryCache = new WeakMap();
    this.baselineList = remote;
    this.rowList = rows;
    this.marks = {};
    this.notice = undefined;
    this.changed(true);
  }

  setNotice(notice: EditorState['notice']): void {
    this.notice = notice;
    this.changed(false);
  }

  /** The save state machine; see the file comment. A failure keeps every edit. */
  async save(): Promise<SaveOutcome> {
    // Nothing to compare against before a load succeeded: saving then could overwrite blindly.
    if (this.phase !== 'ready' || this.baselineList === null) return 'cancelled';
    const counts = countProblems(this.problems);
    if (counts.errors) {
      this.notice = { severity: 'error', text: this.io.texts.saveBlocked(counts.errors) };
      this.changed(false);
      return 'blocked';
    }
    this.phase = 'saving';
    this.notice = undefined;
    this.changed(false);
    try {
      const remote = await this.io.fetch(this.currentTarget);
      if (!sameEntries(remote, this.baselineList)) return await this.conflict(this.baselineList, remote);
      const sent = this.entries;
      const switching = this.currentTarget.list !== 'fallback_domains' && this.mode !== undefined && this.mode !== this.currentTarget.list;
      const saved = await this.io.write(this.currentTarget, sent, switching);
      this.adoptSaved(sent, saved);
      if (this.currentTarget.list !== 'fallback_domains') this.mode = this.currentTarget.list;
      this.notice = { severity: 'info', text: this.io.texts.saved(saved.length) };
      this.io.onSaved(this.currentTarget, saved, remote);
      return this.finish('saved');
    } catch (err) {
      this.io.log(`saving ${this.currentTarget.list}: ${this.io.describeError(err)}`);
      this.notice = { severity: 'error', text: this.io.texts.saveFailed(this.io.describeError(err)) };
      return this.finish('failed');
    }
  }

  /** The list moved on Cloudflare: nothing is sent from here; the user's choice decides. */
  private async conflict(baseline: readonly ListEntry[], remote: ListEntry[]): Promise<SaveOutcome> {
    const choice = await this.io.askConflict(baseline, remote);
    if (choice === undefined) return this.finish('cancelled');
    if (choice === 'review') {
      await this.io.showDiff(remote, this.entries);
      this.notice = { severity: 'info', text: this.io.texts.reviewHint() };
      return this.finish('cancelled');
    }
    if (choice === 'reload') {
      this.baselineList = remote;
      this.rowList = remote.map(e => entryToRow(e));
      this.marks = {};
      return this.finish('reloaded');
    }
    if (choice === 'overwrite') {
      // Their version becomes the baseline, so the next Save sends the editor's rows over it.
      this.baselineList = remote;
      this.phase = 'ready';
      return this.save();
    }
    return this.merge(baseline, remote);
  }

  /** Shows the merged rows (marked) in the editor; the user saves them, or not. */
  private async merge(baseline: readonly ListEntry[], remote: ListEntry[]): Promise<SaveOutcome> {
    const flavor = flavorOf(this.currentTarget.list);
    let result = threeWayMerge(flavor, baseline, this.rowList, remote);
    if (result.conflicts.length) {
      const answers = await this.io.resolveConflicts(result.conflicts);
      if (answers === undefined) return this.finish('cancelled');
      result = threeWayMerge(flavor, baseline, this.rowList, remote, answers);
    }
    if (result.rows.length > MAX_ROWS) {
      this.notice = { severity: 'error', text: this.io.texts.tooManyRows(MAX_ROWS) };
      return this.finish('cancelled');
    }
    this.rowList = result.rows;
    this.baselineList = remote;
    this.marks = result.marks;
    this.notice = { severity: 'info', text: this.io.texts.merged(result) };
    return this.finish('merged');
  }

  private finish(outcome: SaveOutcome): SaveOutcome {
    this.phase = 'ready';
    this.changed(outcome !== 'cancelled' && outcome !== 'failed');
    return outcome;
  }

  /** After a save: the saved list becomes the baseline; rows edited meanwhile are kept as they are. */
  private adoptSaved(sent: ListEntry[], saved: ListEntry[]): void {
    this.baselineList = saved;
    this.marks = {};
    if (sameEntries(this.entries, sent)) {
      const keepIds = saved.length === this.rowList.length;
      this.rowList = saved.map((e, i) => entryToRow(e, keepIds ? this.rowList[i].id : undefined));
    }
  }

  private changed(rowsChanged: boolean): void {
    for (const l of this.listeners) l(rowsChanged);
  }
}

