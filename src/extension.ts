import * as vscode from 'vscode';
import { CredentialStore } from './auth/credentialStore';
import { Session } from './auth/session';
import { selectAccountCommand, signInCommand, signInWithGlobalKeyCommand, signOutCommand } from './auth/signIn';
import { registerCommands, type Command, type CommandContext } from './commands/registry';
import { CommandIds } from './constants';
import { FleetModel } from './model/fleet';
import { Log } from './util/log';
import { ConnectorsTreeProvider } from './views/connectors/connectorsTree';
import { DevicesTreeProvider, GroupNode } from './views/devices/devicesTree';
import { ProfilesTreeProvider } from './views/profiles/profilesTree';
import { FleetStatusBar } from './views/statusBar';

/**
 * Wires the pieces together and nothing else. No request is sent here: each view loads its data
 * the first time it is shown.
 */
/** What activate() returns: the pieces other extensions (and the extension-host tests) may inspect. */
export interface WarpFleetApi {
  session: Session;
  model: FleetModel;
  views: { devices: DevicesTreeProvider; profiles: ProfilesTreeProvider; connectors: ConnectorsTreeProvider };
  statusBar: FleetStatusBar;
}

export function activate(context: vscode.ExtensionContext): WarpFleetApi {
  const log = new Log();
  const store = new CredentialStore(context.secrets);
  const session = new Session(store, log, context.globalState);
  const model = new FleetModel(session);
  const devices = new DevicesTreeProvider(model.devices);
  const profiles = new ProfilesTreeProvider(model.profiles);
  const connectors = new ConnectorsTreeProvider(model.tunnels);
  const statusBar = new FleetStatusBar(session);
  devices.createView({ canSelectMany: true });
  profiles.createView();
  connectors.createView();

  const ctx: CommandContext = {
    extension: context,
    session,
    store,
    log,
    refresh: () => {
      void model.devices.reload();
      void model.profiles.reload();
      void model.tunnels.reload();
    },
  };
  const commands: Command[] = [
    signInCommand,
    signInWithGlobalKeyCommand,
    signOutCommand,
    selectAccountCommand,
    { id: CommandIds.refresh, run: c => c.refresh() },
    { id: CommandIds.showLog, run: c => c.log.show() },
    { id: CommandIds.loadMore, run: (_c, group) => (group instanceof GroupNode ? group.loadMore() : undefined) },
  ];
  context.subscriptions.push(log, store, session, statusBar, { dispose: () => model.dispose() }, devices, profiles, connectors, ...registerCommands(ctx, commands));
  // Sets the signed-in context key from what is stored (SecretStorage or environment); no network.
  void session.current();
  return { session, model, views: { devices, profiles, connectors }, statusBar };
}

export function deactivate() {}
