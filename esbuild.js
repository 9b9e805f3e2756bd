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

async function main() {
  copyCodicons();
  const common = { bundle: true, minify: production, sourcemap: 'linked', logLevel: 'silent', plugins: [problemMatcher] };
  const contexts = [
    await esbuild.context({
      ...common,
      entryPoints: { extension: 'src/extension.ts' },
      outdir: 'dist',
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      external: ['vscode'],
      // node-fetch needs only whatwg-url's URL class, which Node has built in (see the shim).
      alias: { 'whatwg-url': './src/shims/whatwg-url.ts' },
      metafile: true,
    }),
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
  const size = fs.statSync(path.join(__dirname, 'dist', 'extension.js')).size;
  console.log(`dist/extension.js ${(size / 1024).toFixed(1)} KB${production ? ' (production)' : ''}`);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
