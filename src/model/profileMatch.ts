/**
 * Match expressions (Cloudflare's wirefilter syntax) for the selectors admins use most, and a light
 * check of hand-written ones. No `vscode` import: unit-tested.
 */

/** `os.name` values the WARP client reports. */
export const OS_NAMES = ['windows', 'mac', 'linux', 'android', 'ios', 'chromeos'] as const;
export type OsName = (typeof OS_NAMES)[number];

/** A wirefilter string literal: double quotes, with `\` and `"` escaped. */
export function quoteWirefilter(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function emailMatch(email: string): string {
  return `identity.email == ${quoteWirefilter(email.trim())}`;
}

export function groupMatch(group: string): string {
  return `any(identity.groups.name[*] in {${quoteWirefilter(group.trim())}})`;
}

export function osMatch(os: OsName): string {
  return `os.name == ${quoteWirefilter(os)}`;
}

export function isEmail(text: string): boolean {
  return /^[^\s@"\\]+@[^\s@"\\]+\.[^\s@"\\]+$/.test(text.trim());
}

