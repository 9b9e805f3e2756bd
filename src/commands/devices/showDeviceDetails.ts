import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import { DEVICE_DETAILS_SCHEME, deviceDetailsUri } from '../../views/devices/deviceDetailsDocument';
import type { Command } from '../registry';
import type { FleetDevice } from '../../model/fleetDevice';
import { RegistrationNode } from '../../views/devices/registrationNode';
import { deviceName, loadedDevices, pickDevices, requireAccount, selectedDevices, type DevicesDeps } from './common';
import { regName } from './registrationTargets';
import { escapeIcons } from '../../util/untrustedText';

/**
 * Show details: GET /devices/{id} as a read-only Markdown document, opened in the Markdown preview.
 * Fetched before opening, so a failure is an error message rather than an empty preview.
 */
export function showDeviceDetailsCommand(deps: DevicesDeps): Command {
  return {
    id: CommandIds.showDeviceDetails,
    run: async (ctx, node) => {
      const { accountId } = await requireAccount(ctx);
      const reg = node instanceof RegistrationNode ? { reg: node.registration, device: node.parent.device as FleetDevice } : undefined;
      const device =
        reg?.device ??
        selectedDevices(node, undefined)?.[0] ??
        (await pickDevices(await loadedDevices(deps.devices), { title: vscode.l10n.t('Show details of which device?'), many: false, empty: vscode.l10n.t('No devices.') }))[0];
      const physical = (device as Partial<FleetDevice>).api === 'registrations';
      const uri = reg
        ? deviceDetailsUri(accountId, reg.reg.id, regName(reg), 'registration')
        : deviceDetailsUri(accountId, device.id, deviceName(device), physical ? 'physical' : 'legacy');
      const name = reg ? regName(reg) : deviceName(device);
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Getting details of {0}…', escapeIcons(name)) }, () =>
        deps.details.refresh(uri),
      );
      await vscode.commands.executeCommand('markdown.showPreview', uri);
      return uri;
    },
  };
}

/** Fetches the open device details documents again (the active one when it is one, else all). */
export function refreshDeviceDetailsCommand(deps: DevicesDeps): Command {
  return {
    id: CommandIds.refreshDeviceDetails,
    run: async () => {
      const active = vscode.window.activeTextEditor?.document.uri;
      const uri = active?.scheme === DEVICE_DETAILS_SCHEME ? active : undefined;
      const n = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Refreshing device details…') }, () => deps.details.refresh(uri));
      if (!n) void vscode.window.showInformationMessage(vscode.l10n.t('No device details are open.'));
    },
  };
}
