#!/usr/bin/env node
// npm test: every test — unit (plain mocha), extension host (real VS Code), UI (Playwright in the real
// workbench). On a fresh clone it first sets up what it lacks, as `npm run demo` does: the npm
// dependencies (npm ci, when node_modules is missing) and the VS Code test tools
// (scripts/install-vscode-tools.sh, cached under ~/.cache/warp-fleet). A setup step's output is shown
// when it fails, with what to do; a passing one prints one line. .ci/run calls this same command.
// Plain Node on purpose: it must run before `npm ci`.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const env = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

/** A setup step: its output is kept and shown only if it fails, followed by `advice`. */
function setup(title, cmd, args, advice) {
  const started = Date.now();
  process.stdout.write(`test: ${title}... `);
  const r = spawnSync(cmd, args, { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status === 0) {
    console.log(`ok (${secs} s)`);
    return;
  }
  console.log(`FAILED (${secs} s${r.error ? `: ${r.error.message}` : `, exit ${r.status ?? r.signal}`})`);
  const lines = `${r.stdout || ''}${r.stderr || ''}`.trimEnd().split('\n');
  console.log(`--- ${cmd} ${args.join(' ')}: last ${Math.min(lines.length, 60)} of ${lines.length} lines of its output`);
  console.log(lines.slice(-60).join('\n'));
  console.log(`---\nWhat to do: ${advice}`);
  process.exit(1);
}

/** The same check as loadTools() in test/vscode/tools.ts (which is not compiled yet on a fresh clone). */
function toolsMissing() {
  const dir = process.env.WARP_FLEET_TOOLS || path.join(os.homedir(), '.cache', 'warp-fleet');
  let paths = {};
  try {
    paths = JSON.parse(fs.readFileSync(path.join(dir, 'paths.json'), 'utf8'));
  } catch {
    return true;
  }
  const wanted = [process.env.CODE_SERVER_NODE || paths.node, process.env.CODE_SERVER_ENTRY || paths.codeServerEntry, process.env.CHROMIUM || paths.chromium];
  return wanted.some(p => !p || !fs.existsSync(p));
}

const bins = ['tsc', 'mocha', 'esbuild'].map(b => path.join(ROOT, 'node_modules', '.bin', b));
if (bins.some(b => !fs.existsSync(b))) {
  setup('npm ci (node_modules is missing)', 'npm', ['ci'], 'check that this machine reaches the npm registry (`npm ping`), then run `npm ci` to see the error in full; npm needs Node 20.19 or later.');
}
if (toolsMissing()) {
  setup(
    'VS Code test tools: Chromium, Node 24, code-server (a few minutes, once)',
    'bash',
    [path.join(ROOT, 'scripts', 'install-vscode-tools.sh')],
    'read the output above (the tools script names the command that failed and keeps its full log); fix the cause, then run `npm run tools` again.',
  );
}

for (const suite of ['test:unit', 'test:ext', 'test:l10n', 'test:ui']) {
  console.log(`\ntest: npm run ${suite}`);
  const r = spawnSync('npm', ['run', suite], { cwd: ROOT, env, stdio: 'inherit' });
  if (r.status !== 0) {
    console.log(`\ntest: npm run ${suite} failed (exit ${r.status ?? r.signal}); the suites after it did not run.`);
    process.exit(r.status || 1);
  }
}
console.log('\ntest: all suites passed');
