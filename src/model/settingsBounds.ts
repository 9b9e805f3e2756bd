/**
 * The settings that spend the account's rate budget, bounded so that no value (from a user, or from a
 * workspace that should not be able to set them at all) can exhaust it. Cloudflare allows 1,200
 * requests per 5 minutes per user/token (api-notes.md, "Limits"); package.json declares the same
 * bounds, and test/unit/settingsBounds.test.ts checks that the two agree. No `vscode` import.
 */

export const RATE_LIMIT = { requests: 1200, windowMs: 5 * 60_000 } as const;

/**
 * What views need of the shared request budget (api/rateLimit.ts RequestBudget has it): how long the
 * next request must wait and why, and how many requests the current window holds.
 */
export interface BudgetGauge {
  delay(): { ms: number; reason: 'budget' | 'retryAfter' };
  readonly used: number;
}

export interface Bounds {
  min: number;
  max: number;
  default: number;
}

export const SETTING_BOUNDS = {
  /** Items per page. Below 50 a 10,000-device fleet costs more than 200 requests per listing. */
  pageSize: { min: 50, max: 1000, default: 100 },
  /** 0 is off; 1–9 count as 10. The refresh is stretched further by what it costs (autoRefreshDelayMs). */
  autoRefreshSeconds: { min: 0, max: 86_400, default: 0 },
  /** Per attempt; a short timeout on a slow link turns every request into retries. */
  requestTimeoutSeconds: { min: 5, max: 300, default: 30 },
} as const satisfies Record<string, Bounds>;

export type BoundedSetting = keyof typeof SETTING_BOUNDS;

/** The setting's value as used: a whole number within its bounds; anything unreadable is the default. */
export function boundedSetting(name: BoundedSetting, raw: unknown): number {
  const b = SETTING_BOUNDS[name];
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(n)) return b.default;
  return Math.min(b.max, Math.max(b.min, Math.floor(n)));
}

/** Listing a small fleet takes one request: below this, only the rate limit would brake a refresh. */
export const MIN_AUTO_REFRESH_SECONDS = 10;

/**
 * The share of the rate budget one view's auto-refresh may use. Three views refresh: together they
 * stay under 30 % of it, leaving the rest for what the admin does (and for other tools on the token).
 */
export const AUTO_REFRESH_BUDGET_SHARE = 0.1;

/**
 * How long to wait before a view's next automatic reload; undefined when auto-refresh is off.
 * `lastCost` is how many requests the previous reload took: a big fleet is reloaded less often, so
 * that one view's refreshes never take more than AUTO_REFRESH_BUDGET_SHARE of the budget, whatever
 * the setting says.
 */
export function autoRefreshDelayMs(settingSeconds: unknown, lastCost = 1): number | undefined {
  const seconds = boundedSetting('autoRefreshSeconds', settingSeconds);
  if (seconds <= 0) return undefined;
  const wanted = Math.max(MIN_AUTO_REFRESH_SECONDS, seconds) * 1000;
  const cost = Math.max(1, Number.isFinite(lastCost) ? lastCost : 1);
  const affordable = Math.ceil((cost * RATE_LIMIT.windowMs) / (RATE_LIMIT.requests * AUTO_REFRESH_BUDGET_SHARE));
  return Math.max(wanted, affordable);
}
