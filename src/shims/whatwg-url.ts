/**
 * node-fetch 2 imports whatwg-url only for its URL class; Node's built-in URL is the same standard.
 * esbuild.js aliases whatwg-url to this file, which keeps 280 KB of Unicode tables out of the bundle.
 */
export const URL = globalThis.URL;
