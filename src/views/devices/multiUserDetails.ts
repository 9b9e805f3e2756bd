/**
 * Details documents on the new API: a physical device with every registration, and one registration.
 * Same look as the legacy details (deviceDetailsDocument.ts): a title, when it was fetched, one table per topic.
 */
import * as vscode from 'vscode';
import type { CloudflareClient } from '../../api/client';
import { getPhysicalDevice } from '../../api/physicalDevices';
import { getRegistration, listRegistrations } from '../../api/registrations';
import { fromPhysical, fromRegistration, type FleetDevice, type FleetRegistration } from '../../model/fleetDevice';
import { deviceRows, markdownTable } from './deviceNode';
import { registrationLabel, registrationRows } from './registrationNode';
import { escapeMarkdown } from '../../util/untrustedText';
import { utcTime } from '../../util/ageText';

export type DetailsKind = 'legacy' | 'physical' | 'registration';

function fetched(at: Date): string {
  return `_${vscode.l10n.t('Fetched {0}. Run "WARP Fleet: Refresh Device Details" to fetch again.', utcTime(at.getTime()))}_`;
}

export function renderPhysicalDetails(d: FleetDevice, fetchedAt: Date): string {
  const now = fetchedAt.getTime();
  const out = [`# ${escapeMarkdown(d.name || d.id)}`, '', fetched(fetchedAt), '', `## ${vscode.l10n.t('Device')}`, '', markdownTable(deviceRows(d, now))];
  const regs = d.registrations ?? [];
  out.push('', `## ${vscode.l10n.t('Registrations ({0})', regs.length)}`);
  if (!regs.length) out.push('', vscode.l10n.t('No registration is listed for this device.'));
  for (const r of regs) out.push('', `### ${escapeMarkdown(registrationLabel(r))}`, '', markdownTable(registrationRows(r, now)));
  return out.join('\n') + '\n';
}

export function renderRegistrationDetails(r: FleetRegistration, fetchedAt: Date): string {
  const out = [`# ${escapeMarkdown(registrationLabel(r))}`, '', fetched(fetchedAt), '', `## ${vscode.l10n.t('Registration')}`, '', markdownTable(registrationRows(r, fetchedAt.getTime()))];
  return out.join('\n') + '\n';
}

/** GET physical-devices/{id} and its registrations (all statuses, with the profile that applied). */
export async function loadPhysicalDetails(client: CloudflareClient, accountId: string, id: string): Promise<string> {
  const [device, regs] = await Promise.all([
    getPhysicalDevice(client, accountId, id),
    listRegistrations(client, accountId, { deviceId: id, status: 'all', includePolicy: true }),
  ]);
  return renderPhysicalDetails(fromPhysical(device, regs.map(r => fromRegistration(r))), new Date());
}

/** GET registrations/{id}?include=policy */
export async function loadRegistrationDetails(client: CloudflareClient, accountId: string, id: string): Promise<string> {
  return renderRegistrationDetails(fromRegistration(await getRegistration(client, accountId, id, { includePolicy: true })), new Date());
}
