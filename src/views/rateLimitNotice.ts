import * as vscode from 'vscode';
import type { BudgetGauge } from '../model/settingsBounds';
import { Disposable } from '../util/lifecycle';

/** What every view and the status bar say while requests are held back; seconds counted down. */
export interface RateLimitPause {
  /** Seconds until requests may go again; 0 when they may go now. */
  secondsLeft: number;
  /** 'retryAfter': Cloudflare answered 429 and said how long to wait; 'budget': the client's own brake. */
  reason: 'budget' | 'retryAfter';
}

/**
 * Watches the shared request budget and tells whether requests are held back, counting down once a
 * second until they may go. It looks at the budget whenever one of `triggers` fires (a request had
 * to wait, a view's load ended, the budget was paused) and while it counts down, so a pause nobody
 * is waiting on yet (a 429 that failed a load) is shown too. extension.ts passes the budget's own
 * pause event (Session.onDidChangePause) among the triggers; watch() adds more.
 */
export class RateLimitNotice extends Disposable {
  private readonly changed = new vscode.EventEmitter<RateLimitPause>();
  readonly onDidChange = this.changed.event;
  private until = 0;
  private reason: RateLimitPause['reason'] = 'retryAfter';
  private ticker: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly budget: BudgetGauge,
    triggers: vscode.Event<unknown>[] = [],
  ) {
    super();
    this.register(this.changed, { dispose: () => clearInterval(this.ticker) });
    for (const t of triggers) this.watch(t);
  }

  watch(trigger: vscode.Event<unknown>): void {
    this.register(trigger(() => this.check()));
  }

  get current(): RateLimitPause {
    return { secondsLeft: Math.max(0, Math.ceil((this.until - Date.now()) / 1000)), reason: this.reason };
  }

  /** Looks at the budget now; starts (or extends) the countdown when it holds requests back. */
  check(): void {
    const { ms, reason } = this.budget.delay();
    // A sub-second wait passes unnoticed; saying so would only flicker.
    if (ms < 1000) return;
    const until = Date.now() + ms;
    if (until <= this.until + 500 && reason === this.reason) return;
    this.until = Math.max(this.until, until);
    this.reason = reason;
    this.ticker ??= setInterval(() => this.tick(), 1000);
    this.changed.fire(this.current);
  }

  private tick(): void {
    const now = this.current;
    if (now.secondsLeft <= 0) {
      clearInterval(this.ticker);
      this.ticker = undefined;
      this.changed.fire(now);
      // Paused again meanwhile (another 429): count that down too.
      this.check();
      return;
    }
    this.changed.fire(now);
  }

  /** The line a view shows; undefined when requests may go. */
  static message(p: RateLimitPause): string | undefined {
    if (p.secondsLeft <= 0) return undefined;
    return p.reason === 'retryAfter'
      ? vscode.l10n.t('Cloudflare is rate limiting: requests resume in {0} s.', p.secondsLeft)
      : vscode.l10n.t('Keeping under Cloudflare’s rate limit: requests resume in {0} s.', p.secondsLeft);
  }
}
