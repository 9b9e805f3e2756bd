// Bundles the extension (Node, CommonJS, `vscode` external) and the webview scripts (browser, IIFE).
// `--production` minifies; source maps are always written (linked) so stack traces stay readable.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Webview entry points: src/webviews/<name>/client/main.ts → dist/webviews/<name>.js */
function webviewEntries() {
  const root = path.join(__dirname, 'src', 'webviews');
  if (!fs.existsSync(root)) return {};
  const entries = {};
  for (const name of fs.readdirSync(root)) {
    const main = path.join(root, name, 'client', 'main.ts');
    if (fs.existsSync(main)) entries[`webviews/${name}`] = main;
  }
  return entries;
}

const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onEnd(result => {
      for (const { text, location } of [...result.errors, ...result.warnings]) {
        const where = location ? `${location.file}:${location.line}:${location.column}` : '';
        console.error(`✘ ${where} ${text}`);
      }
      if (watch) console.log(`[watch] build finished (${result.errors.length} errors)`);
    });
  },
};

/** Webviews load the codicon font from the build output (node_modules is not packaged). */
function copyCodicons() {
  const from = path.join(__dirname, 'node_modules', '@vscode', 'codicons', 'dist');
  const to = path.join(__dirname, 'dist', 'webviews', 'codicons');
  fs.mkdirSync(to, { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(from, f), path.join(to, f));
}

const SHARED_TABLE = path.join(__dirname, 'src', 'lazy', 'sharedModules.ts');
const SHARED_KEY = 'warpFleet.sharedModules';
const rel = file => path.relative(__dirname, file).split(path.sep).join('/');

/**
 * Two bundles, one module graph. dist/extension.js is what activation loads; dist/features.js
 * (src/features.ts: forms, explain, route test) is required on first use. A module both need must
 * exist once — a second copy would have its own classes (instanceof fails across them) and state —
 * so the features bundle takes every module that is in the activation bundle from it: such an import
 * becomes a stub reading the activation bundle's instance from a table (src/lazy/sharedModules.ts,
 * generated here) that src/lazy/features.ts hands over while it requires features.js.
 *  1. the activation bundle alone → which modules it holds (metafile);
 *  2. the features bundle, with those modules replaced by stubs → which of them it uses;
 *  3. the activation bundle again, with the table of those modules.
 */
function nodeOptions(common) {
  // node-fetch needs only whatwg-url's URL class, which Node has built in (see the shim).
  return { ...common, platform: 'node', format: 'cjs', target: 'node18', external: ['vscode'], alias: { 'whatwg-url': './src/shims/whatwg-url.ts' }, absWorkingDir: __dirname };
}

/** Step 2: imports of modules the activation bundle holds become stubs; the ones used are collected. */
function shareWithActivationBundle(held, used) {
  return {
    name: 'share-with-activation-bundle',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async args => {
        if (args.kind === 'entry-point' || args.pluginData === 'inner' || args.path === 'vscode') return undefined;
        const r = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'inner' });
        if (r.errors.length || r.external || !r.path || !held.has(rel(r.path))) return r.errors.length ? { errors: r.errors } : undefined;
        used.add(rel(r.path));
        return { path: rel(r.path), namespace: 'shared' };
      });
      build.onLoad({ filter: /.*/, namespace: 'shared' }, args => ({
        contents: `const t = globalThis[Symbol.for(${JSON.stringify(SHARED_KEY)})];\nif (!t || !(${JSON.stringify(args.path)} in t)) throw new Error('features.js: load it through src/lazy/features.ts');\nmodule.exports = t[${JSON.stringify(args.path)}];`,
        loader: 'js',
      }));
    },
  };
}

/** Step 3: the table of shared modules, in place of the empty src/lazy/sharedModules.ts. */
function sharedTable(used) {
  return {
    name: 'shared-table',
    setup(build) {
      build.onLoad({ filter: /sharedModules\.ts$/ }, args => {
        if (path.resolve(args.path) !== SHARED_TABLE) return undefined;
        const entries = [...used].sort().map(f => `  ${JSON.stringify(f)}: require(${JSON.stringify('./' + f)}),`);
        return { contents: `export const sharedModules = {\n${entries.join('\n')}\n};\n`, loader: 'js', resolveDir: __dirname };
      });
    },
  };
}

/** Step 1: the activation bundle alone, not written; its metafile inputs are what activation loads. */
async function activationInputs(common = { bundle: true, logLevel: 'silent' }) {
  const first = await esbuild.build({ ...nodeOptions(common), entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', write: false, metafile: true });
  return Object.keys(first.metafile.inputs);
}

async function main() {
  copyCodicons();
  const common = { bundle: true, minify: production, sourcemap: 'linked', logLevel: 'silent', plugins: [problemMatcher] };
  const held = new Set(await activationInputs(common));
  const used = new Set();
  const featuresCtx = await esbuild.context({
    ...nodeOptions(common),
    entryPoints: { features: 'src/features.ts' },
    outdir: 'dist',
    plugins: [...common.plugins, shareWithActivationBundle(held, used)],
    metafile: true,
  });
  // Built once here so that `used` is known for the activation bundle's table. (In watch mode the table
  // stays as computed at start: a new shared import in the features needs a restart of the watch.)
  await featuresCtx.rebuild().catch(() => undefined);
  const contexts = [
    featuresCtx,
    await esbuild.context({ ...nodeOptions(common), entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', plugins: [...common.plugins, sharedTable(used)], metafile: true }),
  ];
  const webviews = webviewEntries();
  if (Object.keys(webviews).length) {
    contexts.push(
      await esbuild.context({ ...common, entryPoints: webviews, outdir: 'dist', platform: 'browser', format: 'iife', target: 'es2022', loader: { '.css': 'text' } }),
    );
  }
  if (watch) {
    await Promise.all(contexts.map(c => c.watch()));
    return;
  }
  let failed = false;
  for (const ctx of contexts) {
    const result = await ctx.rebuild().catch(() => ({ errors: [1] }));
    if (result.errors.length) failed = true;
    await ctx.dispose();
  }
  if (failed) process.exit(1);
  const size = f => `${(fs.statSync(path.join(__dirname, 'dist', f)).size / 1024).toFixed(1)} KB`;
  console.log(`dist/extension.js ${size('extension.js')}, dist/features.js ${size('features.js')} (loaded on first use)${production ? ' (production)' : ''}`);
}

// A unit test (test/unit/activationBundle.test.ts) asks which modules activation loads.
module.exports = { activationInputs };

if (require.main === module) {
  main().catch(e => {
    console.error(e);
    process.exit(1);
  });
}
