import type { ResponseInfo } from './types';

/**
 * What went wrong, in classes a caller can act on:
 * - http: the API answered with an error status or `success: false` (see `status` and `errors`);
 * - network: the connection failed or was dropped before an answer;
 * - timeout: no answer within the time limit;
 * - cancelled: the caller aborted;
 * - invalidResponse: the body was not the API's JSON (an HTML error page from the edge, truncated JSON);
 * - notSignedIn: no credentials to send.
 */
export type ApiErrorKind = 'http' | 'network' | 'timeout' | 'cancelled' | 'invalidResponse' | 'notSignedIn';

export interface ApiErrorInit {
  kind: ApiErrorKind;
  method: string;
  path: string;
  status?: number;
  errors?: ResponseInfo[];
  detail?: string;
  retryAfterMs?: number;
  attempts?: number;
  cause?: unknown;
}

/**
 * An API failure. Carries the HTTP status, Cloudflare's error codes and messages, method and path;
 * never credentials (they are not in the path, and request headers are never copied here).
 */
export class CloudflareApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly method: string;
  readonly path: string;
  readonly status?: number;
  readonly errors: ResponseInfo[];
  readonly detail?: string;
  readonly retryAfterMs?: number;
  /** How many attempts were made before giving up. */
  readonly attempts: number;

  constructor(init: ApiErrorInit) {
    super(CloudflareApiError.describe(init));
    this.name = 'CloudflareApiError';
    this.kind = init.kind;
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.errors = init.errors ?? [];
    this.detail = init.detail;
    this.retryAfterMs = init.retryAfterMs;
    this.attempts = init.attempts ?? 1;
    if (init.cause !== undefined) (this as { cause?: unknown }).cause = init.cause;
  }

  /** Cloudflare's error codes, e.g. [10000]. */
  get codes(): number[] {
    return this.errors.map(e => e.code).filter(c => typeof c === 'number');
  }

  get isAuthError(): boolean {
    return this.kind === 'notSignedIn' || this.status === 401 || this.status === 403;
  }

  get isRateLimited(): boolean {
    return this.status === 429;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  /** "403 · code 10000 · Authentication error" — the short form shown beside a failed view. */
  get summary(): string {
    const parts: string[] = [];
    if (this.status !== undefined) parts.push(String(this.status));
    for (const e of this.errors.slice(0, 3)) {
      parts.push(e.code !== undefined ? `code ${e.code} · ${e.message}` : e.message);
    }
    if (!this.errors.length && this.detail) parts.push(this.detail);
    return parts.join(' · ');
  }

  private static describe(init: ApiErrorInit): string {
    const where = `${init.method} ${init.path}`;
    const cf = (init.errors ?? []).map(e => `${e.message} (code ${e.code})`).join('; ');
    switch (init.kind) {
      case 'http':
        return `${where} failed with HTTP ${init.status}${cf ? `: ${cf}` : ''}`;
      case 'invalidResponse':
        return `${where} returned a response that is not Cloudflare API JSON${init.status ? ` (HTTP ${init.status})` : ''}${init.detail ? `: ${init.detail}` : ''}`;
      case 'timeout':
        return `${where} timed out${init.detail ? ` (${init.detail})` : ''}`;
      case 'network':
        return `${where} could not reach the API${init.detail ? `: ${init.detail}` : ''}`;
      case 'cancelled':
        return `${where} was cancelled`;
      case 'notSignedIn':
        return `${where} needs credentials: sign in first`;
    }
  }
}

export function isCancellation(err: unknown): boolean {
  return err instanceof CloudflareApiError && err.kind === 'cancelled';
}
