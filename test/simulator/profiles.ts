/**
 * Device settings profiles: the default profile with Cloudflare's stock Split Tunnel exclude list
 * and Local Domain Fallback list, and custom profiles an admin of Acme would plausibly have.
 */
import type { FallbackDomain, SettingsPolicy, SplitTunnelEntry } from '../../src/api/types';
import { Rng } from './random';

/** Cloudflare's default Split Tunnel exclude list (what a new account starts with). */
export const DEFAULT_EXCLUDE: readonly SplitTunnelEntry[] = [
  { address: '10.0.0.0/8', description: 'Private network (RFC 1918)' },
  { address: '100.64.0.0/10', description: 'Carrier-grade NAT (RFC 6598)' },
  { address: '169.254.0.0/16', description: 'DHCP Unspecified' },
  { address: '172.16.0.0/12', description: 'Private network (RFC 1918)' },
  { address: '192.0.0.0/24', description: 'IETF protocol assignments' },
  { address: '192.168.0.0/16', description: 'Private network (RFC 1918)' },
  { address: '224.0.0.0/24', description: 'Local multicast' },
  { address: '240.0.0.0/4', description: 'Reserved' },
  { address: '255.255.255.255/32', description: 'DHCP Broadcast' },
  { address: 'fe80::/10', description: 'IPv6 Link Local' },
  { address: 'fd00::/8', description: 'IPv6 Unique Local' },
  { address: 'ff01::/16', description: 'IPv6 Interface-local multicast' },
  { address: 'ff02::/16', description: 'IPv6 Link-local multicast' },
  { address: 'ff03::/16', description: 'IPv6 Realm-local multicast' },
  { address: 'ff04::/16', description: 'IPv6 Admin-local multicast' },
  { address: 'ff05::/16', description: 'IPv6 Site-local multicast' },
];

/** Cloudflare's default Local Domain Fallback suffixes. */
export const DEFAULT_FALLBACK: readonly FallbackDomain[] = ['home.arpa', 'intranet', 'internal', 'private',
  'localdomain', 'domain', 'lan', 'home', 'host', 'corp', 'local', 'localhost', 'invalid', 'test']
  .map(suffix => ({ suffix }));

const CORP_DNS: FallbackDomain = { suffix: 'corp.acme.com', description: 'Acme internal DNS', dns_server: ['10.0.0.53', '10.0.1.53'] };

export function cloneList<T>(list: readonly T[]): T[] {
  return list.map(e => structuredClone(e));
}

/** Settings a profile gets when nothing says otherwise (also the fresh default profile's). */
export function baseSettings(): SettingsPolicy {
  return {
    enabled: true,
    allow_mode_switch: false,
    allow_updates: true,
    allowed_to_leave: true,
    auto_connect: 0,
    captive_portal: 180,
    disable_auto_fallback: false,
    exclude_office_ips: false,
    register_interface_ip_with_dns: true,
    sccm_vpn_boundary_support: false,
    service_mode_v2: { mode: 'warp' },
    support_url: '',
    switch_locked: false,
    tunnel_protocol: 'wireguard',
  };
}

/**
 * Split Tunnel mode: a profile uses include OR exclude, and the list of the other mode may be
 * absent or null in its answers (../shared/api-notes.md "Split Tunnel mode"). Exclude-mode profiles
 * here leave `include` out, one (Executives) sends it as null, Contractors (include mode) keeps an
 * empty `exclude`.
 */
export function makeDefaultProfile(rng: Rng): SettingsPolicy {
  return {
    policy_id: rng.uuid(),
    default: true,
    ...baseSettings(),
    exclude: cloneList(DEFAULT_EXCLUDE),
    fallback_domains: cloneList(DEFAULT_FALLBACK),
    gateway_unique_id: rng.hex(32),
  };
}

interface Template {
  name: string;
  description: string;
  match: string;
  tweak: (p: SettingsPolicy) => void;
}

const TEMPLATES: readonly Template[] = [
  {
    name: 'Engineering', description: 'Developers: local dev ranges stay off the tunnel',
    match: 'any(identity.groups.name[*] in {"Eng"})',
    tweak: p => {
      p.allow_mode_switch = true;
      p.exclude!.push({ address: '198.18.0.0/15', description: 'Benchmark lab' }, { host: '*.dev.acme.com', description: 'Dev sandboxes' });
    },
  },
  {
    name: 'Contractors', description: 'Vendors: only corporate apps go through WARP',
    match: 'identity.email matches "*@vendor.com"',
    tweak: p => {
      p.exclude = [];
      p.include = [{ address: '10.20.0.0/16', description: 'Contractor VPC' }, { host: 'jira.acme.com' }, { host: '*.corp.acme.com' }];
      p.switch_locked = true;
      p.allowed_to_leave = false;
    },
  },
  {
    name: 'Executives', description: 'Leadership devices: locked on, no leaving the org',
    match: 'any(identity.groups.name[*] in {"Executives"})',
    tweak: p => {
      p.switch_locked = true;
      p.allowed_to_leave = false;
      p.tunnel_protocol = 'masque';
      (p as { include: unknown }).include = null; // the inactive list as null, as some answers send it
    },
  },
  {
    name: 'Linux Workstations', description: 'Linux desktops use MASQUE',
    match: 'os.name == "linux"',
    tweak: p => { p.tunnel_protocol = 'masque'; },
  },
  {
    name: 'Sales Proxy Mode', description: 'Sales laptops in local proxy mode',
    match: 'any(identity.groups.name[*] in {"Sales"})',
    tweak: p => { p.service_mode_v2 = { mode: 'proxy', port: 40000 }; },
  },
];

function customProfile(rng: Rng, index: number, dflt: SettingsPolicy): SettingsPolicy {
  const t = TEMPLATES[index] ?? {
    name: `Team ${index + 1}`, description: `Profile for team ${index + 1}`,
    match: `any(identity.groups.name[*] in {"Team${index + 1}"})`, tweak: () => undefined,
  };
  const p: SettingsPolicy = {
    policy_id: rng.uuid(),
    name: t.name,
    description: t.description,
    match: t.match,
    precedence: (index + 1) * 10,
    default: false,
    ...baseSettings(),
    exclude: cloneList(dflt.exclude ?? []),
    fallback_domains: [...cloneList(dflt.fallback_domains ?? []), structuredClone(CORP_DNS)],
    gateway_unique_id: dflt.gateway_unique_id,
    lan_allow_minutes: 30,
    lan_allow_subnet_size: 24,
    target_tests: [],
  };
  t.tweak(p);
  return p;
}

export function makeCustomProfiles(rng: Rng, count: number, dflt: SettingsPolicy): SettingsPolicy[] {
  return Array.from({ length: count }, (_, i) => customProfile(rng, i, dflt));
}

/** Precedence order, as GET /devices/policies lists custom profiles. */
export function byPrecedence(a: SettingsPolicy, b: SettingsPolicy): number {
  return (a.precedence ?? 0) - (b.precedence ?? 0);
}
