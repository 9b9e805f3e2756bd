import * as vscode from 'vscode';
import { getAccount, listAccounts } from '../api/accounts';
import { CloudflareClient, type Credentials, type WaitInfo } from '../api/client';
import { RequestBudget } from '../api/rateLimit';
import { ContextKeys, DEFAULT_API_BASE_URL, SettingIds } from '../constants';
import { boundedSetting, type BudgetGauge } from '../model/settingsBounds';
import { describeError } from '../util/describeError';
import type { Log } from '../util/log';
import type { CredentialStore, StoredCredentials } from './credentialStore';
import { Disposable } from '../util/lifecycle';

const ACCOUNT_NAME_PREFIX = 'warpFleet.accountName.';

export interface SessionState {
  client: CloudflareClient;
  accountId: string | undefined;
  source: StoredCredentials['source'];
}

/**
 * Who is signed in, to which account, through which client. Views and commands ask the session for
 * a client; it is rebuilt when credentials or settings change, and `onDidChange` tells them to reload.
 * Building the session sends no request: nothing goes over the network before a view asks.
 */
export class Session extends Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly waiting = new vscode.EventEmitter<WaitInfo>();
  /** Fires when a request waits for Cloudflare's rate limit or a retry, so views can say so. */
  readonly onDidWait = this.waiting.event;
  /** One budget for every client this session builds: the limit is per token, not per client. */
  private readonly budget = new RequestBudget();
  private readonly pauseChanged = new vscode.EventEmitter<number | undefined>();
  /**
   * Fires when Cloudflare's Retry-After pauses every request (with when it ends) and when the pause is
   * over (undefined). The status bar shows it; auto-refresh holds while `pausedUntil` is set.
   */
  readonly onDidChangePause = this.pauseChanged.event;
  private state: SessionState | undefined;
  private loading: Promise<SessionState | undefined> | undefined;
  /** Accounts whose name lookupAccountName asked Cloudflare for in this session (asked once each). */
  private readonly nameLookups = new Set<string>();

  constructor(
    private readonly store: CredentialStore,
    private readonly log: Log,
    private readonly memento: vscode.Memento,
  ) {
    super();
    this.register(
      this.changed,
      this.waiting,
      this.pauseChanged,
      this.budget.onDidChange(until => this.pauseChanged.fire(until)),
      store.onDidChange(() => this.reload()),
      vscode.workspace.onDidChangeConfiguration(e => {
        if (
          e.affectsConfiguration(SettingIds.apiBaseUrl) ||
          e.affectsConfiguration(SettingIds.accountId) ||
          e.affectsConfiguration(SettingIds.pageSize) ||
          e.affectsConfiguration(SettingIds.requestTimeoutSeconds)
        ) {
          this.reload();
        }
      }),
    );
  }

  /** The current state, loading credentials on first use. Undefined when signed out. */
  async current(): Promise<SessionState | undefined> {
    if (this.state) return this.state;
    this.loading ??= this.load();
    return this.loading;
  }

  /** When requests may start again after a Retry-After (ms since the epoch), or undefined. */
  get pausedUntil(): number | undefined {
    return this.budget.pausedUntil;
  }

  get signedIn(): boolean {
    return this.state !== undefined;
  }

  /** The settings' page size, within the bounds package.json declares (model/settingsBounds.ts). */
  get pageSize(): number {
    return boundedSetting('pageSize', vscode.workspace.getConfiguration().get<unknown>(SettingIds.pageSize));
  }

  /** The settings' per-attempt request timeout in milliseconds, within the declared bounds. */
  get requestTimeoutMs(): number {
    return boundedSetting('requestTimeoutSeconds', vscode.workspace.getConfiguration().get<unknown>(SettingIds.requestTimeoutSeconds)) * 1000;
  }

  /** The shared request budget, read-only: views show a rate-limit pause and auto-refresh holds for it. */
  get requestBudget(): BudgetGauge {
    return this.budget;
  }

  get baseUrl(): string {
    return vscode.workspace.getConfiguration().get<string>(SettingIds.apiBaseUrl) || DEFAULT_API_BASE_URL;
  }

  /** A client for credentials not yet stored (sign-in verifies them before storing). */
  createClient(credentials: Credentials): CloudflareClient {
    this.log.protect(...secretValues(credentials));
    return new CloudflareClient({
      baseUrl: this.baseUrl,
      credentials: () => credentials,
      logger: this.log,
      budget: this.budget,
      timeoutMs: this.requestTimeoutMs,
      userAgent: `warp-fleet-vscode/${vscode.version}`,
      onWait: info => this.waiting.fire(info),
    });
  }

  async setAccount(accountId: string, name?: string): Promise<void> {
    if (name) await this.memento.update(`${ACCOUNT_NAME_PREFIX}${accountId}`, name);
    await vscode.workspace.getConfiguration().update(SettingIds.accountId, accountId, vscode.ConfigurationTarget.Global);
    this.reload();
  }

  /**
   * The account's name as last seen at sign-in, account choice or lookupAccountName (no request is
   * made for it). An account-owned token that may not read its account signs in with the id as its
   * name: that is no name.
   */
  accountName(accountId: string | undefined): string | undefined {
    const name = accountId ? this.memento.get<string>(`${ACCOUNT_NAME_PREFIX}${accountId}`) : undefined;
    return name && name !== accountId ? name : undefined;
  }

  /**
   * Asks Cloudflare for the account's name when none is known (signed in through the environment or
   * the setting) and remembers it: GET /accounts/{account_id}, else the account in GET /accounts. An
   * account-owned token is refused the list and may lack the permission to read its account: then
   * undefined, and the caller shows the id. Tried once per account and session.
   */
  async lookupAccountName(accountId: string): Promise<string | undefined> {
    const known = this.accountName(accountId);
    if (known || this.nameLookups.has(accountId)) return known;
    this.nameLookups.add(accountId);
    const state = await this.current();
    if (!state || state.accountId !== accountId) return undefined;
    let name: string | undefined;
    try {
      name = (await getAccount(state.client, accountId)).name;
    } catch (e) {
      this.log.info(`The account's name could not be read (GET /accounts/{account_id}): ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!name) {
      try {
        name = (await listAccounts(state.client)).find(a => a.id === accountId)?.name;
      } catch (e) {
        this.log.info(`The account's name could not be listed (GET /accounts): ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (name && name !== accountId) await this.memento.update(`${ACCOUNT_NAME_PREFIX}${accountId}`, name);
    return this.accountName(accountId);
  }

  reload(): void {
    this.state = undefined;
    this.loading = undefined;
    void this.current().then(() => this.changed.fire());
  }

  private async load(): Promise<SessionState | undefined> {
    let stored: StoredCredentials | undefined;
    try {
      stored = await this.store.get();
    } catch (e) {
      this.log.error(`Could not read stored credentials: ${e instanceof Error ? e.message : String(e)}`);
    }
    let state: SessionState | undefined;
    if (stored) {
      try {
        const configured = vscode.workspace.getConfiguration().get<string>(SettingIds.accountId)?.trim();
        state = { client: this.createClient(stored.credentials), accountId: configured || stored.accountId, source: stored.source };
      } catch (e) {
        // An invalid base URL: stay signed out rather than send credentials somewhere unsafe.
        this.log.error(e instanceof Error ? e.message : String(e));
        void vscode.window.showErrorMessage(describeError(e));
      }
    }
    this.state = state;
    await vscode.commands.executeCommand('setContext', ContextKeys.signedIn, state !== undefined);
    await vscode.commands.executeCommand('setContext', ContextKeys.signedOut, state === undefined);
    return state;
  }
}

export function secretValues(c: Credentials): string[] {
  return c.kind === 'token' ? [c.token] : [c.key];
}
