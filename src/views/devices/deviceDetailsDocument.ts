import * as vscode from 'vscode';
import { getDevice } from '../../api/devices';
import type { Device, DeviceDetails } from '../../api/types';
import type { Session } from '../../auth/session';
import { ContextKeys } from '../../constants';
import { escapeMarkdown } from '../../util/untrustedText';
import { markdownTable, osLabel, when } from './deviceNode';
import { utcTime } from '../../util/ageText';
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


/**
 * The details as Markdown: one table per topic, every field GET /devices/{id} gives, plus what only the
 * list has (revocation, manufacturer, OS details) from the cached list entry when there is one.
 */
export function renderDeviceDetails(d: DeviceDetails, listed: Device | undefined, fetchedAt: Date): string {
  const now = fetchedAt.getTime();
  const sections: [string, [string, string | undefined][]][] = [
    [
      vscode.l10n.t('Device'),
      [
        [vscode.l10n.t('Name'), d.name],
        [vscode.l10n.t('Status'), d.deleted ? vscode.l10n.t('deleted') : listed?.revoked_at ? vscode.l10n.t('revoked') : listed ? vscode.l10n.t('active') : undefined],
        [vscode.l10n.t('Operating system'), [osLabel(d.device_type), d.os_version, listed?.os_version_extra].filter(Boolean).join(' ')],
        [vscode.l10n.t('Model'), d.model],
        [vscode.l10n.t('Manufacturer'), listed?.manufacturer],
        [vscode.l10n.t('Serial number'), d.serial_number],
        [vscode.l10n.t('WARP version'), d.version],
        [vscode.l10n.t('IP address'), d.ip],
        [vscode.l10n.t('MAC address'), d.mac_address],
        [vscode.l10n.t('Device ID'), d.id],
      ],
    ],
    [vscode.l10n.t('User'), [[vscode.l10n.t('Name'), d.user?.name], [vscode.l10n.t('Email'), d.user?.email], [vscode.l10n.t('User ID'), d.user?.id]]],
    [
      vscode.l10n.t('Connection'),
      [
        [vscode.l10n.t('Tunnel type'), d.tunnel_type],
        [vscode.l10n.t('Key type'), d.key_type],
        [vscode.l10n.t('Public key'), d.key],
        [vscode.l10n.t('Gateway device ID'), d.gateway_device_id],
      ],
    ],
    [
      vscode.l10n.t('Times'),
      [
        [vscode.l10n.t('Last seen'), when(d.last_seen, now)],
        [vscode.l10n.t('Created'), when(d.created, now)],
        [vscode.l10n.t('Updated'), when(d.updated, now)],
        [vscode.l10n.t('Revoked at'), when(listed?.revoked_at, now)],
        [vscode.l10n.t('Deleted'), d.deleted ? vscode.l10n.t('yes') : vscode.l10n.t('no')],
      ],
    ],
    [vscode.l10n.t('Account'), [[vscode.l10n.t('Name'), d.account?.name], [vscode.l10n.t('Account ID'), d.account?.id], [vscode.l10n.t('Account type'), d.account?.account_type]]],
  ];
  const out = [
    `# ${escapeMarkdown(d.name || d.id)}`,
    '',
    `_${vscode.l10n.t('Fetched {0}. Run "WARP Fleet: Refresh Device Details" to fetch again.', utcTime(fetchedAt.getTime()))}_`,
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
