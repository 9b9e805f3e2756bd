/**
 * Cloudflare's envelopes and the errors the simulator answers with. Each error says where it comes
 * from:
 * - OBSERVED: the code (and status) were seen in answers of the real API; the source is named
 *   (../shared/api-notes.md "Error codes seen on the real API" and "Account-owned tokens").
 * - NOT OBSERVED: a plausible pick, kept here in one place so it is easy to correct. The product
 *   must never key behaviour on these codes (words and status only).
 */
import type { ResponseInfo, ResultInfo } from '../../src/api/types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ResponseInfo[],
    readonly headers: Record<string, string> = {},
  ) {
    super(errors.map(e => `${e.code}: ${e.message}`).join('; '));
  }
}

export interface SuccessEnvelope {
  success: true;
  errors: [];
  messages: ResponseInfo[];
  result: unknown;
  result_info?: ResultInfo;
}

export function okEnvelope(result: unknown, resultInfo?: ResultInfo, messages: ResponseInfo[] = []): SuccessEnvelope {
  return { success: true, errors: [], messages, result, ...(resultInfo ? { result_info: resultInfo } : {}) };
}

export function errorEnvelope(errors: ResponseInfo[]) {
  return { success: false, errors, messages: [], result: null };
}

const err = (status: number, code: number, message: string, extra: Partial<ResponseInfo> = {}) =>
  new ApiError(status, [{ code, message, ...extra }]);

/** NOT OBSERVED: code for request validation failures of the device APIs (2xxx family, like the observed 2049). */
export const DEVICES_VALIDATION = 2001;

/** NOT OBSERVED: the deprecated device endpoints' refusal on multi-user accounts (only its wording is documented, seed pages 000/001). */
export const MULTI_USER_REFUSAL = 2101;

export const Errors = {
  // OBSERVED (api-notes): 9106 missing headers; 6003 "Invalid request headers" with error_chain 6111 / 6102 / 6103.
  missingAuth: () => err(400, 9106, 'Missing X-Auth-Key, X-Auth-Email or Authorization headers'),
  badHeader: (chain: ResponseInfo[]) => err(400, 6003, 'Invalid request headers', { error_chain: chain }),
  badAuthorizationFormat: { code: 6111, message: 'Invalid format for Authorization header' },
  badEmailFormat: { code: 6102, message: 'Invalid format for X-Auth-Email header' },
  badKeyFormat: { code: 6103, message: 'Invalid format for X-Auth-Key header' },
  // OBSERVED (api-notes): 10000 "Authentication error", 401 (unknown token) or 403 (missing permission).
  authentication: (status = 401) => err(status, 10000, 'Authentication error'),
  // OBSERVED (api-notes): 9109, 403, an IP-restricted token / "unauthorized to access resource".
  restricted: () => err(403, 9109, 'Unauthorized to access requested resource'),
  // NOT OBSERVED here (no source at hand): a Global API key that does not match the email.
  unknownGlobalKey: () => err(403, 9103, 'Unknown X-Auth-Key or X-Auth-Email'),
  // OBSERVED (api-notes): 1000 "Invalid API Token", 401, on verify.
  invalidApiToken: () => err(401, 1000, 'Invalid API Token'),
  // NOT OBSERVED: a Global API key on a token-verify endpoint (1001 is the code Cloudflare uses for bad requests, see accountOwnedToken).
  verifyNeedsToken: () => err(400, 1001, 'Missing "Authorization" header'),
  // OBSERVED (api-notes "Account-owned tokens", seen Dec 2024): GET /accounts with an account-owned
  // token, 400 / 1001; only the words "does not support account owned tokens" are known.
  accountOwnedToken: () => err(400, 1001, 'This endpoint does not support account owned tokens'),
  // OBSERVED (commonly seen, no written source here): 7003 + 7000 for a path that routes nowhere.
  noRoute: (path: string) => new ApiError(404, [
    { code: 7003, message: `Could not route to ${path}, perhaps your object identifier is invalid?` },
    { code: 7000, message: 'No route for that URI' },
  ]),
  // NOT OBSERVED: the code of a 405.
  methodNotAllowed: (method: string, scheme: string) =>
    err(405, 10000, `${method} method not allowed for the ${scheme} authentication scheme`),
  // NOT OBSERVED here (no source at hand): malformed / too large JSON bodies.
  malformedJson: () => err(400, 6007, 'Malformed JSON in request body'),
  bodyTooLarge: () => err(413, 6006, 'Request body too large'),
  // OBSERVED (api-notes): 971 on 429 "Please wait and consider throttling your request speed", with Retry-After.
  rateLimited: (retryAfter: number) =>
    new ApiError(429, [{ code: 971, message: 'Please wait and consider throttling your request speed' }], { 'Retry-After': String(retryAfter) }),
  // NOT OBSERVED: code of paging parameter errors.
  badPaging: (message: string) => err(400, 1001, message),
  validation: (message: string, pointer?: string) =>
    err(400, DEVICES_VALIDATION, message, pointer ? { source: { pointer } } : {}),
  // OBSERVED (per the original notes of this simulator): 2049 for an entry Cloudflare cannot parse.
  invalidEntry: (message: string, pointer?: string) => err(400, 2049, message, pointer ? { source: { pointer } } : {}),
  // NOT OBSERVED: code of an unknown device / registration / profile id.
  notFound: (what: string) => err(404, 2002, `${what} not found`),
  // Wording from the seed pages (000/001: "Not supported when multi-user mode is enabled for the
  // account"); status and code NOT OBSERVED.
  multiUser: () => err(400, MULTI_USER_REFUSAL,
    'This endpoint is not supported when multi-user mode is enabled for the account. Use /devices/registrations or /devices/physical-devices instead.'),
  // NOT OBSERVED: code and wording of override codes asked for while Admin Override is off.
  adminOverrideDisabled: () => err(400, 2102, "Admin override is not enabled for this device's profile"),
  // Wording from ../shared/api-notes.md "Split Tunnel mode"; code NOT OBSERVED (no source found).
  bothSplitTunnelLists: () => err(400, DEVICES_VALIDATION, "Both 'exclude' and 'include' cannot be set in the same request"),
} as const;
