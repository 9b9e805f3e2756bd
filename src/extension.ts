import * as vscode from 'vscode';
import { CredentialStore } from './auth/credentialStore';
import { Session } from './auth/session';
import { selectAccountCommand, signInCommand, signInWithGlobalKeyCommand, signOutCommand } from './commands/auth/signIn';
import { registerCommands, type Command, type CommandContext } from './commands/registry';
import { CommandIds, ContextKeys, SettingIds, ViewIds } from './constants';
import { normalizeDeviceApiSetting } from './model/deviceSource';
import { FleetModel } from './model/fleet';
import type { Loadable } from './model/loadable';
import { Log } from './util/log';
import { connectorsCommands } from './commands/connectors';
import { ConnectorsTreeProvider } from './views/connectors/connectorsTree';
import { TunnelFilter } from './views/connectors/tunnelFilter';
import { AutoRefresh } from './views/autoRefresh';
import { copyIdCommand, copyNameCommand } from './commands/copyId';
import { deviceViewCommands } from './commands/devices';
import { openInDashboardCommand } from './commands/openInDashboard';
import { DeviceDetailsProvider } from './views/devices/deviceDetailsDocument';
import { DevicesTreeProvider } from './views/devices/devicesTree';
import { DeviceViewOptions } from './views/devices/deviceViewOptions';
import { isPageable } from './views/nodes';
import { ProfilesTreeProvider } from './views/profiles/profilesTree';
import { deferredCommands, features } from './lazy/features';
import { FleetStatusBar } from './views/statusBar';
import { RateLimitNotice } from './views/rateLimitNotice';
import { ReportDocuments } from './views/reportDocument';
import type { ListEditorRegistry } from './webviews/listEditor/listEditorRegistry';
import type { ListHistoryStore } from './webviews/listEditor/listHistoryStore';
import { LazyListEditors } from './lazy/listEditors';
import { DEVICE_ACTION_COMMANDS, LIST_COMMANDS, PROFILE_COMMANDS } from './lazy/deferredIds';

/**
 * What activate() returns in ExtensionMode.Test only: the pieces the extension-host tests inspect.
 * It holds the session, which can call Cloudflare with the admin's credentials: no other extension
 * may have it (see exportsFor).
 */
export interface WarpFleetApi {
  session: Session;
  model: FleetModel;
  views: { devices: DevicesTreeProvider; profiles: ProfilesTreeProvider; connectors: ConnectorsTreeProvider };
  statusBar: FleetStatusBar;
  /** The open Split Tunnel / Local Domain Fallback editors. */
  listEditors: ListEditorRegistry;
  /** The snapshots kept at each list save. */
  listHistory: ListHistoryStore;
}

/**
 * Wires the pieces together and nothing else. No request is sent here: each view loads its data
 * the first time it is shown.
 */
