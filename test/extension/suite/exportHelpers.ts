// Shared by sweep.test.ts and export.test.ts: a scripted save dialog and what the simulator was asked to change.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CloudflareSimulator, SimulatorOptions } from '../../simulator/server';
import { resetDeviceView, signInTo } from './devicesHelpers';
import { signedInSimulator, type SignedInSimulator } from './helpers';

/** A fresh path in a temporary folder (removed by the OS, never in the workspace). */
export function tempFile(name: string): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'warp-export-')), name);
}

/** Answers every save dialog during `fn` with `file` and records the options it was shown with. */
export async function withSaveDialog<T>(file: string | undefined, fn: () => Thenable<T> | Promise<T>): Promise<{ result: T; asked: vscode.SaveDialogOptions[] }> {
  const w = vscode.window as unknown as Record<string, unknown>;
  const saved = w.showSaveDialog;
  const asked: vscode.SaveDialogOptions[] = [];
  w.showSaveDialog = async (o: vscode.SaveDialogOptions) => {
    asked.push(o);
    return file === undefined ? undefined : vscode.Uri.file(file);
  };
  try {
    return { result: await fn(), asked };
  } finally {
    w.showSaveDialog = saved;
  }
}

/** Every request that could change something on Cloudflare. */
export function writeRequests(sim: CloudflareSimulator) {
  return sim.requests.filter(r => r.method !== 'GET');
}

/**
 * signedInSimulator on a multi-user account, with the Devices view on the new API: before() forgets
 * what auto mode learnt for the account id (other suites' simulators reuse it) and loads the fleet;
 * after() forgets it again so the next suite finds the legacy API, and resets the view's query.
 */
export function signedInMultiUser(opts: SimulatorOptions): SignedInSimulator {
  const h = signedInSimulator({ ...opts, multiUser: true });
  before(async () => {
    await h.api.model.forgetDeviceApi();
    await resetDeviceView(h.api);
    await signInTo(h.api, h.sim);
  });
  after(async () => {
    await resetDeviceView(h.api);
    await h.api.model.forgetDeviceApi();
  });
  return h;
}
