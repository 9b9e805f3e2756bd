import * as vscode from 'vscode';
import { changeRevocationInBatches, listDevices, MAX_REVOKE_BATCH, type BatchOutcome } from '../../api/devices';
import type { Device } from '../../api/types';
import { CommandIds } from '../../constants';
import { withRevocation } from '../../model/devicesRevocation';
import type { FleetDevice } from '../../model/fleetDevice';
import { resolveOutcome, unknownIds, type ReadBack } from '../../model/writeOutcome';
import { allRegistrations } from './registrationTargets';
import { runRegistrations } from './revokeRegistrations';
import { describeError } from '../../util/describeError';
import { UserCancelled, type Command, type CommandContext } from '../registry';
import { deviceName, loadedDevices, nameList, pickDevices, requireAccount, selectedDevices, type DevicesDeps } from './common';
import { messageText } from '../../util/untrustedText';

type Action = 'revoke' | 'unrevoke';
export type Account = Awaited<ReturnType<typeof requireAccount>>;

const eligible = (action: Action) => (d: Device) => (action === 'revoke' ? !d.revoked_at : Boolean(d.revoked_at));

/** Revoke… on active devices: from the context menu (the selection) or the palette (a multi-select pick). */
export function revokeDevicesCommand(deps: DevicesDeps): Command {
  return { id: CommandIds.revokeDevices, run: (ctx, node, nodes) => run(ctx, deps, 'revoke', node, nodes) };
}

/** Unrevoke… on revoked devices. */
export function unrevokeDevicesCommand(deps: DevicesDeps): Command {
  return { id: CommandIds.unrevokeDevices, run: (ctx, node, nodes) => run(ctx, deps, 'unrevoke', node, nodes) };
}

async function run(ctx: CommandContext, deps: DevicesDeps, action: Action, node: unknown, nodes: unknown): Promise<void> {
  const account = await requireAccount(ctx);
  let targets = selectedDevices(node, nodes);
  // On the new API revocation lives on registrations: the same command acts on the devices' registrations.
  const selected = targets?.filter((d): d is FleetDevice => (d as Partial<FleetDevice>).api === 'registrations');
  if (selected?.length || (!targets && (await loadedDevices(deps.devices))[0]?.api === 'registrations')) {
    const regs = selected?.length ? allRegistrations(selected) : undefined;
    return runRegistrations(ctx, deps, action, undefined, undefined, regs);
  }
  if (targets) {
    // A mixed selection: act on the devices this applies to, say so if none.
    targets = targets.filter(eligible(action));
    if (!targets.length) {
      void vscode.window.showInformationMessage(
        action === 'revoke' ? vscode.l10n.t('The selected devices are already revoked.') : vscode.l10n.t('None of the selected devices is revoked.'),
      );
      return;
    }
  } else {
    const all = await loadedDevices(deps.devices);
    targets = await pickDevices(all.filter(eligible(action)), {
      title: action === 'revoke' ? vscode.l10n.t('Revoke devices') : vscode.l10n.t('Unrevoke devices'),
      many: true,
      empty: action === 'revoke' ? vscode.l10n.t('No active device to revoke.') : vscode.l10n.t('No revoked device to unrevoke.'),
    });
  }
  await confirmDeviceRevocation(action, targets);
  await applyDeviceRevocation(ctx, deps, account, action, targets, true);
}

/** The modal naming the devices ("Revoke 3 devices?"); nothing is sent unless its button is chosen. */
export async function confirmDeviceRevocation(action: Action, targets: Device[]): Promise<void> {
  const names = targets.map(deviceName);
  const list = nameList(names);
  const one = targets.length === 1;
  const [message, detail, button] =
    action === 'revoke'
      ? [
          one ? vscode.l10n.t('Revoke {0}?', names[0]) : vscode.l10n.t('Revoke {0} devices?', targets.length.toLocaleString()),
          vscode.l10n.t('{0} will lose access until unrevoked.', list),
          vscode.l10n.t('Revoke'),
        ]
      : [
          one ? vscode.l10n.t('Unrevoke {0}?', names[0]) : vscode.l10n.t('Unrevoke {0} devices?', targets.length.toLocaleString()),
          vscode.l10n.t('{0} will be able to connect again.', list),
          vscode.l10n.t('Unrevoke'),
        ];
  // Names are API text: no link is made of them (modals show plain text today; notifications do not).
  const choice = await vscode.window.showWarningMessage(messageText(message), { modal: true, detail: messageText(detail) }, button);
  if (choice !== button) throw new UserCancelled();
}

