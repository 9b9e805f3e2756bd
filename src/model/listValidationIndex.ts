/**
 * Incremental validation of an editor's rows: the same problems as `validateRows` (listValidation.ts),
 * kept up to date edit by edit instead of recomputed for every row. Pure (no `vscode`, no DOM): the
 * webview holds one, and a unit test checks it against a full validation after random edit sequences.
 *
 * Each row's own problems depend on its value alone and are computed once per value. The problems
 * that compare rows (duplicate, covered by a wider CIDR or a `*.` wildcard) are kept in an index by
 * network, host name and parent domain, so an edit re-checks only the rows that share the old or new
 * key with the changed row or lie inside its old or new network or wildcard. Row numbers in the
 * messages are filled in from each row's current position, so a removal renumbers without re-checking.
 */
import {
  dnsProblems,
  fallbackKey,
  networkKey,
  ownProblems,
  parseSplitTunnelValue,
  suffixProblems,
  warn,
  type ListFlavor,
  type Parsed,
  type ParsedAddress,
  type Problem,
  type ProblemCounts,
  type RowInput,
} from './listValidation';

export interface IndexedRowInput extends RowInput {
  id: string;
}

interface Relation {
  code: 'duplicate' | 'coveredBy';
  ref: RowState;
}

interface RowState {
  id: string;
  /** Insertion order: rows keep their relative order, so "the first such row" is the lowest seq. */
  seq: number;
  index: number;
  value: string;
  dns: string;
  parsed?: Parsed;
  /** Split Tunnel: the value's own problems; fallback: the suffix's. */
  own: Problem[];
  /** Fallback: the DNS servers' problems (they come after the duplicate warning). */
  dnsOwn: Problem[];
  rel: Relation[];
  out: Problem[];
  live: boolean;
}

const NONE: Problem[] = [];

function first(set: ReadonlySet<RowState> | undefined): RowState | undefined {
  let best: RowState | undefined;
  if (set) for (const r of set) if (!best || r.seq < best.seq) best = r;
  return best;
}

function addTo<K>(map: Map<K, Set<RowState>>, key: K, r: RowState): void {
  const set = map.get(key);
  if (set) set.add(r);
  else map.set(key, new Set([r]));
}

function removeFrom<K>(map: Map<K, Set<RowState>>, key: K, r: RowState): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(r);
  if (!set.size) map.delete(key);
}

/** Whether `bytes` lies inside the network `net`/`prefix` (both of one family). */
function inside(bytes: readonly number[], net: readonly number[], prefix: number): boolean {
  const whole = prefix >> 3;
  for (let i = 0; i < whole; i++) if (bytes[i] !== net[i]) return false;
  const bits = prefix & 7;
  if (!bits) return true;
  const mask = (0xff << (8 - bits)) & 0xff;
  return (bytes[whole] & mask) === (net[whole] & mask);
}

/** The proper parent domains of a host name, closest first: a.b.c → b.c, c. */
function parents(name: string): string[] {
  const labels = name.split('.');
  const out: string[] = [];
  for (let k = 1; k < labels.length; k++) out.push(labels.slice(k).join('.'));
  return out;
}

export class ValidationIndex {
  private list: RowState[] = [];
  private readonly byId = new Map<string, RowState>();
  private out: Problem[][] = [];
  private seq = 0;
  private counts: ProblemCounts = { errors: 0, warnings: 0, rowsWithErrors: 0 };
  // Split Tunnel addresses: rows by network key, and by prefix length per family (which lengths are in use).
  private readonly networks = new Map<string, Set<RowState>>();
  private readonly byLength: [Map<number, Set<RowState>>, Map<number, Set<RowState>>] = [new Map(), new Map()];
  private readonly sortedLengths: [number[] | undefined, number[] | undefined] = [undefined, undefined];
  // Split Tunnel hosts: exact and wildcard names, and every host under a parent domain.
  private readonly exact = new Map<string, Set<RowState>>();
  private readonly wild = new Map<string, Set<RowState>>();
  private readonly under = new Map<string, Set<RowState>>();
  // Fallback: rows by lower-case suffix.
  private readonly suffixes = new Map<string, Set<RowState>>();

  constructor(readonly flavor: ListFlavor, rows: readonly IndexedRowInput[] = []) {
    this.sync(rows);
  }

  /** Problems by row index, as `validateRows` gives them. The array is kept and updated in place. */
  get problems(): readonly Problem[][] {
    return this.out;
  }

  get problemCounts(): ProblemCounts {
    return { ...this.counts };
  }

