/**
 * The modules the deferred bundle takes from the activation bundle, by path. esbuild.js replaces this
 * file in the production and development bundles with the real table; compiled by tsc it stays empty
 * (there is one module graph, nothing to share).
 */
export const sharedModules: Record<string, unknown> = {};
