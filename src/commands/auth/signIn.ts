import * as vscode from 'vscode';
import { AccountIdNeededError, isAccountId, isAccountOwnedTokenRefusal, listAccounts, verifyAccountOwned, verifyCredentials, type VerifiedCredentials } from '../../api/accounts';
import type { CloudflareClient } from '../../api/client';
import type { Credentials } from '../../api/client';
import type { Account } from '../../api/types';
import { CommandIds, SettingIds } from '../../constants';
import { UserCancelled, type Command, type CommandContext } from '../registry';
import { describeError } from '../../util/describeError';
import { escapeIcons, messageText } from '../../util/untrustedText';

async function ask(options: vscode.InputBoxOptions): Promise<string> {
  const value = await vscode.window.showInputBox({ ignoreFocusOut: true, ...options });
  if (value === undefined) throw new UserCancelled();
  return value.trim();
}

const notEmpty = (message: string) => (value: string) => (value.trim() ? undefined : message);

async function promptCredentials(kind: Credentials['kind']): Promise<Credentials> {
  if (kind === 'token') {
    const token = await ask({
      title: vscode.l10n.t('Sign in to Cloudflare'),
      prompt: vscode.l10n.t('Paste a Cloudflare API token with Zero Trust Read (and Write to make changes).'),
      placeHolder: vscode.l10n.t('API token'),
      password: true,
      validateInput: notEmpty(vscode.l10n.t('Enter an API token.')),
    });
    return { kind: 'token', token };
  }
  const email = await ask({
    title: vscode.l10n.t('Sign in with a Global API key (1/2)'),
    prompt: vscode.l10n.t('The email address of your Cloudflare login.'),
    placeHolder: 'you@example.com',
    validateInput: v => (/^[^\s@]+@[^\s@]+$/.test(v.trim()) ? undefined : vscode.l10n.t('Enter an email address.')),
  });
  const key = await ask({
    title: vscode.l10n.t('Sign in with a Global API key (2/2)'),
    prompt: vscode.l10n.t('Your Global API key. An API token is safer: it can be limited to Zero Trust.'),
    placeHolder: vscode.l10n.t('Global API key'),
    password: true,
    validateInput: notEmpty(vscode.l10n.t('Enter the Global API key.')),
  });
  return { kind: 'globalKey', email, key };
}

