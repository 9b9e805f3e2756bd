/**
 * #17 item 1 measured where it matters: the longest task on VS Code's own extension host while the
 * Devices view, open and drawn by VS Code, loads 100,000 devices, then is grouped by user and filtered
 * (legacy list, then a multi-user account's physical devices and registrations). The simulator runs in
 * a child process, so only the extension's work (and VS Code's, on the same host) is on this loop.
 * The baseline is the same host idle, with the view open, for as long. Figures go to the file
 * WARP_FLEET_BENCH_OUT names (bench.ts prints them); nothing is asserted.
 */
import * as fs from 'fs';
import { performance } from 'perf_hooks';
import * as vscode from 'vscode';
import type { CloudflareSimulator } from '../../simulator/server';
import { startChildSimulator, stopChildSimulator } from '../../bench/childSimulator';
import { describeStalls, watchStalls } from '../../bench/stallWatch';
import { extensionApi, resetExtensionState, signIn, waitFor } from '../suite/helpers';

export interface HostStallResult {
  api: 'legacy' | 'multi-user';
  devices: number;
  /** From sign-in until every device is in the view's model. */
  loadMs: number;
  /** Grouping by user and filtering "lon" over the whole fleet, as the view draws it. */
  queryMs: number;
  longestMs: number;
  described: string;
  idleLongestMs: number;
}

const DEVICES = Number(process.env.BENCH_SCALE_DEVICES ?? 100_000);
const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 50);

describe('Extension host at 100,000 devices', function () {
  this.timeout(15 * 60_000);
  const results: HostStallResult[] = [];

  after(() => {
    const out = process.env.WARP_FLEET_BENCH_OUT;
    if (out) fs.writeFileSync(out, JSON.stringify(results, null, 2));
  });

  for (const multiUser of [false, true]) {
    it(`${multiUser ? 'multi-user' : 'legacy'}: the longest task while the open Devices view loads, groups and filters`, async () => {
      const api = await extensionApi();
      await resetExtensionState(api);
      await api.views.devices.options.set({ groupBy: 'os', sortBy: 'name', filter: '' });
      const sim = await startChildSimulator(['--devices', String(DEVICES), '--latency', String(LATENCY), ...(multiUser ? ['--multi-user'] : [])]);
      try {
        // The view as a person has it: open, so VS Code asks for its items as they change.
        await vscode.commands.executeCommand('warpFleet.devices.focus');
        const t0 = performance.now();
        const idle = watchStalls(50);
        await new Promise(r => setTimeout(r, 3000));
        const idleReport = idle.stop();

        const watch = watchStalls(50);
        const started = performance.now();
        // signIn uses the URL, account and token only: the child's banner gives all three.
        await signIn(api, sim as unknown as CloudflareSimulator);
        if (api.model.devices.state.kind !== 'loading') void api.model.devices.reload();
        await waitFor(() => api.model.devices.state.kind === 'loaded' && (api.model.devices.data?.length ?? 0) >= DEVICES, `${DEVICES} devices loaded`, 10 * 60_000);
        const loadMs = performance.now() - started;
        const q = performance.now();
        await api.views.devices.options.set({ groupBy: 'user', sortBy: 'lastSeen', filter: 'lon' });
        await api.views.devices.getChildren(undefined);
        const queryMs = performance.now() - q;
        const report = watch.stop();
        results.push({
          api: multiUser ? 'multi-user' : 'legacy',
          devices: api.model.devices.data?.length ?? 0,
          loadMs,
          queryMs,
          longestMs: report.longest?.ms ?? 0,
          described: describeStalls(report),
          idleLongestMs: idleReport.longest?.ms ?? 0,
        });
        console.log(`      ${JSON.stringify(results[results.length - 1])} (${Math.round(performance.now() - t0)} ms)`);
      } finally {
        await api.views.devices.options.set({ groupBy: 'os', sortBy: 'name', filter: '' });
        await resetExtensionState(api);
        await stopChildSimulator(sim);
      }
    });
  }
});
