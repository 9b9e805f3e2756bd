/**
 * The selectors device profile match expressions may name, and what the parser suggests for a name
 * that is not one. No `vscode` import: unit-tested.
 *
 * Sources: Cloudflare's "Device profiles" page, section "Selectors" (identity.email,
 * identity.groups.email|id|name, os.name, os.version, network, identity.saml_attributes,
 * identity.service_token_uuid), the Gateway selector partials it renders (user-email, user-group-*,
 * saml-attributes, device-posture: `any(device_posture.checks.passed[*] in {"<uuid>"})`) and the IP
 * profiles reference, which adds identity.name. The "Gateway policy expressions" page documents the
 * `identity.groups[*].name` spelling next to `identity.groups.name[*]`.
 */

/** What a selector holds for one device: one string, or a list of strings (`[*]` applies). */
export type SelectorShape = 'string' | 'list';

/** The facts an explanation can be given, one per evaluable selector. */
export type FactKey = 'email' | 'userName' | 'groupNames' | 'groupIds' | 'groupEmails' | 'saml' | 'osName' | 'osVersion' | 'network' | 'postureChecks';

export interface SelectorInfo {
  name: string;
  shape: SelectorShape;
  /** The fact it reads; undefined when nothing local can know it (cannot evaluate locally). */
  fact?: FactKey;
}

export const SELECTORS: readonly SelectorInfo[] = [
  { name: 'identity.email', shape: 'string', fact: 'email' },
  { name: 'identity.name', shape: 'string', fact: 'userName' },
  { name: 'identity.groups.name', shape: 'list', fact: 'groupNames' },
  { name: 'identity.groups.id', shape: 'list', fact: 'groupIds' },
  { name: 'identity.groups.email', shape: 'list', fact: 'groupEmails' },
  // "name=value" pairs, as the docs' example `identity.saml_attributes == "group=finance"` reads.
  { name: 'identity.saml_attributes', shape: 'list', fact: 'saml' },
  { name: 'identity.service_token_uuid', shape: 'string' },
  { name: 'os.name', shape: 'string', fact: 'osName' },
  { name: 'os.version', shape: 'string', fact: 'osVersion' },
  { name: 'network', shape: 'string', fact: 'network' },
  { name: 'device_posture.checks.passed', shape: 'list', fact: 'postureChecks' },
  // Valid (the docs' device-posture example), but which checks failed is not something we ask.
  { name: 'device_posture.checks.failed', shape: 'list' },
];

const BY_NAME = new Map(SELECTORS.map(s => [s.name, s]));

export function selectorInfo(name: string): SelectorInfo | undefined {
  return BY_NAME.get(name);
}

/** `os.name` values the WARP client reports (the docs' example: `os.name in {"windows" "mac"}`). */
export const OS_NAME_VALUES = ['windows', 'mac', 'linux', 'android', 'ios', 'chromeos'] as const;

/** What people write for a selector, mapped to the one they mean. */
const ALIASES: Record<string, string> = {
  email: 'identity.email',
  'user.email': 'identity.email',
  'identity.user.email': 'identity.email',
  'identity.groups': 'identity.groups.name',
  'identity.group': 'identity.groups.name',
  'identity.group.name': 'identity.groups.name',
  'identity.groups.names': 'identity.groups.name',
  group: 'identity.groups.name',
  groups: 'identity.groups.name',
  os: 'os.name',
  'os.type': 'os.name',
  'os.platform': 'os.name',
  'device.os': 'os.name',
  'os.ver': 'os.version',
  'network.name': 'network',
  managed_network: 'network',
  'managed.network': 'network',
  'device_posture.checks': 'device_posture.checks.passed',
  'posture.checks.passed': 'device_posture.checks.passed',
  'identity.saml': 'identity.saml_attributes',
  saml_attributes: 'identity.saml_attributes',
};

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/** The nearest known name (alias first, then edit distance up to a third of its length), if any is close. */
export function nearest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(name.toLowerCase(), k);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

export function suggestSelector(name: string): string | undefined {
  return ALIASES[name.toLowerCase()] ?? nearest(name, SELECTORS.map(s => s.name));
}
