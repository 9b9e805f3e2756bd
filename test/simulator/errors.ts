/**
 * Cloudflare's envelopes and the errors the simulator answers with. Codes marked "real" were seen
 * in answers of the real API; the others are plausible picks kept in this one place so they are
 * easy to correct.
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

/** Plausible code for request validation failures of the device settings APIs (2xxx family, like 2049). */
export const DEVICES_VALIDATION = 2001;

export const Errors = {
  // real: answers to missing / malformed / unknown credentials
  missingAuth: () => err(400, 9106, 'Missing X-Auth-Key, X-Auth-Email or Authorization headers'),
  badHeader: (chain: ResponseInfo[]) => err(400, 6003, 'Invalid request headers', { error_chain: chain }),
  badAuthorizationFormat: { code: 6111, message: 'Invalid format for Authorization header' },
  badEmailFormat: { code: 6102, message: 'Invalid format for X-Auth-Email header' },
  badKeyFormat: { code: 6103, message: 'Invalid format for X-Auth-Key header' },
  authentication: (status = 401) => err(status, 10000, 'Authentication error'),
  unknownGlobalKey: () => err(403, 9103, 'Unknown X-Auth-Key or X-Auth-Email'),
  invalidApiToken: () => err(401, 1000, 'Invalid API Token'),
  verifyNeedsToken: () => err(400, 1001, 'Missing "Authorization" header'),
  // real: 7003 + 7000 for a path that routes nowhere
  noRoute: (path: string) => new ApiError(404, [
    { code: 7003, message: `Could not route to ${path}, perhaps your object identifier is invalid?` },
    { code: 7000, message: 'No route for that URI' },
  ]),
  methodNotAllowed: (method: string, scheme: string) =>
    err(405, 10000, `${method} method not allowed for the ${scheme} authentication scheme`),
  // real: malformed JSON body
  malformedJson: () => err(400, 6007, 'Malformed JSON in request body'),
  bodyTooLarge: () => err(413, 6006, 'Request body too large'),
  // real: rate limit
  rateLimited: (retryAfter: number) =>
    new ApiError(429, [{ code: 971, message: 'Please wait and consider throttling your request speed' }], { 'Retry-After': String(retryAfter) }),
  badPaging: (message: string) => err(400, 1001, message),
  validation: (message: string, pointer?: string) =>
    err(400, DEVICES_VALIDATION, message, pointer ? { source: { pointer } } : {}),
  // real code 2049 for an entry Cloudflare cannot parse
  invalidEntry: (message: string, pointer?: string) => err(400, 2049, message, pointer ? { source: { pointer } } : {}),
  notFound: (what: string) => err(404, 2002, `${what} not found`),
  multiUser: () => err(400, 2101,
    'This endpoint is not supported when multi-user mode is enabled for the account. Use /devices/registrations or /devices/physical-devices instead.'),
  adminOverrideDisabled: () => err(400, 2102, "Admin override is not enabled for this device's profile"),
} as const;
