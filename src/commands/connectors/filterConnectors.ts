import * as vscode from 'vscode';
import type { TunnelStatus } from '../../api/types';
import { CommandIds } from '../../constants';
import { TUNNEL_STATUSES } from '../../model/tunnels';
import type { ConnectorsTreeProvider } from '../../views/connectors/connectorsTree';
import { tunnelStatusLook } from '../../views/connectors/format';
import { UserCancelled, type Command } from '../registry';

interface StatusItem extends vscode.QuickPickItem {
  status: TunnelStatus;
}

function meaning(status: TunnelStatus): string {
  switch (status) {
    case 'healthy':
      return vscode.l10n.t('connected and serving traffic');
    case 'degraded':
      return vscode.l10n.t('serving traffic, but some connections are unhealthy');
    case 'down':
      return vscode.l10n.t('no connection to Cloudflare');
    case 'inactive':
      return vscode.l10n.t('never run');
  }
}

/** Shows only tunnels in the picked states; picking none (or all) shows every tunnel again. */
export function filterConnectorsCommand(tree: ConnectorsTreeProvider): Command {
  return {
    id: CommandIds.filterConnectors,
    run: async () => {
      const current = tree.filter.query.statuses;
      const items: StatusItem[] = TUNNEL_STATUSES.map(status => {
        const look = tunnelStatusLook(status);
        return { label: `$(${look.icon}) ${look.label}`, description: meaning(status), status, picked: current.includes(status) };
      });
      const picked = await vscode.window.showQuickPick(items, {
        title: vscode.l10n.t('Show WARP Connector tunnels that are…'),
        placeHolder: vscode.l10n.t('Pick one or more states; pick none to show every tunnel'),
        canPickMany: true,
        ignoreFocusOut: true,
      });
      if (!picked) throw new UserCancelled();
      await tree.filter.setStatuses(picked.map(p => p.status));
    },
  };
}

export function clearConnectorsFilterCommand(tree: ConnectorsTreeProvider): Command {
  return { id: CommandIds.clearConnectorsFilter, run: () => tree.filter.setStatuses([]) };
}
