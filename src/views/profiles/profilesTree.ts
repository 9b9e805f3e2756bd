import * as vscode from 'vscode';
import { CommandIds, ViewIds } from '../../constants';
import type { ProfilesData } from '../../model/fleet';
import type { Loadable } from '../../model/loadable';
import { orderProfiles } from '../../model/profileOrder';
import { FleetTreeProvider } from '../fleetTreeProvider';
import type { TreeNode } from '../nodes';
import { IpProfilesGroupNode, ProfileNode } from './profileNodes';

/**
 * Profiles: custom profiles in the order Cloudflare evaluates them, the default last, then the IP
 * profiles group. The nodes of one load are kept, so reveal() finds the very node the tree shows.
 */
export class ProfilesTreeProvider extends FleetTreeProvider<ProfilesData> {
  private shown: { data: ProfilesData; nodes: TreeNode[] } | undefined;

  constructor(model: Loadable<ProfilesData>) {
    super(ViewIds.profiles, model, {
      name: vscode.l10n.t('Profiles'),
      loading: (n, total) => (total ? vscode.l10n.t('Loading profiles… {0} of {1}', n, total) : vscode.l10n.t('Loading profiles… {0}', n)),
    }, CommandIds.refresh);
  }

  protected rootNodes(data: ProfilesData): TreeNode[] {
    if (this.shown?.data !== data) this.shown = { data, nodes: buildRoot(data) };
    return this.shown.nodes;
  }

  protected override describe(data: ProfilesData): string | undefined {
    return vscode.l10n.t('{0} profiles', data.profiles.length);
  }

  /** Shows and selects a profile (after creating or moving it); false when it is not in the data. */
  async revealProfile(policyId: string): Promise<boolean> {
    const data = this.model.data;
    if (!data || !this.view) return false;
    const node = this.rootNodes(data).find(n => n instanceof ProfileNode && n.profile.policy_id === policyId);
    if (!node) return false;
    try {
      await this.view.reveal(node, { select: true, focus: true });
      return true;
    } catch {
      // The change itself succeeded; failing to scroll to it is not worth an error.
      return false;
    }
  }
}

function buildRoot(data: ProfilesData): TreeNode[] {
  const ordered = orderProfiles(data.profiles);
  const custom = ordered.filter(p => !p.default);
  const nodes: TreeNode[] = ordered.map(p => new ProfileNode(p, p === custom[0], p === custom[custom.length - 1]));
  nodes.push(new IpProfilesGroupNode(data.ipProfiles, data.ipProfilesError));
  return nodes;
}
