import { InvalidInputError } from './errors';

/**
 * Checks the API base URL before any credential is sent to it: https anywhere, plain http only to a
 * loopback address (a local simulator). Returns the URL without a trailing slash.
 */
export function validateBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new InvalidInputError({ code: 'baseUrlInvalid', value: raw }, `The API base URL "${raw}" is not a valid URL.`);
  }
  if (url.username || url.password) throw new InvalidInputError({ code: 'baseUrlCredentials' }, 'The API base URL must not contain a user name or password.');
  if (url.protocol === 'http:') {
    if (!isLoopbackHost(url.hostname)) {
      throw new InvalidInputError({ code: 'baseUrlPlainHttp', host: url.hostname }, `Plain http is allowed only for loopback addresses, not "${url.hostname}". Use https.`);
    }
  } else if (url.protocol !== 'https:') {
    throw new InvalidInputError({ code: 'baseUrlScheme', scheme: url.protocol }, `The API base URL must use https, not "${url.protocol}".`);
  }
  return url.toString().replace(/\/+$/, '');
}

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}
