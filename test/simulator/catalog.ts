/**
 * Everything besides devices and profiles: accounts, credentials, IP profiles, WARP Connector
 * tunnels with their connectors, zones. All derived from the seed.
 */
import type {
  Account,
  ConnectorConnection,
  HaStatus,
  IPProfile,
  TunnelStatus,
  WarpConnector,
  WarpConnectorTunnel,
  Zone,
} from '../../src/api/types';
import { Rng, digest } from './random';
import type { Credentials } from './types';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export function accountIdFor(seed: number, name: string): string {
  return digest('account', seed, name).toString('hex').slice(0, 32);
}

export function makeAccounts(seed: number, now: number): Account[] {
  return [
    { id: accountIdFor(seed, 'Acme Corp'), name: 'Acme Corp', type: 'enterprise',
      created_on: new Date(now - 900 * DAY).toISOString(), settings: { enforce_twofactor: true, abuse_contact_email: 'abuse@acme.com' } },
    { id: accountIdFor(seed, 'Acme Labs'), name: 'Acme Labs', type: 'standard',
      created_on: new Date(now - 200 * DAY).toISOString(), settings: { enforce_twofactor: false } },
  ];
}

/**
 * Fake but well-formed secrets: API tokens are 40+ characters of [A-Za-z0-9_-] (the `sim_` prefix
 * makes them recognisable in a log), Global API keys 37 lowercase hex characters.
 */
export function makeCredentials(seed: number): Credentials {
  const tok = (label: string) => 'sim_' + digest(label, seed).toString('base64url').slice(0, 40);
  return {
    token: tok('token'),
    readOnlyToken: tok('read-only-token'),
    accountToken: tok('account-owned-token'),
    restrictedToken: tok('ip-restricted-token'),
    email: 'admin@acme.com',
    globalKey: digest('global-key', seed).toString('hex').slice(0, 37),
  };
}

/** The id GET /user/tokens/verify reports for a token (32 hex, as Cloudflare's). */
export function tokenId(token: string): string {
  return digest('token-id', token).toString('hex').slice(0, 32);
}

/** RFC3339Nano, as the IP profiles endpoint writes timestamps. */
function nano(ms: number, rng: Rng): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, `.${String(rng.int(0, 999_999_999)).padStart(9, '0')}Z`);
}

export function makeIpProfiles(rng: Rng, count: number, now: number): IPProfile[] {
  const groups = ['Eng', 'Finance', 'Support', 'Sales', 'Ops'];
  return Array.from({ length: count }, (_, i) => {
    const group = groups[i % groups.length];
    const created = now - rng.int(30, 300) * DAY;
    return {
      id: rng.uuid(),
      created_at: nano(created, rng),
      description: `Source IPs for ${group}${i >= groups.length ? ` (${i + 1})` : ''}`,
      enabled: i % 4 !== 3,
      match: `any(identity.groups.name[*] in {"${group}"})`,
      name: `IPv4 ${group} Source IPs${i >= groups.length ? ` ${i + 1}` : ''}`,
      precedence: (i + 1) * 100,
      subnet_id: rng.uuid(),
      updated_at: nano(created + rng.int(0, 20) * DAY, rng),
    };
  });
}

type TunnelKind = 'healthy' | 'degraded' | 'inactive' | 'down' | 'deleted';
const KINDS: readonly TunnelKind[] = ['healthy', 'degraded', 'inactive', 'down', 'deleted'];
const NAMES = ['dc1-lon-connector', 'branch-nyc', 'lab-connector', 'aws-us-east-1', 'old-sfo-office', 'gcp-europe-west'];
const COLOS = ['LHR', 'AMS', 'FRA', 'EWR', 'IAD', 'SJC', 'SIN'];

function conns(rng: Rng, clientId: string, version: string, count: number, since: number): ConnectorConnection[] {
  const originIp = `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(2, 254)}`;
  return Array.from({ length: count }, () => ({
    id: rng.uuid(), client_id: clientId, client_version: version, colo_name: rng.pick(COLOS),
    opened_at: new Date(since + rng.int(0, 60) * MINUTE).toISOString(), origin_ip: originIp,
  }));
}

