/**
 * Validation of Split Tunnel and Local Domain Fallback rows, before anything is sent to Cloudflare.
 * Pure (no `vscode`): the extension checks a list before saving, the webview checks the row being
 * typed, and unit tests check both. Problems carry a code and arguments, not sentences: the words
 * come from the host's l10n table, so the same problem reads the same everywhere.
 *
 * Checks that compare rows with each other stay linear in the number of rows: duplicates through a
 * map, CIDR coverage through one map per prefix length (a row looks up each shorter prefix length
 * in use, at most 33 or 129), wildcard coverage by walking a domain's parent labels.
 */
import * as ipaddr from 'ipaddr.js';

export type Severity = 'error' | 'warning';

export type ProblemCode =
  | 'emptyValue'
  | 'notAddressOrDomain'
  | 'badPrefix'
  | 'badDomain'
  | 'domainTooLong'
  | 'labelTooLong'
  | 'labelCharacters'
  | 'labelHyphen'
  | 'emptyLabel'
  | 'wildcardPosition'
  | 'suffixWildcard'
  | 'badDnsServer'
  | 'duplicate'
  | 'coveredBy'
  | 'hostBits'
  | 'duplicateDnsServer';

export type ProblemField = 'value' | 'dns';

export interface Problem {
  severity: Severity;
  code: ProblemCode;
  /** Values the message names, in order ({0}, {1}, …). */
  args: string[];
  field: ProblemField;
}

/** A row as the editor holds it: `value` is the address/host (Split Tunnel) or the suffix (fallback). */
export interface RowInput {
  value: string;
  description: string;
  /** Fallback only: DNS servers separated by commas or spaces. */
  dns: string;
}

export type ListFlavor = 'splitTunnel' | 'fallback';

export interface ParsedAddress {
  kind: 'address';
  family: 4 | 6;
  bytes: number[];
  prefix: number;
  /** The network as `addr/prefix` with host bits cleared (`10.0.0.0/8`), when the value had host bits set. */
  network?: string;
}

export interface ParsedHost {
  kind: 'host';
  /** Lower case, without the `*.` of a wildcard. */
  name: string;
  wildcard: boolean;
}

export type Parsed = ParsedAddress | ParsedHost | { kind: 'invalid'; problem: Problem };

const err = (code: ProblemCode, args: string[] = [], field: ProblemField = 'value'): Problem => ({ severity: 'error', code, args, field });
export const warn = (code: ProblemCode, args: string[] = [], field: ProblemField = 'value'): Problem => ({ severity: 'warning', code, args, field });

/** True for a plain IPv4 (dotted quad) or IPv6 address; no CIDR, no legacy forms like `10.1`. */
export function isIpAddress(s: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(s) || (s.includes(':') && ipaddr.IPv6.isValid(s) && !s.includes('%'));
}

/** What a value looks like to a reader: address-like text is never checked as a domain. */
function looksLikeAddress(s: string): boolean {
  return s.includes(':') || s.includes('/') || /^[\d.]+$/.test(s);
}

function parseAddress(value: string): ParsedAddress | Problem {
  const slash = value.indexOf('/');
  const ip = slash < 0 ? value : value.slice(0, slash);
  const prefixText = slash < 0 ? undefined : value.slice(slash + 1);
  if (!isIpAddress(ip)) return err('notAddressOrDomain', [value]);
  const family = ip.includes(':') ? 6 : 4;
  const addr = family === 4 ? ipaddr.IPv4.parse(ip) : ipaddr.IPv6.parse(ip);
  const max = family === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return err('notAddressOrDomain', [value]);
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return err('badPrefix', [value, String(prefix), String(family), String(max)]);
  const bytes = addr.toByteArray();
  const masked = maskBytes(bytes, prefix);
  const network = masked.some((b, i) => b !== bytes[i]) ? `${ipaddr.fromByteArray(masked).toString()}/${prefix}` : undefined;
  return { kind: 'address', family, bytes, prefix, network };
}

export function maskBytes(bytes: readonly number[], prefix: number): number[] {
  return bytes.map((b, i) => {
    const bits = Math.max(0, Math.min(8, prefix - i * 8));
    return bits === 8 ? b : b & ((0xff << (8 - bits)) & 0xff);
  });
}

