import * as vscode from 'vscode';
import { SettingIds } from '../constants';
import type { Loadable } from '../model/loadable';
import { autoRefreshDelayMs, type BudgetGauge } from '../model/settingsBounds';
import { Disposable } from '../util/lifecycle';

export { MIN_AUTO_REFRESH_SECONDS } from '../model/settingsBounds';

/** What AutoRefresh needs of a view: a TreeView has it. */
export interface VisibleView {
  readonly visible: boolean;
  readonly onDidChangeVisibility: vscode.Event<unknown>;
}

/** Where AutoRefresh sets its timer: setTimeout in the extension; tests pass timers they fire themselves. */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: handle => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Reloads a view's data every `warpFleet.autoRefreshSeconds` while the view is visible, and not at all
 * while it is hidden or the setting is 0. The next reload is scheduled only after the previous one
 * finished, so a slow load of a big fleet never overlaps with (or is aborted by) the next one. With a
 * budget, a reload that took many requests stretches the interval (model/settingsBounds.ts), and no
 * reload starts while the budget holds requests back (Cloudflare said to wait, or the window is full):
 * the refresh waits for the pause to end instead of queueing behind it.
 */
export class AutoRefresh extends Disposable {
  private timer: unknown;
  /** Requests the last reload took (as the budget counted them); 1 until one has run. */
  private lastCost = 1;

  constructor(
    private readonly view: VisibleView,
    private readonly loadable: Pick<Loadable<unknown>, 'reload' | 'state'>,
    private readonly budget?: BudgetGauge,
    private readonly timers: Timers = realTimers,
  ) {
    super();
    this.register({ dispose: () => this.timer !== undefined && this.timers.clear(this.timer) });
    this.register(
      view.onDidChangeVisibility(() => this.schedule()),
      vscode.workspace.onDidChangeConfiguration(e => {
        if (e.affectsConfiguration(SettingIds.autoRefreshSeconds)) this.schedule();
      }),
    );
    this.schedule();
  }

  /** The interval in ms for a reload that costs `cost` requests, or undefined when off. */
  static intervalMs(cost = 1): number | undefined {
    return autoRefreshDelayMs(vscode.workspace.getConfiguration().get<unknown>(SettingIds.autoRefreshSeconds), cost);
  }

  private schedule(delayMs?: number): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    const ms = AutoRefresh.intervalMs(this.lastCost);
    if (this.isDisposed || ms === undefined || !this.view.visible) return;
    this.timer = this.timers.set(() => void this.tick(), delayMs ?? ms);
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    if (!this.view.visible) return;
    const held = this.budget?.delay();
    if (held && held.ms > 0) {
      // Requests are held back: try again when they may go, not a full interval later.
      this.schedule(held.ms + 1000);
      return;
    }
    // Signed out or no account: nothing to refresh, and reload() would only repeat that.
    const kind = this.loadable.state.kind;
    if (kind !== 'signedOut' && kind !== 'noAccount' && kind !== 'loading') {
      const before = this.budget?.used;
      await this.loadable.reload();
      // Other views' requests in the meantime count too: that errs on the side of refreshing less.
      if (before !== undefined && this.budget) this.lastCost = Math.max(1, this.budget.used - before);
    }
    this.schedule();
  }
}
