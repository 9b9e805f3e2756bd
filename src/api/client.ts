import nodeFetch from 'node-fetch';
import { validateBaseUrl } from './baseUrl';
import { CloudflareApiError, type ApiErrorKind } from './errors';
import { RequestBudget, type WaitReason } from './rateLimit';
import type { Envelope, ResponseInfo, ResultInfo } from './types';
import { yieldToEventLoop } from '../util/slices';
import { parseJsonInSlices } from './jsonSlices';

export type Credentials = { kind: 'token'; token: string } | { kind: 'globalKey'; email: string; key: string };

/** The slice of the fetch API the client uses; node-fetch by default, injectable for tests. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal; redirect: 'manual' },
) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface WaitInfo {
  reason: 'retry' | WaitReason;
  ms: number;
  attempt: number;
  method: string;
  path: string;
  status?: number;
}

export interface ClientOptions {
  baseUrl: string;
  credentials: () => Credentials | undefined | Promise<Credentials | undefined>;
  fetch?: FetchLike;
  /** Per attempt. Default 30 s. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default 3. */
  maxRetries?: number;
  /** First backoff when no Retry-After is given; doubles per retry. Default 500 ms. */
  retryBaseMs?: number;
  /** Backoff cap. Default 8 s. */
  retryMaxMs?: number;
  /** Longest Retry-After honoured before giving up rather than waiting. Default 120 s. */
  maxRetryAfterMs?: number;
  /** Parallel page requests when listing. Default 4. */
  concurrency?: number;
  /** Shared by every client of one process so the budget covers them all. */
  budget?: RequestBudget;
  logger?: Logger;
  userAgent?: string;
  /** Told whenever a request waits (backoff, Retry-After, budget), so a UI can say so. */
  onWait?: (info: WaitInfo) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined | Array<string | number>>;
  body?: unknown;
  signal?: AbortSignal;
  /**
   * Whether repeating the request is harmless. Default: true for GET, HEAD, PUT (a PUT sends a whole
   * list or object) and OPTIONS; false for POST, PATCH and DELETE. A request that is not idempotent is
   * retried only when the API certainly did not act on it (429, a connection that was never made);
   * a DELETE retried after a lost answer would turn a success into a false 404.
   */
  idempotent?: boolean;
}

export interface ApiResponse<T> {
  result: T;
  resultInfo?: ResultInfo;
  messages: ResponseInfo[];
}