  /**
   * Brings the index to `rows`. Rows removed, updated in place or added at the end (every edit the
   * editor makes) are applied incrementally; any other change (a reorder, a reload) rebuilds it.
   */
  sync(rows: readonly IndexedRowInput[]): void {
    const plan = this.plan(rows);
    if (plan) this.apply(plan.removed, plan.updated, plan.added);
    else this.rebuild(rows);
  }

  /**
   * The problems `row` would have if it replaced the row with its id (or, new, were added at the end),
   * leaving the index as it was: the check of a row while it is typed.
   */
  probe(row: IndexedRowInput): Problem[] {
    const current = this.byId.get(row.id);
    if (current) {
      const was = { value: current.value, description: '', dns: current.dns };
      this.apply([], [[current, row]], []);
      const problems = current.out;
      this.apply([], [[current, was]], []);
      return problems;
    }
    this.apply([], [], [row]);
    const added = this.list[this.list.length - 1];
    const problems = added.out;
    this.apply([added], [], []);
    return problems;
  }

  private apply(removed: readonly RowState[], updated: readonly [RowState, RowInput][], added: readonly IndexedRowInput[]): void {
    const touched = new Set<RowState>();
    for (const r of removed) {
      this.unindex(r, touched);
      r.live = false;
      this.byId.delete(r.id);
      this.count(r.out, -1);
    }
    for (const [r, row] of updated) {
      this.unindex(r, touched);
      this.setValue(r, row);
      this.index(r, touched);
    }
    if (removed.length) {
      this.list = this.list.filter(r => r.live);
      this.list.forEach((r, i) => (r.index = i));
    }
    for (const row of added) {
      const r = this.create(row, this.list.length);
      this.list.push(r);
      this.index(r, touched);
    }
    for (const r of touched) if (r.live) r.rel = this.relations(r);
    if (removed.length) {
      // Row numbers moved: every message that names a row is written again (no re-check needed).
      this.out = this.list.map(r => (r.rel.length || touched.has(r) ? this.materialize(r) : r.out));
    } else {
      for (const r of touched) if (r.live) this.out[r.index] = this.materialize(r);
    }
  }

  private plan(rows: readonly IndexedRowInput[]): { removed: RowState[]; updated: [RowState, IndexedRowInput][]; added: IndexedRowInput[] } | undefined {
    const ids = new Set(rows.map(r => r.id));
    if (ids.size !== rows.length) return undefined;
    const removed: RowState[] = [];
    const updated: [RowState, IndexedRowInput][] = [];
    const added: IndexedRowInput[] = [];
    let k = 0;
    for (const row of rows) {
      const old = this.byId.get(row.id);
      if (!old) {
        added.push(row);
        continue;
      }
      // A known row after a new one, or out of order: not an edit the index follows.
      if (added.length) return undefined;
      while (k < this.list.length && this.list[k] !== old) {
        if (ids.has(this.list[k].id)) return undefined;
        removed.push(this.list[k++]);
      }
      k++;
      if (old.value !== row.value || old.dns !== row.dns) updated.push([old, row]);
    }
    while (k < this.list.length) removed.push(this.list[k++]);
    // Past a quarter of the rows, one pass over all of them is cheaper than row by row.
    return removed.length + updated.length > Math.max(64, this.list.length / 4) ? undefined : { removed, updated, added };
  }

  private rebuild(rows: readonly IndexedRowInput[]): void {
    for (const m of [this.networks, this.exact, this.wild, this.under, this.suffixes, ...this.byLength]) m.clear();
    this.sortedLengths[0] = this.sortedLengths[1] = undefined;
    this.byId.clear();
    this.counts = { errors: 0, warnings: 0, rowsWithErrors: 0 };
    this.list = rows.map((row, i) => this.create(row, i));
    for (const r of this.list) this.index(r);
    this.out = this.list.map(r => {
      r.rel = this.relations(r);
      return this.materialize(r);
    });
  }

  private create(row: IndexedRowInput, index: number): RowState {
    const r: RowState = { id: row.id, seq: this.seq++, index, value: '', dns: '', own: NONE, dnsOwn: NONE, rel: [], out: NONE, live: true };
    this.setValue(r, row);
    this.byId.set(r.id, r);
    return r;
  }

  private setValue(r: RowState, row: RowInput): void {
    r.value = row.value;
    r.dns = row.dns;
    if (this.flavor === 'fallback') {
      r.own = suffixProblems(row.value.trim());
      r.dnsOwn = dnsProblems(row.dns);
    } else {
      r.parsed = parseSplitTunnelValue(row.value);
      r.own = ownProblems(row.value, r.parsed);
    }
  }

