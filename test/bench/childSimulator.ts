/**
 * The simulator CLI (test/simulator/cli.js) in a child process, for measures of one process's event
 * loop: the simulator's own work (generating and serialising pages of 100,000 devices) then runs on
 * its own and is not charged to the process measured. Used by scaleBench.ts and the extension-host
 * bench (test/extension/bench/).
 *
 * It runs at the lowest CPU priority. On a real account those pages are made on Cloudflare's
 * servers; here they would take one of this machine's two cores from VS Code while it draws and
 * collects garbage (the extension host's collector pauses are parallel), and the stall figures
 * would measure the simulator as much as the extension. Measured on the extension-host bench, two
 * runs each: longest task 67/75 ms legacy and 137/205 ms multi-user at normal priority, 54/55 and
 * 95/95 ms at the lowest.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';

export interface ChildSim {
  baseUrl: string;
  accountId: string;
  token: string;
  controlUrl: string;
  startMs: number;
  proc: ChildProcess;
}

/** Starts the CLI with `args` and reads its URL, account and token from its banner. */
export function startChildSimulator(args: string[]): Promise<ChildSim> {
  const cli = path.join(__dirname, '..', 'simulator', 'cli.js');
  const started = performance.now();
  const proc = spawn(process.execPath, [cli, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  // Lowering a child's own priority needs no privilege.
  if (proc.pid !== undefined) os.setPriority(proc.pid, os.constants.priority.PRIORITY_LOW);
  return new Promise((resolve, reject) => {
    let out = '';
    proc.once('exit', code => reject(new Error(`simulator exited (${code}) before it was ready`)));
    proc.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (!out.includes('Press Ctrl+C')) return;
      const get = (label: string) => new RegExp(`${label}:\\s+(\\S+)`).exec(out)?.[1] ?? '';
      resolve({ baseUrl: get('base URL'), accountId: get('account id'), token: get('API token'), controlUrl: get('control'), startMs: performance.now() - started, proc });
    });
  });
}

export function stopChildSimulator(sim: ChildSim): Promise<void> {
  return new Promise(resolve => {
    if (sim.proc.exitCode !== null) return resolve();
    sim.proc.once('exit', () => resolve());
    sim.proc.kill('SIGTERM');
  });
}
