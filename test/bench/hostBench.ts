/**
 * The extension-host rows of `npm run bench`: runs test/extension/bench/ (runTest.js --bench) in a real
 * VS Code and reads what it wrote: the longest task on the extension host while the open Devices view
 * loads, groups and filters 100,000 devices, beside the same host idle. Figures only.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { HostStallResult } from '../extension/bench/hostStalls.bench';
import { loadTools, REPO_ROOT } from '../vscode/tools';
import type { Row } from './bench';
import { fmtWholeMs } from './timing';

const ms = fmtWholeMs;

export async function hostMeasures(): Promise<Row[]> {
  const label = (api: string) => `100,000 ${api === 'legacy' ? 'devices (legacy)' : 'physical devices (multi-user)'} in VS Code's extension host: longest task, loading + grouping + filtering with the view open`;
  try {
    loadTools();
  } catch {
    return [{ measure: label('legacy'), value: 'n/a (run npm run tools)', baseline: '', ratio: '', note: 'code-server tools not installed' }];
  }
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'warp-fleet-hostbench-')), 'host.json');
  try {
    const code = await new Promise<number>(resolve => {
      const p = spawn(process.execPath, [path.join(REPO_ROOT, 'out', 'test', 'extension', 'runTest.js'), '--bench'], {
        env: { ...process.env, WARP_FLEET_BENCH_OUT: out },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      p.once('exit', c => resolve(c ?? 1));
    });
    if (code !== 0 || !fs.existsSync(out)) throw new Error(`runTest.js --bench exited with ${code}`);
    const results = JSON.parse(fs.readFileSync(out, 'utf8')) as HostStallResult[];
    return results.map(r => ({
      measure: label(r.api),
      value: ms(r.longestMs),
      baseline: `the same host idle, view open: ${ms(r.idleLongestMs)}`,
      ratio: '',
      note: `${r.described}; ${r.devices.toLocaleString()} devices listed in ${ms(r.loadMs)}, grouped by user and filtered in ${ms(r.queryMs)}; a 1 ms timer inside the extension host, the simulator in a child process`,
    }));
  } catch (e) {
    process.exitCode = 1;
    return [{ measure: label('legacy'), value: 'failed', baseline: '', ratio: '', note: e instanceof Error ? e.message.split('\n')[0] : String(e) }];
  } finally {
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
}