/** A key for the network of `bytes` at `prefix` bits: equal keys mean the same network. */
export function networkKey(bytes: readonly number[], prefix: number): string {
  return `${prefix}|${maskBytes(bytes, prefix).join('.')}`;
}

/** Checks a domain name (without any `*.`): labels of letters, digits and inner hyphens, at most 253 characters. */
function domainProblem(name: string, original: string): Problem | undefined {
  if (name.length > 253) return err('domainTooLong', [original]);
  const labels = name.split('.');
  for (const label of labels) {
    if (label === '') return err('emptyLabel', [original]);
    if (label.includes('*')) return err('wildcardPosition', [original]);
    if (label.length > 63) return err('labelTooLong', [original, label]);
    if (!/^[a-z0-9-]+$/i.test(label)) return err('labelCharacters', [original, label]);
    if (label.startsWith('-') || label.endsWith('-')) return err('labelHyphen', [original, label]);
  }
  // A top-level label of digits only is an IP address typed wrong, not a domain.
  if (/^\d+$/.test(labels[labels.length - 1])) return err('notAddressOrDomain', [original]);
  return undefined;
}

/** Classifies a Split Tunnel value: an IP/CIDR, a domain (exact or `*.` wildcard), or a problem. */
export function parseSplitTunnelValue(raw: string): Parsed {
  const value = raw.trim();
  if (value === '') return { kind: 'invalid', problem: err('emptyValue') };
  if (looksLikeAddress(value)) {
    const a = parseAddress(value);
    return 'kind' in a ? a : { kind: 'invalid', problem: a };
  }
  const wildcard = value.startsWith('*.');
  const name = (wildcard ? value.slice(2) : value).toLowerCase();
  const problem = domainProblem(name, value);
  return problem ? { kind: 'invalid', problem } : { kind: 'host', name, wildcard };
}

/** Whether a Split Tunnel value is an address (IP/CIDR) rather than a host; undefined when invalid. */
export function splitTunnelValueKind(raw: string): 'address' | 'host' | undefined {
  const p = parseSplitTunnelValue(raw);
  return p.kind === 'invalid' ? undefined : p.kind;
}

/** Problems of every Split Tunnel row, by row index. */
export function validateSplitTunnel(rows: readonly RowInput[]): Problem[][] {
  const problems: Problem[][] = rows.map(() => []);
  const parsed = rows.map(r => parseSplitTunnelValue(r.value));
  parsed.forEach((p, i) => problems[i].push(...ownProblems(rows[i].value, p)));
  checkAddressCoverage(rows, parsed, problems);
  checkHostCoverage(rows, parsed, problems);
  return problems;
}

/** What a Split Tunnel row's value alone says of it (the checks against other rows come after). */
export function ownProblems(value: string, p: Parsed): Problem[] {
  if (p.kind === 'invalid') return [p.problem];
  if (p.kind === 'address' && p.network) return [warn('hostBits', [value.trim(), p.network])];
  return [];
}

/**
 * Duplicates and CIDRs inside a wider one. Rows are visited widest first; each network is stored
 * in the map of its prefix length, so a row finds a wider network by masking itself to each
 * shorter prefix length in use and looking it up.
 */
function checkAddressCoverage(rows: readonly RowInput[], parsed: readonly Parsed[], problems: Problem[][]): void {
  for (const family of [4, 6] as const) {
    const idx = parsed.map((_, i) => i).filter(i => parsed[i].kind === 'address' && (parsed[i] as ParsedAddress).family === family);
    idx.sort((a, b) => (parsed[a] as ParsedAddress).prefix - (parsed[b] as ParsedAddress).prefix || a - b);
    const seen = new Map<string, number>();
    const lengths: number[] = [];
    for (const i of idx) {
      const a = parsed[i] as ParsedAddress;
      const same = seen.get(networkKey(a.bytes, a.prefix));
      if (same !== undefined) {
        problems[i].push(warn('duplicate', [rows[same].value.trim(), String(same + 1)]));
        continue;
      }
      let wider: number | undefined;
      for (let k = 0; k < lengths.length && lengths[k] < a.prefix && wider === undefined; k++) wider = seen.get(networkKey(a.bytes, lengths[k]));
      if (wider !== undefined) problems[i].push(warn('coveredBy', [rows[wider].value.trim(), String(wider + 1)]));
      seen.set(networkKey(a.bytes, a.prefix), i);
      if (lengths[lengths.length - 1] !== a.prefix) lengths.push(a.prefix);
    }
  }
}

