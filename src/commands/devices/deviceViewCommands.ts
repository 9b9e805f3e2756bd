import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import type { GroupBy, SortBy } from '../../model/deviceQuery';
import { UserCancelled, type Command } from '../registry';
import type { DevicesDeps } from './common';

interface Choice<T> extends vscode.QuickPickItem {
  value: T;
}

async function choose<T>(title: string, choices: Choice<T>[], current: T): Promise<T> {
  const items = choices.map(c => (c.value === current ? { ...c, description: vscode.l10n.t('current'), picked: true } : c));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: title });
  if (!picked) throw new UserCancelled();
  return picked.value;
}

/** Filter…: an input box holding the current filter; empty clears it. */
export function filterDevicesCommand(deps: DevicesDeps): Command {
  return {
    id: CommandIds.filterDevices,
    run: async () => {
      const value = await vscode.window.showInputBox({
        title: vscode.l10n.t('Filter devices'),
        prompt: vscode.l10n.t('Show devices whose name, user name, email, serial number, IP address or model contains this text (any case). Empty shows all.'),
        placeHolder: vscode.l10n.t('e.g. lon, jane.doe, 10.0.4, ThinkPad'),
        value: deps.options.query.filter,
      });
      if (value === undefined) throw new UserCancelled();
      await deps.options.set({ filter: value.trim() });
    },
  };
}

export function clearDeviceFilterCommand(deps: DevicesDeps): Command {
  return { id: CommandIds.clearDeviceFilter, run: () => deps.options.set({ filter: '' }) };
}

export function groupDevicesCommand(deps: DevicesDeps): Command {
  return {
    id: CommandIds.groupDevices,
    run: async () => {
      const choices: Choice<GroupBy>[] = [
        { label: vscode.l10n.t('Operating system'), value: 'os' },
        { label: vscode.l10n.t('User'), value: 'user' },
        { label: vscode.l10n.t('Status (active, revoked, deleted)'), value: 'status' },
        { label: vscode.l10n.t('Last seen (24 hours, 7 days, 30 days, older)'), value: 'lastSeen' },
        { label: vscode.l10n.t('None (one list, {0} at a time)', 200), value: 'none' },
      ];
      const groupBy = await choose(vscode.l10n.t('Group devices by'), choices, deps.options.query.groupBy);
      await deps.options.set({ groupBy });
    },
  };
}

export function sortDevicesCommand(deps: DevicesDeps): Command {
  return {
    id: CommandIds.sortDevices,
    run: async () => {
      const choices: Choice<SortBy>[] = [
        { label: vscode.l10n.t('Name'), value: 'name' },
        { label: vscode.l10n.t('Last seen (most recent first)'), value: 'lastSeen' },
      ];
      const sortBy = await choose(vscode.l10n.t('Sort devices by'), choices, deps.options.query.sortBy);
      await deps.options.set({ sortBy });
    },
  };
}
