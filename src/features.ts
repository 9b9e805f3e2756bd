/**
 * What activation does not load: the second bundle (dist/features.js), required the first time one
 * of its commands runs (see lazy/features.ts). Everything it shares with the activation bundle
 * (API client, model, registry, util) is the activation bundle's own instance, handed over at load,
 * so classes compare (instanceof) and state is one (see esbuild.js).
 *
 * Here: the Profiles view's commands — create/edit forms, delete, move, certificate provisioning,
 * "Which profile applies?" and "Does it go through WARP?" (match evaluation, route test); the list
 * editors with their commands and history (list validation, ipaddr.js), also loaded when VS Code
 * restores an editor after a reload (lazy/listEditors.ts); the device actions (revoke, delete,
 * details, override codes, sweep, export).
 */
export { profileCommands } from './commands/profiles';
export { listFeatures } from './commands/lists';
export { deviceActionCommands } from './commands/devices/actions';
