/**
 * A shared request budget that keeps the client under Cloudflare's rate limit by itself
 * (1,200 requests per 5 minutes per token) and holds every request while the API has said to
 * wait (a 429's Retry-After), so a storm of 429s is answered by one pause, not by each caller.
 */
export interface RequestBudgetOptions {
  limit?: number;
  windowMs?: number;
  now?: () => number;
}

export type WaitReason = 'budget' | 'retryAfter';

export class RequestBudget {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  /** Start times of the requests in the current window, oldest first. */
  private readonly sent: number[] = [];
  private pauseEnd = 0;
  private pauseTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<(pausedUntil: number | undefined) => void>();

  constructor(opts: RequestBudgetOptions = {}) {
    this.limit = opts.limit ?? 1200;
    this.windowMs = opts.windowMs ?? 5 * 60_000;
    this.now = opts.now ?? Date.now;
  }

  /** Milliseconds to wait before the next request may start (0 = now), and why. */
  delay(): { ms: number; reason: WaitReason } {
    const now = this.now();
    while (this.sent.length && this.sent[0] <= now - this.windowMs) this.sent.shift();
    if (this.pauseEnd > now) return { ms: this.pauseEnd - now, reason: 'retryAfter' };
    if (this.sent.length < this.limit) return { ms: 0, reason: 'budget' };
    return { ms: this.sent[0] + this.windowMs - now, reason: 'budget' };
  }

  /** Records that a request starts now. */
  take(): void {
    this.sent.push(this.now());
  }

  /**
   * The API said to wait: no request starts before `ms` from now, for any caller of this budget.
   * Listeners hear of the new end, and again (with undefined) when the pause is over.
   */
  pause(ms: number): void {
    const end = this.now() + Math.max(0, ms);
    if (end <= this.pauseEnd) return;
    this.pauseEnd = end;
    this.fire();
    if (this.pauseTimer) clearTimeout(this.pauseTimer);
    this.pauseTimer = setTimeout(() => {
      this.pauseTimer = undefined;
      this.fire();
    }, Math.max(0, end - this.now()));
    // A pending end-of-pause notice must not keep a process (a test run, the CLI) alive.
    (this.pauseTimer as { unref?: () => void }).unref?.();
  }

  /** When requests may start again (ms since the epoch), or undefined when nothing is paused. Auto-refresh holds while set. */
  get pausedUntil(): number | undefined {
    return this.pauseEnd > this.now() ? this.pauseEnd : undefined;
  }

  /** Tells `listener` whenever a pause starts, grows or ends (with the new `pausedUntil`). */
  onDidChange(listener: (pausedUntil: number | undefined) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private fire(): void {
    const until = this.pausedUntil;
    for (const l of [...this.listeners]) {
      try {
        l(until);
      } catch {
        // A listener's failure must not stop the others or the request that paused.
      }
    }
  }

  get used(): number {
    this.delay();
    return this.sent.length;
  }
}
