import * as vscode from 'vscode';
import type { CloudflareClient } from '../../api/client';
import { CloudflareApiError } from '../../api/errors';
import type { Zone } from '../../api/types';
import { getCertificateProvisioning, listZones, setCertificateProvisioning } from '../../api/zones';
import { CommandIds } from '../../constants';
import { UserCancelled, type Command } from '../registry';
import { requireAccount } from './common';
import { escapeIcons, messageText } from '../../util/untrustedText';

const ZONE_ID = /^[0-9a-f]{32}$/i;

/** The zone to work on: picked from the account's zones, or typed when the token may not list them. */
async function pickZone(client: CloudflareClient, accountId: string): Promise<{ id: string; name?: string }> {
  let zones: Zone[] | undefined;
  try {
    zones = await listZones(client, accountId);
  } catch (err) {
    // Tokens scoped to Zero Trust often lack Zone Read: listing is a convenience, not a requirement.
    if (!(err instanceof CloudflareApiError && err.status === 403)) throw err;
  }
  if (zones?.length) {
    const items = zones.map(z => ({ label: escapeIcons(z.name), description: z.id, zone: z }));
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Certificate Provisioning: Choose a Zone'), matchOnDescription: true });
    if (!picked) throw new UserCancelled();
    return picked.zone;
  }
  const id = await vscode.window.showInputBox({
    title: vscode.l10n.t('Certificate Provisioning: Zone ID'),
    prompt:
      zones === undefined
        ? vscode.l10n.t('This API token may not list zones. Enter the zone id (32 hex characters, on the zone\'s Overview page in the dashboard).')
        : vscode.l10n.t('No zones found in this account. Enter a zone id (32 hex characters).'),
    ignoreFocusOut: true,
    validateInput: v => (ZONE_ID.test(v.trim()) ? undefined : vscode.l10n.t('A zone id is 32 hexadecimal characters.')),
  });
  if (id === undefined) throw new UserCancelled();
  if (!ZONE_ID.test(id.trim())) throw new Error(vscode.l10n.t('A zone id is 32 hexadecimal characters.'));
  return { id: id.trim().toLowerCase() };
}

/**
 * Shows whether devices may provision client certificates for a zone and turns it on or off after
 * the admin chooses.
 */
export const setCertificateProvisioningCommand: Command = {
  id: CommandIds.setCertificateProvisioning,
  run: async ctx => {
    const { client, accountId } = await requireAccount(ctx);
    const zone = await pickZone(client, accountId);
    const zoneName = zone.name ?? zone.id;
    const current = await getCertificateProvisioning(client, zone.id);
    const status = current.enabled ? vscode.l10n.t('currently enabled') : vscode.l10n.t('currently disabled');
    const items = [
      { label: vscode.l10n.t('$(pass) Enable'), description: current.enabled ? vscode.l10n.t('current') : undefined, detail: vscode.l10n.t('Devices may provision client certificates for this zone.'), enabled: true },
      { label: vscode.l10n.t('$(circle-slash) Disable'), description: current.enabled ? undefined : vscode.l10n.t('current'), detail: vscode.l10n.t('Devices may not provision client certificates for this zone.'), enabled: false },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      // A quick pick's title is plain text (no icons drawn): the zone name goes in as it is.
      title: vscode.l10n.t('Certificate Provisioning for {0} ({1})', zoneName, status),
      placeHolder: vscode.l10n.t('May devices provision client certificates for this zone?'),
    });
    if (!picked) throw new UserCancelled();
    if (picked.enabled === current.enabled) {
      void vscode.window.showInformationMessage(
        picked.enabled
          ? vscode.l10n.t('Certificate provisioning for {0} is already enabled; nothing changed.', messageText(zoneName))
          : vscode.l10n.t('Certificate provisioning for {0} is already disabled; nothing changed.', messageText(zoneName)),
      );
      return current;
    }
    const result = await setCertificateProvisioning(client, zone.id, picked.enabled);
    ctx.log.info(`Certificate provisioning for zone ${zone.id}: ${result.enabled ? 'enabled' : 'disabled'}`);
    void vscode.window.showInformationMessage(
      result.enabled
        ? vscode.l10n.t('Certificate provisioning for {0} is now enabled.', messageText(zoneName))
        : vscode.l10n.t('Certificate provisioning for {0} is now disabled.', messageText(zoneName)),
    );
    return result;
  },
};
