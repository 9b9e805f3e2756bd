/**
 * The editor as the user sees it. The host owns the list: every committed change is sent as an
 * edit and the host answers with the new state. Only the row being typed lives here (and in
 * setState, so hiding the panel or reloading the window does not lose it).
 */
import type { ListFlavor, Problem, ProblemCounts } from '../../../model/listValidation';
import { ValidationIndex } from '../../../model/listValidationIndex';
import { flavorOf } from '../listData';
import { CLOUDFLARE_RECOMMENDED_ENTRIES } from '../listLimits';
import { formatTemplate, isPersistedState, type EditorState, type HostMessage, type ListEntry, type ListRow, type ListTarget, type PersistedState, type Strings, type WebviewMessage } from '../protocol';
import { button } from './dom';
import { buildLayout, type Layout } from './layout';
import { openPasteDialog } from './paste';
import { renderCounts, renderFooter } from './status';
import { RowCache, reconcile } from './rowCache';
import { readDraft, renderEditorRow, renderRow, updateEditorProblems, type Draft } from './rows';
import { RovingTabStop } from './rovingTabStop';
import { rowWindow, scrollToShow, VIRTUAL_THRESHOLD } from './virtualWindow';

export interface Bridge {
  post(m: WebviewMessage): void;
  getState(): unknown;
  setState(s: PersistedState): void;
}

let idCounter = 0;
const newId = () => `w${Date.now().toString(36)}${(idCounter++).toString(36)}`;

export class ListEditorView {
  private strings: Strings | undefined;
  private target: ListTarget | undefined;
  private state: EditorState | undefined;
  private baseline: ListEntry[] | null = null;
  private layout: Layout | undefined;
  private flavor: ListFlavor = 'splitTunnel';
  private search = '';
  private draft: Draft | undefined;
  private problems: readonly Problem[][] = [];
  /** Kept across edits: an edit re-checks only the rows it can affect (listValidationIndex.ts). */
  private validation: ValidationIndex | undefined;
  private focusId: string | undefined;
  private persistTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly cache = new RowCache();
  /** Ids of the rows that match the search, in order: what the window scrolls over. */
  private shownIds: string[] = [];
  /** Measured average row height, for the virtual window's spacers. */
  private rowPx = 30;
  private scrollFrame: number | undefined;
  private readonly topSpacer = spacerRow();
  private readonly bottomSpacer = spacerRow();
  /** Edits posted that the host has not answered yet (each edit gets a `status`, or a `state` when refused). */
  private editsInFlight = 0;
  private tabStop: RovingTabStop | undefined;

  constructor(private readonly root: HTMLElement, private readonly bridge: Bridge) {
    const saved = bridge.getState();
    if (isPersistedState(saved)) {
      this.search = saved.search ?? '';
      this.draft = saved.draft;
    }
    document.addEventListener('keydown', e => this.onDocumentKey(e));
  }

  receive(m: HostMessage): void {
    if (m.type === 'status') {
      // The answer to an edit this page sent: its rows are already the host's rows.
      this.editsInFlight = Math.max(0, this.editsInFlight - 1);
      if (!this.state) return;
      this.state = { ...m.status, rows: this.state.rows };
      this.render();
      return;
    }
    // The whole state: whatever this page sent before is settled in it (or refused).
    this.editsInFlight = 0;
    if (m.type === 'init') this.strings = m.strings;
    if (!this.strings) return;
    this.target = m.target;
    this.state = m.state;
    this.baseline = m.baseline;
    if (m.type === 'init' || !this.layout || this.flavor !== flavorOf(m.target.list)) this.build(this.strings);
    if (this.draft && !this.draft.isNew && !m.state.rows.some(r => r.id === this.draft?.id)) this.draft = undefined;
    this.problems = this.validate(m.state.rows);
    this.render();
  }

