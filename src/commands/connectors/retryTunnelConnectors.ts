import { CommandIds } from '../../constants';
import { TunnelNode, type ConnectorsTreeProvider } from '../../views/connectors/connectorsTree';
import type { Command } from '../registry';

/**
 * Fetches one tunnel's connectors again. Takes the tunnel id (what the error node's Markdown link can
 * carry) or the tunnel node.
 */
export function retryTunnelConnectorsCommand(tree: ConnectorsTreeProvider): Command {
  return {
    id: CommandIds.retryTunnelConnectors,
    run: (_ctx, arg) => {
      const tunnelId = arg instanceof TunnelNode ? arg.tunnel.id : typeof arg === 'string' ? arg : undefined;
      if (tunnelId) tree.reloadConnectors(tunnelId);
    },
  };
}
