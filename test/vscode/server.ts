// code-server (VS Code packaged on npm, with its real Node extension host) serving the workbench:
// settings that keep it quiet and offline, a free port, a private HOME, the smoke-test-driver URL
// payload that loads the extension in development mode, and a stop that reaches the extension host.
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { delay, makeTempDir, onCleanup } from './cleanup';
import { loadTools, type Tools } from './tools';

function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise(resolve => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, host, () => s.close(() => resolve(true)));
  });
}

/** `preferred` if it is free, otherwise a free port chosen by the OS. */
export async function freePort(preferred?: number, host = '127.0.0.1'): Promise<number> {
  if (preferred && (await portIsFree(preferred, host))) return preferred;
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Settings that keep a test or demo workbench quiet and offline. */
export const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'typescript.disableAutomaticTypeAcquisition': true,
};

/**
 * Merges `settings` into <userDataDir>/User/settings.json and <userDataDir>/Machine/settings.json
 * (existing keys not in `settings` are kept). Both: in code-server the window is remote, and a remote window
 * ignores machine-scoped settings (like warpFleet.apiBaseUrl) from User settings and reads them from the
 * server's Machine settings instead; desktop VS Code reads User settings.
 */
export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void {
  for (const scope of ['User', 'Machine']) {
    const dir = path.join(userDataDir, scope);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'settings.json');
    let current: Record<string, unknown> = {};
    if (fs.existsSync(file)) {
      try {
        current = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
      } catch {
        current = {}; // JSON with comments: replaced, the run is throw-away anyway
      }
    }
    fs.writeFileSync(file, JSON.stringify({ ...current, ...settings }, null, 2));
  }
}

export interface StartCodeServerOptions {
  tools?: Tools;
  /** Port to bind on 127.0.0.1; taken if free, otherwise a free one. Default: any free port. */
  port?: number;
  /** Folder for this server's temporary files (home, logs and, unless given, user data and extensions). */
  tmpDir?: string;
  userDataDir?: string;
  extensionsDir?: string;
  /** Merged into the user settings (after QUIET_SETTINGS). */
  settings?: Record<string, unknown>;
  /** Extra environment for the server and so for the extension host (on top of process.env). */
  env?: NodeJS.ProcessEnv;
  /** Variables removed from the environment the server inherits (e.g. a developer's real credentials). */
  unsetEnv?: string[];
  /** Honour the URL payload (extensionDevelopmentPath, extensionTestsPath). Default true. Suppresses toasts. */
  smokeTestDriver?: boolean;
  /** .vsix files or extension ids installed into extensionsDir before the server starts. */
  installExtensions?: string[];
  /** Shut down after this many seconds without a connected window (a safety net against orphans). */
  idleTimeoutSeconds?: number;
  /** Each line of the server's output, as it arrives (default: kept in log only). */
  onLog?: (line: string) => void;
  /** VS Code's display language (code-server's --locale, as desktop VS Code's --locale), e.g. qps-ploc. */
  locale?: string;
}

export interface CodeServer {
  readonly port: number;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly tmpDir: string;
  readonly process: ChildProcess;
  /** Everything the server printed so far. */
  log(): string;
  /** The workbench URL for a folder (or an empty window), with a smoke-test-driver payload. */
  workbenchUrl(opts?: WorkbenchUrlOptions): string;
  /** Stops the server and its extension hosts (process group: SIGTERM, then SIGKILL). Idempotent. */
  stop(): Promise<void>;
  /** Called if the server exits without stop() (or a cleanup) having been asked for. */
  onUnexpectedExit(cb: (code: number | null) => void): void;
}

export interface WorkbenchUrlOptions {
  folder?: string;
  workspaceFile?: string;
  extensionDevelopmentPath?: string | string[];
  extensionTestsPath?: string;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the whole group: server, its child and the extension hosts
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* gone */
    }
  }
}

function runTool(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout!.on('data', d => (out += d));
    p.stderr!.on('data', d => (out += d));
    p.on('error', reject);
    p.on('close', code => (code === 0 ? resolve(out) : reject(new Error(`${path.basename(args[0])} ${args.slice(1).join(' ')} failed (${code}):\n${out}`))));
  });
}

