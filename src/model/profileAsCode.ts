/**
 * "Export Profile as Code": a device settings profile with its lists, as JSON in the API's shape and as
 * Terraform for the Cloudflare provider v5. Pure (no `vscode` import): the command fetches, this writes.
 *
 * Terraform resource and attribute names are those of terraform-provider-cloudflare v5, from its docs
 * (docs/resources/zero_trust_device_custom_profile.md, zero_trust_device_default_profile.md,
 * zero_trust_device_custom_profile_local_domain_fallback.md and
 * zero_trust_device_default_profile_local_domain_fallback.md): the profile resources take the settings and
 * the active Split Tunnel list (`exclude` or `include`, never both: "Both 'exclude' and 'include' cannot
 * be set in the same request"); `fallback_domains` is read-only there and belongs to the Local Domain
 * Fallback resources (`domains`, with `policy_id` for a custom profile).
 */
import type { FallbackDomain, SettingsPolicy, SplitTunnelEntry, SplitTunnelMode } from '../api/types';
import { hclString } from '../util/untrustedText';

/** A profile as read from Cloudflare for export: its settings, its active Split Tunnel list, its fallback domains. */
export interface ProfileSnapshot {
  profile: SettingsPolicy;
  mode: SplitTunnelMode;
  routes: SplitTunnelEntry[];
  fallbackDomains: FallbackDomain[];
}

export type CodeFormat = 'json' | 'terraform';

/**
 * Fields left out of both exports. `gateway_unique_id` is the account's DNS-over-HTTPS subdomain: whoever
 * holds it can resolve through the account's Gateway, so a file meant to be shared or committed leaves it out.
 */
const NEVER_EXPORTED = new Set(['gateway_unique_id']);

/** The profile in the API's shape (GET …/devices/policy[/{id}]) with its lists as read from their endpoints. */
export function profileAsJson(s: ProfileSnapshot): string {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s.profile)) {
    if (!NEVER_EXPORTED.has(k) && k !== 'include' && k !== 'exclude' && k !== 'fallback_domains') out[k] = v;
  }
  out[s.mode] = s.routes;
  out.fallback_domains = s.fallbackDomains;
  return JSON.stringify(out, null, 2) + '\n';
}

/** Scalar settings both profile resources take, with the type the provider's schema gives them. */
const SHARED_SETTINGS: [keyof SettingsPolicy, 'boolean' | 'number' | 'string'][] = [
  ['allow_mode_switch', 'boolean'],
  ['allow_updates', 'boolean'],
  ['allowed_to_leave', 'boolean'],
  ['auto_connect', 'number'],
  ['captive_portal', 'number'],
  ['disable_auto_fallback', 'boolean'],
  ['exclude_office_ips', 'boolean'],
  ['lan_allow_minutes', 'number'],
  ['lan_allow_subnet_size', 'number'],
  ['register_interface_ip_with_dns', 'boolean'],
  ['sccm_vpn_boundary_support', 'boolean'],
  ['support_url', 'string'],
  ['switch_locked', 'boolean'],
  ['tunnel_protocol', 'string'],
];
/** Only the custom profile resource has these (on the default one `enabled` is read-only, `description` absent). */
const CUSTOM_ONLY: [keyof SettingsPolicy, 'boolean' | 'number' | 'string'][] = [
  ['description', 'string'],
  ['enabled', 'boolean'],
];

/** A Terraform resource name from a profile name: letters, digits and underscores, starting with a letter. */
export function terraformLabel(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  if (!slug) return 'profile';
  return /^[a-z]/.test(slug) ? slug : `profile_${slug}`;
}

