import * as vscode from 'vscode';
import type { Credentials } from '../api/client';
import { SecretKeys } from '../constants';

export type CredentialSource = 'secrets' | 'environment';

export interface StoredCredentials {
  credentials: Credentials;
  source: CredentialSource;
  /** From CLOUDFLARE_ACCOUNT_ID when the credentials came from the environment; the token's account for an account-owned token. */
  accountId?: string;
}

/**
 * Credentials live in SecretStorage under one namespaced key, never in settings. When nothing is
 * stored, the variables Cloudflare's SDK and wrangler read are used: CLOUDFLARE_API_TOKEN, or
 * CLOUDFLARE_EMAIL + CLOUDFLARE_API_KEY, with CLOUDFLARE_ACCOUNT_ID.
 */
export class CredentialStore {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    secrets.onDidChange(e => {
      if (e.key === SecretKeys.credentials) this.changed.fire();
    });
  }

  async get(): Promise<StoredCredentials | undefined> {
    const raw = await this.secrets.get(SecretKeys.credentials);
    const stored = raw ? parse(raw) : undefined;
    if (stored) return { credentials: stored.credentials, source: 'secrets', accountId: stored.accountId };
    return fromEnvironment(this.env);
  }

  /**
   * Stores credentials; `accountId` for an account-owned token, which works for that account only
   * (GET /accounts cannot find it again).
   */
  async store(credentials: Credentials, accountId?: string): Promise<void> {
    await this.secrets.store(SecretKeys.credentials, JSON.stringify(accountId ? { ...credentials, accountId } : credentials));
  }

  /** CLOUDFLARE_ACCOUNT_ID, when set. */
  accountIdFromEnvironment(): string | undefined {
    return this.env.CLOUDFLARE_ACCOUNT_ID?.trim() || undefined;
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SecretKeys.credentials);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function parse(raw: string): { credentials: Credentials; accountId?: string } | undefined {
  try {
    const value = JSON.parse(raw) as Partial<Credentials> & Record<string, unknown>;
    const accountId = typeof value.accountId === 'string' && value.accountId ? value.accountId : undefined;
    if (value.kind === 'token' && typeof value.token === 'string' && value.token) return { credentials: { kind: 'token', token: value.token }, accountId };
    if (value.kind === 'globalKey' && typeof value.email === 'string' && typeof value.key === 'string') {
      return { credentials: { kind: 'globalKey', email: value.email, key: value.key } };
    }
  } catch {
    // A corrupt entry is treated as none: the user signs in again.
  }
  return undefined;
}

export function fromEnvironment(env: NodeJS.ProcessEnv): StoredCredentials | undefined {
  const accountId = env.CLOUDFLARE_ACCOUNT_ID?.trim() || undefined;
  const token = env.CLOUDFLARE_API_TOKEN?.trim();
  if (token) return { credentials: { kind: 'token', token }, source: 'environment', accountId };
  const email = env.CLOUDFLARE_EMAIL?.trim();
  const key = env.CLOUDFLARE_API_KEY?.trim();
  if (email && key) return { credentials: { kind: 'globalKey', email, key }, source: 'environment', accountId };
  return undefined;
}