const RETRY_STATUSES = new Set([408, 409, 429]);
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'OPTIONS']);
/** Connection errors that happen before a byte of the request is sent: safe to retry any request. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

type AttemptOutcome<T> = { ok: true; response: ApiResponse<T> } | { ok: false; error: CloudflareApiError; notSent?: boolean; inFlight?: boolean };

export class CloudflareClient {
  readonly baseUrl: string;
  private readonly fetchImpl: FetchLike;
  private readonly budget: RequestBudget;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly opts: ClientOptions) {
    this.baseUrl = validateBaseUrl(opts.baseUrl);
    this.fetchImpl = opts.fetch ?? (nodeFetch as unknown as FetchLike);
    this.budget = opts.budget ?? new RequestBudget();
    this.sleep = opts.sleep ?? abortableSleep;
  }

  get concurrency(): number {
    return Math.max(1, this.opts.concurrency ?? 4);
  }

  get<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path, options);
  }

  /** Sends one API call, retrying what is safe to retry, and unwraps the envelope. */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const url = this.baseUrl + path + queryString(options.query);
    const idempotent = options.idempotent ?? IDEMPOTENT_METHODS.has(method.toUpperCase());
    const isRead = method === 'GET' || method === 'HEAD';
    const maxRetries = this.opts.maxRetries ?? 3;
    const credentials = await this.opts.credentials();
    if (!credentials) throw new CloudflareApiError({ kind: 'notSignedIn', method, path });
    const headers = this.headers(credentials, options.body !== undefined);
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);

    for (let attempt = 0; ; attempt++) {
      await this.takeFromBudget(method, path, attempt, options.signal);
      const outcome = await this.attempt<T>(method, path, url, headers, body, options.signal, attempt + 1);
      if (outcome.ok) return outcome.response;
      // A write that went out and got no answer may have been applied: say so, so the caller reads back.
      const err = !isRead && mayHaveArrived(outcome) ? outcome.error.withOutcomeUnknown() : outcome.error;
      if (err.retryAfterMs !== undefined && (err.isRateLimited || (err.status ?? 0) >= 500)) {
        // The API said when to come back: hold every request of the shared budget (other callers,
        // other views, auto-refresh) for that long, also when this request gives up now.
        this.budget.pause(err.retryAfterMs);
      }
      const retryable = this.isRetryable(err, idempotent, outcome.notSent);
      if (!retryable || attempt >= maxRetries) throw err;
      if (err.retryAfterMs !== undefined && err.retryAfterMs > (this.opts.maxRetryAfterMs ?? 120_000)) throw err;
      const ms = err.retryAfterMs ?? this.backoff(attempt);
      this.opts.logger?.warn(`${method} ${path}: ${err.summary || err.kind}; retry ${attempt + 1}/${maxRetries} in ${ms} ms`);
      if (err.retryAfterMs !== undefined) {
        // takeFromBudget does the waiting (and tells onWait) at the top of the next attempt.
      } else {
        this.opts.onWait?.({ reason: 'retry', ms, attempt: attempt + 1, method, path, status: err.status });
        await this.sleepOrCancel(ms, method, path, options.signal);
      }
    }
  }

  private headers(credentials: Credentials, hasBody: boolean): Record<string, string> {
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': this.opts.userAgent ?? 'warp-fleet' };
    if (hasBody) headers['Content-Type'] = 'application/json';
    if (credentials.kind === 'token') {
      headers.Authorization = `Bearer ${credentials.token}`;
    } else {
      headers['X-Auth-Email'] = credentials.email;
      headers['X-Auth-Key'] = credentials.key;
    }
    return headers;
  }

  private async attempt<T>(
    method: string,
    path: string,
    url: string,
    headers: Record<string, string>,
    body: string | undefined,
    signal: AbortSignal | undefined,
    attempts: number,
  ): Promise<AttemptOutcome<T>> {
    if (signal?.aborted) return { ok: false, error: new CloudflareApiError({ kind: 'cancelled', method, path, attempts }) };
    const timeoutMs = this.opts.timeoutMs ?? 30_000;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const started = Date.now();
    try {
      // Never follow a redirect: node-fetch would send X-Auth-Email, X-Auth-Key and the body on to
      // another host (it strips only Authorization). A 3xx is an error naming where it pointed.
      const res = await this.fetchImpl(url, { method, headers, body, signal: controller.signal, redirect: 'manual' });
      const text = await res.text();
      this.opts.logger?.debug(`${method} ${path} → ${res.status} (${Date.now() - started} ms, ${text.length} B)`);
      if (res.status >= 300 && res.status < 400) {
        const location = redirectTarget(res.headers.get('location'), url);
        return { ok: false, error: new CloudflareApiError({ kind: 'redirect', method, path, status: res.status, location, attempts }) };
      }
      const parsed = await parseEnvelope<T>(text, res.headers.get('content-type'));
      const retryAfterMs = parseRetryAfter(res.headers);
      if (!parsed.ok) {
        return { ok: false, error: new CloudflareApiError({ kind: 'invalidResponse', method, path, status: res.status, detail: parsed.detail, retryAfterMs, attempts }) };
      }
      const env = parsed.envelope;
      if (res.status >= 400 || env.success === false) {
        return { ok: false, error: new CloudflareApiError({ kind: 'http', method, path, status: res.status, errors: listOf(env.errors), retryAfterMs, attempts }) };
      }
      return { ok: true, response: { result: env.result, resultInfo: env.result_info ?? undefined, messages: listOf(env.messages) } };
    } catch (e) {
      const kind: ApiErrorKind = signal?.aborted ? 'cancelled' : timedOut ? 'timeout' : 'network';
      const detail = kind === 'timeout' ? `no answer within ${Math.round(timeoutMs / 1000)} s` : kind === 'network' ? networkDetail(e) : undefined;
      const notSent = NOT_SENT_CODES.has((e as { code?: string })?.code ?? '');
      return { ok: false, error: new CloudflareApiError({ kind, method, path, detail, attempts, cause: e }), notSent, inFlight: true };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private isRetryable(err: CloudflareApiError, idempotent: boolean, notSent?: boolean): boolean {
    if (err.kind === 'cancelled' || err.kind === 'notSignedIn' || err.kind === 'redirect') return false;
    // 429 means the request was not processed; a connection never made never reached the API.
    if (err.isRateLimited || notSent) return true;
    if (!idempotent) return false;
    if (err.kind === 'network' || err.kind === 'timeout') return true;
    if (err.status === undefined) return false;
    return RETRY_STATUSES.has(err.status) || err.status >= 500;
  }

  private backoff(attempt: number): number {
    const base = this.opts.retryBaseMs ?? 500;
    const capped = Math.min(base * 2 ** attempt, this.opts.retryMaxMs ?? 8_000);
    const random = this.opts.random ?? Math.random;
    return Math.round(capped * (1 - random() * 0.25));
  }

  /**
   * Waits until the budget allows a request, then takes its place. The check and the take happen in
   * the same synchronous step: with an `await` between them, parallel requests all saw room in the
   * budget before any of them took it, and a burst went past the limit.
   */
  private async takeFromBudget(method: string, path: string, attempt: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const { ms, reason } = this.budget.delay();
      if (ms <= 0) {
        this.budget.take();
        return;
      }
      this.opts.onWait?.({ reason, ms, attempt, method, path });
      await this.sleepOrCancel(ms, method, path, signal);
    }
  }

  private async sleepOrCancel(ms: number, method: string, path: string, signal?: AbortSignal): Promise<void> {
    try {
      await this.sleep(ms, signal);
    } catch {
      throw new CloudflareApiError({ kind: 'cancelled', method, path });
    }
    if (signal?.aborted) throw new CloudflareApiError({ kind: 'cancelled', method, path });
  }
}