  private build(strings: Strings): void {
    this.flavor = flavorOf(this.target!.list);
    const l = (this.layout = buildLayout(this.root, strings, this.flavor));
    l.search.value = this.search;
    l.search.addEventListener('input', () => {
      this.search = l.search.value;
      this.renderRows();
      this.persistSoon();
    });
    l.search.addEventListener('keydown', e => {
      if (e.key === 'Escape' && l.search.value) {
        l.search.value = '';
        l.search.dispatchEvent(new Event('input'));
        e.stopPropagation();
      }
    });
    l.mode?.addEventListener('change', e => {
      const mode = (e.target as HTMLInputElement).value;
      if (mode === 'include' || mode === 'exclude') this.bridge.post({ type: 'switchMode', mode });
    });
    this.root.addEventListener('click', e => this.onClick(e));
    l.body.addEventListener('dblclick', e => {
      const tr = (e.target as HTMLElement).closest('tr.row:not(.editing)');
      if (tr) this.startEdit(tr.getAttribute('data-id')!);
    });
    l.body.addEventListener('keydown', e => this.onTableKey(e));
    this.tabStop = new RovingTabStop(l.body);
    l.body.addEventListener('input', () => this.onDraftInput());
    l.wrap.addEventListener('scroll', () => {
      if (this.shownIds.length <= VIRTUAL_THRESHOLD || this.scrollFrame !== undefined) return;
      this.scrollFrame = requestAnimationFrame(() => {
        this.scrollFrame = undefined;
        this.renderRows();
      });
    });
    this.root.removeAttribute('aria-busy');
  }

  private render(): void {
    const { strings, state, layout: l, target } = this;
    if (!strings || !state || !l || !target) return;
    const template = state.list === 'fallback_domains' ? strings.titleFallback : state.list === 'include' ? strings.titleInclude : strings.titleExclude;
    l.title.textContent = formatTemplate(template, [target.profileName]);
    l.dirty.hidden = !state.dirty;
    l.notice.hidden = !state.notice;
    l.notice.className = `notice ${state.notice?.severity ?? ''}`;
    l.notice.textContent = state.notice?.text ?? '';
    if (state.phase === 'loadFailed') l.notice.append(' ', button(strings.retry, { icon: 'refresh', action: 'retry' }));
    for (const r of l.mode?.querySelectorAll<HTMLInputElement>('input[type=radio]') ?? []) {
      r.checked = r.value === state.list;
      r.disabled = state.phase !== 'ready';
    }
    const switching = state.profileMode !== undefined && state.list !== 'fallback_domains' && state.profileMode !== state.list;
    l.modeNote.hidden = !switching;
    l.modeNote.textContent = state.list === 'include' ? strings.switchNoteInclude : strings.switchNoteExclude;
    l.limitNote.hidden = state.rows.length <= CLOUDFLARE_RECOMMENDED_ENTRIES;
    l.limitNote.textContent = formatTemplate(strings.overRecommended, [state.rows.length.toLocaleString()]);
    this.renderRows();
    renderFooter(l, strings, state, this.counts(), switching, this.editsInFlight);
    // setState copies the whole list: for a long one, once the typing pauses.
    if (state.rows.length > 1000) this.persistSoon();
    else this.persist();
  }

