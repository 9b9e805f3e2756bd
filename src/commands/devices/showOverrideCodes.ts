import * as vscode from 'vscode';
import { getOverrideCodes } from '../../api/devices';
import { CloudflareApiError } from '../../api/errors';
import { getRegistrationOverrideCodes } from '../../api/registrations';
import type { OverrideCodes } from '../../api/types';
import { CommandIds } from '../../constants';
import { DashboardPages, dashboardUrl } from '../../util/dashboardLinks';
import { UserCancelled, type Command } from '../registry';
import { deviceName, loadedDevices, pickDevices, requireAccount, selectedDevices, type DevicesDeps } from './common';
import { allRegistrations, pickRegistrations, regName, selectedRegistrations } from './registrationTargets';
import { escapeIcons, messageText } from '../../util/untrustedText';

/** Cloudflare's code when Admin Override is off in the device's profile. */
const ADMIN_OVERRIDE_DISABLED = 2102;

function isAdminOverrideOff(err: unknown): boolean {
  return err instanceof CloudflareApiError && (err.codes.includes(ADMIN_OVERRIDE_DISABLED) || err.errors.some(e => /admin override/i.test(e.message)));
}

interface CodeItem extends vscode.QuickPickItem {
  code: string;
}

/**
 * One item per duration the API gave, shortest first. The map is open (SDK OverrideCodeGetResponse:
 * `{ [key: string]: string }`), so every key is shown, not five fixed ones; a key that is not a
 * number of hours is shown as it came.
 */
export function codeItems(codes: OverrideCodes): CodeItem[] {
  const hours = (k: string) => (/^\d+(\.\d+)?$/.test(k) ? Number(k) : Infinity);
  return Object.entries(codes.disable_for_time)
    .filter(([, code]) => typeof code === 'string' && code)
    .sort(([a], [b]) => hours(a) - hours(b) || a.localeCompare(b))
    .map(([key, raw]) => {
      // The code and an unknown key are API text in a quick pick label.
      const code = escapeIcons(raw);
      key = escapeIcons(key);
      const label =
        key === '1'
          ? vscode.l10n.t('Disable WARP for 1 hour — {0}', code)
          : hours(key) !== Infinity
            ? vscode.l10n.t('Disable WARP for {0} hours — {1}', key, code)
            : vscode.l10n.t('Disable WARP for {0} — {1}', key, code);
      return { label, code: raw };
    });
}

/** What to get codes for: a legacy device, or (new API) one registration. */
async function target(deps: DevicesDeps, node: unknown): Promise<{ name: string; fetch(client: Parameters<typeof getOverrideCodes>[0], accountId: string): Promise<OverrideCodes> }> {
  const pickReg = (candidates: ReturnType<typeof allRegistrations>) =>
    pickRegistrations(candidates.filter(t => !t.reg.revokedAt), {
      title: vscode.l10n.t('Override codes for which registration?'),
      many: false,
      empty: vscode.l10n.t('No active registration.'),
    });
  const regs = selectedRegistrations(node, undefined);
  const legacy = selectedDevices(node, undefined)?.[0];
  if (regs || (!legacy && !node && (await loadedDevices(deps.devices))[0]?.api === 'registrations')) {
    // A registration node: that one; a device node: its only active registration, else a pick among them.
    const active = regs?.filter(t => !t.reg.revokedAt);
    const t = active?.length === 1 ? active[0] : (await pickReg(regs ?? allRegistrations(await loadedDevices(deps.devices))))[0];
    return { name: regName(t), fetch: (client, accountId) => getRegistrationOverrideCodes(client, accountId, t.reg.id) };
  }
  const device =
    legacy ??
    (
      await pickDevices((await loadedDevices(deps.devices)).filter(d => !d.revoked_at), {
        title: vscode.l10n.t('Override codes for which device?'),
        many: false,
        empty: vscode.l10n.t('No active device.'),
      })
    )[0];
  return { name: deviceName(device), fetch: (client, accountId) => getOverrideCodes(client, accountId, device.id) };
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
      const device = await target(deps, node);
      let codes: OverrideCodes;
      try {
        codes = await vscode.window.withProgress(
          // A Window progress is a status bar text: it renders `$(name)`.
          { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Getting override codes for {0}…', escapeIcons(device.name)) },
          () => device.fetch(client, accountId),
        );
      } catch (err) {
        if (!isAdminOverrideOff(err)) throw err;
        const open = vscode.l10n.t('Open Zero Trust Dashboard');
        // Not awaited: the command ends while the notification stays.
        void vscode.window.showWarningMessage(
          vscode.l10n.t(
            "Admin Override is turned off in the device settings profile of {0}, so Cloudflare gives no override codes. To turn it on: Zero Trust dashboard → Settings → WARP Client → Device settings → the device's profile → Admin override.",
            messageText(device.name),
          ),
          open,
        ).then(choice => {
          if (choice === open) void vscode.env.openExternal(vscode.Uri.parse(dashboardUrl(accountId, DashboardPages.warpClientSettings)));
        });
        return;
      }
      const items = codeItems(codes);
      if (!items.length) throw new Error(vscode.l10n.t('Cloudflare returned no override codes for {0}.', device.name));
      const picked = await vscode.window.showQuickPick(items, {
        // A quick pick title is plain text (no icons): the name as it is.
        title: vscode.l10n.t('Override codes for {0}', device.name),
        placeHolder: vscode.l10n.t('Choose how long WARP may be disabled; the code is copied to the clipboard'),
      });
      if (!picked) throw new UserCancelled();
      await vscode.env.clipboard.writeText(picked.code);
      void vscode.window.showInformationMessage(vscode.l10n.t('Copied. The code works once, for that device only.'));
    },
  };
}