/** Asks for credentials, proves them against the API, stores them only then, and picks the account. */
async function signIn(ctx: CommandContext, kind: Credentials['kind']): Promise<boolean> {
  const credentials = await promptCredentials(kind);
  const client = ctx.session.createClient(credentials);
  let verified: VerifiedCredentials;
  try {
    try {
      verified = await checkWithProgress(signal => verifyCredentials(client, kind, signal));
    } catch (err) {
      if (!(err instanceof AccountIdNeededError)) throw err;
      // An account-owned token: GET /accounts cannot list its account, so the id has to come from the admin.
      const accountId = await askAccountId(ctx);
      verified = await checkWithProgress(signal => verifyAccountOwned(client, accountId, signal));
    }
  } catch (err) {
    if (err instanceof UserCancelled) throw err;
    ctx.log.warn(`Sign-in failed: ${err instanceof Error ? err.message : String(err)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Sign-in failed: {0} Nothing was stored.', messageText(describeError(err))));
    return false;
  }
  const accounts = verified.accounts;
  await ctx.store.store(credentials, verified.accountOwned ? accounts[0]?.id : undefined);
  const account = verified.accountOwned ? accounts[0] : await chooseAccount(ctx, accounts);
  if (account) await ctx.session.setAccount(account.id, account.name);
  ctx.log.info(`Signed in (${kind === 'token' ? 'API token' : 'Global API key'}); ${accounts.length} account(s) visible.`);
  void vscode.window.showInformationMessage(
    account ? vscode.l10n.t('Signed in to Cloudflare: {0}.', messageText(account.name)) : vscode.l10n.t('Signed in to Cloudflare.'),
  );
  return true;
}

function checkWithProgress<T>(task: (signal: AbortSignal) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the credentials with Cloudflare…'), cancellable: true },
    async (_p, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return task(abort.signal);
    },
  );
}

/**
 * The account id for an account-owned token: CLOUDFLARE_ACCOUNT_ID when it is set and well formed,
 * else asked for (the dashboard shows it in the account's overview and in its URL).
 */
async function askAccountId(ctx: CommandContext): Promise<string> {
  const fromEnv = ctx.store.accountIdFromEnvironment();
  if (fromEnv && isAccountId(fromEnv)) return fromEnv;
  return ask({
    title: vscode.l10n.t('Account id for this API token'),
    prompt: vscode.l10n.t('This token belongs to one Cloudflare account, which it cannot list. Enter that account id (32 hexadecimal digits, shown in the dashboard URL).'),
    placeHolder: '0123456789abcdef0123456789abcdef',
    validateInput: v => (isAccountId(v) ? undefined : vscode.l10n.t('An account id is 32 hexadecimal digits.')),
  });
}

/** One account is taken as it is; several are offered in a quick pick with the current one first. */
async function chooseAccount(ctx: CommandContext, accounts: Account[]): Promise<Account | undefined> {
  if (accounts.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('These credentials cannot see any Cloudflare account.'));
    return undefined;
  }
  if (accounts.length === 1) return accounts[0];
  const current = (await ctx.session.current())?.accountId ?? vscode.workspace.getConfiguration().get<string>(SettingIds.accountId);
  const items = accounts.map(a => ({
    label: escapeIcons(a.name),
    description: a.id === current ? vscode.l10n.t('current') : undefined,
    detail: a.id,
    account: a,
  }));
  items.sort((a, b) => Number(b.account.id === current) - Number(a.account.id === current));
  const pick = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Select a Cloudflare account'),
    placeHolder: vscode.l10n.t('The account whose WARP fleet to manage'),
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  return pick?.account;
}

export const signInCommand: Command = { id: CommandIds.signIn, run: ctx => signIn(ctx, 'token') };
export const signInWithGlobalKeyCommand: Command = { id: CommandIds.signInWithGlobalKey, run: ctx => signIn(ctx, 'globalKey') };

export const signOutCommand: Command = {
  id: CommandIds.signOut,
  async run(ctx) {
    await ctx.store.clear();
    ctx.log.forget();
    ctx.session.reload();
    const env = await ctx.store.get();
    if (env?.source === 'environment') {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Removed the stored credentials, but CLOUDFLARE_API_TOKEN or CLOUDFLARE_API_KEY is set in the environment and is still used.'),
      );
    } else {
      void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of Cloudflare. The stored credentials were removed.'));
    }
  },
};

export const selectAccountCommand: Command = {
  id: CommandIds.selectAccount,
  async run(ctx) {
    const state = await ctx.session.current();
    if (!state) {
      await vscode.commands.executeCommand(CommandIds.signIn);
      return;
    }
    const account = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Listing Cloudflare accounts…') },
      () => listOrAskAccount(ctx, state.client),
    );
    const chosen = Array.isArray(account) ? await chooseAccount(ctx, account) : account;
    if (!chosen) throw new UserCancelled();
    await ctx.session.setAccount(chosen.id, chosen.name);
  },
};

/** The accounts to choose from; for an account-owned token (GET /accounts refuses it) the account the admin names, verified. */
async function listOrAskAccount(ctx: CommandContext, client: CloudflareClient): Promise<Account[] | Account> {
  try {
    return await listAccounts(client);
  } catch (err) {
    if (!isAccountOwnedTokenRefusal(err)) throw err;
    const accountId = await askAccountId(ctx);
    return (await verifyAccountOwned(client, accountId)).accounts[0];
  }
}
