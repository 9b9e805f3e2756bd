import type { Command } from '../registry';
import type { DevicesDeps } from './common';
import { clearDeviceFilterCommand, filterDevicesCommand, groupDevicesCommand, sortDevicesCommand } from './deviceViewCommands';

export type { DevicesDeps } from './common';

/**
 * The Devices view's own commands (filter, group, sort): small, and loaded at activation with the
 * view. The device actions (revoke, delete, details, sweep, export) are in ./actions.ts, which only
 * the deferred bundle imports (src/features.ts).
 */
export function deviceViewCommands(deps: DevicesDeps): Command[] {
  return [filterDevicesCommand(deps), clearDeviceFilterCommand(deps), groupDevicesCommand(deps), sortDevicesCommand(deps)];
}
