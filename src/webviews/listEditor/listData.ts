/**
 * The editor's rows and the API's entries, both ways, plus what the "no lost update" check needs:
 * comparing lists and merging a remote change into local edits. Pure (no `vscode`): the panel, the
 * unit tests and (through protocol.ts types) the webview share it.
 */
import type { FallbackDomain, SplitTunnelEntry } from '../../api/types';
import { splitDnsServers, splitTunnelValueKind, type ListFlavor } from '../../model/listValidation';

/** The three lists a profile has; the API's own names. */
export type ListKind = 'exclude' | 'include' | 'fallback_domains';

export type ListEntry = SplitTunnelEntry | FallbackDomain;

/** One row of the editor. For Split Tunnel `value` is the address or host; for fallback the suffix. */
export interface ListRow {
  id: string;
  value: string;
  description: string;
  /** Fallback only: DNS servers as typed (comma or space separated). */
  dns: string;
}

export function flavorOf(list: ListKind): ListFlavor {
  return list === 'fallback_domains' ? 'fallback' : 'splitTunnel';
}

let nextId = 0;
/** Row ids unique within this process; the webview makes its own with another prefix. */
export function newRowId(prefix = 'h'): string {
  nextId += 1;
  return `${prefix}${nextId.toString(36)}`;
}

export function entryToRow(entry: ListEntry, id = newRowId()): ListRow {
  if ('suffix' in entry) {
    return { id, value: entry.suffix ?? '', description: entry.description ?? '', dns: (entry.dns_server ?? []).join(', ') };
  }
  const e = entry as SplitTunnelEntry;
  return { id, value: e.address ?? e.host ?? '', description: e.description ?? '', dns: '' };
}

/** The entry the API takes for a row: `address` or `host` decided by what the value is; no empty description. */
export function rowToEntry(flavor: ListFlavor, row: ListRow): ListEntry {
  const value = row.value.trim();
  const description = row.description.trim();
  if (flavor === 'fallback') {
    const e: FallbackDomain = { suffix: value };
    if (description) e.description = description;
    const dns = splitDnsServers(row.dns);
    if (dns.length) e.dns_server = dns;
    return e;
  }
  const base = splitTunnelValueKind(value) === 'address' ? { address: value } : { host: value };
  return description ? { ...base, description } : base;
}

export function rowsToEntries(flavor: ListFlavor, rows: readonly ListRow[]): ListEntry[] {
  return rows.map(r => rowToEntry(flavor, r));
}

/** What identifies an entry when lists are compared: its value, case-insensitively. */
export function entryKey(entry: ListEntry): string {
  const e = entry as { address?: string; host?: string; suffix?: string };
  return (e.address ?? e.host ?? e.suffix ?? '').trim().toLowerCase();
}

/** The same entry in the same form: value, description and DNS servers (order of DNS servers matters). */
export function sameEntry(a: ListEntry, b: ListEntry): boolean {
  const x = a as FallbackDomain & SplitTunnelEntry;
  const y = b as FallbackDomain & SplitTunnelEntry;
  return entryKey(a) === entryKey(b) && (x.description ?? '') === (y.description ?? '')
    && (x.dns_server ?? []).join(',') === (y.dns_server ?? []).join(',') && (x.address === undefined) === (y.address === undefined);
}

/** Lists are equal when they hold the same entries in the same order (order is what the API keeps). */
export function sameEntries(a: readonly ListEntry[], b: readonly ListEntry[]): boolean {
  return a.length === b.length && a.every((e, i) => sameEntry(e, b[i]));
}

export interface ListDiff {
  added: ListEntry[];
  removed: ListEntry[];
  /** Same value, different description or DNS servers. */
  changed: ListEntry[];
}

/** What `after` has that `before` had not, and the reverse, by entry value. */
export function diffEntries(before: readonly ListEntry[], after: readonly ListEntry[]): ListDiff {
  const old = new Map(before.map(e => [entryKey(e), e]));
  const now = new Map(after.map(e => [entryKey(e), e]));
  return {
    added: after.filter(e => !old.has(entryKey(e))),
    removed: before.filter(e => !now.has(entryKey(e))),
    changed: after.filter(e => old.has(entryKey(e)) && !sameEntry(old.get(entryKey(e))!, e)),
  };
}
