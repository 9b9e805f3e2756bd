import * as vscode from 'vscode';
import { getDevice } from '../../api/devices';
import type { Device, DeviceDetails } from '../../api/types';
import type { Session } from '../../auth/session';
import { ContextKeys } from '../../constants';
import { escapeMarkdown } from '../../util/untrustedText';
import { markdownTable, osLabel, relativeTime } from './deviceNode';
import { loadPhysicalDetails, loadRegistrationDetails, type DetailsKind } from './multiUserDetails';

export const DEVICE_DETAILS_SCHEME = 'warp-fleet-device';

/**
 * warp-fleet-device://{account_id}/{id}/{name}.md — read-only, rendered from GET /devices/{id}; on the
 * new API the query says what the id is (`?physical`, `?registration`).
 */
export function deviceDetailsUri(accountId: string, deviceId: string, name: string, kind: DetailsKind = 'legacy'): vscode.Uri {
  const safe = (name || deviceId).replace(/[\\/:*?"<>|#%]+/g, '-');
  return vscode.Uri.from({ scheme: DEVICE_DETAILS_SCHEME, authority: accountId, path: `/${encodeURIComponent(deviceId)}/${safe}.md`, query: kind === 'legacy' ? '' : kind });
}

function parse(uri: vscode.Uri): { accountId: string; deviceId: string; kind: DetailsKind } {
  const [, id] = uri.path.split('/');
  const kind: DetailsKind = uri.query === 'physical' || uri.query === 'registration' ? uri.query : 'legacy';
  return { accountId: uri.authority, deviceId: decodeURIComponent(id ?? ''), kind };
}

function when(iso: string | undefined, now: number): string | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : `${new Date(t).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')} (${relativeTime(iso, now)})`;
}

/**
 * The details as Markdown: one table per topic, every field GET /devices/{id} gives, plus what only the
 * list has (revocation, manufacturer, OS details) from the cached list entry when there is one.
 */
export function renderDeviceDetails(d: DeviceDetails, listed: Device | undefined, fetchedAt: Date): string {
  const now = fetchedAt.getTime();
  const t = vscode.l10n.t;
  const sections: [string, [string, string | undefined][]][] = [
    [
      t('Device'),
      [
        [t('Name'), d.name],
        [t('Status'), d.deleted ? t('deleted') : listed?.revoked_at ? t('revoked') : listed ? t('active') : undefined],
        [t('Operating system'), [osLabel(d.device_type), d.os_version, listed?.os_version_extra].filter(Boolean).join(' ')],
        [t('Model'), d.model],
        [t('Manufacturer'), listed?.manufacturer],
        [t('Serial number'), d.serial_number],
        [t('WARP version'), d.version],
        [t('IP address'), d.ip],
        [t('MAC address'), d.mac_address],
        [t('Device ID'), d.id],
      ],
    ],
    [t('User'), [[t('Name'), d.user?.name], [t('Email'), d.user?.email], [t('User ID'), d.user?.id]]],
    [
      t('Connection'),
      [
        [t('Tunnel type'), d.tunnel_type],
        [t('Key type'), d.key_type],
        [t('Public key'), d.key],
        [t('Gateway device ID'), d.gateway_device_id],
      ],
    ],
    [
      t('Times'),
      [
        [t('Last seen'), when(d.last_seen, now)],
        [t('Created'), when(d.created, now)],
        [t('Updated'), when(d.updated, now)],
        [t('Revoked at'), when(listed?.revoked_at, now)],
        [t('Deleted'), d.deleted ? t('yes') : t('no')],
      ],
    ],
    [t('Account'), [[t('Name'), d.account?.name], [t('Account ID'), d.account?.id], [t('Account type'), d.account?.account_type]]],
  ];
  const out = [
    `# ${escapeMarkdown(d.name || d.id)}`,
    '',
    `_${t('Fetched {0}. Run "WARP Fleet: Refresh Device Details" to fetch again.', fetchedAt.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC'))}_`,
  ];
  for (const [title, rows] of sections) out.push('', `## ${title}`, '', markdownTable(rows));
  return out.join('\n') + '\n';
}

/**
 * Read-only device details documents. Content is fetched when a document is first opened and again on
 * refresh(); onDidChange then makes VS Code (and an open Markdown preview) show the new content.
 */
export class DeviceDetailsProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly cache = new Map<string, string>();
  private readonly subs: vscode.Disposable[];

  constructor(
    private readonly session: Session,
    private readonly listed: (deviceId: string) => Device | undefined,
  ) {
    this.subs = [
      vscode.workspace.registerTextDocumentContentProvider(DEVICE_DETAILS_SCHEME, this),
      vscode.workspace.onDidOpenTextDocument(doc => {
        if (doc.uri.scheme === DEVICE_DETAILS_SCHEME) void this.setOpenContext();
      }),
      vscode.workspace.onDidCloseTextDocument(doc => {
        if (doc.uri.scheme !== DEVICE_DETAILS_SCHEME) return;
        this.cache.delete(doc.uri.toString());
        void this.setOpenContext();
      }),
    ];
  }

  /**
   * A Markdown preview does not tell menus which document it shows, so its title bar offers Refresh
   * while any device details document is open (the command then refreshes them all).
   */
  private setOpenContext(): Thenable<unknown> {
    const open = vscode.workspace.textDocuments.some(d => d.uri.scheme === DEVICE_DETAILS_SCHEME && !d.isClosed);
    return vscode.commands.executeCommand('setContext', ContextKeys.deviceDetailsOpen, open);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    return this.cache.get(uri.toString()) ?? this.load(uri);
  }

  /** Fetches GET /devices/{id} and renders it; throws what the API answered. */
  async load(uri: vscode.Uri): Promise<string> {
    const state = await this.session.current();
    if (!state) throw new Error(vscode.l10n.t('Not signed in. Run "WARP Fleet: Sign In" to connect a Cloudflare account.'));
    const { accountId, deviceId, kind } = parse(uri);
    const text =
      kind === 'physical'
        ? await loadPhysicalDetails(state.client, accountId, deviceId)
        : kind === 'registration'
          ? await loadRegistrationDetails(state.client, accountId, deviceId)
          : renderDeviceDetails(await getDevice(state.client, accountId, deviceId), this.listed(deviceId), new Date());
    this.cache.set(uri.toString(), text);
    return text;
  }

  /** Fetches every open details document (or just `uri`) again. */
  async refresh(uri?: vscode.Uri): Promise<number> {
    const uris = uri ? [uri] : vscode.workspace.textDocuments.filter(d => d.uri.scheme === DEVICE_DETAILS_SCHEME).map(d => d.uri);
    for (const u of uris) {
      await this.load(u);
      this.changed.fire(u);
    }
    return uris.length;
  }

  dispose(): void {
    this.subs.forEach(s => s.dispose());
    this.changed.dispose();
  }
}
