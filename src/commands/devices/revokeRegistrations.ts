import * as vscode from 'vscode';
import { changeInChunks } from '../../api/chunks';
import { revokePhysicalDevice } from '../../api/physicalDevices';
import { revokeRegistrations, unrevokeRegistrations } from '../../api/registrations';
import { CommandIds } from '../../constants';
import { liveRegistrations, withRegistrationChange, type FleetDevice } from '../../model/fleetDevice';
import { readBackPhysicalDevices, readBackRegistrations } from '../../model/readBack';
import { UserCancelled, type Command, type CommandContext } from '../registry';
import { deviceName, loadedDevices, nameList, pickDevices, requireAccount, type DevicesDeps } from './common';
import { allRegistrations, pickRegistrations, regName, selectedPhysicalDevices, selectedRegistrations, type RegTarget } from './registrationTargets';
import { performWrite, reportOutcome, type WriteItem, type WriteSpec } from './writeReport';
import { messageText } from '../../util/untrustedText';

type Action = 'revoke' | 'unrevoke';
type Account = Awaited<ReturnType<typeof requireAccount>>;

const eligible = (action: Action) => (t: RegTarget) => (action === 'revoke' ? !t.reg.revokedAt : Boolean(t.reg.revokedAt));

/** Revoke… on registrations (and on physical devices: their active registrations), multi-select. */
export function revokeRegistrationsCommand(deps: DevicesDeps): Command {
  return { id: CommandIds.revokeRegistrations, run: (ctx, node, nodes) => runRegistrations(ctx, deps, 'revoke', node, nodes) };
}

export function unrevokeRegistrationsCommand(deps: DevicesDeps): Command {
  return { id: CommandIds.unrevokeRegistrations, run: (ctx, node, nodes) => runRegistrations(ctx, deps, 'unrevoke', node, nodes) };
}

/** Shared with the legacy Revoke/Unrevoke commands when the fleet is on the new API. */
export async function runRegistrations(ctx: CommandContext, deps: DevicesDeps, action: Action, node: unknown, nodes: unknown, given?: RegTarget[]): Promise<void> {
  const account = await requireAccount(ctx);
  let targets = given ?? selectedRegistrations(node, nodes);
  if (targets) {
    targets = targets.filter(eligible(action));
    if (!targets.length) {
      void vscode.window.showInformationMessage(
        action === 'revoke' ? vscode.l10n.t('The selected registrations are already revoked.') : vscode.l10n.t('None of the selected registrations is revoked.'),
      );
      return;
    }
  } else {
    targets = await pickRegistrations(allRegistrations(await loadedDevices(deps.devices)).filter(eligible(action)), {
      title: action === 'revoke' ? vscode.l10n.t('Revoke registrations') : vscode.l10n.t('Unrevoke registrations'),
      many: true,
      empty: action === 'revoke' ? vscode.l10n.t('No active registration to revoke.') : vscode.l10n.t('No revoked registration to unrevoke.'),
    });
  }
  await confirmRegistrations(action, targets.map(regName));
  await applyRegistrations(ctx, deps, account, action, targets.map(t => ({ id: t.reg.id, name: regName(t) })), true);
}

/** The modal naming the registrations ("Revoke 37 registrations?"); nothing is sent unless its button is chosen. */
export async function confirmRegistrations(action: Action, names: string[]): Promise<void> {
  const one = names.length === 1;
  const n = names.length.toLocaleString();
  const [message, detail, button] =
    action === 'revoke'
      ? [
          one ? vscode.l10n.t('Revoke {0}?', names[0]) : vscode.l10n.t('Revoke {0} registrations?', n),
          vscode.l10n.t('{0} will lose access until unrevoked. Revoking keeps the virtual IPs; delete releases them.', nameList(names)),
          vscode.l10n.t('Revoke'),
        ]
      : [
          one ? vscode.l10n.t('Unrevoke {0}?', names[0]) : vscode.l10n.t('Unrevoke {0} registrations?', n),
          vscode.l10n.t('{0} will be able to connect again.', nameList(names)),
          vscode.l10n.t('Unrevoke'),
        ];
  // Names are API text: no link is made of them.
  if ((await vscode.window.showWarningMessage(messageText(message), { modal: true, detail: messageText(detail) }, button)) !== button) throw new UserCancelled();
}

