import * as vscode from 'vscode';
import type { CloudflareClient } from '../api/client';
import { CloudflareApiError } from '../api/errors';
import type { CommandContext } from './registry';

/** The signed-in client and the chosen account, or the command's error: signed out, or no account chosen. */
export async function requireAccount(ctx: CommandContext): Promise<{ client: CloudflareClient; accountId: string }> {
  const state = await ctx.session.current();
  if (!state) throw notSignedIn();
  if (!state.accountId) throw new Error(vscode.l10n.t('Select a Cloudflare account first (WARP Fleet: Select Account).'));
  return { client: state.client, accountId: state.accountId };
}

export function notSignedIn(): CloudflareApiError {
  return new CloudflareApiError({ kind: 'notSignedIn', method: 'GET', path: '' });
}
