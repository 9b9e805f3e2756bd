import type { ResponseInfo } from './types';

/**
 * What went wrong, in classes a caller can act on:
 * - http: the API answered with an error status or `success: false` (see `status` and `errors`);
 * - network: the connection failed or was dropped before an answer;
 * - timeout: no answer within the time limit;
 * - cancelled: the caller aborted;
 * - invalidResponse: the body was not the API's JSON (an HTML error page from the edge, truncated JSON);
 * - redirect: the API answered 3xx; it is never followed (credentials stay on the configured host);
 * - emptyResult: a read answered success with `result: null` (seen on GET /devices/{id}, api-notes);
 * - notSignedIn: no credentials to send.
 */
export type ApiErrorKind = 'http' | 'network' | 'timeout' | 'cancelled' | 'invalidResponse' | 'redirect' | 'emptyResult' | 'notSignedIn';

/**
 * Cloudflare error codes this client acts on, each observed on the real API (not invented):
 * - 6003 "Invalid request headers" (HTTP 400) with `error_chain` 6111 "Invalid format for Authorization header"
 *   (github.com/jeessy2/ddns-go/issues/916), 6103 "Invalid format for X-Auth-Key header"
 *   (github.com/cloudflare/cloudflare-typescript/issues/161); 6102 is its X-Auth-Email sibling (api-notes).
 * - 9106 "Missing X-Auth-Key, X-Auth-Email or Authorization headers" (HTTP 400, body without `messages`
 *   or `result`: github.com/cloudflare/cloudflare-python/issues/2678).
 * - 9109 "Unauthorized to access requested resource" (HTTP 403; an IP-restricted or wrongly scoped token:
 *   github.com/ChrispyBacon-dev/DockFlare/issues/177).
 * - 10000 "Authentication error" (HTTP 401/403, also seen with 400: github.com/zentered/cloudflare-preview-url/issues/40).
 * - 1000 "Invalid API Token" (HTTP 401 on /user/tokens/verify, api-notes).
 * - 971 "Please wait and consider throttling your request speed" (github.com/cloudflare/workers-sdk/issues/10025).
 * - 1001 on GET /accounts with an account-owned token, "does not support account owned tokens"
 *   (HTTP 400, api-notes; listed as unsupported in Cloudflare's account-owned token compatibility matrix,
 *   github.com/cloudflare/cloudflare-docs/pull/18897).
 */
export const ErrorCodes = {
  invalidHeaders: 6003,
  invalidAuthorizationHeader: 6111,
  invalidEmailHeader: 6102,
  invalidKeyHeader: 6103,
  missingAuthHeaders: 9106,
  unauthorizedResource: 9109,
  authenticationError: 10000,
  invalidToken: 1000,
  rateLimited: 971,
} as const;

/**
 * Why credentials did not work, for a message that says what to do:
 * - malformed: the headers could not even be read (6003 chain, 9106): a pasted value is wrong or cut;
 * - restricted: the token is valid but may not reach this (9109: IP filter or account/zone scope);
 * - permission: authenticated, but without the permission this call needs (403 / 10000);
 * - invalid: unknown, expired or revoked credentials (401, 1000).
 */
export type AuthProblem = 'malformed' | 'restricted' | 'permission' | 'invalid';

/** The kind of id a refused value was meant to be. */
export type IdKind = 'account' | 'zone' | 'device' | 'profile' | 'tunnel' | 'segment' | 'id';

/**
 * Input refused before any request, named by `code` so the layer that speaks the user's language puts
 * it in words (util/describeError.ts; api/ has no vscode and so no l10n). `message` is English, for the log.
 */
export type InputProblem =
  | { code: 'baseUrlInvalid'; value: string }
  | { code: 'baseUrlCredentials' }
  | { code: 'baseUrlPlainHttp'; host: string }
  | { code: 'baseUrlScheme'; scheme: string }
  | { code: 'accountId'; value: string }
  | { code: 'blankId'; value: string; what: IdKind }
  | { code: 'noIds' }
  | { code: 'tooManyIds'; max: number; got: number }
  | { code: 'pathSegment'; value: string; what: IdKind };

export class InvalidInputError extends RangeError {
  constructor(
    readonly problem: InputProblem,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidInputError';
  }
}

