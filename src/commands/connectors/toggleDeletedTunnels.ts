import { CommandIds } from '../../constants';
import type { ConnectorsTreeProvider } from '../../views/connectors/connectorsTree';
import type { Command } from '../registry';

/** Lists deleted tunnels too (marked as deleted), or hides them again. */
export function toggleDeletedTunnelsCommand(tree: ConnectorsTreeProvider): Command {
  return { id: CommandIds.toggleDeletedTunnels, run: () => tree.filter.setIncludeDeleted(!tree.filter.query.includeDeleted) };
}
