import * as vscode from 'vscode';
import { getOverrideCodes } from '../../api/devices';
import { CloudflareApiError } from '../../api/errors';
import { OVERRIDE_DURATIONS, type Device, type OverrideCodes } from '../../api/types';
import { CommandIds } from '../../constants';
import { DashboardPages, dashboardUrl } from '../../util/dashboardLinks';
import { UserCancelled, type Command } from '../registry';
import { deviceName, loadedDevices, pickDevices, requireAccount, selectedDevices, type DevicesDeps } from './common';

/** Cloudflare's code when Admin Override is off in the device's profile. */
const ADMIN_OVERRIDE_DISABLED = 2102;

function isAdminOverrideOff(err: unknown): boolean {
  return err instanceof CloudflareApiError && (err.codes.includes(ADMIN_OVERRIDE_DISABLED) || err.errors.some(e => /admin override/i.test(e.message)));
}

interface CodeItem extends vscode.QuickPickItem {
  code: string;
}

function codeItems(codes: OverrideCodes): CodeItem[] {
  return OVERRIDE_DURATIONS.flatMap(hours => {
    const code = codes.disable_for_time[hours];
    if (!code) return [];
    const label = hours === '1' ? vscode.l10n.t('Disable WARP for 1 hour — {0}', code) : vscode.l10n.t('Disable WARP for {0} hours — {1}', hours, code);
    return [{ label, code }];
  });
}

/**
 * Override codes… : the one-time codes that let a user disable WARP on their device for a while.
 * The chosen code goes to the clipboard; with Admin Override off, says how to turn it on.
 */
export function showOverrideCodesCommand(deps: DevicesDeps): Command {
  return {
    id: CommandIds.showOverrideCodes,
    run: async (ctx, node) => {
      const { client, accountId } = await requireAccount(ctx);
      const device: Device =
        selectedDevices(node, undefined)?.[0] ??
        (
          await pickDevices((await loadedDevices(deps.devices)).filter(d => !d.revoked_at), {
            title: vscode.l10n.t('Override codes for which device?'),
            many: false,
            empty: vscode.l10n.t('No active device.'),
          })
        )[0];
      let codes: OverrideCodes;
      try {
        codes = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Getting override codes for {0}…', deviceName(device)) },
          () => getOverrideCodes(client, accountId, device.id),
        );
      } catch (err) {
        if (!isAdminOverrideOff(err)) throw err;
        const open = vscode.l10n.t('Open Zero Trust Dashboard');
        // Not awaited: the command ends while the notification stays.
        void vscode.window.showWarningMessage(
          vscode.l10n.t(
            "Admin Override is turned off in the device settings profile of {0}, so Cloudflare gives no override codes. To turn it on: Zero Trust dashboard → Settings → WARP Client → Device settings → the device's profile → Admin override.",
            deviceName(device),
          ),
          open,
        ).then(choice => {
          if (choice === open) void vscode.env.openExternal(vscode.Uri.parse(dashboardUrl(accountId, DashboardPages.warpClientSettings)));
        });
        return;
      }
      const items = codeItems(codes);
      if (!items.length) throw new Error(vscode.l10n.t('Cloudflare returned no override codes for {0}.', deviceName(device)));
      const picked = await vscode.window.showQuickPick(items, {
        title: vscode.l10n.t('Override codes for {0}', deviceName(device)),
        placeHolder: vscode.l10n.t('Choose how long WARP may be disabled; the code is copied to the clipboard'),
      });
      if (!picked) throw new UserCancelled();
      await vscode.env.clipboard.writeText(picked.code);
      void vscode.window.showInformationMessage(vscode.l10n.t('Copied. The code works once, for that device only.'));
    },
  };
}
