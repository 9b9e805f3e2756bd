/**
 * Bounds on what the list editor takes in, so a huge file or paste cannot freeze the extension host
 * (every extension shares it) or the webview. Pure constants: the host and the webview import them.
 */

/**
 * Cloudflare's documented limit: "Combined Split Tunnel and Local Domain Fallback entries per device
 * profile: 1,000" (Cloudflare One docs, Account limits, Cloudflare One Client section); the Split
 * Tunnels page adds "We recommend keeping the Split Tunnels list short, as each entry takes time for
 * the client to parse". The editor warns past it (an Enterprise account may have a raised limit).
 */
export const CLOUDFLARE_RECOMMENDED_ENTRIES = 1000;

/** The most rows an editor holds: ten times Cloudflare's limit, still smooth with virtual scrolling. */
export const MAX_ROWS = 10_000;

/** The largest file Import reads (checked with stat before reading): 10,000 long entries fit in it. */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024;

/** The most text a paste takes (characters). */
export const MAX_PASTE_CHARS = 1024 * 1024;

/** Parsing yields to the event loop after this long, so no task of the host runs much past 50 ms. */
export const PARSE_SLICE_MS = 15;