  private renderRows(remeasure = true): void {
    const { strings, state, layout: l } = this;
    if (!strings || !state || !l) return;
    const restore = this.captureFocus();
    const q = this.search.trim().toLowerCase();
    const editingId = this.draft && !this.draft.isNew ? this.draft.id : undefined;
    const matching: number[] = [];
    state.rows.forEach((row, i) => {
      if (row.id === editingId || !q || `${row.value}\n${row.description}\n${row.dns}`.toLowerCase().includes(q)) matching.push(i);
    });
    this.shownIds = matching.map(i => state.rows[i].id);
    // Only the rows in view (and a margin) are in the DOM; spacers keep the scrollbar true.
    const win = rowWindow(matching.length, l.wrap.scrollTop, l.wrap.clientHeight, this.rowPx);
    const desired: HTMLTableRowElement[] = [];
    if (win.topPx) desired.push(sized(this.topSpacer, win.topPx));
    const marks = state.marks ?? {};
    for (let k = win.start; k < win.end; k++) {
      const i = matching[k];
      const row = state.rows[i];
      if (row.id === editingId) {
        desired.push(renderEditorRow(strings, this.flavor, this.draft!, i, this.draftProblems()));
        continue;
      }
      const problems = this.problems[i] ?? [];
      const mark = marks[row.id];
      desired.push(this.cache.get(row, i, problems, mark, () => renderRow(strings, this.flavor, row, i, problems, mark)));
    }
    if (win.bottomPx) desired.push(sized(this.bottomSpacer, win.bottomPx));
    const shown = matching.length;
    if (this.draft?.isNew) desired.push(renderEditorRow(strings, this.flavor, this.draft, state.rows.length, this.draftProblems()));
    reconcile(l.body, desired);
    this.tabStop?.apply();
    // A better height estimate moves the spacers: draw once more with it (the next pass measures the same).
    if (shown > VIRTUAL_THRESHOLD && this.measureRows() && remeasure) {
      restore();
      return this.renderRows(false);
    }
    l.table.setAttribute('aria-rowcount', String(state.rows.length + 1));
    this.cache.prune(new Set(state.rows.map(r => r.id)));
    renderCounts(l, strings, state.rows.length, shown, this.search.trim() !== '', this.counts());
    l.empty.hidden = shown > 0 || !!this.draft;
    l.empty.textContent = state.phase === 'loading' ? strings.loading : state.rows.length ? formatTemplate(strings.noMatches, [this.search]) : state.phase === 'loadFailed' ? '' : strings.emptyList;
    restore();
  }

  /** The average height of the rows drawn, so the spacers stand in for the others at about their size. */
  private measureRows(): boolean {
    const drawn = this.layout!.body.querySelectorAll<HTMLTableRowElement>('tr.row');
    if (!drawn.length) return false;
    let total = 0;
    for (const tr of drawn) total += tr.getBoundingClientRect().height;
    const avg = total / drawn.length;
    if (!(avg > 0) || Math.abs(avg - this.rowPx) <= 0.5) return false;
    this.rowPx = avg;
    return true;
  }

  /** Rows that fit in the table's window: the step of Page Up/Down. */
  private rowsPerPage(): number {
    return Math.max(1, Math.floor((this.layout?.wrap.clientHeight ?? 0) / this.rowPx) - 1);
  }

  /** Arrow keys (and Page/Home/End): a row shown `delta` rows away, or the first/last, scrolled into the window. */
  private moveFocus(id: string, delta: number): void {
    const from = this.shownIds.indexOf(id);
    const k = Math.min(this.shownIds.length - 1, Math.max(0, from + delta));
    const target = this.shownIds[k];
    if (k === from || target === undefined || !this.layout) return;
    const wrap = this.layout.wrap;
    const header = this.layout.table.tHead?.getBoundingClientRect().height ?? 0;
    const top = this.shownIds.length > VIRTUAL_THRESHOLD ? scrollToShow(k, wrap.scrollTop, wrap.clientHeight, this.rowPx, header) : undefined;
    if (top !== undefined) wrap.scrollTop = top;
    this.focusId = target;
    this.renderRows();
  }

