/**
 * Opening and validating a 1,000-entry Split Tunnel list with the editor's pure code
 * (src/webviews/listEditor/listData.ts, src/model/listValidation.ts), against parsing the same 1,000
 * addresses with ipaddr.js alone in the same run: the least any validation has to do.
 */
import * as ipaddr from 'ipaddr.js';
import type { SplitTunnelEntry } from '../../src/api/types';
import { countProblems, validateRows } from '../../src/model/listValidation';
import { ValidationIndex } from '../../src/model/listValidationIndex';
import { entryToRow, rowsToEntries, sameEntries, type ListEntry, type ListRow } from '../../src/webviews/listEditor/listData';
import { ListEditorModel, type ListEditorIO } from '../../src/webviews/listEditor/listEditorModel';
import type { HostMessage, ListTarget } from '../../src/webviews/listEditor/protocol';
import type { Row } from './bench';
import { comparePair, fmtMs, fmtRatio, fmtSpread } from './timing';

/** A deterministic pseudo-random sequence (LCG), so every run validates the same list. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * `n` address entries as an admin's list holds them: mostly IPv4 networks of every size, some IPv6,
 * some single hosts; a few land inside a wider one listed earlier (the coverage check has work to do).
 */
export function splitTunnelEntries(n: number, seed = 7): SplitTunnelEntry[] {
  const r = rng(seed);
  const int = (max: number) => Math.floor(r() * max);
  const hex = () => int(0x10000).toString(16);
  const entries: SplitTunnelEntry[] = [];
  for (let i = 0; i < n; i++) {
    let address: string;
    if (i % 5 === 4) {
      address = r() < 0.5 ? `2001:db8:${hex()}:${hex()}::/64` : `2001:db8:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}`;
    } else {
      const prefix = [12, 16, 20, 24, 24, 28, 32, 32][int(8)];
      const bytes = [10 + int(200), int(256), int(256), int(256)];
      const ip = ipaddr.fromByteArray(bytes).toString();
      const net = ipaddr.IPv4.networkAddressFromCIDR(`${ip}/${prefix}`).toString();
      address = prefix === 32 ? net : `${net}/${prefix}`;
    }
    entries.push({ address, description: `site ${i + 1}` });
  }
  return entries;
}

/**
 * What opening the editor does with a loaded list: rows from entries and the dirty check (twice: the
 * title and the state message) on the host, the state sent to the webview (a JSON round trip stands
 * in for postMessage), then the webview validates every row and counts the problems for the footer.
 * Drawing the table is not included (that is the browser's part).
 */
function openList(entries: readonly ListEntry[]): number {
  const rows = entries.map(e => entryToRow(e));
  const dirty = !sameEntries(rowsToEntries('splitTunnel', rows), entries) || !sameEntries(rowsToEntries('splitTunnel', rows), entries);
  const received = JSON.parse(JSON.stringify({ state: { rows, dirty }, baseline: entries })) as { state: { rows: typeof rows } };
  const counts = countProblems(validateRows('splitTunnel', received.state.rows));
  return counts.errors + counts.warnings;
}

/** The baseline: each address through ipaddr.js once (CIDR or plain), nothing else. */
function parseAlone(entries: readonly SplitTunnelEntry[]): number {
  let n = 0;
  for (const e of entries) {
    const a = e.address!;
    n += a.includes('/') ? ipaddr.parseCIDR(a)[1] : ipaddr.parse(a).kind().length;
  }
  return n;
}

const TARGET: ListTarget = { accountId: 'bench', profileId: 'p1', profileName: 'Bench', list: 'exclude' };

/** The model never calls out during an edit; an IO that refuses every call proves it. */
const NO_IO = new Proxy({}, { get: () => () => { throw new Error('no IO during an edit'); } }) as unknown as ListEditorIO;

interface Editor {
  model: ListEditorModel;
  rows: ListRow[];
  /** The message the panel posts for the last change. */
  message(full: boolean): HostMessage;
}

/** An editor holding `entries`, as a restored one is built (no load, no IO). */
function editorOf(entries: readonly ListEntry[]): Editor {
  const rows = entries.map(e => entryToRow(e));
  const model = new ListEditorModel(TARGET, NO_IO, { v: 1, target: TARGET, rows, baseline: [...entries] });
  void model.dirty; // as an opened editor: the title has been drawn once
  return {
    model,
    rows,
    message: full => {
      const state = model.state;
      if (full) return { type: 'state', target: model.target, state, baseline: model.baseline as ListEntry[] };
      const { rows: _rows, ...status } = state;
      return { type: 'status', status };
    },
  };
}

