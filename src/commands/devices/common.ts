import * as vscode from 'vscode';
import type { Device } from '../../api/types';
import type { FleetDevice } from '../../model/fleetDevice';
import { loadedData, type Loadable } from '../../model/loadable';
import { DeviceNode, osLabel, relativeTime } from '../../views/devices/deviceNode';
import type { DeviceDetailsProvider } from '../../views/devices/deviceDetailsDocument';
import type { DeviceViewOptions } from '../../views/devices/deviceViewOptions';
import { UserCancelled } from '../registry';
import { notSignedIn } from '../account';
import { escapeIcons } from '../../util/untrustedText';

/** What the device commands work on besides the CommandContext. */
export interface DevicesDeps {
  devices: Loadable<FleetDevice[]>;
  options: DeviceViewOptions;
  details: DeviceDetailsProvider;
}

export { requireAccount } from '../account';

/** The devices of a context-menu invocation: the selection when there is one, else the clicked node. */
export function selectedDevices(node: unknown, nodes: unknown): Device[] | undefined {
  const list = Array.isArray(nodes) && nodes.length ? nodes : node !== undefined ? [node] : [];
  const devices = list.filter((n): n is DeviceNode => n instanceof DeviceNode).map(n => n.device);
  return devices.length ? devices : undefined;
}

/** The fleet as loaded (loading it first if no view has yet); a failed load is the command's error. */
export async function loadedDevices(devices: Loadable<FleetDevice[]>): Promise<FleetDevice[]> {
  return loadedData(devices, notSignedIn);
}

interface DeviceItem<D extends Device = Device> extends vscode.QuickPickItem {
  device: D;
}

export function deviceItem<D extends Device>(d: D): DeviceItem<D> {
  return {
    // API text: `$(name)` in it must not become an icon.
    label: escapeIcons(d.name || d.id),
    description: escapeIcons([d.user?.email, osLabel(d.device_type)].filter(Boolean).join(' · ')),
    detail: escapeIcons([d.user?.name, d.model, d.serial_number, d.ip, relativeTime(d.last_seen)].filter(Boolean).join(' · ')),
    device: d,
  };
}

/** A searchable pick (name, email, OS, user name, model, serial, IP); several when `many`. */
export async function pickDevices<D extends Device>(candidates: D[], opts: { title: string; many: boolean; empty: string }): Promise<D[]> {
  if (!candidates.length) {
    void vscode.window.showInformationMessage(opts.empty);
    throw new UserCancelled();
  }
  const items = candidates.map(deviceItem);
  const common = { title: opts.title, matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true };
  if (opts.many) {
    const picked = await vscode.window.showQuickPick(items, { ...common, canPickMany: true, placeHolder: vscode.l10n.t('Type to search by name or email; select one or more') });
    if (!picked?.length) throw new UserCancelled();
    return picked.map(i => i.device);
  }
  const picked = await vscode.window.showQuickPick(items, { ...common, placeHolder: vscode.l10n.t('Type to search by name or email') });
  if (!picked) throw new UserCancelled();
  return [picked.device];
}

/** "LON-LT-0042, LON-LT-0077 and NYC-MB-0003"; past `max` names, "… and 4 more". */
export function nameList(names: string[], max = 3): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length <= max) return vscode.l10n.t('{0} and {1}', names.slice(0, -1).join(', '), names[names.length - 1]);
  return vscode.l10n.t('{0} and {1} more', names.slice(0, max).join(', '), (names.length - max).toLocaleString());
}

export function deviceName(d: Device): string {
  return d.name || d.id;
}