export function activate(context: vscode.ExtensionContext): WarpFleetApi | undefined {
  const log = new Log();
  const store = new CredentialStore(context.secrets);
  const session = new Session(store, log, context.globalState);
  const tunnelFilter = new TunnelFilter(context.globalState);
  const model = new FleetModel(session, {
    deviceApi: () => normalizeDeviceApiSetting(vscode.workspace.getConfiguration().get(SettingIds.deviceApi)),
    memento: context.globalState,
    log: m => log.info(m),
    tunnelQuery: () => tunnelFilter.query,
  });
  // A change of warpFleet.deviceApi reloads the devices with the API it now names.
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(e => {
      const started = model.devices.data !== undefined || model.devices.state.kind === 'failed';
      if (e.affectsConfiguration(SettingIds.deviceApi) && started) void model.devices.reload(true);
    }),
    model.devices.onDidChange(s => {
      if (s.kind === 'loaded') void vscode.commands.executeCommand('setContext', ContextKeys.deviceApi, model.deviceApi);
    }),
  );
  const deviceOptions = new DeviceViewOptions(context.globalState);
  const devices = new DevicesTreeProvider(model.devices, deviceOptions, () => model.devicesWarning);
  const deviceDetails = new DeviceDetailsProvider(session, id => model.devices.data?.find(d => d.id === id));
  const profiles = new ProfilesTreeProvider(model.profiles);
  const connectors = new ConnectorsTreeProvider(model, session, tunnelFilter);
  const rateLimit = new RateLimitNotice(session.requestBudget, [session.onDidWait, session.onDidChangePause, model.devices.onDidChange, model.profiles.onDidChange, model.tunnels.onDidChange]);
  const statusBar = new FleetStatusBar(session, rateLimit, [model.devices.onDidChange, model.profiles.onDidChange, model.tunnels.onDidChange]);
  // The editors' code loads with the first list command, or when VS Code restores an editor.
  const lists = new LazyListEditors(() =>
    features().listFeatures({ session, log, extensionUri: context.extensionUri, storage: context.globalStorageUri, onDidSave: (t, e) => model.savedList(t.profileId, t.list, e) }),
  );
  context.subscriptions.push(lists);
  const reports = new ReportDocuments();
  context.subscriptions.push(reports);
  const devicesView = devices.createView({ canSelectMany: true });
  const profilesView = profiles.createView();
  const connectorsView = connectors.createView();
  rateLimit.onDidChange(p => [devices, profiles, connectors].forEach(v => v.showRateLimit(RateLimitNotice.message(p))));

  const ctx: CommandContext = {
    extension: context,
    session,
    store,
    log,
    refresh: viewId => {
      const byView = new Map<string, Pick<Loadable<unknown>, 'started' | 'reload'>>([
        [ViewIds.devices, model.devices],
        [ViewIds.profiles, model.profiles],
        [ViewIds.connectors, model.tunnels],
      ]);
      const one = viewId === undefined ? undefined : byView.get(viewId);
      // A view's Retry reloads that view; Refresh reloads the views that have loaded (a view never
      // opened spends no rate budget: it loads when shown).
      for (const loadable of one ? [one] : [...byView.values()].filter(l => l.started)) void loadable.reload();
    },
  };
  const deviceDeps = { devices: model.devices, options: deviceOptions, details: deviceDetails };
  const commands: Command[] = [
    signInCommand,
    signInWithGlobalKeyCommand,
    signOutCommand,
    selectAccountCommand,
    { id: CommandIds.refresh, run: (c, viewId) => c.refresh(typeof viewId === 'string' ? viewId : undefined) },
    { id: CommandIds.showLog, run: c => c.log.show() },
    { id: CommandIds.loadMore, run: (_c, target) => (isPageable(target) ? target.loadMore() : undefined) },
    ...deviceViewCommands(deviceDeps),
    copyIdCommand,
    copyNameCommand,
    openInDashboardCommand,
    ...connectorsCommands(connectors),
    // Loaded on first use, from the second bundle (src/features.ts): not needed to show the views.
    ...deferredCommands(DEVICE_ACTION_COMMANDS, () => features().deviceActionCommands(deviceDeps)),
    ...deferredCommands(LIST_COMMANDS, () => lists.get().commands),
    ...deferredCommands(PROFILE_COMMANDS, () => features().profileCommands({ profiles: model.profiles, tree: profiles, reports })),
  ];
  context.subscriptions.push(log, store, session, rateLimit, statusBar, { dispose: () => model.dispose() }, devices, deviceOptions, deviceDetails, new AutoRefresh(devicesView, model.devices, session.requestBudget), profiles, new AutoRefresh(profilesView, model.profiles, session.requestBudget), connectors, tunnelFilter, new AutoRefresh(connectorsView, model.tunnels, session.requestBudget), ...registerCommands(ctx, commands));
  // Sets the signed-in context key from what is stored (SecretStorage or environment); no network.
  void session.current();
  return exportsFor(context.extensionMode, {
    session,
    model,
    views: { devices, profiles, connectors },
    statusBar,
    // Reading these loads the list editors' code (tests only: exportsFor).
    get listEditors() {
      return lists.get().registry;
    },
    get listHistory() {
      return lists.get().history;
    },
  });
}

/**
 * Every other extension can read our exports. The session in them could call Cloudflare with the
 * admin's credentials, so only the extension-host tests (ExtensionMode.Test) get them.
 */
export function exportsFor(mode: vscode.ExtensionMode, api: WarpFleetApi): WarpFleetApi | undefined {
  return mode === vscode.ExtensionMode.Test ? api : undefined;
}

export function deactivate() {}
