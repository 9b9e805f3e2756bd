import type { Command } from '../registry';
import type { DevicesDeps } from './common';
import { clearDeviceFilterCommand, filterDevicesCommand, groupDevicesCommand, sortDevicesCommand } from './deviceViewCommands';
import { deletePhysicalDevicesCommand, deleteRegistrationsCommand } from './deleteDevices';
import { revokeDevicesCommand, unrevokeDevicesCommand } from './revokeDevices';
import { revokeAllRegistrationsCommand, revokeRegistrationsCommand, unrevokeRegistrationsCommand } from './revokeRegistrations';
import { refreshDeviceDetailsCommand, showDeviceDetailsCommand } from './showDeviceDetails';
import { showOverrideCodesCommand } from './showOverrideCodes';
import { exportDevicesCommand } from './exportDevices';
import { sweepStaleDevicesCommand } from './sweepStaleDevices';

export type { DevicesDeps } from './common';

/** Every command of the Devices view, for the registry table in extension.ts. */
export function deviceCommands(deps: DevicesDeps): Command[] {
  return [
    filterDevicesCommand(deps),
    clearDeviceFilterCommand(deps),
    groupDevicesCommand(deps),
    sortDevicesCommand(deps),
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