/** "Revoked 3 devices" / "Revoked LON-LT-0042". */
function doneMessage(action: Action, devices: Device[]): string {
  const n = devices.length;
  if (action === 'revoke') return n === 1 ? vscode.l10n.t('Revoked {0}', deviceName(devices[0])) : vscode.l10n.t('Revoked {0} devices', n.toLocaleString());
  return n === 1 ? vscode.l10n.t('Unrevoked {0}', deviceName(devices[0])) : vscode.l10n.t('Unrevoked {0} devices', n.toLocaleString());
}

/**
 * Sends the change in chunks of at most 200 with progress, applies what succeeded locally, reports the
 * rest (with Undo when `offerUndo`). Also the stale-device sweep's write on the legacy API.
 */
export async function applyDeviceRevocation(ctx: CommandContext, deps: DevicesDeps, account: Account, action: Action, targets: Device[], offerUndo: boolean): Promise<void> {
  const outcome = await settle(ctx, account, action, await send(account, action, targets));
  const at = new Date().toISOString();
  if (outcome.succeeded.length) deps.devices.update(list => withRevocation(list, outcome.succeeded, action === 'revoke', at));
  const ok = new Set(outcome.succeeded);
  const changed = targets.filter(d => ok.has(d.id));
  ctx.log.info(`${action}: ${changed.length} of ${targets.length} devices changed`);
  if (!outcome.failed.length && !outcome.unknown.length) {
    const undo = vscode.l10n.t('Undo');
    const opposite: Action = action === 'revoke' ? 'unrevoke' : 'revoke';
    const done = messageText(doneMessage(action, changed));
    void (offerUndo ? vscode.window.showInformationMessage(done, undo) : vscode.window.showInformationMessage(done)).then(choice => {
      if (choice !== undo) return;
      applyDeviceRevocation(ctx, deps, account, opposite, changed, false).catch(err => {
        if (!(err instanceof UserCancelled)) void vscode.window.showErrorMessage(messageText(describeError(err)));
      });
    });
    return;
  }
  reportFailures(ctx, deps, account, action, targets, changed, outcome);
}

function send(account: Account, action: Action, targets: Device[]): Thenable<BatchOutcome> {
  const ids = targets.map(d => d.id);
  const chunks = Math.ceil(ids.length / MAX_REVOKE_BATCH);
  const n = targets.length.toLocaleString();
  const title = action === 'revoke' ? vscode.l10n.t('Revoking {0} devices', n) : vscode.l10n.t('Unrevoking {0} devices', n);
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    const batch = (i: number) => vscode.l10n.t('request {0} of {1} ({2} devices each at most)', i, chunks, MAX_REVOKE_BATCH);
    if (chunks > 1) progress.report({ message: batch(1) });
    return changeRevocationInBatches(account.client, account.accountId, action, ids, {
      signal: abort.signal,
      onChunk: done => {
        const finished = Math.ceil(done / MAX_REVOKE_BATCH);
        progress.report({ increment: 100 / chunks, message: finished < chunks ? batch(finished + 1) : undefined });
      },
    });
  });
}

type Settled = Omit<BatchOutcome, 'unknown'> & { unknown: string[] };

/**
 * A chunk whose answer was lost (the API marks it outcomeUnknown; a POST is never resent blindly) is
 * read back from the device list: what Cloudflare shows revoked (or not) is what happened. Only
 * when reading back fails too do those devices stay "unknown", and they are reported as such.
 */
