import * as vscode from 'vscode';
import type { WaitInfo } from '../api/client';
import type { Session } from '../auth/session';
import { CommandIds } from '../constants';
import type { RateLimitNotice } from './rateLimitNotice';
import { escapeIcons } from '../util/untrustedText';
import { Disposable } from '../util/lifecycle';

/**
 * Two status bar items: the account in use (click to switch), and — only while requests are held
 * back — how long they wait, counting down. A rate-limit pause (429 Retry-After or the client's own
 * budget) comes from the RateLimitNotice, which counts it down for the views too; this class counts
 * only a retry's backoff itself, which the notice does not see.
 */
export class FleetStatusBar extends Disposable {
  private readonly account: vscode.StatusBarItem;
  private readonly waiting: vscode.StatusBarItem;
  private retryUntil = 0;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private shown = false;

  /**
   * `loads`: the views' model events. The account's name is asked for (when no sign-in gave it) only
   * after a view loaded, so nothing goes over the network before a view is shown.
   */
  constructor(
    private readonly session: Session,
    private readonly notice?: RateLimitNotice,
    loads: vscode.Event<{ kind: string }>[] = [],
  ) {
    super();
    this.account = this.register(vscode.window.createStatusBarItem('warpFleet.account', vscode.StatusBarAlignment.Left, 10));
    this.account.name = vscode.l10n.t('WARP Fleet account');
    this.account.command = CommandIds.selectAccount;
    this.waiting = this.register(vscode.window.createStatusBarItem('warpFleet.waiting', vscode.StatusBarAlignment.Left, 9));
    this.waiting.name = vscode.l10n.t('WARP Fleet rate limit');
    this.waiting.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    this.waiting.command = CommandIds.showLog;
    this.register(
      { dispose: () => clearInterval(this.ticker) },
      session.onDidChange(() => void this.showAccount()),
      session.onDidWait(w => this.onWait(w)),
      ...loads.map(e => e(s => s.kind === 'loaded' && void this.lookUpName())),
    );
    // The notice fires once a second while it counts a pause down.
    if (notice) this.register(notice.onDidChange(() => this.render()));
    void this.showAccount();
  }

  private async showAccount(): Promise<void> {
    const state = await this.session.current();
    if (!state?.accountId) {
      this.account.hide();
      return;
    }
    const name = this.session.accountName(state.accountId);
    // The account's name is API text: its `$(…)` must not turn into icons.
    this.account.text = `$(cloud) ${name ? escapeIcons(name) : `${state.accountId.slice(0, 8)}…`}`;
    this.account.tooltip = name
      ? vscode.l10n.t('Cloudflare account {0} — click to switch', state.accountId)
      : vscode.l10n.t('Cloudflare account {0} (these credentials may not read its name) — click to switch', state.accountId);
    this.account.show();
  }

  private async lookUpName(): Promise<void> {
    const state = await this.session.current();
    if (!state?.accountId || this.session.accountName(state.accountId)) return;
    if (await this.session.lookupAccountName(state.accountId)) await this.showAccount();
  }

  private onWait(w: Pick<WaitInfo, 'ms' | 'reason'>): void {
    // A rate-limit wait is the notice's (it watches the same event); short backoffs pass unnoticed.
    if (w.reason !== 'retry' || w.ms < 1000) return;
    this.retryUntil = Math.max(this.retryUntil, Date.now() + w.ms);
    this.render();
    this.ticker ??= setInterval(() => this.render(), 1000);
  }

  private render(): void {
    const pause = this.notice?.current;
    const retryLeft = Math.ceil((this.retryUntil - Date.now()) / 1000);
    if (retryLeft <= 0) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
    if (pause && pause.secondsLeft > 0) {
      const left = pause.secondsLeft;
      this.waiting.text = vscode.l10n.t('$(watch) Cloudflare rate limit: waiting {0} s', left);
      this.waiting.tooltip =
        pause.reason === 'budget'
          ? vscode.l10n.t('WARP Fleet keeps under Cloudflare’s limit of 1,200 requests per 5 minutes; requests resume in {0} s.', left)
          : vscode.l10n.t('Cloudflare asked to wait (429 Too Many Requests). Requests resume in {0} s.', left);
    } else if (retryLeft > 0) {
      this.waiting.text = vscode.l10n.t('$(sync~spin) Cloudflare: retrying in {0} s', retryLeft);
      this.waiting.tooltip = vscode.l10n.t('A request failed and is retried in {0} s. Click for the log.', retryLeft);
    } else {
      this.shown = false;
      this.waiting.hide();
      return;
    }
    this.shown = true;
    this.waiting.show();
  }

  /** What the account item shows (for tests). */
  get accountText(): string {
    return this.account.text;
  }

  /** What the waiting item shows now (for tests); undefined when hidden. */
  get waitingText(): string | undefined {
    return this.shown ? this.waiting.text : undefined;
  }
}
