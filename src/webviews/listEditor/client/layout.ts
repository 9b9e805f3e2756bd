/** The editor's fixed parts: header, toolbar, mode switch, search, table head, footer. */
import type { ListFlavor } from '../../../model/listValidation';
import type { Strings } from '../protocol';
import { button, h, icon } from './dom';

export interface Layout {
  title: HTMLElement;
  dirty: HTMLElement;
  notice: HTMLElement;
  mode: HTMLElement | undefined;
  modeNote: HTMLElement;
  limitNote: HTMLElement;
  wrap: HTMLElement;
  search: HTMLInputElement;
  counts: HTMLElement;
  table: HTMLTableElement;
  body: HTMLTableSectionElement;
  empty: HTMLElement;
  status: HTMLElement;
  save: HTMLButtonElement;
  revert: HTMLButtonElement;
  add: HTMLButtonElement;
}

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
export const SAVE_KEY = isMac ? '⌘S' : 'Ctrl+S';

function modeSwitch(strings: Strings): HTMLElement {
  const radio = (value: 'exclude' | 'include', label: string) =>
    h('label', { class: 'radio' }, h('input', { type: 'radio', name: 'mode', value }), h('span', {}, label));
  return h('div', { class: 'mode', role: 'radiogroup', 'aria-label': strings.modeLabel },
    h('span', { class: 'mode-label' }, strings.modeLabel), radio('exclude', strings.modeExclude), radio('include', strings.modeInclude));
}

export function buildLayout(root: HTMLElement, strings: Strings, flavor: ListFlavor): Layout {
  const title = h('h1', { class: 'title' });
  const dirty = h('span', { class: 'dirty', hidden: true }, icon('circle-filled'), strings.unsaved);
  const notice = h('div', { class: 'notice', role: 'status', hidden: true });
  const mode = flavor === 'splitTunnel' ? modeSwitch(strings) : undefined;
  const modeNote = h('span', { class: 'mode-note', hidden: true });
  const limitNote = h('div', { class: 'limit-note', role: 'note', hidden: true });
  const search = h('input', { type: 'search', class: 'input search', placeholder: strings.search, 'aria-label': strings.search, spellcheck: 'false' });
  const counts = h('span', { class: 'counts', 'aria-live': 'polite' });
  const headCells = [h('th', { class: 'col-index', scope: 'col' }, '#'), h('th', { class: 'col-value', scope: 'col' }, flavor === 'fallback' ? strings.colSuffix : strings.colValue)];
  if (flavor === 'fallback') headCells.push(h('th', { class: 'col-dns', scope: 'col' }, strings.colDns));
  headCells.push(h('th', { class: 'col-description', scope: 'col' }, strings.colDescription), h('th', { class: 'col-actions', scope: 'col' }, h('span', { class: 'sr-only' }, strings.colActions)));
  const body = h('tbody');
  const table = h('table', { class: `entries ${flavor}` }, h('thead', {}, h('tr', {}, ...headCells)), body);
  const empty = h('div', { class: 'empty', hidden: true });
  const wrap = h('div', { class: 'table-wrap' }, table, empty);
  const add = button(strings.addEntry, { icon: 'add', kind: 'secondary', action: 'add' });
  const status = h('span', { class: 'status' });
  const save = button(`${strings.save}`, { icon: 'save', kind: 'primary', action: 'save', title: `${strings.save} (${SAVE_KEY})` });
  save.append(h('span', { class: 'keybinding' }, SAVE_KEY));
  const revert = button(strings.revert, { icon: 'discard', action: 'revert' });
  root.replaceChildren(
    h('header', { class: 'header' }, title, dirty),
    notice,
    h('div', { class: 'toolbar' },
      mode ?? h('span'),
      h('div', { class: 'actions' },
        button(strings.import, { icon: 'cloud-upload', action: 'import' }),
        button(strings.exportJson, { icon: 'json', action: 'export-json' }),
        button(strings.exportCsv, { icon: 'table', action: 'export-csv' }),
        button(strings.paste, { icon: 'clippy', action: 'paste' }),
        button(strings.testRoutes, { icon: 'beaker', action: 'test-routes', title: strings.testRoutesTitle }))),
    modeNote,
    limitNote,
    h('div', { class: 'searchbar' }, h('div', { class: 'search-box' }, icon('search'), search), counts),
    wrap,
    h('div', { class: 'add-row' }, add),
    h('footer', { class: 'footer' }, h('span', { class: 'help' }, strings.keyboardHelp), status, revert, save),
  );
  return { title, dirty, notice, mode, modeNote, limitNote, wrap, search, counts, table, body, empty, status, save, revert, add };
}
