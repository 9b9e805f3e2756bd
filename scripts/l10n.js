#!/usr/bin/env node
// npm run l10n: the one command that brings the translatable strings up to date.
//   1. package.json: every user-visible string of the manifest (command titles and categories, view and
//      container names, welcome text, settings descriptions, walkthroughs…) becomes a %key% placeholder
//      and its English text goes to package.nls.json (VS Code and vsce read it; package.nls.<lang>.json
//      holds a translation). A literal added since the last run is moved there; %key% placeholders stay.
//   2. l10n/bundle.l10n.json: every vscode.l10n.t('literal', …) under src/, extracted by @vscode/l10n-dev
//      (the same extractor translators' tooling uses), the file `"l10n": "./l10n"` points VS Code at.
//
//   node scripts/l10n.js           write the three files (only those that changed)
//   node scripts/l10n.js --check   write nothing; exit 1 naming the stale files (test/unit/l10nBundle.test.ts
//                                  runs the same comparison, so `npm test` and CI fail on a stale bundle)
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const PREFIX = 'warpFleet.';
const isPlaceholder = v => typeof v === 'string' && /^%[^%]+%$/.test(v);
const short = id => (id.startsWith(PREFIX) ? id.slice(PREFIX.length) : id);

/** Each user-visible string of the manifest: [object holding it, property, nls key]. */
function manifestStrings(pkg) {
  const out = [];
  const add = (obj, prop, key) => {
    if (obj && obj[prop] !== undefined) {
      if (Array.isArray(obj[prop])) obj[prop].forEach((_, i) => out.push([obj[prop], i, `${key}.${i}`]));
      else out.push([obj, prop, key]);
    }
  };
  add(pkg, 'displayName', 'displayName');
  add(pkg, 'description', 'description');
  add(pkg.capabilities?.untrustedWorkspaces, 'description', 'capabilities.untrustedWorkspaces.description');
  const c = pkg.contributes ?? {};
  for (const list of Object.values(c.viewsContainers ?? {})) for (const v of list) add(v, 'title', `viewsContainer.${short(v.id)}.title`);
  for (const list of Object.values(c.views ?? {})) {
    for (const v of list) {
      add(v, 'name', `view.${short(v.id)}.name`);
      add(v, 'contextualTitle', `view.${short(v.id)}.contextualTitle`);
    }
  }
  const welcomes = new Map();
  for (const w of c.viewsWelcome ?? []) {
    const n = (welcomes.get(w.view) ?? 0) + 1;
    welcomes.set(w.view, n);
    add(w, 'contents', `viewsWelcome.${short(w.view)}${n > 1 ? `.${n}` : ''}`);
  }
  for (const cmd of c.commands ?? []) for (const p of ['title', 'shortTitle', 'category']) add(cmd, p, `command.${short(cmd.command)}.${p}`);
  for (const s of c.submenus ?? []) add(s, 'label', `submenu.${short(s.id)}.label`);
  for (const conf of Array.isArray(c.configuration) ? c.configuration : c.configuration ? [c.configuration] : []) {
    add(conf, 'title', 'configuration.title');
    for (const [name, prop] of Object.entries(conf.properties ?? {})) {
      for (const p of ['description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage', 'enumDescriptions', 'markdownEnumDescriptions']) add(prop, p, `config.${short(name)}.${p}`);
    }
  }
  for (const w of c.walkthroughs ?? []) {
    for (const p of ['title', 'description']) add(w, p, `walkthrough.${w.id}.${p}`);
    for (const s of w.steps ?? []) {
      for (const p of ['title', 'description']) add(s, p, `walkthrough.${w.id}.${s.id}.${p}`);
      add(s.media, 'altText', `walkthrough.${w.id}.${s.id}.altText`);
    }
  }
  return out;
}

/**
 * package.json with every literal moved to package.nls.json, and package.nls.json rebuilt in manifest
 * order (keys no longer used are dropped). A literal equal to a text already keyed reuses that key, so
 * "WARP Fleet" is translated once.
 */
