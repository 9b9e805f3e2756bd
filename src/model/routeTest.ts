/**
 * "Does this go through WARP?": a profile's Split Tunnel list and Local Domain Fallback, applied to
 * addresses, ranges and hostnames the way the desktop WARP client applies them. Pure (no `vscode`):
 * the command, the list editor ("test before you save", on unsaved rows) and unit tests share it.
 *
 * How the client decides (Cloudflare One docs, "Client architecture" → "Routing table"; "Split
 * Tunnels"; "Local Domain Fallback"):
 * - Split Tunnel entries become routes in the OS routing table: exclude-mode entries route to the
 *   device's own interface, everything else to the WARP interface; in include mode the reverse. The OS
 *   picks the most specific route (longest prefix), so among overlapping CIDRs the narrowest decides.
 * - Domain entries: the client adds each resolved IP of a matching name to the routing table as a host
 *   route, so a matching domain entry decides for that name. `example.com` matches only itself;
 *   `*.example.com` matches every subdomain, not `example.com` ("Valid domains" table). A name no entry
 *   matches follows the address it resolves to, which only the device knows.
 * - "Automatically managed ranges": 172.64.128.0/20 and 2606:4700:0cf1::/48 are always included, and
 *   removed from any exclusion, at runtime.
 * - Local Domain Fallback: a suffix `example.com` covers the name and every name under it; its DNS
 *   servers answer (or, with none given, the servers the device used before WARP started); other names
 *   go to Gateway over DoH inside the tunnel. Queries to a fallback server follow the Split Tunnel
 *   routes like any traffic ("Route traffic to fallback server"). When suffixes overlap, the longest
 *   one is taken (as DNS suffix matching does) and the others are named, not hidden.
 */
import * as ipaddr from 'ipaddr.js';
import type { SettingsPolicy, SplitTunnelMode } from '../api/types';
import { parseSplitTunnelValue, splitDnsServers, type RowInput } from './listValidation';
import { splitTunnelMode } from './profileOrder';

export interface RouteRow {
  value: string;
  description?: string;
}

export interface FallbackRow {
  suffix: string;
  description?: string;
  dns: string[];
}

export interface RouteRules {
  mode: SplitTunnelMode;
  entries: readonly RouteRow[];
  fallback: readonly FallbackRow[];
}

/** An entry that decided, by its 1-based row in its list. */
export interface EntryRef {
  row: number;
  value: string;
  description?: string;
}

export type Through = 'warp' | 'outside';

export interface RangeException {
  range: string;
  through: Through;
  by: EntryRef | 'auto';
}

export interface DnsAnswer {
  by: 'gateway' | 'fallback';
  suffix?: EntryRef;
  /** The fallback's servers with where a query to each goes; empty means the device's own servers. */
  servers?: { ip: string; through: Through | undefined }[];
  /** Other fallback suffixes that also cover the name. */
  alsoMatched?: EntryRef[];
}

export interface RouteAnswer {
  input: string;
  kind: 'address' | 'range' | 'host' | 'invalid';
  /** `partly`: a range some entries split; `depends`: a name no entry matches (its address decides). */
  through: Through | 'partly' | 'depends' | undefined;
  /** The entry that decided; `auto` for an automatically managed range; undefined when no entry matches. */
  decidedBy?: EntryRef | 'auto';
  exceptions?: RangeException[];
  dns?: DnsAnswer;
  /** The deciding entry is a `*.` wildcard, which iOS, Android and ChromeOS apply only with wildcard DNS records. */
  wildcardOnMobile?: boolean;
}

export const AUTO_INCLUDED = ['172.64.128.0/20', '2606:4700:cf1::/48'] as const;

interface Net {
  family: 4 | 6;
  bytes: number[];
  prefix: number;
}

interface Route extends Net {
  through: Through;
  by: EntryRef | 'auto';
}

function mask(bytes: readonly number[], prefix: number): number[] {
  return bytes.map((b, i) => {
    const bits = Math.max(0, Math.min(8, prefix - i * 8));
    return bits === 8 ? b : b & ((0xff << (8 - bits)) & 0xff);
  });
}

function contains(outer: Net, inner: Net): boolean {
  return outer.family === inner.family && outer.prefix <= inner.prefix && mask(outer.bytes, outer.prefix).join() === mask(inner.bytes, outer.prefix).join();
}

function net(value: string): Net | undefined {
  const p = parseSplitTunnelValue(value);
  return p.kind === 'address' ? { family: p.family, bytes: p.bytes, prefix: p.prefix } : undefined;
}

function show(n: Net): string {
  return `${ipaddr.fromByteArray(mask(n.bytes, n.prefix)).toString()}/${n.prefix}`;
}

export function rulesFromProfile(p: SettingsPolicy): RouteRules {
  const mode = splitTunnelMode(p);
  return {
    mode,
    entries: ((mode === 'include' ? p.include : p.exclude) ?? []).map(e => ({ value: e.address ?? e.host ?? '', description: e.description })),
    fallback: (p.fallback_domains ?? []).map(f => ({ suffix: f.suffix, description: f.description, dns: f.dns_server ?? [] })),
  };
}

/** The rules with one list replaced by editor rows (saved or not): "test before you save". */
export function rulesWithRows(base: RouteRules, list: 'exclude' | 'include' | 'fallback_domains', rows: readonly RowInput[]): RouteRules {
  if (list === 'fallback_domains') return { ...base, fallback: rows.map(r => ({ suffix: r.value.trim(), description: r.description, dns: splitDnsServers(r.dns) })) };
  return { ...base, mode: list, entries: rows.map(r => ({ value: r.value.trim(), description: r.description })) };
}

