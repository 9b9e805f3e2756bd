/**
 * The ids of the commands whose code is in the deferred bundle (src/features.ts), registered at
 * activation through deferredCommands (lazy/features.ts). Each list must be exactly the ids its
 * factory returns: the extension-host activation suite compares them.
 */
import { CommandIds } from '../constants';

/** profileCommands() (src/commands/profiles). */
export const PROFILE_COMMANDS = [
  CommandIds.createProfile,
  CommandIds.editProfile,
  CommandIds.deleteProfile,
  CommandIds.moveProfileUp,
  CommandIds.moveProfileDown,
  CommandIds.setCertificateProvisioning,
  CommandIds.explainProfile,
  CommandIds.testRoute,
  CommandIds.exportProfileAsCode,
];

/** listFeatures().commands (src/commands/lists). */
export const LIST_COMMANDS = [CommandIds.editSplitTunnel, CommandIds.editFallbackDomains, CommandIds.showListHistory, CommandIds.compareLists, CommandIds.copyListEntries];

/** deviceActionCommands() (src/commands/devices/actions.ts). */
export const DEVICE_ACTION_COMMANDS = [
  CommandIds.revokeDevices,
  CommandIds.unrevokeDevices,
  CommandIds.revokeRegistrations,
  CommandIds.unrevokeRegistrations,
  CommandIds.revokeAllRegistrations,
  CommandIds.deleteRegistrations,
  CommandIds.deletePhysicalDevices,
  CommandIds.showOverrideCodes,
  CommandIds.showDeviceDetails,
  CommandIds.refreshDeviceDetails,
  CommandIds.sweepStaleDevices,
  CommandIds.exportDevices,
];
