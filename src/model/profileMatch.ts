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

/**
 * Catches what is certainly wrong in a hand-written expression before Cloudflare sees it: an empty
 * expression, an unclosed string, unbalanced brackets. Anything subtler is left to the API's answer.
 */
export function checkMatchExpression(expr: string): 'required' | 'quote' | 'brackets' | undefined {
  if (expr.trim() === '') return 'required';
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  let inString = false;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === '(' || c === '[' || c === '{') {
      stack.push(c);
    } else if (c in pairs && stack.pop() !== pairs[c]) {
      return 'brackets';
    }
  }
  if (inString) return 'quote';
  return stack.length ? 'brackets' : undefined;
}
