/**
 * Sweep Stale Devices…: "not seen for" N days → a preview to untick from (and export) → a modal naming
 * the count → the same chunked write, read-back of lost answers, exact report and Undo as Revoke…
 * (legacy: applyDeviceRevocation; multi-user: applyRegistrations / deleteRegistrationItems).
 * Nothing is sent before the modal's button is chosen.
 */
import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import { findStale, parseSweepDays, MAX_SWEEP_DAYS, SWEEP_DAY_CHOICES, type StaleSelection, type SweepAction, type SweepGroupBy } from '../../model/staleDevices';
import type { FleetDevice } from '../../model/fleetDevice';
import { UserCancelled, type Command, type CommandContext } from '../registry';
import { loadedDevices, requireAccount, type DevicesDeps } from './common';
import { confirmDelete, deleteRegistrationItems } from './deleteDevices';
import { allRegistrations, regName } from './registrationTargets';
import { applyDeviceRevocation, confirmDeviceRevocation } from './revokeDevices';
import { applyRegistrations, confirmRegistrations } from './revokeRegistrations';
import { exportPreview, reviewPreview } from './sweepPreview';

export function sweepStaleDevicesCommand(deps: DevicesDeps): Command {
  return { id: CommandIds.sweepStaleDevices, run: ctx => sweep(ctx, deps) };
}

async function askDays(): Promise<number> {
  const custom = vscode.l10n.t('Another number of days…');
  const items = [...SWEEP_DAY_CHOICES.map(d => ({ label: vscode.l10n.t('{0} days', d), days: d as number })), { label: custom, days: 0 }];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Sweep devices not seen for…'), ignoreFocusOut: true });
  if (!picked) throw new UserCancelled();
  if (picked.days) return picked.days;
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Sweep devices not seen for…'),
    prompt: vscode.l10n.t('Number of days (1 to {0})', MAX_SWEEP_DAYS),
    ignoreFocusOut: true,
    validateInput: v => (parseSweepDays(v) === undefined ? vscode.l10n.t('A whole number of days from 1 to {0}.', MAX_SWEEP_DAYS) : undefined),
  });
  const days = text === undefined ? undefined : parseSweepDays(text);
  if (days === undefined) throw new UserCancelled();
  return days;
}

/** Multi-user accounts: revoke (undoable, keeps virtual IPs) or delete (final, releases them). */
async function askAction(): Promise<SweepAction> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: `$(circle-slash) ${vscode.l10n.t('Revoke stale registrations')}`, detail: vscode.l10n.t('Blocks access; can be undone; keeps the virtual IPs.'), action: 'revoke' as const },
      { label: `$(trash) ${vscode.l10n.t('Delete stale registrations')}`, detail: vscode.l10n.t('Removes them; cannot be undone; releases the virtual IPs.'), action: 'delete' as const },
    ],
    { title: vscode.l10n.t('What should the sweep do?'), ignoreFocusOut: true },
  );
  if (!picked) throw new UserCancelled();
  return picked.action;
}

type Step = 'go' | 'export' | 'review';

async function nextStep(action: SweepAction, count: number, regs: boolean, by: SweepGroupBy): Promise<{ step: Step; by: SweepGroupBy }> {
  const n = count.toLocaleString();
  const go =
    action === 'delete'
      ? `$(trash) ${vscode.l10n.t('Delete {0} registrations…', n)}`
      : regs
        ? `$(circle-slash) ${vscode.l10n.t('Revoke {0} registrations…', n)}`
        : `$(circle-slash) ${vscode.l10n.t('Revoke {0} devices…', n)}`;
  const other: SweepGroupBy = by === 'os' ? 'user' : 'os';
  const picked = await vscode.window.showQuickPick(
    [
      { label: go, step: 'go' as Step, by },
      { label: `$(save) ${vscode.l10n.t('Export the preview (CSV or JSON)…')}`, step: 'export' as Step, by },
      { label: `$(list-tree) ${other === 'user' ? vscode.l10n.t('Review again, grouped by user') : vscode.l10n.t('Review again, grouped by OS')}`, step: 'review' as Step, by: other },
    ],
    { title: vscode.l10n.t('Stale-device sweep: {0} ticked', n), ignoreFocusOut: true },
  );
  if (!picked) throw new UserCancelled();
  return picked;
}

async function sweep(ctx: CommandContext, deps: DevicesDeps): Promise<void> {
  const account = await requireAccount(ctx);
  const devices = await loadedDevices(deps.devices);
  const regs = devices.some(d => d.api === 'registrations');
  const days = await askDays();
  const action: SweepAction = regs ? await askAction() : 'revoke';
  const now = Date.now();
  const sel = findStale(devices, days, now, action);
  if (!sel.stale.length && !sel.neverSeen.length) {
    void vscode.window.showInformationMessage(
      regs ? vscode.l10n.t('No registration has gone unseen for {0} days.', days) : vscode.l10n.t('No device has gone unseen for {0} days.', days),
    );
    return;
  }
  let ticked: Set<string> = new Set(sel.stale.map(c => c.id));
  let by: SweepGroupBy = 'os';
  let review = true;
  for (;;) {
    if (review) ticked = await reviewPreview(sel, by, ticked);
    if (!ticked.size) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing is ticked: nothing was changed.'));
      return;
    }
    const next = await nextStep(action, ticked.size, regs, by);
    if (next.step === 'go') break;
    review = next.step === 'review';
    by = next.by;
    if (next.step === 'export') await exportPreview(sel, ticked, now);
  }
  await apply(ctx, deps, account, devices, sel, ticked, action);
}

async function apply(
  ctx: CommandContext, deps: DevicesDeps, account: Awaited<ReturnType<typeof requireAccount>>,
  devices: FleetDevice[], sel: StaleSelection, ticked: ReadonlySet<string>, action: SweepAction,
): Promise<void> {
  const chosen = [...sel.stale, ...sel.neverSeen].filter(c => ticked.has(c.id));
  if (chosen[0]?.kind === 'device') {
    const byId = new Map(devices.map(d => [d.id, d]));
    const targets = chosen.map(c => byId.get(c.id)).filter((d): d is FleetDevice => d !== undefined);
    await confirmDeviceRevocation('revoke', targets);
    return applyDeviceRevocation(ctx, deps, account, 'revoke', targets, true);
  }
  const targets = new Map(allRegistrations(devices).map(t => [t.reg.id, t]));
  const items = chosen.flatMap(c => {
    const t = targets.get(c.id);
    return t ? [{ id: c.id, name: regName(t) }] : [];
  });
  const names = items.map(i => i.name);
  if (action === 'delete') {
    await confirmDelete(names.length === 1 ? vscode.l10n.t('Delete the registration {0}?', names[0]) : vscode.l10n.t('Delete {0} registrations?', names.length.toLocaleString()), names);
    return deleteRegistrationItems(ctx, deps, account, items);
  }
  await confirmRegistrations('revoke', names);
  return applyRegistrations(ctx, deps, account, 'revoke', items, true);
}
