import type { ConnectorsTreeProvider } from '../../views/connectors/connectorsTree';
import type { Command } from '../registry';
import { clearConnectorsFilterCommand, filterConnectorsCommand } from './filterConnectors';
import { retryTunnelConnectorsCommand } from './retryTunnelConnectors';
import { toggleDeletedTunnelsCommand } from './toggleDeletedTunnels';

/** The Connectors view's own commands (copy id and open in dashboard are shared commands). */
export function connectorsCommands(tree: ConnectorsTreeProvider): Command[] {
  return [filterConnectorsCommand(tree), clearConnectorsFilterCommand(tree), toggleDeletedTunnelsCommand(tree), retryTunnelConnectorsCommand(tree)];
}