function manifestFiles(pkgText, nlsText) {
  const pkg = JSON.parse(pkgText);
  const oldNls = nlsText ? JSON.parse(nlsText) : {};
  const nls = {};
  const byText = new Map();
  const problems = [];
  for (const [obj, prop, derived] of manifestStrings(pkg)) {
    const v = obj[prop];
    if (typeof v !== 'string') continue;
    let key;
    if (isPlaceholder(v)) {
      key = v.slice(1, -1);
      if (!(key in oldNls) && !(key in nls)) problems.push(`package.json uses %${key}% but package.nls.json has no "${key}"`);
      else nls[key] ??= oldNls[key];
    } else {
      key = byText.get(v) ?? derived;
      nls[key] = v;
      obj[prop] = `%${key}%`;
    }
    if (nls[key] !== undefined && !byText.has(nls[key])) byText.set(nls[key], key);
  }
  return { problems, files: { 'package.json': JSON.stringify(pkg, null, 2) + '\n', 'package.nls.json': JSON.stringify(nls, null, 2) + '\n' } };
}

function sourceFiles(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap(e => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
    })
    .sort();
}

/** The English runtime bundle for src/, as @vscode/l10n-dev extracts it. */
async function bundleText(root = ROOT) {
  const { getL10nJson } = await import('@vscode/l10n-dev');
  const files = sourceFiles(path.join(root, 'src')).map(f => ({ contents: fs.readFileSync(f, 'utf8'), extension: path.extname(f) }));
  const json = await getL10nJson(files);
  const sorted = Object.fromEntries(Object.keys(json).sort().map(k => [k, json[k]]));
  return JSON.stringify(sorted, null, 2) + '\n';
}

/** What the three files should hold: { relative path: text }, plus problems that need a person. */
async function expectedFiles(root = ROOT) {
  const read = f => (fs.existsSync(path.join(root, f)) ? fs.readFileSync(path.join(root, f), 'utf8') : '');
  const manifest = manifestFiles(read('package.json'), read('package.nls.json'));
  return { problems: manifest.problems, files: { ...manifest.files, 'l10n/bundle.l10n.json': await bundleText(root) } };
}

/** The files whose content differs from what `npm run l10n` would write. */
async function staleFiles(root = ROOT) {
  const { problems, files } = await expectedFiles(root);
  const stale = Object.entries(files).filter(([f, text]) => !fs.existsSync(path.join(root, f)) || fs.readFileSync(path.join(root, f), 'utf8') !== text);
  return { problems, stale: stale.map(([f]) => f) };
}

async function main() {
  const check = process.argv.includes('--check');
  const { problems, files } = await expectedFiles();
  if (problems.length) {
    console.error(`l10n: ${problems.join('\n')}`);
    process.exit(1);
  }
  const changed = Object.entries(files).filter(([f, text]) => !fs.existsSync(path.join(ROOT, f)) || fs.readFileSync(path.join(ROOT, f), 'utf8') !== text);
  if (check) {
    if (changed.length) {
      console.error(`l10n: stale: ${changed.map(([f]) => f).join(', ')}. Run \`npm run l10n\` and commit the result.`);
      process.exit(1);
    }
    console.log('l10n: package.nls.json and l10n/bundle.l10n.json are up to date');
    return;
  }
  for (const [f, text] of changed) {
    fs.mkdirSync(path.dirname(path.join(ROOT, f)), { recursive: true });
    fs.writeFileSync(path.join(ROOT, f), text);
  }
  const count = Object.keys(JSON.parse(files['l10n/bundle.l10n.json'])).length;
  const nls = Object.keys(JSON.parse(files['package.nls.json'])).length;
  console.log(`l10n: ${count} runtime strings, ${nls} manifest strings; ${changed.length ? `wrote ${changed.map(([f]) => f).join(', ')}` : 'nothing changed'}`);
}

module.exports = { manifestFiles, bundleText, expectedFiles, staleFiles };
if (require.main === module) {
  main().catch(e => {
    console.error(`l10n: ${e.stack || e}`);
    process.exit(1);
  });
}
