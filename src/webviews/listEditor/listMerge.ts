/**
 * A three-way merge of a list: `base` (what the editor loaded), `theirs` (what Cloudflare holds now)
 * and `ours` (the editor's rows). Entries are matched by their value (address, host or suffix,
 * case-insensitively). Either side's additions, deletions and edits are applied; only an entry that
 * both sides changed differently is a conflict, and a conflict is settled by a choice, never by a
 * rule that silently drops one side. Pure (no `vscode`), so it is unit-tested alone.
 */
import type { ListFlavor } from '../../model/listValidation';
import { entryKey, entryToRow, rowToEntry, sameEntry, type ListEntry, type ListRow } from './listData';

/**
 * - `bothChanged`: both edited the entry, differently.
 * - `bothAdded`: both added the same value, differently.
 * - `theirsDeleted`: they deleted an entry the editor changed.
 * - `oursDeleted`: the editor deleted an entry they changed.
 */
export type ConflictKind = 'bothChanged' | 'bothAdded' | 'theirsDeleted' | 'oursDeleted';

export interface MergeConflict {
  key: string;
  kind: ConflictKind;
  /** The editor's version; undefined when the editor deleted it. */
  ours?: ListEntry;
  /** Cloudflare's version; undefined when they deleted it. */
  theirs?: ListEntry;
}

export type Resolution = 'ours' | 'theirs';

/** How a merged row came to be, for marking it in the editor. */
export type MergeMark = 'theirsAdded' | 'theirsChanged' | 'resolved';

export interface MergeResult {
  rows: ListRow[];
  /** Rows that differ from what the editor had, by row id. */
  marks: Record<string, MergeMark>;
  /** Every conflict found, resolved by `resolutions` (or, where none was given, kept as the editor has it). */
  conflicts: MergeConflict[];
  /** Entries the editor had that are gone because they deleted them. */
  theirsDeleted: ListEntry[];
}

function firstByKey(entries: readonly ListEntry[]): Map<string, ListEntry> {
  const m = new Map<string, ListEntry>();
  for (const e of entries) if (!m.has(entryKey(e))) m.set(entryKey(e), e);
  return m;
}

const same = (a: ListEntry | undefined, b: ListEntry | undefined) => (a === undefined ? b === undefined : b !== undefined && sameEntry(a, b));

/**
 * Merges; `resolutions` answers the conflicts (by key). The editor's order is kept; entries they
 * added come last, in their order. A row taken from their side keeps the editor's row id.
 */
export function threeWayMerge(flavor: ListFlavor, base: readonly ListEntry[], ours: readonly ListRow[], theirs: readonly ListEntry[], resolutions: Readonly<Record<string, Resolution>> = {}): MergeResult {
  const baseBy = firstByKey(base);
  const theirsBy = firstByKey(theirs);
  const rows: ListRow[] = [];
  const marks: Record<string, MergeMark> = {};
  const conflicts: MergeConflict[] = [];
  const theirsDeleted: ListEntry[] = [];
  const seen = new Set<string>();
  const take = (row: ListRow, t: ListEntry, mark: MergeMark) => {
    const merged = { ...entryToRow(t, row.id) };
    rows.push(merged);
    marks[row.id] = mark;
  };
  for (const row of ours) {
    const o = rowToEntry(flavor, row);
    const key = entryKey(o);
    // A second row with the same value (a duplicate the validator flags) is the editor's own addition.
    if (seen.has(key)) {
      rows.push(row);
      continue;
    }
    seen.add(key);
    const b = baseBy.get(key);
    const t = theirsBy.get(key);
    const oursChanged = !same(o, b);
    const theirsChanged = !same(t, b);
    if (!theirsChanged || same(o, t)) {
      rows.push(row);
      continue;
    }
    if (!oursChanged) {
      if (t === undefined) theirsDeleted.push(o);
      else take(row, t, b === undefined ? 'theirsAdded' : 'theirsChanged');
      continue;
    }
    const kind: ConflictKind = t === undefined ? 'theirsDeleted' : b === undefined ? 'bothAdded' : 'bothChanged';
    conflicts.push({ key, kind, ours: o, theirs: t });
    if (resolutions[key] !== 'theirs') rows.push(row);
    else if (t === undefined) theirsDeleted.push(o);
    else take(row, t, 'resolved');
    if (resolutions[key] === 'ours') marks[row.id] = 'resolved';
  }
  for (const t of theirs) {
    const key = entryKey(t);
    if (seen.has(key)) continue;
    seen.add(key);
    const b = baseBy.get(key);
    if (b === undefined) {
      const row = entryToRow(t);
      rows.push(row);
      marks[row.id] = 'theirsAdded';
    } else if (!same(t, b)) {
      // The editor deleted what they changed since.
      conflicts.push({ key, kind: 'oursDeleted', theirs: t });
      if (resolutions[key] === 'theirs') {
        const row = entryToRow(t);
        rows.push(row);
        marks[row.id] = 'resolved';
      }
    }
  }
  return { rows, marks, conflicts, theirsDeleted };
}