export async function startCodeServer(opts: StartCodeServerOptions = {}): Promise<CodeServer> {
  const tools = opts.tools ?? loadTools();
  const tmpDir = opts.tmpDir ?? makeTempDir();
  const home = path.join(tmpDir, 'home');
  const userDataDir = path.resolve(opts.userDataDir ?? path.join(tmpDir, 'user-data'));
  const extensionsDir = path.resolve(opts.extensionsDir ?? path.join(tmpDir, 'extensions'));
  for (const d of [home, userDataDir, extensionsDir]) fs.mkdirSync(d, { recursive: true });
  writeUserSettings(userDataDir, { ...QUIET_SETTINGS, ...(opts.settings ?? {}) });

  // A private HOME keeps code-server's config.yaml, caches and the extension host's HOME out of the user's.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...(opts.env ?? {}),
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
  };
  for (const k of opts.unsetEnv ?? []) if (!opts.env || !(k in opts.env)) delete env[k];
  delete env.PORT; // code-server reads $PORT
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  delete env.VSCODE_IPC_HOOK_CLI;
  // Node 24 first on PATH: the extension host and anything it spawns use the same Node.
  env.PATH = `${path.dirname(tools.node)}${path.delimiter}${env.PATH ?? ''}`;

  for (const ext of opts.installExtensions ?? []) {
    await runTool(tools.node, [tools.codeServerEntry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--force', '--install-extension', ext], env);
  }

  const port = await freePort(opts.port);
  const args = [
    tools.codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
  ];
  if (opts.smokeTestDriver !== false) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (opts.locale) args.push('--locale', opts.locale);
  if (opts.idleTimeoutSeconds) args.push('--idle-timeout-seconds', String(opts.idleTimeoutSeconds), '--reconnection-grace-time', String(opts.idleTimeoutSeconds));

  const child = spawn(tools.node, args, { env, cwd: tmpDir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const logFile = fs.createWriteStream(path.join(tmpDir, 'code-server.log'));
  let partial = '';
  const onData = (d: Buffer) => {
    const s = d.toString();
    log += s;
    logFile.write(s);
    if (opts.onLog) {
      const lines = (partial + s).split('\n');
      partial = lines.pop() ?? '';
      for (const l of lines) opts.onLog(l);
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    unregister();
    killGroup(child, 'SIGTERM');
    const t = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
    await Promise.race([exited, delay(6000)]);
    clearTimeout(t);
    // the extension host may outlive the server process; the group kill reaches it
    killGroup(child, 'SIGKILL');
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* group already gone */
    }
    logFile.end();
  };
  const unregister = onCleanup(stop, () => {
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  });

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s:\n${log}`)), 60000);
      const check = () => {
        if (/HTTP server listening/.test(log)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', check);
      child.stderr!.on('data', check);
      child.once('exit', code => {
        clearTimeout(timer);
        reject(new Error(`code-server exited (${code}) before listening:\n${log}`));
      });
    });
  } catch (e) {
    await stop();
    throw e;
  }

  const origin = `http://127.0.0.1:${port}`;
  const authority = `127.0.0.1:${port}`;
  return {
    port,
    origin,
    userDataDir,
    extensionsDir,
    tmpDir,
    process: child,
    log: () => log,
    stop,
    onUnexpectedExit(cb) {
      child.once('exit', code => {
        if (!stopped) cb(code);
      });
    },
    workbenchUrl(u: WorkbenchUrlOptions = {}) {
      const remote = (p: string) => `vscode-remote://${authority}${path.resolve(p)}`;
      const devPaths = u.extensionDevelopmentPath === undefined ? [] : ([] as string[]).concat(u.extensionDevelopmentPath);
      const payload: [string, string][] = devPaths.map(d => ['extensionDevelopmentPath', remote(d)]);
      if (u.extensionTestsPath) payload.push(['extensionTestsPath', remote(u.extensionTestsPath)]);
      payload.push(['skipWelcome', 'true'], ['skipReleaseNotes', 'true']);
      const q: string[] = [];
      if (u.workspaceFile) q.push(`workspace=${encodeURIComponent(path.resolve(u.workspaceFile))}`);
      else if (u.folder) q.push(`folder=${encodeURIComponent(path.resolve(u.folder))}`);
      else q.push('ew=true');
      if (devPaths.length || u.extensionTestsPath) q.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
      return `${origin}/?${q.join('&')}`;
    },
  };
}
