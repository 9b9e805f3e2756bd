/**
 * List history: the pure parts (no `vscode`). A snapshot of a list is kept locally at every save from
 * a list editor, one file per account, profile and list; this file defines that file's format, its
 * bounds (count and bytes, oldest dropped first), where it lives, and the stable sorted text form in
 * which snapshots and lists are compared in VS Code's diff editor.
 *
 * A snapshot holds only the list's entries (addresses, hosts, suffixes, descriptions, DNS servers) and
 * when it was taken: never a credential, a token or a request.
 */
import type { FallbackDomain, SplitTunnelEntry } from '../../api/types';
import { entryKey, type ListEntry, type ListKind } from './listData';

/** Why a snapshot was taken: the list as saved, as it was before a save, or before a mode switch. */
export type SnapshotKind = 'saved' | 'before' | 'modeSwitch';

export interface ListSnapshot {
  /** ISO 8601, UTC. */
  at: string;
  kind: SnapshotKind;
  list: ListKind;
  entries: ListEntry[];
}

export interface HistoryFile {
  v: 1;
  /** Oldest first. */
  snapshots: ListSnapshot[];
}

export interface HistoryLimits {
  /** Snapshots kept per list. */
  count: number;
  /** The file's size in bytes (UTF-8 JSON). */
  bytes: number;
}

const FILE_OVERHEAD = JSON.stringify({ v: 1, snapshots: [] }).length;

export const HISTORY_LIMITS: HistoryLimits = { count: 50, bytes: 2 * 1024 * 1024 };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const optString = (v: unknown) => v === undefined || isString(v);

function isEntry(v: unknown): v is ListEntry {
  if (!isObject(v) || !optString(v.description)) return false;
  if ('suffix' in v) return isString(v.suffix) && (v.dns_server === undefined || (Array.isArray(v.dns_server) && v.dns_server.every(isString)));
  return (isString(v.address) && v.host === undefined) || (isString(v.host) && v.address === undefined);
}

function isSnapshot(v: unknown): v is ListSnapshot {
  return isObject(v) && isString(v.at) && !Number.isNaN(Date.parse(v.at)) && (v.kind === 'saved' || v.kind === 'before' || v.kind === 'modeSwitch')
    && (v.list === 'exclude' || v.list === 'include' || v.list === 'fallback_domains') && Array.isArray(v.entries) && v.entries.every(isEntry);
}

/** Reads a history file; anything that is not one (damaged, another version) reads as empty history. */
export function parseHistory(text: string | undefined): HistoryFile {
  if (text === undefined) return { v: 1, snapshots: [] };
  try {
    const v: unknown = JSON.parse(text);
    if (isObject(v) && v.v === 1 && Array.isArray(v.snapshots)) return { v: 1, snapshots: v.snapshots.filter(isSnapshot) };
  } catch {
    // a damaged file: start again rather than refuse every save
  }
  return { v: 1, snapshots: [] };
}

/** Only the fields a list entry has, so nothing else that came along is ever written to disk. */
function cleanEntry(e: ListEntry): ListEntry {
  const x = e as SplitTunnelEntry & FallbackDomain;
  if (x.suffix !== undefined) {
    const d: FallbackDomain = { suffix: x.suffix };
    if (x.description) d.description = x.description;
    if (x.dns_server?.length) d.dns_server = [...x.dns_server];
    return d;
  }
  const s: SplitTunnelEntry = x.address !== undefined ? { address: x.address } : { host: x.host ?? '' };
  if (x.description) s.description = x.description;
  return s;
}

/**
 * The history with `snapshot` added as the newest, then bounded: the oldest are dropped until at most
 * `limits.count` remain and the file fits `limits.bytes`. A snapshot alone larger than the byte cap is
 * not kept (the history stays as it was). Returns the file's text.
 */
export function addSnapshot(history: HistoryFile, snapshot: ListSnapshot, limits: HistoryLimits = HISTORY_LIMITS): { file: HistoryFile; text: string; kept: boolean } {
  const added: ListSnapshot = { at: snapshot.at, kind: snapshot.kind, list: snapshot.list, entries: snapshot.entries.map(cleanEntry) };
  let snapshots = [...history.snapshots, added].slice(-limits.count);
  // The file is {"v":1,"snapshots":[a,b,…]}: its size is known from each snapshot's, without re-serialising.
  const sizes = snapshots.map(x => Buffer.byteLength(JSON.stringify(x), 'utf8'));
  let total = FILE_OVERHEAD + sizes.reduce((a, b) => a + b, 0) + Math.max(0, sizes.length - 1);
  let drop = 0;
  while (total > limits.bytes && drop < snapshots.length - 1) total -= sizes[drop++] + 1;
  snapshots = snapshots.slice(drop);
  if (total > limits.bytes) {
    const unchanged: HistoryFile = { v: 1, snapshots: history.snapshots };
    return { file: unchanged, text: JSON.stringify(unchanged), kept: false };
  }
  const file: HistoryFile = { v: 1, snapshots };
  const text = JSON.stringify(file);
  return { file, text, kept: true };
}

/**
 * A file-name-safe segment for an id: the ids are Cloudflare's (hex, UUIDs), but nothing from outside
 * may name a path, so anything else is percent-encoded and `.`/`..` cannot occur.
 */
export function pathSegment(id: string): string {
  return encodeURIComponent(id).replace(/\./g, '%2E').replace(/\*/g, '%2A') || '%00';
}

/** Where a list's history lives under the extension's global storage: history/<account>/<profile>/<list>.json */
export function historyPath(accountId: string, profileId: string | undefined, list: ListKind): string[] {
  return ['history', pathSegment(accountId), profileId === undefined ? 'default' : `p-${pathSegment(profileId)}`, `${list}.json`];
}

/** One line of text: line breaks and tabs in untrusted text become spaces, so a line is one entry. */
function oneLine(s: string): string {
  return s.replace(/[\r\n\t\u2028\u2029]+/g, ' ').trim();
}

function entryLine(e: ListEntry): string {
  const x = e as SplitTunnelEntry & FallbackDomain;
  const value = oneLine(x.address ?? x.host ?? x.suffix ?? '');
  const dns = x.dns_server?.length ? `  → ${x.dns_server.map(oneLine).join(', ')}` : '';
  const description = x.description ? `  # ${oneLine(x.description)}` : '';
  return `${value}${dns}${description}`;
}

/**
 * The stable sorted text form of a list: one entry a line, sorted by value (case-insensitively, then
 * by the whole line), so two lists that hold the same entries in another order read the same and a
 * diff shows only what differs. A trailing newline ends the last line.
 */
export function listText(entries: readonly ListEntry[]): string {
  const lines = entries.map(e => ({ key: entryKey(e), line: entryLine(e) }));
  lines.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.line < b.line ? -1 : a.line > b.line ? 1 : 0));
  return lines.map(l => l.line + '\n').join('');
}
