import type { CloudflareClient } from './client';
import { CloudflareApiError, InvalidInputError } from './errors';
import { listAllPages, type ListOptions } from './paging';
import { accountPath, apiPath } from './paths';
import type { Account, TokenVerification } from './types';

/** GET /accounts — every account the credentials can see. Refused for account-owned tokens (see isAccountOwnedTokenRefusal). */
export function listAccounts(client: CloudflareClient, opts: ListOptions = {}): Promise<Account[]> {
  return listAllPages<Account>(client, apiPath('accounts'), { ...opts, perPage: opts.perPage ?? 50 });
}

/** GET /accounts/{account_id} */
export async function getAccount(client: CloudflareClient, accountId: string, signal?: AbortSignal): Promise<Account> {
  const path = accountPath(accountId);
  const res = await client.get<Account | null>(path, { signal });
  if (!res.result) throw CloudflareApiError.emptyResult('GET', path);
  return res.result;
}

/** GET /user/tokens/verify — for user-owned API tokens. */
export async function verifyUserToken(client: CloudflareClient, signal?: AbortSignal): Promise<TokenVerification> {
  return (await client.get<TokenVerification>(apiPath('user', 'tokens', 'verify'), { signal })).result;
}

/** GET /accounts/{account_id}/tokens/verify — for account-owned API tokens. */
export async function verifyAccountToken(client: CloudflareClient, accountId: string, signal?: AbortSignal): Promise<TokenVerification> {
  return (await client.get<TokenVerification>(accountPath(accountId, 'tokens', 'verify'), { signal })).result;
}

/** A Cloudflare account id: 32 hex digits. */
export function isAccountId(value: string): boolean {
  return /^[0-9a-f]{32}$/i.test(value.trim());
}

/**
 * Whether GET /accounts refused because the token is account-owned: on the real API a 400 with code
 * 1001 "does not support account owned tokens" (api-notes, seen Dec 2024). The wording is the only
 * documented part, so a 400 that names account-owned tokens counts, whatever its code.
 */
export function isAccountOwnedTokenRefusal(err: unknown): boolean {
  if (!(err instanceof CloudflareApiError) || err.kind !== 'http' || err.isRateLimited) return false;
  return err.errors.some(e => /account[ -]owned token/i.test(e.message ?? '')) || (err.status === 400 && err.codes.includes(1001));
}

/** Sign-in met an account-owned token and needs the account id to verify it (GET /accounts cannot list it). */
export class AccountIdNeededError extends Error {
  constructor(readonly refusal: unknown) {
    super('This API token belongs to an account: give the account id to verify it.');
    this.name = 'AccountIdNeededError';
  }
}

export interface VerifiedCredentials {
  accounts: Account[];
  token?: TokenVerification;
  /** The token is account-owned: it works for `accounts[0]` only, and GET /accounts refuses it. */
  accountOwned?: boolean;
}

/**
 * Proves credentials work before anything is stored. A Global API key must list accounts. A token
 * must verify as active: as a user token (GET /user/tokens/verify), or else as an account-owned token
 * at GET /accounts/{a}/tokens/verify. For the latter the account id is needed, because GET /accounts
 * refuses such tokens: without `accountId` this throws AccountIdNeededError, and the caller asks.
 */
export async function verifyCredentials(
  client: CloudflareClient,
  kind: 'token' | 'globalKey',
  signal?: AbortSignal,
  accountId?: string,
): Promise<VerifiedCredentials> {
  if (kind === 'globalKey') return { accounts: await listAccounts(client, { signal }) };
  let token: TokenVerification;
  try {
    token = await verifyUserToken(client, signal);
  } catch (e) {
    // Not a user token, or not a token at all: only an answer about the token leads on.
    if (!(e instanceof CloudflareApiError) || e.kind !== 'http' || e.isRateLimited || (e.status ?? 0) >= 500) throw e;
    if (accountId) return verifyAccountOwned(client, accountId.trim(), signal);
    let accounts: Account[];
    try {
      accounts = await listAccounts(client, { signal });
    } catch (listError) {
      if (isAccountOwnedTokenRefusal(listError)) throw new AccountIdNeededError(e);
      throw e;
    }
    if (!accounts.length) throw e;
    token = await verifyAccountToken(client, accounts[0].id, signal);
    checkActive(token, 'GET /accounts/{account_id}/tokens/verify');
    return { accounts, token, accountOwned: true };
  }
  checkActive(token, 'GET /user/tokens/verify');
  return { accounts: await listAccounts(client, { signal }), token };
}

/** Verifies an account-owned token for one account; the account's name when the token may read it. */
export async function verifyAccountOwned(client: CloudflareClient, accountId: string, signal?: AbortSignal): Promise<VerifiedCredentials> {
  if (!isAccountId(accountId)) throw new InvalidInputError({ code: 'accountId', value: accountId.slice(0, 64) }, `Not a Cloudflare account id (32 hex digits): ${JSON.stringify(accountId.slice(0, 64))}.`);
  const token = await verifyAccountToken(client, accountId, signal);
  checkActive(token, 'GET /accounts/{account_id}/tokens/verify');
  let account: Account = { id: accountId, name: accountId };
  try {
    account = await getAccount(client, accountId, signal);
  } catch (e) {
    // Reading the account's details needs a permission the token may lack; the id is enough to work.
    if (e instanceof CloudflareApiError && e.kind === 'cancelled') throw e;
  }
  return { accounts: [account], token, accountOwned: true };
}

function checkActive(token: TokenVerification, where: string): void {
  if (token.status !== 'active') {
    const [method, path] = where.split(' ');
    throw new CloudflareApiError({ kind: 'http', method, path, status: 401, errors: [{ code: 1000, message: `The API token is ${token.status}.` }] });
  }
}
