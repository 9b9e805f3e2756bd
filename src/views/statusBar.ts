import * as vscode from 'vscode';
import type { WaitInfo } from '../api/client';
import type { Session } from '../auth/session';
import { CommandIds } from '../constants';
import type { RateLimitNotice } from './rateLimitNotice';
import { escapeIcons } from '../util/untrustedText';

/**
 * Two status bar items: the account in use (click to switch), and — only while requests are held
 * back by Cloudflare's rate limit or a retry — how long they wait, counting down.
 */
export class FleetStatusBar implements vscode.Disposable {
  private readonly account: vscode.StatusBarItem;
  private readonly waiting: vscode.StatusBarItem;
  private waitUntil = 0;
  private waitReason: WaitInfo['reason'] = 'retry';
  private ticker: ReturnType<typeof setInterval> | undefined;
  private readonly subs: vscode.Disposable[] = [];

  /**
   * `loads`: the views' model events. The account's name is asked for (when no sign-in gave it) only
   * after a view loaded, so nothing goes over the network before a view is shown.
   */
  constructor(
    private readonly session: Session,
    notice?: RateLimitNotice,
    loads: vscode.Event<{ kind: string }>[] = [],
  ) {
    this.account = vscode.window.createStatusBarItem('warpFleet.account', vscode.StatusBarAlignment.Left, 10);
    this.account.name = vscode.l10n.t('WARP Fleet account');
    this.account.command = CommandIds.selectAccount;
    this.waiting = vscode.window.createStatusBarItem('warpFleet.waiting', vscode.StatusBarAlignment.Left, 9);
    this.waiting.name = vscode.l10n.t('WARP Fleet rate limit');
    this.waiting.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    this.waiting.command = CommandIds.showLog;
    this.subs.push(
      session.onDidChange(() => void this.showAccount()),
      session.onDidWait(w => this.onWait(w)),
      ...loads.map(e => e(s => s.kind === 'loaded' && void this.lookUpName())),
    );
    // A pause no request waits on yet (a 429 that failed a load) is counted down too.
    if (notice) this.subs.push(notice.onDidChange(p => p.secondsLeft > 0 && this.onWait({ ms: p.secondsLeft * 1000, reason: p.reason })));
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
    // Short backoffs pass unnoticed; a wait a person would notice is shown.
    if (w.ms < 1000) return;
    this.waitUntil = Math.max(this.waitUntil, Date.now() + w.ms);
    this.waitReason = w.reason;
    this.render();
    this.ticker ??= setInterval(() => this.render(), 1000);
  }

  private render(): void {
    const left = Math.ceil((this.waitUntil - Date.now()) / 1000);
    if (left <= 0) {
      clearInterval(this.ticker);
      this.ticker = undefined;
      this.waiting.hide();
      return;
    }
    this.waiting.text =
      this.waitReason === 'retry' ? vscode.l10n.t('$(sync~spin) Cloudflare: retrying in {0} s', left) : vscode.l10n.t('$(watch) Cloudflare rate limit: waiting {0} s', left);
    this.waiting.tooltip =
      this.waitReason === 'budget'
        ? vscode.l10n.t('WARP Fleet keeps under Cloudflare’s limit of 1,200 requests per 5 minutes; requests resume in {0} s.', left)
        : this.waitReason === 'retryAfter'
          ? vscode.l10n.t('Cloudflare asked to wait (429 Too Many Requests). Requests resume in {0} s.', left)
          : vscode.l10n.t('A request failed and is retried in {0} s. Click for the log.', left);
    this.waiting.show();
  }

  /** What the account item shows (for tests). */
  get accountText(): string {
    return this.account.text;
  }

  /** What the waiting item shows now (for tests); undefined when hidden. */
  get waitingText(): string | undefined {
    return this.waitUntil > Date.now() ? this.waiting.text : undefined;
  }

  dispose(): void {
    clearInterval(this.ticker);
    this.subs.forEach(s => s.dispose());
    this.account.dispose();
    this.waiting.dispose();
  }
}
