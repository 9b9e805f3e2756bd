// Cleanup that always runs: on normal completion (callers await stop()/close()), on SIGINT/SIGTERM/
// SIGHUP (async cleanups, then exit), and on process exit (synchronous kills of what is left).
// Also the temp folders the harness owns, removed by the same mechanism.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

type AsyncCleanup = () => Promise<void>;
const asyncCleanups = new Set<AsyncCleanup>();
const syncCleanups = new Set<() => void>();
let handlersInstalled = false;
let signalExitCode: number | undefined;

/** Exit with this code after a signal's cleanup (default 128 + signal number), e.g. 0 for an interactive demo. */
export function setSignalExitCode(code: number | undefined): void {
  signalExitCode = code;
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => {
    for (const fn of [...syncCleanups].reverse()) {
      try {
        fn();
      } catch {
        /* exiting anyway */
      }
    }
  });
  let cleaningSince = 0;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.on(signal, () => {
      if (cleaningSince) {
        // the same Ctrl+C often arrives twice (terminal process group + a forwarding parent such as npm
        // or runTests): let the cleanup finish; a later, deliberate second Ctrl+C forces the exit
        if (Date.now() - cleaningSince < 3000) return;
        process.stderr.write(`${signal} again: exiting without waiting\n`);
        process.exit(signalExitCode ?? code);
      }
      cleaningSince = Date.now();
      process.stderr.write(`\n${signal}: stopping VS Code (code-server, Chromium)...\n`);
      void runCleanups().finally(() => process.exit(signalExitCode ?? code));
    });
  }
}

/** Registers cleanup; returns a function that unregisters it. */
export function onCleanup(asyncFn: AsyncCleanup, syncFn?: () => void): () => void {
  installHandlers();
  asyncCleanups.add(asyncFn);
  if (syncFn) syncCleanups.add(syncFn);
  return () => {
    asyncCleanups.delete(asyncFn);
    if (syncFn) syncCleanups.delete(syncFn);
  };
}

/** Runs all registered async cleanups (newest first), at most `timeoutMs` in total. */
export async function runCleanups(timeoutMs = 15000): Promise<void> {
  const fns = [...asyncCleanups].reverse();
  asyncCleanups.clear();
  const all = (async () => {
    for (const fn of fns) await fn().catch(() => undefined);
  })();
  await Promise.race([all, delay(timeoutMs)]);
}

export function delay(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms).unref());
}

// ---------------------------------------------------------------------------------------------

export function makeTempDir(prefix = 'warp-fleet-vscode-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TempDir {
  readonly path: string;
  /** Leave it on disk (for inspection) instead of removing it at cleanup. */
  keep(): void;
  /** Removes it now (unless kept). */
  remove(): void;
}

/** A fresh temp folder that is removed at cleanup, also on a signal or an abrupt process exit. */
export function ownedTempDir(prefix: string): TempDir {
  const dir = makeTempDir(prefix);
  let kept = false;
  let removed = false;
  const rm = () => {
    if (kept || removed) return;
    removed = true;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const unregister = onCleanup(async () => rm(), rm);
  return {
    path: dir,
    keep: () => (kept = true),
    remove: () => {
      rm();
      unregister();
    },
  };
}
