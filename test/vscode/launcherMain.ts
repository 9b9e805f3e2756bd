// A stand-in for the VS Code executable, for @vscode/test-electron's runTests({ vscodeExecutablePath }).
// Accepts VS Code's command line, runs the extension tests in code-server's real Node extension host with
// headless Chromium as the window, forwards the test output and exits with the tests' exit code.
// Entry point: test/vscode/launcher.js (executable). See test/extension/runTest.ts.
//
// Environment:
//   WARP_FLEET_TOOLS             folder holding paths.json from scripts/install-vscode-tools.sh
//   WARP_FLEET_TEST_TIMEOUT_MS   whole-run limit (default 600000); exit code 124 when reached
//   WARP_FLEET_TEST_ENV          JSON object of extra environment variables for the extension host
//   WARP_FLEET_TEST_SETTINGS     JSON object merged into the user settings
//   WARP_FLEET_KEEP_TMP=1        keep the run's temp folder (server log, user data) for inspection
//   WARP_FLEET_VERBOSE=1         also print code-server's log and the browser console
// Every other variable is passed through to code-server and so to the extension host.
import * as path from 'path';
import * as util from 'util';
import { launchBrowser } from './browser';
import { delay, ownedTempDir, runCleanups } from './cleanup';
import { startCodeServer } from './server';
import { loadTools } from './tools';

interface Args {
  extensionDevelopmentPath: string[];
  extensionTestsPath?: string;
  userDataDir?: string;
  extensionsDir?: string;
  folder?: string;
  workspaceFile?: string;
  /** --locale=qps-ploc: VS Code's display language, which picks the extension's l10n bundles. */
  locale?: string;
  ignored: string[];
}

const VALUE_FLAGS: Record<string, keyof Args> = {
  extensionDevelopmentPath: 'extensionDevelopmentPath',
  extensionTestsPath: 'extensionTestsPath',
  'user-data-dir': 'userDataDir',
  'extensions-dir': 'extensionsDir',
  locale: 'locale',
};

export function parseArgs(argv: string[]): Args {
  const out: Args = { extensionDevelopmentPath: [], ignored: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([^=]+)(?:=(.*))?$/s.exec(a);
    if (m) {
      const key = VALUE_FLAGS[m[1]];
      if (!key) {
        out.ignored.push(a); // --no-sandbox, --disable-updates, --skip-welcome, --disable-extensions, ...
        continue;
      }
      const value = m[2] ?? argv[++i];
      if (value === undefined) throw new Error(`missing value for --${m[1]}`);
      if (key === 'locale') out.locale = value;
      else if (key === 'extensionDevelopmentPath') out.extensionDevelopmentPath.push(path.resolve(value));
      else (out[key] as string) = path.resolve(value);
    } else if (a.endsWith('.code-workspace')) {
      out.workspaceFile = path.resolve(a);
    } else {
      out.folder = path.resolve(a);
    }
  }
  return out;
}

function jsonEnv(name: string): Record<string, unknown> {
  const raw = process.env[name];
  if (!raw) return {};
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`${name} is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
}

const say = (s: string) => process.stderr.write(`[vscode-launcher] ${s}\n`);

/** Workbench chatter that reaches codeAutomationLog on every run and says nothing about the tests. */
const NOISE = [
  /^Resolving connection token/,
  /^Resolved connection token/,
  /^Creating a socket \(/,
  /^\[reconnection-grace-time\]/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^\[AgentHost/,
  /^\[AccountPolicyGate\]/,
  /ENOTFOUND open-vsx\.org/,
  /Timed out waiting for authentication provider/,
];

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (!args.extensionTestsPath) {
    say('no --extensionTestsPath given: this launcher only runs extension tests (see scripts/demo.js for an interactive VS Code)');
    return 2;
  }
  const verbose = process.env.WARP_FLEET_VERBOSE === '1';
  const timeoutMs = Number(process.env.WARP_FLEET_TEST_TIMEOUT_MS || 600000);
  const tools = loadTools();
  const tmp = ownedTempDir('warp-fleet-exttest-');
  const tmpDir = tmp.path;
  const started = Date.now();
  let keepTmp = process.env.WARP_FLEET_KEEP_TMP === '1';
  let server: Awaited<ReturnType<typeof startCodeServer>> | undefined;
  let code = 1;
  try {
    const extraEnv = Object.fromEntries(Object.entries(jsonEnv('WARP_FLEET_TEST_ENV')).map(([k, v]) => [k, String(v)]));
    server = await startCodeServer({
      tools,
      tmpDir,
      // the dirs runTests passes are used as given (they are created if missing); fresh ones otherwise
      userDataDir: args.userDataDir,
      extensionsDir: args.extensionsDir,
      settings: jsonEnv('WARP_FLEET_TEST_SETTINGS'),
      env: extraEnv,
      smokeTestDriver: true,
      locale: args.locale,
      idleTimeoutSeconds: 120,
      onLog: verbose ? l => say(`server: ${l}`) : undefined,
    });
    say(`code-server on ${server.origin} (${Date.now() - started} ms)`);

    const browser = await launchBrowser({ tools, profileDir: path.join(tmpDir, 'chromium') });
    const page = browser.page;
    if (args.locale) {
      // The workbench takes its display language from the NLS script the server writes, and code-server
      // writes one only for a locale with an installed language pack. Set the language as that script
      // would (VS Code's own words stay English): the extension host then loads the extension's
      // bundle.l10n.<locale>.json and package.nls.<locale>.json, as under a language pack.
      await page.addInitScript(locale => Object.assign(globalThis, { _VSCODE_NLS_LANGUAGE: locale }), args.locale);
    }
    let resolveExit!: (code: number) => void;
    const exited = new Promise<number>(r => (resolveExit = r));
    await page.exposeFunction('codeAutomationLog', (type: string, logArgs: unknown[]) => {
      const s = util.format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
      if (!verbose && NOISE.some(re => re.test(s))) return;
      (type === 'error' ? process.stderr : process.stdout).write(s + '\n');
    });
    await page.exposeFunction('codeAutomationExit', (c: number) => resolveExit(Number(c)));
    page.on('crash', () => {
      say('the browser page crashed');
      resolveExit(3);
    });
    if (verbose) page.on('console', m => say(`browser ${m.type()}: ${m.text()}`));

    const url = server.workbenchUrl({
      folder: args.folder,
      workspaceFile: args.workspaceFile,
      extensionDevelopmentPath: args.extensionDevelopmentPath,
      extensionTestsPath: args.extensionTestsPath,
    });
    if (verbose) say(`opening ${url}`);
    await page.goto(url);

    const result = await Promise.race([exited, delay(timeoutMs).then(() => 'timeout' as const)]);
    if (result === 'timeout') {
      say(`no test result after ${timeoutMs} ms; giving up (set WARP_FLEET_TEST_TIMEOUT_MS to change)`);
      await page.screenshot({ path: path.join(tmpDir, 'timeout.png') }).catch(() => undefined);
      say(`code-server log (last 40 lines):\n${server.log().split('\n').slice(-40).join('\n')}`);
      code = 124;
    } else {
      code = result;
    }
  } catch (e) {
    say(`error: ${(e as Error).stack ?? e}`);
    code = 2;
  } finally {
    if (code === 124) keepTmp = true; // timeout.png and code-server.log are worth a look
    if (keepTmp) {
      tmp.keep();
      say(`kept ${tmpDir}`);
    }
    await runCleanups(); // browser, then server, then the temp folder
  }
  say(`finished with exit code ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return code;
}