  /** Remembers what has focus in the table so a re-render puts it back. */
  private captureFocus(): () => void {
    const active = document.activeElement as HTMLElement | null;
    const body = this.layout!.body;
    const wanted = this.focusId;
    this.focusId = undefined;
    const tr = active && body.contains(active) ? active.closest('tr') : null;
    const id = wanted ?? tr?.getAttribute('data-id') ?? undefined;
    const fieldName = active instanceof HTMLInputElement ? active.getAttribute('data-field') : null;
    const caret = active instanceof HTMLInputElement ? active.selectionStart : null;
    if (!id) return () => undefined;
    return () => {
      const row = body.querySelector<HTMLTableRowElement>(`tr[data-id="${CSS.escape(id)}"]`);
      const input = fieldName && !wanted ? row?.querySelector<HTMLInputElement>(`input[data-field="${fieldName}"]`) : null;
      if (input) {
        input.focus();
        if (caret !== null) input.setSelectionRange(caret, caret);
      } else row?.focus();
    };
  }

  private draftProblems(): Problem[] {
    const d = this.draft;
    const rows = this.state?.rows ?? [];
    if (!d) return [];
    this.validate(rows);
    return this.validation!.probe(d);
  }

  private validate(rows: readonly ListRow[]): readonly Problem[][] {
    if (this.validation?.flavor !== this.flavor) this.validation = new ValidationIndex(this.flavor, rows);
    else this.validation.sync(rows);
    return this.validation.problems;
  }

  private counts(): ProblemCounts {
    return this.validation?.problemCounts ?? { errors: 0, warnings: 0, rowsWithErrors: 0 };
  }

  private editingRow(): HTMLTableRowElement | null {
    return this.layout?.body.querySelector<HTMLTableRowElement>('tr.editing') ?? null;
  }

  private onDraftInput(): void {
    const tr = this.editingRow();
    if (!tr || !this.draft || !this.strings) return;
    this.draft = readDraft(tr, this.draft);
    updateEditorProblems(this.strings, tr, this.draftProblems());
    this.persistSoon();
  }

  private startEdit(id: string, field = 'value'): void {
    const row = this.state?.rows.find(r => r.id === id);
    if (!row || this.state?.phase === 'saving') return;
    if (this.draft) this.commit();
    this.draft = { ...row, isNew: false };
    this.renderRows();
    this.editingRow()?.querySelector<HTMLInputElement>(`input[data-field="${field}"]`)?.focus();
    this.persistSoon();
  }

  private startAdd(): void {
    if (this.draft) this.commit();
    this.draft = { id: newId(), value: '', description: '', dns: '', isNew: true };
    this.renderRows();
    const tr = this.editingRow();
    tr?.scrollIntoView({ block: 'nearest' });
    tr?.querySelector<HTMLInputElement>('input[data-field="value"]')?.focus();
  }

  /** Sends the row being typed to the host (and shows it at once, before the host answers). */
  private commit(): void {
    const tr = this.editingRow();
    const d = tr && this.draft ? readDraft(tr, this.draft) : this.draft;
    this.draft = undefined;
    if (!d || !this.state) return;
    const row: ListRow = { id: d.id, value: d.value.trim(), description: d.description.trim(), dns: d.dns.trim() };
    if (d.isNew && !row.value && !row.description && !row.dns) return this.renderRows();
    this.postEdit({ type: 'edit', edits: [d.isNew ? { op: 'add', rows: [row] } : { op: 'update', row }] });
    const rows = d.isNew ? [...this.state.rows, row] : this.state.rows.map(r => (r.id === row.id ? row : r));
    this.applyLocal(rows, row.id);
  }

  private cancelEdit(): void {
    const id = this.draft && !this.draft.isNew ? this.draft.id : undefined;
    this.draft = undefined;
    this.focusId = id;
    this.renderRows();
    if (!id) this.layout?.add.focus();
    this.persist();
  }

  private remove(id: string): void {
    if (!this.state || this.state.phase === 'saving') return;
    const rows = this.state.rows;
    const i = rows.findIndex(r => r.id === id);
    const next = rows[i + 1] ?? rows[i - 1];
    this.postEdit({ type: 'edit', edits: [{ op: 'remove', ids: [id] }] });
    this.applyLocal(rows.filter(r => r.id !== id), next?.id);
  }

  private postEdit(m: Extract<WebviewMessage, { type: 'edit' }>): void {
    this.editsInFlight += 1;
    this.bridge.post(m);
  }