export function queryString(query: RequestOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) value.forEach(v => params.append(key, String(v)));
    else params.append(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Answers at least this long (characters) wait for a turn of their own before they are parsed. */
const LARGE_BODY = 64 * 1024;

async function parseEnvelope<T>(text: string, contentType: string | null): Promise<{ ok: true; envelope: Envelope<T> } | { ok: false; detail: string }> {
  const looksHtml = /text\/html/i.test(contentType ?? '') || /^\s*<(!doctype|html)/i.test(text);
  if (looksHtml) {
    const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
    return { ok: false, detail: title ? `an HTML page titled "${title}"` : 'an HTML page' };
  }
  try {
    // A page of 1,000 devices is ~600 KB of JSON, 5–45 ms for one JSON.parse: a large answer is
    // parsed in slices from a turn of the event loop of its own, so answers that arrive together do
    // not make one long task on the extension host (#17 item 1; jsonSlices.ts).
    let value: Envelope<T>;
    if (text.length >= LARGE_BODY) {
      await yieldToEventLoop();
      value = (await parseJsonInSlices(text)) as Envelope<T>;
    } else {
      value = JSON.parse(text) as Envelope<T>;
    }
    if (value === null || typeof value !== 'object' || !('success' in value || 'result' in value || 'errors' in value)) {
      return { ok: false, detail: 'JSON without the API envelope' };
    }
    return { ok: true, envelope: value };
  } catch {
    return { ok: false, detail: text.length ? `malformed JSON (${text.length} bytes)` : 'an empty body' };
  }
}

/** Retry-After in milliseconds: `retry-after-ms`, then `Retry-After` as seconds or an HTTP date. */
export function parseRetryAfter(headers: { get(name: string): string | null }, now = Date.now()): number | undefined {
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Whether a failed attempt may have been acted on: it was sent (the connection was made) and no
 * answer says it failed: a timeout, a dropped connection, a cancel in flight, an edge error page
 * or a server error. A 4xx answer, a 429 or a redirect is a certain "not done".
 */
function mayHaveArrived(outcome: { error: CloudflareApiError; notSent?: boolean; inFlight?: boolean }): boolean {
  const err = outcome.error;
  if (outcome.notSent || err.kind === 'redirect' || err.kind === 'notSignedIn' || err.isRateLimited) return false;
  if (err.kind === 'timeout' || err.kind === 'network' || err.kind === 'invalidResponse') return true;
  if (err.kind === 'cancelled') return outcome.inFlight === true;
  return err.status !== undefined && err.status >= 500;
}

/** Where a redirect pointed, as `host/path` without the query (which could carry ids), for the message. */
function redirectTarget(location: string | null, from: string): string | undefined {
  if (!location) return undefined;
  try {
    const u = new URL(location, from);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return undefined;
  }
}

function listOf<T>(value: T[] | null | undefined): T[] {
  return Array.isArray(value) ? value : [];
}

function networkDetail(e: unknown): string {
  const err = e as { code?: string; message?: string };
  return err?.code ? `${err.code}` : (err?.message ?? 'connection failed');
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