export interface ApiErrorInit {
  kind: ApiErrorKind;
  method: string;
  path: string;
  status?: number;
  errors?: ResponseInfo[];
  detail?: string;
  retryAfterMs?: number;
  attempts?: number;
  /** The request went out and no answer says what happened (set by the client for writes). */
  outcomeUnknown?: boolean;
  /** For `redirect`: the host the API pointed to (never contacted). */
  location?: string;
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
  /**
   * A write was sent and its answer lost (timeout, dropped connection, gateway error): it may or may
   * not have been applied. Read the state back; never report it as "did not change".
   */
  readonly outcomeUnknown: boolean;
  /** For a redirect: where the API pointed (host and path, no query), never contacted. */
  readonly location?: string;

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
    this.outcomeUnknown = init.outcomeUnknown ?? false;
    this.location = init.location;
    if (init.cause !== undefined) (this as { cause?: unknown }).cause = init.cause;
  }

  /** A read that answered success without a result: as far as anyone can tell, the item is not there. */
  static emptyResult(method: string, path: string): CloudflareApiError {
    return new CloudflareApiError({ kind: 'emptyResult', method, path, status: 200, detail: 'result: null' });
  }

  /** A copy marked as sent-without-answer. */
  withOutcomeUnknown(): CloudflareApiError {
    const copy = new CloudflareApiError({ ...this.init(), outcomeUnknown: true });
    return copy;
  }

  private init(): ApiErrorInit {
    return {
      kind: this.kind,
      method: this.method,
      path: this.path,
      status: this.status,
      errors: this.errors,
      detail: this.detail,
      retryAfterMs: this.retryAfterMs,
      attempts: this.attempts,
      outcomeUnknown: this.outcomeUnknown,
      location: this.location,
      cause: (this as { cause?: unknown }).cause,
    };
  }

  /** Cloudflare's error codes, e.g. [10000], with those of each error's `error_chain`. */
  get codes(): number[] {
    const out: number[] = [];
    const walk = (list: ResponseInfo[] | undefined) => {
      for (const e of list ?? []) {
        if (typeof e?.code === 'number') out.push(e.code);
        walk(e?.error_chain);
      }
    };
    walk(this.errors);
    return out;
  }

  /** Why the credentials did not work, or undefined when this is no credential problem. Codes win over status. */
  get authProblem(): AuthProblem | undefined {
    if (this.kind !== 'http') return undefined;
    const codes = this.codes;
    const has = (c: number) => codes.includes(c);
    if (has(ErrorCodes.invalidHeaders) && [6111, 6102, 6103].some(has)) return 'malformed';
    if (has(ErrorCodes.missingAuthHeaders)) return 'malformed';
    if (has(ErrorCodes.unauthorizedResource)) return 'restricted';
    if (has(ErrorCodes.invalidToken) || this.status === 401) return 'invalid';
    if (has(ErrorCodes.authenticationError) || this.status === 403) return 'permission';
    return undefined;
  }

  /** Any credential or permission problem (see authProblem), or no credentials at all. */
  get isAuthError(): boolean {
    return this.kind === 'notSignedIn' || this.authProblem !== undefined;
  }

  get isPermissionError(): boolean {
    return this.authProblem === 'permission' || this.authProblem === 'restricted';
  }

  get isRateLimited(): boolean {
    return this.status === 429 || this.codes.includes(ErrorCodes.rateLimited);
  }

  get isNotFound(): boolean {
    return this.status === 404 || this.kind === 'emptyResult';
  }

  /** A fault of the way there (network, timeout, edge page, server error, redirect), not an answer about the request. */
  get isTransient(): boolean {
    if (this.kind === 'network' || this.kind === 'timeout' || this.kind === 'invalidResponse') return true;
    return this.status !== undefined && (this.status >= 500 || this.status === 408);
  }

  /** "403 · code 10000 · Authentication error" — the short form shown beside a failed view. */
  get summary(): string {
    const parts: string[] = [];
    if (this.status !== undefined && this.kind !== 'emptyResult') parts.push(String(this.status));
    for (const e of this.errors.slice(0, 3)) {
      parts.push(e.code !== undefined ? `code ${e.code} · ${e.message}` : e.message);
    }
    if (!this.errors.length && this.detail) parts.push(this.detail);
    if (this.kind === 'redirect' && this.location) parts.push(`→ ${this.location}`);
    return parts.join(' · ');
  }

  private static describe(init: ApiErrorInit): string {
    const where = `${init.method} ${init.path}`;
    const cf = (init.errors ?? []).map(e => `${e.message} (code ${e.code})`).join('; ');
    const unknown = init.outcomeUnknown ? '; it may have been applied' : '';
    switch (init.kind) {
      case 'http':
        return `${where} failed with HTTP ${init.status}${cf ? `: ${cf}` : ''}${unknown}`;
      case 'invalidResponse':
        return `${where} returned a response that is not Cloudflare API JSON${init.status ? ` (HTTP ${init.status})` : ''}${init.detail ? `: ${init.detail}` : ''}${unknown}`;
      case 'timeout':
        return `${where} timed out${init.detail ? ` (${init.detail})` : ''}${unknown}`;
      case 'network':
        return `${where} could not reach the API${init.detail ? `: ${init.detail}` : ''}${unknown}`;
      case 'cancelled':
        return `${where} was cancelled${unknown}`;
      case 'redirect':
        return `${where} was redirected (HTTP ${init.status}) to ${init.location ?? 'another address'}; redirects are not followed`;
      case 'emptyResult':
        return `${where} answered without a result`;
      case 'notSignedIn':
        return `${where} needs credentials: sign in first`;
    }
  }
}

/**
 * Whether a refusal of the legacy device list (GET /accounts/{a}/devices) means "this account needs
 * the registrations API" (multi-user mode). The real refusal's code is undocumented, so this keys on
 * what the refusal is NOT: an API answer (4xx) that is no credential or permission problem, no rate
 * limit, no "not found", and no fault of the way there (network, timeout, edge page, 5xx, redirect, cancel).
 */
export function isLegacyDevicesUnsupported(err: unknown): boolean {
  if (!(err instanceof CloudflareApiError) || err.kind !== 'http') return false;
  if (err.status !== undefined && err.status >= 500) return false;
  if (err.isAuthError || err.isRateLimited || err.isTransient || err.status === 409) return false;
  // A 404 says the account (or the path) is not there: the other API would not find it either, and
  // remembering a switch on a passing 404 would pin a legacy account to the registrations API.
  if (err.status === 404) return false;
  return true;
}

/** The same test under the name the issue uses. */
export const needsRegistrationsApi = isLegacyDevicesUnsupported;
