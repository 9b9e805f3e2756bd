/** The table's rows: a row as shown, and a row being edited in place. */
import type { ListFlavor, Problem } from '../../../model/listValidation';
import type { MergeMark } from '../listMerge';
import { formatTemplate, type ListRow, type Strings } from '../protocol';
import { button, h, icon } from './dom';

export interface Draft extends ListRow {
  isNew: boolean;
}

export function problemList(strings: Strings, problems: readonly Problem[]): HTMLElement | undefined {
  if (!problems.length) return undefined;
  return h('ul', { class: 'problems' }, ...problems.map(p => {
    const severity = p.severity === 'error' ? strings.problemError : strings.problemWarning;
    return h('li', { class: `problem ${p.severity}` }, icon(p.severity === 'error' ? 'error' : 'warning'),
      h('span', { class: 'sr-only' }, `${severity}: `), formatTemplate(strings.problems[p.code], p.args));
  }));
}

function severityIcon(problems: readonly Problem[]): HTMLElement {
  if (problems.some(p => p.severity === 'error')) return icon('error', 'state error');
  if (problems.length) return icon('warning', 'state warning');
  return icon('blank', 'state');
}

const MARK_TEXT: Record<MergeMark, 'markTheirsAdded' | 'markTheirsChanged' | 'markResolved'> = {
  theirsAdded: 'markTheirsAdded',
  theirsChanged: 'markTheirsChanged',
  resolved: 'markResolved',
};

/** The badge of a row a merge brought in or changed: until the merge is saved, the user sees what is new. */
function markBadge(strings: Strings, mark: MergeMark | undefined): HTMLElement | undefined {
  if (!mark) return undefined;
  const text = strings[MARK_TEXT[mark]];
  return h('span', { class: `merge-mark ${mark}`, title: text }, icon(mark === 'resolved' ? 'git-merge' : 'cloud-download'), h('span', { class: 'sr-only' }, text));
}

/** A row as shown: focusable (one row of the table takes Tab: rovingTabStop.ts), Enter edits, Delete removes. */
export function renderRow(strings: Strings, flavor: ListFlavor, row: ListRow, index: number, problems: readonly Problem[], mark?: MergeMark): HTMLTableRowElement {
  const valueProblems = problems.filter(p => p.field === 'value');
  const dnsProblems = problems.filter(p => p.field === 'dns');
  const cls = (problems.some(p => p.severity === 'error') ? 'row has-error' : problems.length ? 'row has-warning' : 'row') + (mark ? ` merged ${mark}` : '');
  const tr = h('tr', { class: cls, tabindex: -1, 'data-id': row.id, 'aria-rowindex': index + 2, 'data-mark': mark },
    h('td', { class: 'col-index' }, severityIcon(problems), h('span', { class: 'index' }, String(index + 1))),
    h('td', { class: 'col-value' }, markBadge(strings, mark), h('span', { class: 'value' }, row.value || '\u00a0'), problemList(strings, valueProblems)),
  );
  if (flavor === 'fallback') tr.append(h('td', { class: 'col-dns' }, h('span', { class: 'value' }, row.dns), problemList(strings, dnsProblems)));
  tr.append(
    h('td', { class: 'col-description' }, row.description),
    h('td', { class: 'col-actions' },
      button(strings.editEntry, { kind: 'icon', icon: 'edit', action: 'edit' }),
      button(strings.removeEntry, { kind: 'icon', icon: 'trash', action: 'remove' })),
  );
  for (const b of tr.querySelectorAll('button')) b.tabIndex = -1;
  return tr;
}

function field(name: 'value' | 'dns' | 'description', value: string, placeholder: string, label: string, invalid: boolean): HTMLInputElement {
  return h('input', {
    type: 'text', class: `input${invalid ? ' invalid' : ''}`, 'data-field': name, value, placeholder, 'aria-label': label,
    spellcheck: 'false', autocomplete: 'off', 'aria-invalid': invalid ? 'true' : undefined,
  });
}

/** The row being edited: inputs in place of the cells, problems shown as the user types. */
export function renderEditorRow(strings: Strings, flavor: ListFlavor, draft: Draft, index: number, problems: readonly Problem[]): HTMLTableRowElement {
  const hasError = (f: 'value' | 'dns') => problems.some(p => p.field === f && p.severity === 'error');
  const valueLabel = flavor === 'fallback' ? strings.colSuffix : strings.colValue;
  const tr = h('tr', { class: 'row editing', 'data-id': draft.id, 'data-new': draft.isNew ? 'true' : undefined },
    h('td', { class: 'col-index' }, severityIcon(problems), h('span', { class: 'index' }, String(index + 1))),
    h('td', { class: 'col-value' },
      field('value', draft.value, flavor === 'fallback' ? strings.placeholderSuffix : strings.placeholderValue, valueLabel, hasError('value')),
      problemList(strings, problems.filter(p => p.field === 'value'))),
  );
  if (flavor === 'fallback') {
    tr.append(h('td', { class: 'col-dns' }, field('dns', draft.dns, strings.placeholderDns, strings.colDns, hasError('dns')),
      problemList(strings, problems.filter(p => p.field === 'dns'))));
  }
  tr.append(
    h('td', { class: 'col-description' }, field('description', draft.description, strings.placeholderDescription, strings.colDescription, false)),
    h('td', { class: 'col-actions' },
      button(strings.commit, { kind: 'icon', icon: 'check', action: 'commit' }),
      button(strings.cancel, { kind: 'icon', icon: 'close', action: 'cancel' })),
  );
  return tr;
}

/** Reads the inputs of the row being edited back into a draft. */
export function readDraft(tr: HTMLTableRowElement, previous: Draft): Draft {
  const get = (f: string) => tr.querySelector<HTMLInputElement>(`input[data-field="${f}"]`)?.value;
  return { ...previous, value: get('value') ?? previous.value, dns: get('dns') ?? previous.dns, description: get('description') ?? previous.description };
}

/** Replaces the problems shown under the inputs of the row being edited, keeping the inputs (and focus). */
export function updateEditorProblems(strings: Strings, tr: HTMLTableRowElement, problems: readonly Problem[]): void {
  for (const f of ['value', 'dns'] as const) {
    const cell = tr.querySelector(`td.col-${f}`);
    if (!cell) continue;
    cell.querySelector('ul.problems')?.remove();
    const list = problemList(strings, problems.filter(p => p.field === f));
    if (list) cell.append(list);
    const input = cell.querySelector('input');
    const invalid = problems.some(p => p.field === f && p.severity === 'error');
    input?.classList.toggle('invalid', invalid);
    if (invalid) input?.setAttribute('aria-invalid', 'true');
    else input?.removeAttribute('aria-invalid');
  }
  const state = tr.querySelector('td.col-index .state');
  state?.replaceWith(severityIcon(problems));
}
