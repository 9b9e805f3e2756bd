#!/usr/bin/env node
// npm run demo [-- --port 8080 --devices 5000 --profiles 5 --tunnels 5 --latency 50 --seed 1 --multi-user --dev --check --skip-setup]
// Runs the extension in a real VS Code (code-server) against a local Cloudflare API simulator and prints
// the URL to open. Works on a fresh machine: installs npm dependencies if missing, the VS Code tools
// (scripts/install-vscode-tools.sh), builds the extension and compiles the simulator. Ctrl+C stops everything.
// Plain Node on purpose: it must run before `npm ci`. The running part is scripts/demoSession.ts.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const HELP = `usage: npm run demo -- [options]
  --port N        VS Code port on 127.0.0.1 (default 8080; a free one if busy)
  --devices N     simulated devices (default 5000)
  --profiles N    custom device settings profiles (default 5)
  --tunnels N     WARP Connector tunnels (default 5)
  --latency MS    added to every API answer (default 50)
  --seed N        same seed, same fleet (default 1)
  --dev           load the extension in development mode (payload URL) instead of installing a .vsix
  --check         open the demo in headless Chromium, check the Devices view fills, save
                  test-results/screenshots/demo.png, then stop
  --skip-setup    do not run npm ci / the tools script / the build (already done)
  --multi-user    the simulated account is in multi-user mode: the deprecated device endpoints refuse,
                  devices come from /devices/physical-devices and /devices/registrations`;

function parse(argv) {
  const o = { port: 8080, devices: 5000, profiles: 5, tunnels: 5, latencyMs: 50, seed: 1, dev: false, check: false, skipSetup: false, multiUser: false };
  const num = { '--port': 'port', '--devices': 'devices', '--profiles': 'profiles', '--tunnels': 'tunnels', '--latency': 'latencyMs', '--seed': 'seed' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    if (flag === '--help' || flag === '-h') {
      console.log(HELP);
      process.exit(0);
    } else if (flag === '--dev') o.dev = true;
    else if (flag === '--check') o.check = true;
    else if (flag === '--skip-setup') o.skipSetup = true;
    else if (flag === '--multi-user') o.multiUser = true;
    else if (num[flag]) {
      const v = Number(inline ?? argv[++i]);
      if (!Number.isInteger(v) || v < 0) fail(`${flag} needs a non-negative integer`);
      o[num[flag]] = v;
    } else fail(`unknown option ${argv[i]}\n${HELP}`);
  }
  return o;
}

function fail(msg) {
  console.error(`demo: ${msg}`);
  process.exit(2);
}

/** Runs a setup step; its output is shown only if it fails. */
function step(title, cmd, args, { optional = false } = {}) {
  const t = Date.now();
  process.stdout.write(`demo: ${title}... `);
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
  const secs = ((Date.now() - t) / 1000).toFixed(1);
  if (r.status === 0) {
    console.log(`ok (${secs} s)`);
    return true;
  }
  console.log(optional ? `had errors (${secs} s), continuing` : `FAILED (${secs} s)`);
  const out = `${r.stdout || ''}${r.stderr || ''}`.split('\n').filter(l => !/Unknown user config "nodedir"/.test(l));
  console.log(out.slice(-30).join('\n'));
  if (!optional) process.exit(1);
  return false;
}

const opts = parse(process.argv.slice(2));
if (!opts.skipSetup) {
  if (!fs.existsSync(path.join(ROOT, 'node_modules', '.bin', 'tsc'))) step('npm ci (first run)', 'npm', ['ci', '--no-audit', '--no-fund']);
  step('VS Code tools (code-server, Chromium)', 'bash', [path.join(ROOT, 'scripts', 'install-vscode-tools.sh')]);
  step('build the extension', 'npm', ['run', 'build', '--silent']);
  // tsc still writes out/ when some unrelated test file has a type error; the demo needs only a few files
  step('compile the simulator', 'npm', ['run', 'compile-tests', '--silent'], { optional: true });
}
const session = path.join(ROOT, 'out', 'scripts', 'demoSession.js');
for (const f of [session, path.join(ROOT, 'out', 'test', 'simulator', 'server.js'), path.join(ROOT, 'dist', 'extension.js')]) {
  if (!fs.existsSync(f)) fail(`${path.relative(ROOT, f)} is missing (run without --skip-setup)`);
}
require(session)
  .run(opts)
  .catch(e => {
    console.error(`demo: ${e && e.stack ? e.stack : e}`);
    process.exit(1);
  });