/** Duplicate hosts (case-insensitive) and hosts inside a `*.` wildcard listed elsewhere. */
function checkHostCoverage(rows: readonly RowInput[], parsed: readonly Parsed[], problems: Problem[][]): void {
  const exact = new Map<string, number>();
  const wildcards = new Map<string, number>();
  parsed.forEach((p, i) => {
    if (p.kind !== 'host') return;
    const map = p.wildcard ? wildcards : exact;
    const first = map.get(p.name);
    if (first !== undefined) problems[i].push(warn('duplicate', [rows[first].value.trim(), String(first + 1)]));
    else map.set(p.name, i);
  });
  parsed.forEach((p, i) => {
    if (p.kind !== 'host') return;
    // `*.example.com` matches the subdomains of example.com, not example.com itself.
    const labels = p.name.split('.');
    for (let k = 1; k < labels.length; k++) {
      const w = wildcards.get(labels.slice(k).join('.'));
      if (w !== undefined && w !== i) {
        problems[i].push(warn('coveredBy', [rows[w].value.trim(), String(w + 1)]));
        break;
      }
    }
  });
}

/** DNS servers typed in one field: split on commas and white space. */
export function splitDnsServers(text: string): string[] {
  return text.split(/[\s,;]+/).filter(s => s !== '');
}

/** Problems of every Local Domain Fallback row, by row index. */
export function validateFallback(rows: readonly RowInput[]): Problem[][] {
  const seen = new Map<string, number>();
  return rows.map((row, i) => {
    const problems: Problem[] = [];
    const suffix = row.value.trim();
    problems.push(...suffixProblems(suffix));
    if (fallbackKey(suffix) !== undefined) {
      const first = seen.get(suffix.toLowerCase());
      if (first !== undefined) problems.push(warn('duplicate', [rows[first].value.trim(), String(first + 1)]));
      else seen.set(suffix.toLowerCase(), i);
    }
    problems.push(...dnsProblems(row.dns));
    return problems;
  });
}

/** The key duplicates of a fallback suffix share; undefined when the suffix is not compared (empty, wildcard). */
export function fallbackKey(suffix: string): string | undefined {
  return suffix === '' || suffix.includes('*') ? undefined : suffix.toLowerCase();
}

/** What a fallback suffix (trimmed) alone says of it. */
export function suffixProblems(suffix: string): Problem[] {
  if (suffix === '') return [err('emptyValue')];
  if (suffix.includes('*')) return [err('suffixWildcard', [suffix])];
  const p = looksLikeAddress(suffix) ? err('notAddressOrDomain', [suffix]) : domainProblem(suffix.toLowerCase(), suffix);
  if (!p) return [];
  return [p.code === 'notAddressOrDomain' ? err('badDomain', [suffix]) : p];
}

export function dnsProblems(text: string): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const server of splitDnsServers(text)) {
    if (!isIpAddress(server)) problems.push(err('badDnsServer', [server], 'dns'));
    else if (seen.has(server)) problems.push(warn('duplicateDnsServer', [server], 'dns'));
    seen.add(server);
  }
  return problems;
}

export function validateRows(flavor: ListFlavor, rows: readonly RowInput[]): Problem[][] {
  return flavor === 'fallback' ? validateFallback(rows) : validateSplitTunnel(rows);
}

export interface ProblemCounts {
  errors: number;
  warnings: number;
  /** Rows with at least one error. */
  rowsWithErrors: number;
}

export function countProblems(problems: readonly Problem[][]): ProblemCounts {
  let errors = 0;
  let warnings = 0;
  let rowsWithErrors = 0;
  for (const row of problems) {
    const e = row.filter(p => p.severity === 'error').length;
    errors += e;
    warnings += row.length - e;
    if (e) rowsWithErrors++;
  }
  return { errors, warnings, rowsWithErrors };
}