  private applyLocal(rows: ListRow[], focusId: string | undefined): void {
    if (!this.state) return;
    this.state = { ...this.state, rows };
    this.problems = this.validate(rows);
    this.focusId = focusId;
    this.render();
  }

  /** Posted even before the host answered the edit just sent: the host handles messages in order. */
  private save(): void {
    if (this.draft) this.commit();
    this.bridge.post({ type: 'save' });
  }

  /** The row being typed counts too: it is sent first, and the host takes messages in order. */
  private testRoutes(): void {
    if (this.draft) this.commit();
    this.bridge.post({ type: 'testRoutes' });
  }

  private onClick(e: MouseEvent): void {
    const b = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-action]');
    if (!b || b.disabled) return;
    const id = b.closest('tr')?.getAttribute('data-id') ?? '';
    switch (b.getAttribute('data-action')) {
      case 'add': return this.startAdd();
      case 'save': return this.save();
      case 'revert': return this.bridge.post({ type: 'revert' });
      case 'retry': return this.bridge.post({ type: 'reload' });
      case 'import': return this.bridge.post({ type: 'import' });
      case 'export-json': return this.bridge.post({ type: 'export', format: 'json' });
      case 'export-csv': return this.bridge.post({ type: 'export', format: 'csv' });
      case 'test-routes': return this.testRoutes();
      case 'paste': return openPasteDialog(this.strings!, this.flavor, text => this.bridge.post({ type: 'paste', text }));
      case 'edit': return this.startEdit(id);
      case 'remove': return this.remove(id);
      case 'commit': return this.commit();
      case 'cancel': return this.cancelEdit();
    }
  }

  private onTableKey(e: KeyboardEvent): void {
    const el = e.target as HTMLElement;
    if (el instanceof HTMLInputElement) {
      if (e.key === 'Enter') this.commit();
      else if (e.key === 'Escape') this.cancelEdit();
      else return;
      e.preventDefault();
      e.stopPropagation();
      return;
    }
    if (!(el instanceof HTMLTableRowElement)) return;
    const id = el.getAttribute('data-id')!;
    switch (e.key) {
      case 'Enter': this.startEdit(id); break;
      case 'F2': this.startEdit(id); break;
      case 'Delete': case 'Backspace': this.remove(id); break;
      case 'ArrowDown': this.moveFocus(id, 1); break;
      case 'ArrowUp': this.moveFocus(id, -1); break;
      case 'PageDown': this.moveFocus(id, this.rowsPerPage()); break;
      case 'PageUp': this.moveFocus(id, -this.rowsPerPage()); break;
      case 'Home': this.moveFocus(id, -Infinity); break;
      case 'End': this.moveFocus(id, Infinity); break;
      default: return;
    }
    e.preventDefault();
  }

  private onDocumentKey(e: KeyboardEvent): void {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
      e.preventDefault();
      if (this.layout && !this.layout.save.disabled) this.save();
      else if (this.draft) this.save();
    }
  }

  private persistSoon(): void {
    clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => this.persist(), 250);
  }

  private persist(): void {
    if (!this.target || !this.state) return;
    const tr = this.editingRow();
    const draft = tr && this.draft ? readDraft(tr, this.draft) : this.draft;
    this.bridge.setState({ v: 1, target: this.target, rows: this.state.rows, baseline: this.baseline, marks: this.state.marks, search: this.search, draft });
  }
}

function spacerRow(): HTMLTableRowElement {
  const tr = document.createElement('tr');
  tr.className = 'spacer';
  tr.setAttribute('aria-hidden', 'true');
  return tr;
}

/** Sets a spacer's height through the CSSOM (the CSP allows no inline style attribute). */
function sized(tr: HTMLTableRowElement, px: number): HTMLTableRowElement {
  tr.style.height = `${px}px`;
  return tr;
}
