/**
 * The list history on disk: one JSON file per account, profile and list under the extension's global
 * storage (files, not globalState: a history of 50 lists of thousands of entries does not belong in
 * the state every activation loads). The format and its bounds are in listHistory.ts.
 *
 * Writes to one file are queued one after another and are atomic (a temporary file renamed over the
 * old one), so a crash or a second window never leaves half a file. A failed write is logged and never
 * fails the save it follows: the list is on Cloudflare whatever happens here.
 */
import * as vscode from 'vscode';
import type { Log } from '../../util/log';
import { sameEntries, type ListEntry } from './listData';
import { addSnapshot, HISTORY_LIMITS, historyPath, parseHistory, type HistoryLimits, type ListSnapshot, type SnapshotKind } from './listHistory';
import type { ListTarget } from './protocol';

type ListRef = Pick<ListTarget, 'accountId' | 'profileId' | 'list'>;

export class ListHistoryStore {
  private readonly queues = new Map<string, Promise<void>>();
  private tmpCounter = 0;

  constructor(
    private readonly root: vscode.Uri,
    private readonly log: Log,
    readonly limits: HistoryLimits = HISTORY_LIMITS,
  ) {}

  uriOf(t: ListRef): vscode.Uri {
    return vscode.Uri.joinPath(this.root, ...historyPath(t.accountId, t.profileId, t.list));
  }

  /** The snapshots of a list, newest first. */
  async snapshots(t: ListRef): Promise<ListSnapshot[]> {
    await this.queues.get(this.uriOf(t).toString());
    return (await this.readFile(this.uriOf(t))).snapshots.reverse();
  }

  /**
   * After a save: the list as it was on Cloudflare before (unless the newest snapshot holds it
   * already), then the list as saved.
   */
  recordSave(t: ListRef, before: readonly ListEntry[], saved: readonly ListEntry[]): Promise<void> {
    return this.enqueue(t, snapshots => {
      const newest = snapshots[snapshots.length - 1];
      const out: [SnapshotKind, readonly ListEntry[]][] = [];
      if (!newest || newest.list !== t.list || !sameEntries(newest.entries, before)) out.push(['before', before]);
      out.push(['saved', saved]);
      return out;
    });
  }

  /** Before the editor moves to the other Split Tunnel list: the list it leaves, as on Cloudflare. */
  recordModeSwitch(t: ListRef, entries: readonly ListEntry[]): Promise<void> {
    return this.enqueue(t, () => [['modeSwitch', entries]]);
  }

  /** Resolves when every queued write has finished (tests, and before reading). */
  async settled(): Promise<void> {
    await Promise.all(this.queues.values());
  }

  private enqueue(t: ListRef, what: (snapshots: ListSnapshot[]) => [SnapshotKind, readonly ListEntry[]][]): Promise<void> {
    const uri = this.uriOf(t);
    const key = uri.toString();
    const run = async () => {
      let file = await this.readFile(uri);
      const at = new Date().toISOString();
      let changed = false;
      for (const [kind, entries] of what(file.snapshots)) {
        const next = addSnapshot(file, { at, kind, list: t.list, entries: [...entries] }, this.limits);
        if (!next.kept) this.log.warn(`list history: a snapshot of ${entries.length} entries is larger than the history keeps (${this.limits.bytes} bytes); not kept`);
        changed ||= next.kept;
        file = next.file;
      }
      if (changed) await this.writeAtomically(uri, JSON.stringify(file));
    };
    const next = (this.queues.get(key) ?? Promise.resolve()).then(run).catch(err => {
      this.log.error(`list history: could not keep a snapshot: ${err instanceof Error ? err.message : String(err)}`);
    });
    this.queues.set(key, next);
    return next;
  }

  private async readFile(uri: vscode.Uri) {
    try {
      return parseHistory(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    } catch {
      return parseHistory(undefined);
    }
  }

  /** A temporary file next to the real one, then renamed over it: readers see the old file or the new, never half. */
  private async writeAtomically(uri: vscode.Uri, text: string): Promise<void> {
    const dir = vscode.Uri.joinPath(uri, '..');
    await vscode.workspace.fs.createDirectory(dir);
    const tmp = uri.with({ path: `${uri.path}.${process.pid}-${++this.tmpCounter}.tmp` });
    await vscode.workspace.fs.writeFile(tmp, new TextEncoder().encode(text));
    try {
      await vscode.workspace.fs.rename(tmp, uri, { overwrite: true });
    } catch (err) {
      await vscode.workspace.fs.delete(tmp).then(undefined, () => undefined);
      throw err;
    }
  }
}
