import * as vscode from 'vscode';
import { SettingIds } from '../constants';
import type { Loadable } from '../model/loadable';

/** Listing a large fleet takes many requests: below this, the rate limit would be the only brake. */
export const MIN_AUTO_REFRESH_SECONDS = 10;

/** What AutoRefresh needs of a view: a TreeView has it. */
export interface VisibleView {
  readonly visible: boolean;
  readonly onDidChangeVisibility: vscode.Event<unknown>;
}

/**
 * Reloads a view's data every `warpFleet.autoRefreshSeconds` while the view is visible, and not at all
 * while it is hidden or the setting is 0. The next reload is scheduled only after the previous one
 * finished, so a slow load of a big fleet never overlaps with (or is aborted by) the next one.
 */
export class AutoRefresh implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subs: vscode.Disposable[] = [];
  private disposed = false;

  constructor(
    private readonly view: VisibleView,
    private readonly loadable: Pick<Loadable<unknown>, 'reload' | 'state'>,
  ) {
    this.subs.push(
      view.onDidChangeVisibility(() => this.schedule()),
      vscode.workspace.onDidChangeConfiguration(e => {
        if (e.affectsConfiguration(SettingIds.autoRefreshSeconds)) this.schedule();
      }),
    );
    this.schedule();
  }

  /** The interval in ms, or undefined when off. */
  static intervalMs(): number | undefined {
    const raw = vscode.workspace.getConfiguration().get<number>(SettingIds.autoRefreshSeconds, 0);
    const seconds = Number.isFinite(raw) ? raw : 0;
    if (seconds <= 0) return undefined;
    return Math.max(MIN_AUTO_REFRESH_SECONDS, seconds) * 1000;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const ms = AutoRefresh.intervalMs();
    if (this.disposed || ms === undefined || !this.view.visible) return;
    this.timer = setTimeout(() => void this.tick(), ms);
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    if (!this.view.visible) return;
    // Signed out or no account: nothing to refresh, and reload() would only repeat that.
    const kind = this.loadable.state.kind;
    if (kind !== 'signedOut' && kind !== 'noAccount' && kind !== 'loading') await this.loadable.reload();
    this.schedule();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.subs.forEach(s => s.dispose());
  }
}
