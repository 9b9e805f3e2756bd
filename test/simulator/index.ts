/** The simulator's public entry point (server.ts exports the same, for loading by path). */
export { CloudflareSimulator } from './server';
export type {
  AccountData,
  AuthKind,
  Credentials,
  FaultKind,
  FaultSpec,
  MultiUserData,
  RecordedRequest,
  SimDevice,
  SimPhysicalDevice,
  SimRegistration,
  SimulatorOptions,
  SimulatorState,
} from './types';
export { generateDevices, generateUsers } from './fleet';