  /** Adds a row to the index; `touched` collects every row whose comparisons may change. */
  private index(r: RowState, touched?: Set<RowState>): void {
    this.related(r, touched);
    this.keys(r, (map, key) => addTo(map, key, r));
    touched?.add(r);
  }

  private unindex(r: RowState, touched: Set<RowState>): void {
    this.related(r, touched);
    this.keys(r, (map, key) => removeFrom(map, key, r));
    touched.add(r);
  }

  /** Every index entry a row has, for adding or removing it. */
  private keys(r: RowState, visit: <K>(map: Map<K, Set<RowState>>, key: K) => void): void {
    if (this.flavor === 'fallback') {
      const key = fallbackKey(r.value.trim());
      if (key !== undefined) visit(this.suffixes, key);
      return;
    }
    const p = r.parsed!;
    if (p.kind === 'address') {
      visit(this.networks, networkKey(p.bytes, p.prefix));
      const f = p.family === 4 ? 0 : 1;
      const before = this.byLength[f].size;
      visit(this.byLength[f], p.prefix);
      if (this.byLength[f].size !== before) this.sortedLengths[f] = undefined;
    } else if (p.kind === 'host') {
      visit(p.wildcard ? this.wild : this.exact, p.name);
      for (const parent of parents(p.name)) visit(this.under, parent);
    }
  }

  /** The rows whose duplicate or coverage status can change when `r` comes or goes. */
  private related(r: RowState, touched: Set<RowState> | undefined): void {
    if (!touched) return;
    const add = (set: ReadonlySet<RowState> | undefined) => set?.forEach(x => touched.add(x));
    if (this.flavor === 'fallback') {
      const key = fallbackKey(r.value.trim());
      if (key !== undefined) add(this.suffixes.get(key));
      return;
    }
    const p = r.parsed!;
    if (p.kind === 'address') {
      add(this.networks.get(networkKey(p.bytes, p.prefix)));
      for (const [len, rows] of this.byLength[p.family === 4 ? 0 : 1]) {
        if (len <= p.prefix) continue;
        for (const x of rows) if (inside((x.parsed as ParsedAddress).bytes, p.bytes, p.prefix)) touched.add(x);
      }
    } else if (p.kind === 'host') {
      add((p.wildcard ? this.wild : this.exact).get(p.name));
      if (p.wildcard) add(this.under.get(p.name));
    }
  }

  /** What `checkAddressCoverage` / `checkHostCoverage` / the fallback duplicate check find for one row. */
  private relations(r: RowState): Relation[] {
    if (this.flavor === 'fallback') {
      const key = fallbackKey(r.value.trim());
      const f = key === undefined ? undefined : first(this.suffixes.get(key));
      return f && f !== r ? [{ code: 'duplicate', ref: f }] : [];
    }
    const p = r.parsed!;
    if (p.kind === 'address') {
      const same = first(this.networks.get(networkKey(p.bytes, p.prefix)));
      if (same !== r) return [{ code: 'duplicate', ref: same! }];
      for (const len of this.lengths(p.family)) {
        if (len >= p.prefix) break;
        const wider = first(this.networks.get(networkKey(p.bytes, len)));
        if (wider) return [{ code: 'coveredBy', ref: wider }];
      }
      return [];
    }
    if (p.kind !== 'host') return [];
    const rel: Relation[] = [];
    const same = first((p.wildcard ? this.wild : this.exact).get(p.name));
    if (same !== r) rel.push({ code: 'duplicate', ref: same! });
    for (const parent of parents(p.name)) {
      const w = first(this.wild.get(parent));
      if (w && w !== r) {
        rel.push({ code: 'coveredBy', ref: w });
        break;
      }
    }
    return rel;
  }

  private lengths(family: 4 | 6): number[] {
    const f = family === 4 ? 0 : 1;
    return (this.sortedLengths[f] ??= [...this.byLength[f].keys()].sort((a, b) => a - b));
  }

  /** The row's problems in `validateRows`' order, with row numbers as they are now; keeps the counts. */
  private materialize(r: RowState): Problem[] {
    const rel = r.rel.map(x => warn(x.code, [x.ref.value.trim(), String(x.ref.index + 1)]));
    const out = rel.length || r.dnsOwn.length ? [...r.own, ...rel, ...r.dnsOwn] : r.own;
    this.count(r.out, -1);
    this.count(out, 1);
    r.out = out;
    return out;
  }

  private count(problems: readonly Problem[], sign: 1 | -1): void {
    let e = 0;
    for (const p of problems) if (p.severity === 'error') e++;
    this.counts.errors += sign * e;
    this.counts.warnings += sign * (problems.length - e);
    if (e) this.counts.rowsWithErrors += sign;
  }
}
