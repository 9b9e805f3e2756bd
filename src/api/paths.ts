/**
 * API paths from segments. Ids come from API answers, settings, URIs and prompts: one of the wrong
 * shape (`..`, `a/b`, an empty string, `%2e%2e`) is refused before a request is built, so it can never
 * change the route, not even after the server or a proxy decodes it.
 */

import { InvalidInputError, type IdKind } from './errors';

/** English names for the log; util/describeError.ts words them for the user. */
const ID_WORDS: Record<IdKind, string> = {
  account: 'account id (32 hexadecimal characters)',
  zone: 'zone id (32 hexadecimal characters)',
  device: 'device id',
  profile: 'profile id',
  tunnel: 'tunnel id',
  segment: 'id or path segment',
  id: 'id',
};

/** A segment of a path that failed the checks; nothing was sent. */
export class InvalidPathError extends InvalidInputError {
  constructor(
    readonly segment: string,
    what: IdKind,
  ) {
    const shown = segment.length > 60 ? `${segment.slice(0, 60)}…` : segment;
    super({ code: 'pathSegment', value: shown, what }, `Refused to call the Cloudflare API: ${JSON.stringify(shown)} is not a valid ${ID_WORDS[what]}. Nothing was sent.`);
    this.name = 'InvalidPathError';
  }
}

/** A path word or an id: letters, digits, `-` and `_`, starting with a letter or digit (so never `.` or `..`). */
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
/** Account and zone ids ("tags"): 32 hexadecimal characters. */
const TAG = /^[0-9a-f]{32}$/i;
/** Device, profile and tunnel ids. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What the segment after each of these words must be, unless it is one of the listed words (the
 * endpoints under it, in src/api/*.ts). Names from the SDK's paths (resources/zero-trust/devices).
 */
const ID_AFTER: Record<string, { shape: RegExp; what: IdKind; words?: readonly string[] }> = {
  accounts: { shape: TAG, what: 'account' },
  zones: { shape: TAG, what: 'zone' },
  devices: { shape: UUID, what: 'device', words: ['revoke', 'unrevoke', 'registrations', 'physical-devices', 'policies', 'policy', 'ip-profiles'] },
  policy: { shape: UUID, what: 'profile', words: ['exclude', 'include', 'fallback_domains', 'certificates'] },
  warp_connector: { shape: UUID, what: 'tunnel' },
};

function check(segment: unknown, previous: string | undefined): string {
  const rule = previous === undefined ? undefined : ID_AFTER[previous];
  const text = String(segment);
  if (rule && !rule.words?.includes(text) && !rule.shape.test(text)) throw new InvalidPathError(text, rule.what);
  if (typeof segment !== 'string' || !SEGMENT.test(segment)) throw new InvalidPathError(text, 'segment');
  return segment;
}

/** Builds an API path from segments, checking each one (see InvalidPathError) and encoding it. */
export function apiPath(...segments: string[]): string {
  return '/' + segments.map((s, i) => encodeURIComponent(check(s, segments[i - 1]))).join('/');
}

export function accountPath(accountId: string, ...segments: string[]): string {
  return apiPath('accounts', accountId, ...segments);
}
