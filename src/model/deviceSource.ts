/**
 * Which device API an account is read with (pure: the loaders, the setting and the memory are passed in).
 *
 * `warpFleet.deviceApi`: `legacy` and `registrations` force one; `auto` (the default) tries the legacy
 * list and, when Cloudflare refuses it for a reason that is neither credentials, permission, rate
 * limit nor a network fault, switches this account to the new endpoints and remembers that. The
 * real refusal's code is undocumented (seed pages only say "not supported when multi-user mode is
 * enabled"), so the decision is the API layer's classifier, never one error code chosen here.
 */
import type { DeviceApi, FleetDevice } from './fleetDevice';

export const DEVICE_API_SETTINGS = ['auto', 'legacy', 'registrations'] as const;
export type DeviceApiSetting = (typeof DEVICE_API_SETTINGS)[number];

export function normalizeDeviceApiSetting(v: unknown): DeviceApiSetting {
  return DEVICE_API_SETTINGS.includes(v as DeviceApiSetting) ? (v as DeviceApiSetting) : 'auto';
}

export interface DeviceSourceDeps<C> {
  setting(): DeviceApiSetting;
  /** What auto mode learnt for this account earlier (kept in globalState). */
  remembered(accountId: string): DeviceApi | undefined;
  remember(accountId: string, api: DeviceApi): void | Thenable<void>;
  /** The legacy list as FleetDevices (mapped page by page as they arrive, see fleet.ts). */
  loadLegacy(ctx: C): Promise<FleetDevice[]>;
  loadRegistrations(ctx: C): Promise<FleetDevice[]>;
  /** True when a refusal of the legacy list means "this account uses the new endpoints". */
  isLegacyUnsupported(err: unknown): boolean;
  log?(message: string): void;
}

export interface LoadedFleet {
  api: DeviceApi;
  devices: FleetDevice[];
}

/** The API to start with for this account under this setting. */
export function chooseDeviceApi(setting: DeviceApiSetting, remembered: DeviceApi | undefined): DeviceApi {
  if (setting !== 'auto') return setting;
  return remembered ?? 'legacy';
}

export async function loadFleetDevices<C extends { accountId: string }>(ctx: C, deps: DeviceSourceDeps<C>): Promise<LoadedFleet> {
  const setting = deps.setting();
  const api = chooseDeviceApi(setting, deps.remembered(ctx.accountId));
  if (api === 'registrations') return { api, devices: await deps.loadRegistrations(ctx) };
  try {
    const legacy = await deps.loadLegacy(ctx);
    return { api: 'legacy', devices: legacy };
  } catch (err) {
    if (setting !== 'auto' || !deps.isLegacyUnsupported(err)) throw err;
    deps.log?.(`Account ${ctx.accountId}: the legacy device list is refused (${err instanceof Error ? err.message : String(err)}); using physical devices and registrations from now on.`);
    const devices = await deps.loadRegistrations(ctx);
    // Remembered only once the new endpoints answered, so a transient oddity cannot pin the account.
    await deps.remember(ctx.accountId, 'registrations');
    return { api: 'registrations', devices };
  }
}
