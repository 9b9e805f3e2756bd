/**
 * Credential checks in the order Cloudflare applies them: headers present, well-formed, known.
 * Secrets are compared here and never stored or logged anywhere else.
 */
import type { IncomingHttpHeaders } from 'http';
import { Errors } from './errors';
import type { AuthKind, Credentials } from './types';

/** `owner: 'account'` is an account-owned token (of the main account); the others are user tokens. */
export type Auth = { kind: 'token'; token: string; readOnly: boolean; owner: 'user' | 'account' } | { kind: 'globalKey' };

const TOKEN_FORMAT = /^[A-Za-z0-9_-]{40,}$/;
const KEY_FORMAT = /^[0-9a-f]{37}$/;
const EMAIL_FORMAT = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === '' ? undefined : s.trim();
}

function bearer(authorization: string, creds: Credentials, verifying: boolean): Auth {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!m || !TOKEN_FORMAT.test(m[1])) throw Errors.badHeader([Errors.badAuthorizationFormat]);
  const token = m[1];
  if (token === creds.token) return { kind: 'token', token, readOnly: false, owner: 'user' };
  if (token === creds.readOnlyToken) return { kind: 'token', token, readOnly: true, owner: 'user' };
  if (token === creds.accountToken) return { kind: 'token', token, readOnly: false, owner: 'account' };
  // A token whose client IP filter leaves the caller out: 403 / 9109 on every call (api-notes "Error codes").
  if (token === creds.restrictedToken) throw Errors.restricted();
  throw verifying ? Errors.invalidApiToken() : Errors.authentication(401);
}

function globalKey(email: string | undefined, key: string | undefined, creds: Credentials): Auth {
  if (!email || !key) throw Errors.missingAuth();
  const chain = [];
  if (!EMAIL_FORMAT.test(email)) chain.push(Errors.badEmailFormat);
  if (!KEY_FORMAT.test(key)) chain.push(Errors.badKeyFormat);
  if (chain.length) throw Errors.badHeader(chain);
  if (email.toLowerCase() === creds.email && key === creds.globalKey) return { kind: 'globalKey' };
  throw Errors.unknownGlobalKey();
}

/** Who is calling; throws the ApiError Cloudflare would answer with. */
export function authenticate(headers: IncomingHttpHeaders, creds: Credentials, verifying = false): Auth {
  const authorization = header(headers, 'authorization');
  if (authorization) return bearer(authorization, creds, verifying);
  const email = header(headers, 'x-auth-email');
  const key = header(headers, 'x-auth-key');
  if (email || key) return globalKey(email, key, creds);
  throw Errors.missingAuth();
}

/** The kind of credentials a request carried, for the request log (never the secret itself). */
export function authKind(headers: IncomingHttpHeaders, creds: Credentials): AuthKind {
  const present = ['authorization', 'x-auth-email', 'x-auth-key'].some(h => header(headers, h));
  if (!present) return 'none';
  try {
    return authenticate(headers, creds).kind;
  } catch {
    return 'invalid';
  }
}
