import * as vscode from 'vscode';
import { liveRegistrations, type FleetDevice, type FleetRegistration } from '../../model/fleetDevice';
import { relativeTime } from '../../views/devices/deviceNode';
import { DeviceNode } from '../../views/devices/deviceNode';
import { RegistrationNode, registrationLabel } from '../../views/devices/registrationNode';
import { UserCancelled } from '../registry';
import { escapeIcons } from '../../util/untrustedText';

/** A registration with the physical device it belongs to (for names in prompts and reports). */
export interface RegTarget {
  reg: FleetRegistration;
  device?: FleetDevice;
}

function nodesOf(node: unknown, nodes: unknown): unknown[] {
  return Array.isArray(nodes) && nodes.length ? nodes : node !== undefined ? [node] : [];
}

/**
 * The registrations of a context-menu invocation: registration nodes as they are, physical device
 * nodes as their live registrations; undefined when the invocation holds neither (palette).
 */
export function selectedRegistrations(node: unknown, nodes: unknown): RegTarget[] | undefined {
  const out = new Map<string, RegTarget>();
  for (const n of nodesOf(node, nodes)) {
    if (n instanceof RegistrationNode) {
      const device = n.parent.device as FleetDevice;
      out.set(n.registration.id, { reg: n.registration, device });
    } else if (n instanceof DeviceNode && (n.device as Partial<FleetDevice>).api === 'registrations') {
      const device = n.device as FleetDevice;
      for (const reg of liveRegistrations(device.registrations)) out.set(reg.id, { reg, device });
    }
  }
  return out.size ? [...out.values()] : undefined;
}

/** The physical devices of a context-menu invocation (registration nodes count as their device). */
export function selectedPhysicalDevices(node: unknown, nodes: unknown): FleetDevice[] | undefined {
  const out = new Map<string, FleetDevice>();
  for (const n of nodesOf(node, nodes)) {
    const d = n instanceof DeviceNode ? n.device : n instanceof RegistrationNode ? n.parent.device : undefined;
    if (d && (d as Partial<FleetDevice>).api === 'registrations') out.set(d.id, d as FleetDevice);
  }
  return out.size ? [...out.values()] : undefined;
}

/** "j.doe@acme.com on LON-LT-0042". */
export function regName(t: RegTarget): string {
  const device = t.device?.name || t.reg.deviceName || t.reg.deviceId;
  return vscode.l10n.t('{0} on {1}', registrationLabel(t.reg), device);
}

/** Every live registration of the fleet, with its device. */
export function allRegistrations(devices: readonly FleetDevice[]): RegTarget[] {
  return devices.flatMap(device => liveRegistrations(device.registrations).map(reg => ({ reg, device })));
}

interface RegItem extends vscode.QuickPickItem {
  target: RegTarget;
}

/** A searchable pick of registrations (user, device, profile); several when `many`. */
export async function pickRegistrations(candidates: RegTarget[], opts: { title: string; many: boolean; empty: string }): Promise<RegTarget[]> {
  if (!candidates.length) {
    void vscode.window.showInformationMessage(opts.empty);
    throw new UserCancelled();
  }
  const items: RegItem[] = candidates.map(target => ({
    // API text (user, device and profile names): `$(name)` in it must not become an icon.
    label: escapeIcons(registrationLabel(target.reg)),
    description: escapeIcons(target.device?.name || target.reg.deviceName || target.reg.deviceId),
    detail: escapeIcons([target.reg.revokedAt ? vscode.l10n.t('revoked') : vscode.l10n.t('active'), target.reg.policy?.name, relativeTime(target.reg.lastSeen)].filter(Boolean).join(' · ')),
    target,
  }));
  const common = { title: opts.title, matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true };
  if (opts.many) {
    const picked = await vscode.window.showQuickPick(items, { ...common, canPickMany: true, placeHolder: vscode.l10n.t('Type to search by user or device; select one or more') });
    if (!picked?.length) throw new UserCancelled();
    return picked.map(i => i.target);
  }
  const picked = await vscode.window.showQuickPick(items, { ...common, placeHolder: vscode.l10n.t('Type to search by user or device') });
  if (!picked) throw new UserCancelled();
  return [picked.target];
}
