// Runs the extension-host test suites (out/test/extension/suite/**/*.test.js) in a real VS Code.
//   node out/test/extension/runTest.js            code-server + headless Chromium (offline; see test/vscode/)
//   node out/test/extension/runTest.js --desktop  desktop VS Code, downloaded by @vscode/test-electron
//                                                 (needs internet and a display, e.g. xvfb-run on Linux CI)
// Builds nothing: `npm run test:ext` compiles the tests and builds dist/ first.
// Each run gets a fresh workspace folder, user data and extensions folder. The developer's CLOUDFLARE_*
// variables are removed: the suites start their own simulator in the extension host (suite/helpers.ts).
//
//   --simulator    also start one simulated account (out/test/simulator/server.js) for the whole run:
//                  `warpFleet.apiBaseUrl` points at it and the extension host gets
//                  CLOUDFLARE_API_TOKEN, CLOUDFLARE_ACCOUNT_ID (signed in from the start) and
//                  WARP_FLEET_SIM_BASE_URL, WARP_FLEET_SIM_CONTROL_URL, WARP_FLEET_SIM_TOKEN, WARP_FLEET_SIM_ACCOUNT_ID
//                  (the control surface takes fault injection and request inspection over HTTP)
//   --pseudo       the pseudo-locale run instead of the suites: VS Code starts with --locale=qps-ploc on a
//                  copy of the extension that holds pseudo-localised bundles generated now from the
//                  English ones (pseudoLocale.ts; never committed), and runs only out/test/extension/pseudo/
//   --bench        the extension-host benchmark instead of the suites: out/test/extension/bench/*.bench.js
//                  (figures, never asserted; written to the file WARP_FLEET_BENCH_OUT names; npm run bench)
//   WARP_FLEET_TEST_GREP=text   run only the tests whose title matches
import { runTests } from '@vscode/test-electron';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { QUIET_SETTINGS, writeUserSettings } from '../vscode/server';
import { REPO_ROOT } from '../vscode/tools';
import { PSEUDO_LOCALE, pseudoLocalisedCopy } from './pseudoLocale';

interface Simulator {
  baseUrl: string;
  controlUrl: string;
  accountId: string;
  token: string;
  close(): Promise<void>;
}

async function startSimulator(): Promise<Simulator | undefined> {
  const file = path.join(REPO_ROOT, 'out', 'test', 'simulator', 'server.js');
  if (!fs.existsSync(file)) throw new Error('--simulator: out/test/simulator/server.js is missing (npm run compile-tests)');
  // loaded by path: the suites and this runner do not depend on the simulator at compile time
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as { CloudflareSimulator: { start(o: object): Promise<Simulator> } };
  return mod.CloudflareSimulator.start({ devices: 500, profiles: 4, tunnels: 4, seed: 1 });
}

async function main(): Promise<number> {
  const desktop = process.argv.includes('--desktop');
  const withSimulator = process.argv.includes('--simulator');
  const pseudo = process.argv.includes('--pseudo');
  const bench = process.argv.includes('--bench');
  // Never let a developer's real credentials reach the tests.
  for (const k of ['CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_EMAIL', 'CLOUDFLARE_API_KEY', 'CLOUDFLARE_ACCOUNT_ID']) delete process.env[k];

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'warp-fleet-runtest-'));
  const workspace = path.join(tmp, 'workspace');
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  fs.mkdirSync(workspace, { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(workspace, 'README.md'), '# WARP Fleet extension tests\n');

  let sim: Simulator | undefined;
  try {
    if (withSimulator) sim = await startSimulator();
    const settings: Record<string, unknown> = { ...QUIET_SETTINGS };
    const env: Record<string, string> = {};
    if (bench && process.env.WARP_FLEET_BENCH_OUT) env.WARP_FLEET_BENCH_OUT = process.env.WARP_FLEET_BENCH_OUT;
    if (sim) {
      settings['warpFleet.apiBaseUrl'] = sim.baseUrl;
      Object.assign(env, {
        WARP_FLEET_SIM_BASE_URL: sim.baseUrl,
        WARP_FLEET_SIM_CONTROL_URL: sim.controlUrl,
        WARP_FLEET_SIM_TOKEN: sim.token,
        WARP_FLEET_SIM_ACCOUNT_ID: sim.accountId,
        CLOUDFLARE_API_TOKEN: sim.token,
        CLOUDFLARE_ACCOUNT_ID: sim.accountId,
      });
      console.log(`runTest: simulator ${sim.baseUrl} (account ${sim.accountId}), signed in through the environment`);
    }
    writeUserSettings(userDataDir, settings);

    const extensionDevelopmentPath = pseudo ? await pseudoLocalisedCopy(REPO_ROOT, path.join(tmp, 'extension')) : REPO_ROOT;
    if (pseudo) console.log(`runTest: --pseudo: VS Code in ${PSEUDO_LOCALE} on a copy of the extension with pseudo-localised bundles`);
    const common = {
      extensionDevelopmentPath,
      extensionTestsPath: path.join(REPO_ROOT, 'out', 'test', 'extension', pseudo ? 'pseudo' : bench ? 'bench' : 'suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${userDataDir}`, `--extensions-dir=${extensionsDir}`, ...(pseudo ? [`--locale=${PSEUDO_LOCALE}`] : [])],
      extensionTestsEnv: env,
    };
    if (desktop) {
      console.log('runTest: --desktop: downloading desktop VS Code from update.code.visualstudio.com.');
      console.log('         This works only on a machine with internet access and a display (Linux CI: xvfb-run).');
      await runTests(common);
    } else {
      const launcher = path.join(REPO_ROOT, 'test', 'vscode', 'launcher.js');
      console.log('runTest: real VS Code via code-server + headless Chromium (test/vscode/launcher.js)');
      await runTests({ ...common, vscodeExecutablePath: launcher });
    }
    return 0;
  } catch (e) {
    console.error(`runTest: ${(e as Error).message ?? e}`);
    return typeof (e as { code?: unknown }).code === 'number' ? ((e as { code: number }).code || 1) : 1;
  } finally {
    await sim?.close().catch(() => undefined);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(code => process.exit(code));
