// Small helpers of the UI harness that need no page.

/**
 * Polls `check` until it holds; throws "timed out waiting for <what>" after `timeoutMs`. For states the
 * page cannot wait on by itself (the simulator's records, an attribute that changes).
 */
export async function pollUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20000, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${timeoutMs} ms)`);
    await new Promise(resolve => setTimeout(resolve, everyMs));
  }
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A file-name-safe form of a step or screenshot name. */
export function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'shot';
}