/** Evaluates rules for many inputs at once (routes are built once). */
export class RouteTester {
  private readonly routes: Route[] = [];
  private readonly hosts: { name: string; wildcard: boolean; ref: EntryRef }[] = [];
  private readonly listed: Through;
  private readonly byDefault: Through;

  constructor(private readonly rules: RouteRules) {
    this.listed = rules.mode === 'exclude' ? 'outside' : 'warp';
    this.byDefault = rules.mode === 'exclude' ? 'warp' : 'outside';
    rules.entries.forEach((e, i) => {
      const ref: EntryRef = { row: i + 1, value: e.value, description: e.description || undefined };
      const p = parseSplitTunnelValue(e.value);
      if (p.kind === 'address') this.routes.push({ family: p.family, bytes: p.bytes, prefix: p.prefix, through: this.listed, by: ref });
      else if (p.kind === 'host') this.hosts.push({ name: p.name, wildcard: p.wildcard, ref });
    });
    for (const a of AUTO_INCLUDED) this.routes.push({ ...net(a)!, through: 'warp', by: 'auto' });
  }

  /** The most specific route containing `n` (an automatically managed one wins a tie). */
  private route(n: Net, strictlyWider = false): Route | undefined {
    let best: Route | undefined;
    for (const r of this.routes) {
      if (!contains(r, n) || (strictlyWider && r.prefix >= n.prefix)) continue;
      if (!best || r.prefix > best.prefix || (r.prefix === best.prefix && r.by === 'auto')) best = r;
    }
    return best;
  }

  private address(n: Net): { through: Through; by?: EntryRef | 'auto' } {
    const r = this.route(n);
    return r ? { through: r.through, by: r.by } : { through: this.byDefault };
  }

  test(input: string): RouteAnswer {
    const text = input.trim();
    const p = parseSplitTunnelValue(text.replace(/\.$/, ''));
    if (p.kind === 'invalid' || (p.kind === 'host' && p.wildcard)) return { input: text, kind: 'invalid', through: undefined };
    if (p.kind === 'host') return this.host(text, p.name);
    const n: Net = { family: p.family, bytes: p.bytes, prefix: p.prefix };
    const base = this.address(n);
    const isRange = p.prefix < (p.family === 4 ? 32 : 128);
    if (!isRange) return { input: text, kind: 'address', through: base.through, decidedBy: base.by };
    const exceptions: RangeException[] = [];
    for (const r of this.routes) {
      if (r.prefix <= n.prefix || !contains(n, r)) continue;
      const parent = this.route(r, true);
      const parentThrough = parent && parent.prefix >= n.prefix ? parent.through : base.through;
      if (r.through !== parentThrough) exceptions.push({ range: show(r), through: r.through, by: r.by });
    }
    return { input: text, kind: 'range', through: exceptions.length ? 'partly' : base.through, decidedBy: base.by, exceptions };
  }

  private host(input: string, name: string): RouteAnswer {
    let best: (typeof this.hosts)[number] | undefined;
    for (const h of this.hosts) {
      const hit = h.wildcard ? name.endsWith(`.${h.name}`) : name === h.name;
      // Exact beats wildcard; a longer wildcard beats a shorter one.
      if (hit && (!best || (best.wildcard && (!h.wildcard || h.name.length > best.name.length)))) best = h;
    }
    const dns = this.dns(name);
    if (!best) return { input, kind: 'host', through: 'depends', dns };
    return { input, kind: 'host', through: this.listed, decidedBy: best.ref, dns, wildcardOnMobile: best.wildcard || undefined };
  }

  private dns(name: string): DnsAnswer {
    const hits = this.rules.fallback
      .map((f, i) => ({ f, ref: { row: i + 1, value: f.suffix, description: f.description || undefined } }))
      .filter(({ f }) => {
        const s = f.suffix.trim().toLowerCase().replace(/^\*?\./, '').replace(/\.$/, '');
        return s !== '' && (name === s || name.endsWith(`.${s}`));
      })
      .sort((a, b) => b.f.suffix.length - a.f.suffix.length);
    if (!hits.length) return { by: 'gateway' };
    const [top, ...rest] = hits;
    const servers = top.f.dns.map(ip => {
      const n = net(ip);
      return { ip, through: n ? this.address(n).through : undefined };
    });
    return { by: 'fallback', suffix: top.ref, servers, alsoMatched: rest.length ? rest.map(r => r.ref) : undefined };
  }
}

/** Splits what an admin pastes (lines, commas, spaces) into inputs. */
export function splitInputs(text: string): string[] {
  return text.split(/[\s,;]+/).map(s => s.trim()).filter(Boolean);
}

export function testRoutes(rules: RouteRules, inputs: readonly string[]): RouteAnswer[] {
  const tester = new RouteTester(rules);
  return inputs.map(i => tester.test(i));
}

/**
 * "Test before you save": the list editor passes its rows, saved or not, as the first argument.
 * `profileId` undefined means the default profile; `inputs` skips the prompt.
 */
export interface TestRouteRequest {
  kind: 'testRouteRows';
  profileId?: string;
  list: 'exclude' | 'include' | 'fallback_domains';
  rows: RowInput[];
  inputs?: string[];
}

export function isTestRouteRequest(v: unknown): v is TestRouteRequest {
  const r = v as Partial<TestRouteRequest> | undefined;
  return typeof r === 'object' && r !== null && r.kind === 'testRouteRows' && Array.isArray(r.rows)
    && (r.list === 'exclude' || r.list === 'include' || r.list === 'fallback_domains')
    && r.rows.every(x => typeof x?.value === 'string' && typeof x.description === 'string' && typeof x.dns === 'string');
}
