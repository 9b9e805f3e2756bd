import * as vscode from 'vscode';
import { changeInChunks } from '../../api/chunks';
import { deletePhysicalDevice } from '../../api/physicalDevices';
import { deleteRegistrations } from '../../api/registrations';
import { CommandIds } from '../../constants';
import { withoutDevices, withRegistrationChange, type FleetDevice } from '../../model/fleetDevice';
import { readBackPhysicalDevices, readBackRegistrations } from '../../model/readBack';
import { UserCancelled, type Command, type CommandContext } from '../registry';
import { deviceName, loadedDevices, nameList, pickDevices, requireAccount, type DevicesDeps } from './common';
import { allRegistrations, pickRegistrations, regName, selectedPhysicalDevices, selectedRegistrations } from './registrationTargets';
import { performWrite, reportOutcome, type WriteItem, type WriteSpec } from './writeReport';
import type { Account } from './revokeDevices';
import { messageText } from '../../util/untrustedText';

/**
 * The modal every delete goes through: it names what goes, says that delete cannot be undone and
 * that, unlike revoke, it releases the virtual IPs (SDK registrations.d.ts: "Prefer delete: revoke
 * does not release virtual IPs"). It is modal, so nothing is sent until the admin answers it.
 */
export async function confirmDelete(message: string, names: string[]): Promise<void> {
  const detail = vscode.l10n.t(
    '{0} will be removed from Cloudflare. Delete cannot be undone: the user must enroll WARP again. Unlike revoke, delete releases the virtual IPs.',
    nameList(names),
  );
  const button = vscode.l10n.t('Delete');
  // Names are API text: no link is made of them.
  if ((await vscode.window.showWarningMessage(messageText(message), { modal: true, detail: messageText(detail) }, button)) !== button) throw new UserCancelled();
}

/** Delete Registration…: DELETE …/registrations?id=… in URL-safe chunks; a lost answer is read back, never resent. */
export function deleteRegistrationsCommand(deps: DevicesDeps): Command {
  return {
    id: CommandIds.deleteRegistrations,
    run: async (ctx: CommandContext, node, nodes) => {
      const account = await requireAccount(ctx);
      const targets =
        selectedRegistrations(node, nodes) ??
        (await pickRegistrations(allRegistrations(await loadedDevices(deps.devices)), {
          title: vscode.l10n.t('Delete registrations'),
          many: true,
          empty: vscode.l10n.t('No registration to delete.'),
        }));
      const names = targets.map(regName);
      await confirmDelete(
        targets.length === 1 ? vscode.l10n.t('Delete the registration {0}?', names[0]) : vscode.l10n.t('Delete {0} registrations?', targets.length.toLocaleString()),
        names,
      );
      await deleteRegistrationItems(ctx, deps, account, targets.map(t => ({ id: t.reg.id, name: regName(t) })));
    },
  };
}

/** Deletes registrations (confirmed already) in URL-safe chunks, reads back lost answers, updates the model, reports. Also the sweep's delete. */
export async function deleteRegistrationItems(ctx: CommandContext, deps: DevicesDeps, account: Account, items: WriteItem[]): Promise<void> {
  const spec: WriteSpec = {
    action: 'delete',
    what: 'registrations',
    items,
    title: vscode.l10n.t('Deleting {0} registrations', items.length.toLocaleString()),
    send: (ids, opts) => deleteRegistrations(account.client, account.accountId, ids, opts),
    readBack: (ids, signal) => readBackRegistrations(account.client, account.accountId, ids, signal),
  };
  const outcome = await performWrite(ctx, spec);
  const at = new Date().toISOString();
  deps.devices.update(list => withRegistrationChange(list, [...outcome.changed, ...outcome.gone], { deletedAt: at }));
  reportOutcome(ctx, spec, outcome);
}

/** Delete Device…: DELETE …/physical-devices/{id}, one device after another. */
export function deletePhysicalDevicesCommand(deps: DevicesDeps): Command {
  return {
    id: CommandIds.deletePhysicalDevices,
    run: async (ctx: CommandContext, node, nodes) => {
      const account = await requireAccount(ctx);
      const targets =
        selectedPhysicalDevices(node, nodes) ??
        ((await pickDevices(
          (await loadedDevices(deps.devices)).filter(d => d.api === 'registrations'),
          { title: vscode.l10n.t('Delete devices'), many: true, empty: vscode.l10n.t('No device to delete.') },
        )) as FleetDevice[]);
      const names = targets.map(deviceName);
      await confirmDelete(targets.length === 1 ? vscode.l10n.t('Delete the device {0}?', names[0]) : vscode.l10n.t('Delete {0} devices?', targets.length.toLocaleString()), names);
      const spec: WriteSpec = {
        action: 'delete',
        what: 'devices',
        items: targets.map(d => ({ id: d.id, name: deviceName(d) })),
        title: vscode.l10n.t('Deleting {0} devices', targets.length.toLocaleString()),
        send: (ids, opts) => changeInChunks(ids.map(id => [id]), opts, ([id], signal) => deletePhysicalDevice(account.client, account.accountId, id, signal)),
        readBack: (ids, signal) => readBackPhysicalDevices(account.client, account.accountId, ids, signal),
      };
      const outcome = await performWrite(ctx, spec);
      deps.devices.update(list => withoutDevices(list, [...outcome.changed, ...outcome.gone]));
      reportOutcome(ctx, spec, outcome);
    },
  };
}
