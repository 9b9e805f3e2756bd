import type { CloudflareClient } from './client';
import { CloudflareApiError } from './errors';
import { listAllPages, type ListOptions } from './paging';
import { accountPath, apiPath } from './paths';
import type { Account, TokenVerification } from './types';

/** GET /accounts — every account the credentials can see. */
export function listAccounts(client: CloudflareClient, opts: ListOptions = {}): Promise<Account[]> {
  return listAllPages<Account>(client, apiPath('accounts'), { ...opts, perPage: opts.perPage ?? 50 });
}

/** GET /user/tokens/verify — for user-owned API tokens. */
export async function verifyUserToken(client: CloudflareClient, signal?: AbortSignal): Promise<TokenVerification> {
  return (await client.get<TokenVerification>(apiPath('user', 'tokens', 'verify'), { signal })).result;
}

/** GET /accounts/{account_id}/tokens/verify — for account-owned API tokens. */
export async function verifyAccountToken(client: CloudflareClient, accountId: string, signal?: AbortSignal): Promise<TokenVerification> {
  return (await client.get<TokenVerification>(accountPath(accountId, 'tokens', 'verify'), { signal })).result;
}

export interface VerifiedCredentials {
  accounts: Account[];
  token?: TokenVerification;
}

/**
 * Proves credentials work before anything is stored: a token must verify as active (as a user token,
 * or else as an account token of an account it can list); a Global API key must list accounts.
 */
export async function verifyCredentials(client: CloudflareClient, kind: 'token' | 'globalKey', signal?: AbortSignal): Promise<VerifiedCredentials> {
  if (kind === 'globalKey') return { accounts: await listAccounts(client, { signal }) };
  let token: TokenVerification | undefined;
  try {
    token = await verifyUserToken(client, signal);
  } catch (e) {
    // An account-owned token is not a user token: verify it against an account it can see.
    if (!(e instanceof CloudflareApiError) || e.kind !== 'http' || (e.status !== 401 && e.status !== 403 && e.status !== 400)) throw e;
    const accounts = await listAccounts(client, { signal });
    if (!accounts.length) throw e;
    token = await verifyAccountToken(client, accounts[0].id, signal);
    return checkActive(token, { accounts, token }, 'GET /accounts/{account_id}/tokens/verify');
  }
  return checkActive(token, { accounts: await listAccounts(client, { signal }), token }, 'GET /user/tokens/verify');
}

function checkActive(token: TokenVerification, result: VerifiedCredentials, where: string): VerifiedCredentials {
  if (token.status !== 'active') {
    const [method, path] = where.split(' ');
    throw new CloudflareApiError({ kind: 'http', method, path, status: 401, errors: [{ code: 1000, message: `The API token is ${token.status}.` }] });
  }
  return result;
}