async function settle(ctx: CommandContext, account: Account, action: Action, raw: BatchOutcome): Promise<Settled> {
  const lost = unknownIds(raw);
  if (!lost.length) return { succeeded: raw.succeeded, failed: raw.failed, unknown: [] };
  ctx.log.warn(`${action}: no answer for ${lost.length} devices; reading the device list back`);
  let back: Map<string, ReadBack> | undefined;
  let why: unknown;
  try {
    const wanted = new Set(lost);
    back = new Map(lost.map(id => [id, { exists: false }] as [string, ReadBack]));
    for (const d of await listDevices(account.client, account.accountId, {})) {
      // A deleted device is still listed with its revoked_at: that, not `deleted`, says whether the revoke landed.
      if (wanted.has(d.id)) back.set(d.id, { exists: true, revoked: Boolean(d.revoked_at) });
    }
  } catch (err) {
    back = undefined;
    why = err;
  }
  const r = resolveOutcome(action, raw, back, why);
  return {
    succeeded: r.changed,
    failed: [...r.unchanged.map(u => ({ ids: [u.id], error: u.error })), ...r.gone.map(id => ({ ids: [id], error: new Error(vscode.l10n.t('no longer exists')) }))],
    unknown: r.unknown.map(u => u.id),
  };
}

/** Names exactly which devices did not change and why, and which are still unknown; offers to retry the ones that did not change. */
function reportFailures(ctx: CommandContext, deps: DevicesDeps, account: Account, action: Action, targets: Device[], changed: Device[], outcome: Settled): void {
  const byId = new Map(targets.map(d => [d.id, d]));
  const failed = outcome.failed.flatMap(f => f.ids).map(id => byId.get(id)!);
  const reasons = [...new Set(outcome.failed.map(f => describeError(f.error)))].join(' ');
  for (const f of outcome.failed) {
    ctx.log.warn(`${action} failed for ${f.ids.length} devices (${describeError(f.error)}): ${f.ids.map(id => `${deviceName(byId.get(id)!)} ${id}`).join(', ')}`);
  }
  const names = nameList(failed.map(deviceName));
  const unknown = outcome.unknown.length
    ? ' ' + vscode.l10n.t('Outcome unknown (the answer was lost and reading back failed; refresh to see): {0}', nameList(outcome.unknown.map(id => deviceName(byId.get(id)!))))
    : '';
  const revoke = action === 'revoke';
  if (!changed.length && !unknown) {
    // Whole sentences per action: a translation cannot fit "revoked" into a sentence built around it.
    throw new Error(revoke ? vscode.l10n.t('No device was revoked. {0} did not change: {1}', names, reasons) : vscode.l10n.t('No device was unrevoked. {0} did not change: {1}', names, reasons));
  }
  const [done, of] = [changed.length.toLocaleString(), targets.length.toLocaleString()];
  const summary = failed.length
    ? revoke
      ? vscode.l10n.t('{0} of {1} devices revoked. {2} did not change: {3}', done, of, names, reasons)
      : vscode.l10n.t('{0} of {1} devices unrevoked. {2} did not change: {3}', done, of, names, reasons)
    : revoke
      ? vscode.l10n.t('{0} of {1} devices revoked.', done, of)
      : vscode.l10n.t('{0} of {1} devices unrevoked.', done, of);
  const message = summary + unknown;
  const retry = vscode.l10n.t('Retry Failed');
  const showLog = vscode.l10n.t('Show Log');
  const buttons = failed.length ? [retry, showLog] : [showLog];
  // Names and Cloudflare's reasons are API text.
  void vscode.window.showWarningMessage(messageText(message), ...buttons).then(choice => {
    if (choice === showLog) ctx.log.show();
    if (choice === retry) {
      applyDeviceRevocation(ctx, deps, account, action, failed, false).catch(err => void vscode.window.showErrorMessage(messageText(describeError(err))));
    }
  });
}
