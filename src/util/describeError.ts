import * as vscode from 'vscode';
import { CloudflareApiError, InvalidInputError, type IdKind, type InputProblem } from '../api/errors';

/**
 * An error in words an admin understands, with the HTTP status and Cloudflare's error code where
 * there is one. Never includes credentials: CloudflareApiError carries none.
 */
export function describeError(err: unknown): string {
  if (err instanceof InvalidInputError) return describeInputProblem(err.problem);
  if (!(err instanceof CloudflareApiError)) {
    return err instanceof Error ? err.message : String(err);
  }
  const cf = err.errors.length ? ` (${err.errors.map(e => vscode.l10n.t('code {0}: {1}', e.code, e.message)).join('; ')})` : '';
  switch (err.kind) {
    case 'notSignedIn':
      return vscode.l10n.t('Not signed in. Run "WARP Fleet: Sign In" to connect a Cloudflare account.');
    case 'cancelled':
      return vscode.l10n.t('Cancelled.');
    case 'timeout':
      return vscode.l10n.t('Cloudflare did not answer in time ({0}). Check your connection and try again.', err.detail ?? '');
    case 'network':
      return vscode.l10n.t('Could not reach the Cloudflare API ({0}). Check your connection or the warpFleet.apiBaseUrl setting.', err.detail ?? '');
    case 'invalidResponse':
      return vscode.l10n.t(
        'Cloudflare answered HTTP {0} with {1} instead of API data. This is usually a temporary problem at Cloudflare; try again shortly.',
        err.status ?? '?',
        err.detail ?? vscode.l10n.t('an unreadable body'),
      );
    case 'redirect':
      return vscode.l10n.t(
        'The API address answered with a redirect (HTTP {0}) to {1}. Redirects are not followed, so no credentials were sent there. Check the warpFleet.apiBaseUrl setting.',
        err.status ?? '?',
        err.location ?? vscode.l10n.t('another address'),
      );
    case 'emptyResult':
      return vscode.l10n.t('Cloudflare answered without data: it may have been deleted.');
    case 'http':
      return httpMessage(err) + cf;
  }
}

function httpMessage(err: CloudflareApiError): string {
  // Cloudflare's codes say more than the status (a malformed header is a 400, a permission problem a 400 or 403).
  switch (err.authProblem) {
    case 'malformed':
      return vscode.l10n.t(
        'Cloudflare could not read the credentials ({0}): they are malformed (a pasted value may be cut or have extra characters). Sign in again.',
        err.status ?? '?',
      );
    case 'restricted':
      return vscode.l10n.t(
        'The credentials are restricted ({0}): Cloudflare refused them for this resource (an IP address filter or an account or zone limit on the token).',
        err.status ?? '?',
      );
    case 'invalid':
      return vscode.l10n.t('Cloudflare rejected the credentials ({0}). Sign in again with a valid API token.', err.status ?? '?');
    case 'permission':
      return vscode.l10n.t(
        'The credentials lack a permission this needs ({0}). Devices and profiles need Zero Trust Read (Write for changes); connectors need Cloudflare One Connector: WARP Read.',
        err.status ?? '?',
      );
  }
  if (err.isRateLimited) return vscode.l10n.t('Cloudflare is rate limiting requests. Wait a minute and try again.');
  switch (err.status) {
    case 404:
      return vscode.l10n.t('Not found (404): it may have been deleted, or the account id is wrong.');
    case 429:
      return vscode.l10n.t('Cloudflare is rate limiting requests (429). Wait a minute and try again.');
    default:
      if (err.status !== undefined && err.status >= 500) {
        return vscode.l10n.t('Cloudflare had a server error ({0}). Try again shortly.', err.status);
      }
      return vscode.l10n.t('Cloudflare refused the request ({0}).', err.status ?? '?');
  }
}

/** The short form for a tree's error node: "403 · code 10000 · Authentication error". */
export function errorSummary(err: unknown): string {
  if (!(err instanceof CloudflareApiError)) return describeError(err);
  // With no HTTP answer the summary would be a bare "ECONNRESET" or "no answer within 30 s": say what happened.
  if (err.kind === 'network') return vscode.l10n.t('could not reach Cloudflare ({0})', err.detail ?? '?');
  if (err.kind === 'timeout') return vscode.l10n.t('timed out ({0})', err.detail ?? '?');
  const parts: string[] = [];
  if (err.status !== undefined && err.kind !== 'emptyResult') parts.push(String(err.status));
  for (const e of err.errors.slice(0, 3)) parts.push(e.code !== undefined ? vscode.l10n.t('code {0} · {1}', e.code, e.message) : e.message);
  if (!err.errors.length && err.detail) parts.push(err.detail);
  if (err.kind === 'redirect' && err.location) parts.push(`→ ${err.location}`);
  return parts.join(' · ') || describeError(err);
}

/** The words for input that api/ refused before any request (it names the problem by code, see InvalidInputError). */
export function describeInputProblem(p: InputProblem): string {
  switch (p.code) {
    case 'baseUrlInvalid':
      return vscode.l10n.t('The API base URL "{0}" is not a valid URL.', p.value);
    case 'baseUrlCredentials':
      return vscode.l10n.t('The API base URL must not contain a user name or password.');
    case 'baseUrlPlainHttp':
      return vscode.l10n.t('Plain http is allowed only for loopback addresses, not "{0}". Use https.', p.host);
    case 'baseUrlScheme':
      return vscode.l10n.t('The API base URL must use https, not "{0}".', p.scheme);
    case 'accountId':
      return vscode.l10n.t('Not a Cloudflare account id (32 hexadecimal characters): "{0}".', p.value);
    case 'blankId':
      return vscode.l10n.t('Refused to call the Cloudflare API: "{0}" is not a valid {1}. Nothing was sent.', p.value, idWord(p.what));
    case 'noIds':
      return vscode.l10n.t('No device ids given.');
    case 'tooManyIds':
      return vscode.l10n.t('At most {0} device ids per request, got {1}.', p.max, p.got);
    case 'pathSegment':
      return vscode.l10n.t('Refused to call the Cloudflare API: "{0}" is not a valid {1}. Nothing was sent.', p.value, idWord(p.what));
  }
}

function idWord(what: IdKind): string {
  switch (what) {
    case 'account':
      return vscode.l10n.t('account id (32 hexadecimal characters)');
    case 'zone':
      return vscode.l10n.t('zone id (32 hexadecimal characters)');
    case 'device':
      return vscode.l10n.t('device id');
    case 'profile':
      return vscode.l10n.t('profile id');
    case 'tunnel':
      return vscode.l10n.t('tunnel id');
    case 'segment':
      return vscode.l10n.t('id or path segment');
    case 'id':
      return vscode.l10n.t('id');
  }
}