function registrationSpec(account: Account, action: Action, items: WriteItem[]): WriteSpec {
  const n = items.length.toLocaleString();
  return {
    action,
    what: 'registrations',
    items,
    title: action === 'revoke' ? vscode.l10n.t('Revoking {0} registrations', n) : vscode.l10n.t('Unrevoking {0} registrations', n),
    send: (ids, opts) => (action === 'revoke' ? revokeRegistrations : unrevokeRegistrations)(account.client, account.accountId, ids, opts),
    readBack: (ids, signal) => readBackRegistrations(account.client, account.accountId, ids, signal),
  };
}

/** Sends, reads back lost answers, updates the model and reports (with Undo when `offerUndo`); also the sweep's write. */
export async function applyRegistrations(ctx: CommandContext, deps: DevicesDeps, account: Account, action: Action, items: WriteItem[], offerUndo: boolean): Promise<void> {
  const spec = registrationSpec(account, action, items);
  const outcome = await performWrite(ctx, spec);
  const at = new Date().toISOString();
  deps.devices.update(list => {
    const next = withRegistrationChange(list, outcome.changed, { revokedAt: action === 'revoke' ? at : null });
    return withRegistrationChange(next, outcome.gone, { deletedAt: at });
  });
  const opposite: Action = action === 'revoke' ? 'unrevoke' : 'revoke';
  reportOutcome(ctx, spec, outcome, offerUndo ? changed => applyRegistrations(ctx, deps, account, opposite, changed, false) : undefined);
}

/**
 * Revoke All Registrations…: POST physical-devices/{id}/revoke for each selected device, one after
 * another. Undo unrevokes exactly the registrations that were active before.
 */
export function revokeAllRegistrationsCommand(deps: DevicesDeps): Command {
  return {
    id: CommandIds.revokeAllRegistrations,
    run: async (ctx, node, nodes) => {
      const account = await requireAccount(ctx);
      const canRevoke = (d: FleetDevice) => !d.deleted && liveRegistrations(d.registrations).some(r => !r.revokedAt);
      let targets = selectedPhysicalDevices(node, nodes)?.filter(canRevoke);
      if (targets && !targets.length) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Every registration of the selected devices is already revoked.'));
        return;
      }
      targets ??= (await pickDevices((await loadedDevices(deps.devices)).filter(d => d.api === 'registrations' && canRevoke(d)), {
        title: vscode.l10n.t('Revoke every registration of which devices?'),
        many: true,
        empty: vscode.l10n.t('No device with an active registration.'),
      })) as FleetDevice[];
      const names = targets.map(deviceName);
      const message = targets.length === 1 ? vscode.l10n.t('Revoke every registration of {0}?', names[0]) : vscode.l10n.t('Revoke every registration of {0} devices?', targets.length.toLocaleString());
      const detail = vscode.l10n.t('Every user of {0} will lose access until unrevoked. Revoking keeps the virtual IPs; delete releases them.', nameList(names));
      const button = vscode.l10n.t('Revoke All');
      if ((await vscode.window.showWarningMessage(messageText(message), { modal: true, detail: messageText(detail) }, button)) !== button) throw new UserCancelled();
      const wereActive = new Map(targets.map(d => [d.id, liveRegistrations(d.registrations).filter(r => !r.revokedAt)]));
      const spec: WriteSpec = {
        action: 'revoke',
        what: 'devices',
        items: targets.map(d => ({ id: d.id, name: deviceName(d) })),
        title: vscode.l10n.t('Revoking every registration of {0} devices', targets.length.toLocaleString()),
        // One POST per device; each is its own "chunk" so a lost answer is read back for that device alone.
        send: (ids, opts) => changeInChunks(ids.map(id => [id]), opts, ([id], signal) => revokePhysicalDevice(account.client, account.accountId, id, signal)),
        readBack: (ids, signal) => readBackPhysicalDevices(account.client, account.accountId, ids, signal),
      };
      const outcome = await performWrite(ctx, spec);
      const revokedRegs = outcome.changed.flatMap(id => wereActive.get(id) ?? []);
      const at = new Date().toISOString();
      deps.devices.update(list => withRegistrationChange(list, revokedRegs.map(r => r.id), { revokedAt: at }));
      const byDevice = new Map(targets.map(d => [d.id, d]));
      reportOutcome(ctx, spec, outcome, async changed => {
        const regs: WriteItem[] = changed.flatMap(c => (wereActive.get(c.id) ?? []).map(reg => ({ id: reg.id, name: regName({ reg, device: byDevice.get(c.id) }) })));
        if (regs.length) await applyRegistrations(ctx, deps, account, 'unrevoke', regs, false);
      });
    },
  };
}