let edits = 0;
/** A description typed into a row, as the host handles it; returns the bytes posted (JSON stands in for postMessage). */
function editOnce(ed: Editor, full: boolean): number {
  const k = (edits++ * 7919) % ed.rows.length;
  ed.model.applyEdits([{ op: 'update', row: { ...ed.rows[k], description: `edited ${edits}` } }]);
  return JSON.stringify(ed.message(full)).length;
}

/**
 * The cost of one edit in a 10,000-entry list on the host: the model applies it and the panel answers
 * with a status message (the webview applied the edit itself), against the same edit answered with the
 * whole state, as the editor did before (rows and baseline after every committed edit).
 */
export function editMeasures(n = 10_000, runs = 21): Row[] {
  const entries = splitTunnelEntries(n, 11);
  const probe = editorOf(entries);
  const small = editOnce(probe, false);
  const full = editOnce(probe, true);
  const pair = comparePair({ runs, setup: () => editorOf(entries), measure: ed => editOnce(ed, false), baseline: ed => editOnce(ed, true) });
  const validate = incrementalMeasures(probe.rows);
  return [
    {
      measure: `one edit in a ${n.toLocaleString()}-entry list: the host applies it and answers the webview`,
      value: `${fmtMs(pair.value)}, ${small.toLocaleString()} B posted`,
      baseline: `whole state per edit (before) ${fmtMs(pair.baseline)}, ${full.toLocaleString()} B`,
      ratio: fmtRatio(pair.ratio),
      note: `message ${Math.round(full / small).toLocaleString()}× smaller; the webview draws only the rows in view; ${fmtSpread(pair)}`,
    },
    ...validate,
  ];
}

/**
 * What the webview validates after an edit in a 10,000-entry list: its index re-checks the changed
 * row and the rows the change can affect (listValidationIndex.ts), against validating every row, as
 * it did before. Both for a committed edit (a row's address replaced) and for a keystroke in the
 * row being typed (probe: the index is left as it was).
 */
function incrementalMeasures(rows: readonly ListRow[], runs = 11): Row[] {
  let k = 0;
  const setup = () => {
    const index = new ValidationIndex('splitTunnel', rows);
    k = (k + 7919) % rows.length;
    const edited = rows.map((r, i) => (i === k ? { ...r, value: `10.${k % 200}.${k % 250}.0/24` } : r));
    return { index, edited, row: edited[k] };
  };
  const commit = comparePair({ runs, setup, measure: s => s.index.sync(s.edited), baseline: s => validateRows('splitTunnel', s.edited) });
  const key = comparePair({ runs, setup, measure: s => s.index.probe(s.row), baseline: s => validateRows('splitTunnel', s.edited) });
  const n = rows.length.toLocaleString();
  return [
    {
      measure: `validate after one edit in a ${n}-entry list (the webview's index re-checks only the rows the edit can affect)`,
      value: fmtMs(commit.value),
      baseline: `every row (before) ${fmtMs(commit.baseline)}`,
      ratio: fmtRatio(commit.ratio),
      note: `a row's address replaced; ${fmtSpread(commit)}`,
    },
    {
      measure: `validate the row being typed in a ${n}-entry list (each keystroke)`,
      value: fmtMs(key.value),
      baseline: `every row (before) ${fmtMs(key.baseline)}`,
      ratio: fmtRatio(key.ratio),
      note: `the index is left as it was; ${fmtSpread(key)}`,
    },
  ];
}

export function listMeasures(n = 1000, runs = 31): Row[] {
  const entries = splitTunnelEntries(n);
  const rows = entries.map(e => entryToRow(e));
  const counts = countProblems(validateRows('splitTunnel', rows));
  if (counts.errors) throw new Error(`the generated list has ${counts.errors} errors; it should be valid`);
  const label = `${n.toLocaleString()}-entry Split Tunnel list`;
  const note = `${counts.warnings} warnings (covered/duplicate), 0 errors`;
  const open = comparePair({ runs, setup: () => entries, measure: openList, baseline: parseAlone });
  const validate = comparePair({ runs, setup: () => rows, measure: r => validateRows('splitTunnel', r), baseline: () => parseAlone(entries) });
  return [
    {
      measure: `open a ${label}: rows, dirty check, state to the webview, validate, count`,
      value: fmtMs(open.value),
      baseline: `ipaddr.js parse ${fmtMs(open.baseline)}`,
      ratio: fmtRatio(open.ratio),
      note: `${note}; ${fmtSpread(open)}`,
    },
    {
      measure: `validate a ${label} (the webview re-runs it on each keystroke in a row)`,
      value: fmtMs(validate.value),
      baseline: `ipaddr.js parse ${fmtMs(validate.baseline)}`,
      ratio: fmtRatio(validate.ratio),
      note: fmtSpread(validate),
    },
    ...editMeasures(),
  ];
}
