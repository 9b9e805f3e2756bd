import * as vscode from 'vscode';
import { CommandIds } from '../constants';
import { DashboardPages, dashboardUrl } from '../util/dashboardLinks';
import { isIdentified } from '../views/nodes';
import type { Command } from './registry';

/**
 * Open in dashboard: the Zero Trust dashboard page of the clicked resource (any view's Identified
 * node with a dashboardUrl), or the account's dashboard home from the palette.
 */
export const openInDashboardCommand: Command = {
  id: CommandIds.openInDashboard,
  run: async (ctx, node) => {
    const state = await ctx.session.current();
    if (!state?.accountId) throw new Error(vscode.l10n.t('Sign in and select an account first.'));
    const url = isIdentified(node) && node.dashboardUrl ? node.dashboardUrl(state.accountId) : dashboardUrl(state.accountId, DashboardPages.home);
    await vscode.env.openExternal(vscode.Uri.parse(url));
    return url;
  },
};