function connector(rng: Rng, ha: HaStatus, now: number): WarpConnector {
  const id = rng.uuid();
  const version = rng.pick(['2025.1.861.0', '2025.2.600.0', '2025.4.929.0']);
  const runAt = now - rng.int(1, 20) * DAY;
  return {
    id, arch: rng.pick(['linux_amd64', 'linux_arm64']), version, run_at: new Date(runAt).toISOString(),
    ha_status: ha, features: ['ha-origin'], conns: ha === 'offline' ? [] : conns(rng, id, version, 2, runAt),
  };
}

const HA_BY_KIND: Record<TunnelKind, HaStatus[]> = {
  healthy: ['active', 'passive'],
  degraded: ['active', 'offline'],
  inactive: [],
  down: ['offline'],
  deleted: ['offline'],
};

const STATUS_BY_KIND: Record<TunnelKind, TunnelStatus> = {
  healthy: 'healthy', degraded: 'degraded', inactive: 'inactive', down: 'down', deleted: 'down',
};

function tunnel(rng: Rng, i: number, accountId: string, now: number): [WarpConnectorTunnel, WarpConnector[]] {
  const kind = KINDS[i % KINDS.length];
  const connectors = HA_BY_KIND[kind].map(ha => connector(rng, ha, now));
  const live = connectors.flatMap(c => c.conns ?? []);
  const created = now - rng.int(40, 500) * DAY;
  const everActive = kind !== 'inactive';
  const t: WarpConnectorTunnel = {
    id: rng.uuid(),
    account_tag: accountId,
    connections: live.map(c => ({ ...c, uuid: c.id, is_pending_reconnect: false })),
    conns_active_at: everActive ? new Date(created + DAY).toISOString() : null,
    conns_inactive_at: kind === 'down' || kind === 'deleted' ? new Date(now - rng.int(1, 9) * DAY).toISOString() : null,
    created_at: new Date(created).toISOString(),
    deleted_at: kind === 'deleted' ? new Date(now - rng.int(1, 5) * DAY).toISOString() : null,
    metadata: {},
    name: NAMES[i] ?? `connector-${i + 1}`,
    status: STATUS_BY_KIND[kind],
    tun_type: 'warp_connector',
  };
  return [t, connectors];
}

/**
 * Tunnels cycle through healthy (active+passive HA pair), degraded (active+offline), inactive
 * (never connected), down (only an offline connector) and, from the fifth on, a deleted one.
 */
export function makeTunnels(rng: Rng, count: number, accountId: string, now: number) {
  const tunnels: WarpConnectorTunnel[] = [];
  const connectors: Record<string, WarpConnector[]> = {};
  for (let i = 0; i < count; i++) {
    const [t, c] = tunnel(rng, i, accountId, now);
    tunnels.push(t);
    connectors[t.id] = c;
  }
  return { tunnels, connectors };
}

const ZONE_NAMES = ['acme.com', 'acme.io', 'acme-labs.dev', 'acmecdn.net', 'acme.co.uk'];

/** Zones with the fields the SDK's Zone type requires; the last one belongs to Acme Labs. */
export function makeZones(seed: number, count: number, accounts: Account[], now: number): Zone[] {
  return Array.from({ length: count }, (_, i) => {
    const owner = i === count - 1 && count > 1 ? accounts[1] : accounts[0];
    const name = ZONE_NAMES[i] ?? `acme-${i + 1}.example`;
    return {
      id: digest('zone', seed, name).toString('hex').slice(0, 32),
      name,
      status: 'active',
      account: { id: owner.id, name: owner.name },
      activated_on: new Date(now - (400 - i) * DAY).toISOString(),
      created_on: new Date(now - (401 - i) * DAY).toISOString(),
      modified_on: new Date(now - 10 * DAY).toISOString(),
      development_mode: 0,
      meta: { cdn_only: false, custom_certificate_quota: 0, dns_only: false, foundation_dns: false, page_rule_quota: 3, phishing_detected: false, step: 2 },
      name_servers: ['ada.ns.cloudflare.com', 'rob.ns.cloudflare.com'],
      original_dnshost: null,
      original_name_servers: null,
      original_registrar: null,
      owner: { id: null, name: owner.name, type: 'organization' },
      plan: { id: digest('plan', name).toString('hex').slice(0, 32), name: 'Enterprise Website', price: 0, currency: 'USD',
        frequency: '', is_subscribed: true, can_subscribe: false, legacy_id: 'enterprise', legacy_discount: false, externally_managed: false },
      paused: false,
      type: 'full',
      permissions: ['#zone:read', '#zone:edit'],
    } as Zone;
  });
}