function literal(value: unknown, type: 'boolean' | 'number' | 'string'): string | undefined {
  if (type === 'boolean' && typeof value === 'boolean') return String(value);
  if (type === 'number' && typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (type === 'string' && typeof value === 'string') return hclString(value);
  return undefined;
}

function attributes(lines: [string, string][], indent: string): string[] {
  const width = Math.max(0, ...lines.map(([k]) => k.length));
  return lines.map(([k, v]) => `${indent}${k.padEnd(width)} = ${v}`);
}

function routeObject(e: SplitTunnelEntry): string {
  const parts: string[] = [];
  if (typeof e.address === 'string') parts.push(`address = ${hclString(e.address)}`);
  if (typeof e.host === 'string') parts.push(`host = ${hclString(e.host)}`);
  if (typeof e.description === 'string' && e.description) parts.push(`description = ${hclString(e.description)}`);
  return `{ ${parts.join(', ')} }`;
}

function domainObject(d: FallbackDomain): string {
  const parts = [`suffix = ${hclString(d.suffix)}`];
  if (typeof d.description === 'string' && d.description) parts.push(`description = ${hclString(d.description)}`);
  if (Array.isArray(d.dns_server) && d.dns_server.length) parts.push(`dns_server = [${d.dns_server.map(hclString).join(', ')}]`);
  return `{ ${parts.join(', ')} }`;
}

function list(name: string, items: string[]): string[] {
  if (!items.length) return [`  ${name} = []`];
  return [`  ${name} = [`, ...items.map(i => `    ${i},`), '  ]'];
}

/**
 * Terraform for the profile: the profile resource, its Local Domain Fallback resource, and `import`
 * blocks (Terraform 1.5+) so `terraform plan` adopts the existing profile instead of creating a second one.
 * The account id is a variable (no credentials are ever written: the provider reads its token from
 * CLOUDFLARE_API_TOKEN). Every string from the API goes through hclString.
 */
export function profileAsTerraform(s: ProfileSnapshot, accountId: string): string {
  const p = s.profile;
  const isDefault = p.default === true;
  const profileType = isDefault ? 'cloudflare_zero_trust_device_default_profile' : 'cloudflare_zero_trust_device_custom_profile';
  const fallbackType = `${profileType}_local_domain_fallback`;
  const label = isDefault ? 'default' : terraformLabel(p.name ?? p.policy_id ?? '');

  const head: [string, string][] = [['account_id', 'var.account_id']];
  if (!isDefault) {
    head.push(['name', hclString(p.name ?? '')], ['match', hclString(p.match ?? '')]);
    if (typeof p.precedence === 'number' && Number.isFinite(p.precedence)) head.push(['precedence', String(p.precedence)]);
  }
  for (const [key, type] of [...(isDefault ? [] : CUSTOM_ONLY), ...SHARED_SETTINGS]) {
    const v = literal(p[key], type);
    if (v !== undefined) head.push([key, v]);
  }

  const profile = [`resource "${profileType}" "${label}" {`, ...attributes(head, '  ')];
  const sm = p.service_mode_v2;
  const smLines: [string, string][] = [];
  if (typeof sm?.mode === 'string') smLines.push(['mode', hclString(sm.mode)]);
  if (typeof sm?.port === 'number' && Number.isFinite(sm.port)) smLines.push(['port', String(sm.port)]);
  if (smLines.length) profile.push('  service_mode_v2 = {', ...attributes(smLines, '    '), '  }');
  profile.push(...list(s.mode, s.routes.map(routeObject)), '}');

  const fallbackHead: [string, string][] = [['account_id', 'var.account_id']];
  if (!isDefault) fallbackHead.push(['policy_id', `${profileType}.${label}.policy_id`]);
  const fallback = [`resource "${fallbackType}" "${label}" {`, ...attributes(fallbackHead, '  '), ...list('domains', s.fallbackDomains.map(domainObject)), '}'];

  // Import ids: "<account_id>/<policy_id>" for a custom profile, "<account_id>" for the default (the docs' Import sections).
  const importId = isDefault ? accountId : `${accountId}/${p.policy_id ?? ''}`;
  const adopt = [
    'import {',
    `  to = ${profileType}.${label}`,
    `  id = ${hclString(importId)}`,
    '}',
  ];

  return [
    '# Exported by WARP Fleet for the Cloudflare Terraform provider v5 (cloudflare/cloudflare).',
    '# The provider reads its API token from CLOUDFLARE_API_TOKEN: no credentials are written here.',
    'terraform {',
    '  required_providers {',
    '    cloudflare = {',
    '      source  = "cloudflare/cloudflare"',
    '      version = "~> 5"',
    '    }',
    '  }',
    '}',
    '',
    'variable "account_id" {',
    '  type    = string',
    `  default = ${hclString(accountId)}`,
    '}',
    '',
    '# Adopts the existing profile on the next plan instead of creating a second one (Terraform 1.5+).',
    ...adopt,
    '',
    ...profile,
    '',
    ...fallback,
    '',
  ].join('\n');
}
