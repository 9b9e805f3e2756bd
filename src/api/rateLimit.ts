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
  private pausedUntil = 0;

  constructor(opts: RequestBudgetOptions = {}) {
    this.limit = opts.limit ?? 1200;
    this.windowMs = opts.windowMs ?? 5 * 60_000;
    this.now = opts.now ?? Date.now;
  }

  /** Milliseconds to wait before the next request may start (0 = now), and why. */
  delay(): { ms: number; reason: WaitReason } {
    const now = this.now();
    while (this.sent.length && this.sent[0] <= now - this.windowMs) this.sent.shift();
    if (this.pausedUntil > now) return { ms: this.pausedUntil - now, reason: 'retryAfter' };
    if (this.sent.length < this.limit) return { ms: 0, reason: 'budget' };
    return { ms: this.sent[0] + this.windowMs - now, reason: 'budget' };
  }

  /** Records that a request starts now. */
  take(): void {
    this.sent.push(this.now());
  }

  /** The API said to wait: no request starts before `ms` from now. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  get used(): number {
    this.delay();
    return this.sent.length;
  }
}
