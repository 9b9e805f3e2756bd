/**
 * Request validation, as strict as the real API is known to be: a client that passes here has a
 * fair chance of passing there, and one that fails here learns why.
 */
import { isIP } from 'net';
import type { FallbackDomain, SettingsPolicy, SplitTunnelEntry } from '../../src/api/types';
import { Errors } from './errors';

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An IP address or CIDR (v4 or v6) with a prefix length that fits the family. */
export function isIpOrCidr(s: string): boolean {
  const [ip, prefix, ...rest] = s.split('/');
  const family = isIP(ip);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const DOMAIN = new RegExp(`^(?:${LABEL}\\.)*${LABEL}$`, 'i');

/** `example.com` or `*.example.com`. */
export function isHost(s: string): boolean {
  const name = s.startsWith('*.') ? s.slice(2) : s;
  return s.length <= 253 && DOMAIN.test(name) && !isIP(name);
}

function optionalDescription(e: Record<string, unknown>, at: string): string | undefined {
  if (e.description === undefined || e.description === null) return undefined;
  if (typeof e.description !== 'string') throw Errors.validation(`${at}: description must be a string`, `${at}/description`);
  return e.description;
}

function splitTunnelEntry(e: unknown, i: number): SplitTunnelEntry {
  const at = `/${i}`;
  if (!isObject(e)) throw Errors.validation(`Split Tunnel entry ${i} must be an object with an address or a host`, at);
  const hasAddress = e.address !== undefined && e.address !== null && e.address !== '';
  const hasHost = e.host !== undefined && e.host !== null && e.host !== '';
  if (hasAddress && hasHost) {
    throw Errors.validation(`Split Tunnel entry ${i} has both an address and a host: set exactly one`, at);
  }
  if (!hasAddress && !hasHost) throw Errors.validation(`Split Tunnel entry ${i} needs an address or a host`, at);
  const description = optionalDescription(e, at);
  if (hasAddress) {
    if (typeof e.address !== 'string' || !isIpOrCidr(e.address)) {
      throw Errors.invalidEntry(`${String(e.address)} is not a valid IP address or CIDR`, `${at}/address`);
    }
    return description === undefined ? { address: e.address } : { address: e.address, description };
  }
  if (typeof e.host !== 'string' || !isHost(e.host)) {
    throw Errors.invalidEntry(`${String(e.host)} is an invalid domain name`, `${at}/host`);
  }
  return description === undefined ? { host: e.host } : { host: e.host, description };
}

export function splitTunnelList(body: unknown): SplitTunnelEntry[] {
  if (!Array.isArray(body)) throw Errors.validation('The request body must be a JSON array of Split Tunnel entries');
  return body.map(splitTunnelEntry);
}

function fallbackEntry(e: unknown, i: number): FallbackDomain {
  const at = `/${i}`;
  if (!isObject(e)) throw Errors.validation(`Local Domain Fallback entry ${i} must be an object with a suffix`, at);
  if (typeof e.suffix !== 'string' || e.suffix === '') {
    throw Errors.validation(`Local Domain Fallback entry ${i} needs a suffix`, `${at}/suffix`);
  }
  if (!isHost(e.suffix) || e.suffix.startsWith('*.')) {
    throw Errors.invalidEntry(`${e.suffix} is an invalid domain name`, `${at}/suffix`);
  }
  const out: FallbackDomain = { suffix: e.suffix };
  const description = optionalDescription(e, at);
  if (description !== undefined) out.description = description;
  if (e.dns_server !== undefined && e.dns_server !== null) {
    if (!Array.isArray(e.dns_server) || e.dns_server.some(s => typeof s !== 'string' || !isIP(s))) {
      throw Errors.invalidEntry(`Local Domain Fallback entry ${i}: dns_server must be an array of IP addresses`, `${at}/dns_server`);
    }
    out.dns_server = [...(e.dns_server as string[])];
  }
  return out;
}

export function fallbackList(body: unknown): FallbackDomain[] {
  if (!Array.isArray(body)) throw Errors.validation('The request body must be a JSON array of Local Domain Fallback entries');
  return body.map(fallbackEntry);
}

/** The bare array of device ids POST /devices/revoke and /unrevoke take. */
export function deviceIdList(body: unknown): string[] {
  if (!Array.isArray(body)) throw Errors.validation('The request body must be a JSON array of device ids');
  if (body.length === 0) throw Errors.validation('The list of device ids is empty');
  if (body.length > 200) throw Errors.validation(`At most 200 device ids per request (got ${body.length})`);
  body.forEach((id, i) => {
    if (typeof id !== 'string' || id === '' || id.length > 36) {
      throw Errors.validation(`Device id ${i} must be a non-empty string of at most 36 characters`, `/${i}`);
    }
  });
  return body as string[];
}

const BOOLEANS = ['allow_mode_switch', 'allow_updates', 'allowed_to_leave', 'disable_auto_fallback', 'enabled',
  'exclude_office_ips', 'register_interface_ip_with_dns', 'sccm_vpn_boundary_support', 'switch_locked', 'uninstall_protection'];
const NUMBERS = ['auto_connect', 'captive_portal', 'lan_allow_minutes', 'lan_allow_subnet_size', 'precedence'];
const STRINGS = ['name', 'description', 'match', 'support_url'];
const SERVICE_MODES = ['warp', 'proxy', 'posture_only', 'warp_tunnel_only', '1dot1'];
const TUNNEL_PROTOCOLS = ['wireguard', 'masque'];
/** Fields only custom profiles have: the default profile refuses them. */
const CUSTOM_ONLY = ['name', 'match', 'precedence'];

function checkType(key: string, value: unknown): void {
  const bad = (want: string) => Errors.validation(`${key} must be ${want}`, `/${key}`);
  if (BOOLEANS.includes(key) && typeof value !== 'boolean') throw bad('a boolean');
  if (NUMBERS.includes(key) && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) throw bad('a non-negative number');
  if (key === 'precedence' && !Number.isInteger(value)) throw bad('an integer');
  if (STRINGS.includes(key) && typeof value !== 'string') throw bad('a string');
  if (key === 'tunnel_protocol' && (typeof value !== 'string' || !TUNNEL_PROTOCOLS.includes(value))) {
    throw bad(`one of ${TUNNEL_PROTOCOLS.join(', ')}`);
  }
  if (key === 'service_mode_v2') serviceMode(value);
}

function serviceMode(v: unknown): void {
  if (!isObject(v)) throw Errors.validation('service_mode_v2 must be an object', '/service_mode_v2');
  if (v.mode !== undefined && (typeof v.mode !== 'string' || !SERVICE_MODES.includes(v.mode))) {
    throw Errors.validation(`service_mode_v2.mode must be one of ${SERVICE_MODES.join(', ')}`, '/service_mode_v2/mode');
  }
  if (v.port !== undefined && (!Number.isInteger(v.port) || (v.port as number) < 1 || (v.port as number) > 65535)) {
    throw Errors.validation('service_mode_v2.port must be a port number (1-65535)', '/service_mode_v2/port');
  }
}

const EDITABLE = [...BOOLEANS, ...NUMBERS, ...STRINGS, 'tunnel_protocol', 'service_mode_v2'];

/**
 * A PATCH (or create) body, checked field by field. Unknown and read-only fields are ignored, as
 * JSON APIs commonly do; the lists have their own endpoints but `exclude`/`include` are accepted
 * here too because the SDK's params allow them.
 */
export function policyPatch(body: unknown, isDefault: boolean): Partial<SettingsPolicy> {
  if (!isObject(body)) throw Errors.validation('The request body must be a JSON object');
  // A profile uses one Split Tunnel mode: setting both lists at once is refused
  // (../shared/api-notes.md "Split Tunnel mode"; the wording is Cloudflare's, the code is not known).
  if (body.exclude !== undefined && body.exclude !== null && body.include !== undefined && body.include !== null) {
    throw Errors.bothSplitTunnelLists();
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue;
    if (isDefault && CUSTOM_ONLY.includes(key)) {
      throw Errors.validation(`The default device settings profile has no ${key}; it always applies last`, `/${key}`);
    }
    if (key === 'exclude' || key === 'include') {
      if (value !== null) out[key] = splitTunnelList(value);
    }
    else if (EDITABLE.includes(key)) {
      checkType(key, value);
      out[key] = structuredClone(value);
    }
  }
  return out as Partial<SettingsPolicy>;
}

/** Create needs name, match and precedence. */
export function policyCreate(body: unknown): Partial<SettingsPolicy> & { name: string; match: string; precedence: number } {
  const patch = policyPatch(body, false);
  for (const key of CUSTOM_ONLY) {
    if ((patch as Record<string, unknown>)[key] === undefined) throw Errors.validation(`${key} is required`, `/${key}`);
  }
  if (patch.name === '') throw Errors.validation('name must not be empty', '/name');
  if (patch.match === '') throw Errors.validation('match must not be empty', '/match');
  return patch as Partial<SettingsPolicy> & { name: string; match: string; precedence: number };
}
