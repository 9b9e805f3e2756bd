import type { Command } from '../registry';
import type { DevicesDeps } from './common';
import { deletePhysicalDevicesCommand, deleteRegistrationsCommand } from './deleteDevices';
import { revokeDevicesCommand, unrevokeDevicesCommand } from './revokeDevices';
import { revokeAllRegistrationsCommand, revokeRegistrationsCommand, unrevokeRegistrationsCommand } from './revokeRegistrations';
import { refreshDeviceDetailsCommand, showDeviceDetailsCommand } from './showDeviceDetails';
import { showOverrideCodesCommand } from './showOverrideCodes';
import { exportDevicesCommand } from './exportDevices';
import { sweepStaleDevicesCommand } from './sweepStaleDevices';

/**
 * What the Devices view's items and title bar run on devices: none of it is needed to draw the view,
 * so it is in the deferred bundle (src/features.ts), registered at activation under the ids of
 * DEVICE_ACTION_COMMANDS (src/lazy/deferredIds.ts).
 */
export function deviceActionCommands(deps: DevicesDeps): Command[] {
  return [
    revokeDevicesCommand(deps),
    unrevokeDevicesCommand(deps),
    revokeRegistrationsCommand(deps),
    unrevokeRegistrationsCommand(deps),
    revokeAllRegistrationsCommand(deps),
    deleteRegistrationsCommand(deps),
    deletePhysicalDevicesCommand(deps),
    showOverrideCodesCommand(deps),
    showDeviceDetailsCommand(deps),
    refreshDeviceDetailsCommand(deps),
    sweepStaleDevicesCommand(deps),
    exportDevicesCommand(deps),
  ];
}
