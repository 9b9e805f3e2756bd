import * as vscode from 'vscode';
import type { ListWarning } from '../../api/paging';
import { registrationCount, type FleetDevice } from '../../model/fleetDevice';
import { CommandIds, ContextKeys, ViewIds, ViewItemFlags } from '../../constants';
import { queryDevicesAsync, type DeviceGroup, type DeviceQuery, type QueryResult } from '../../model/deviceQuery';
import type { Loadable } from '../../model/loadable';
import { FleetTreeProvider } from '../fleetTreeProvider';
import { MessageNode, type Pageable, type TreeNode } from '../nodes';
import { DeviceNode, osIcon, osLabel } from './deviceNode';
import { registrationChildren } from './registrationNode';
import type { DeviceViewOptions } from './deviceViewOptions';

export { DeviceNode, osIcon } from './deviceNode';
export { RegistrationNode } from './registrationNode';

/** How many children a node shows before a "Load more" node: no tree ever gets 20,000 siblings. */
export const PAGE = 200;

/** The options hand out a new query object on every read: compare by value. */
function sameQuery(a: DeviceQuery, b: DeviceQuery): boolean {
  return a.filter === b.filter && a.groupBy === b.groupBy && a.sortBy === b.sortBy;
}

class LoadMoreNode implements TreeNode {
  constructor(
    private readonly target: Pageable,
    private readonly remaining: number,
    readonly parent?: TreeNode,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const n = Math.min(PAGE, this.remaining);
    const item = new vscode.TreeItem(vscode.l10n.t('Load {0} more ({1} left)', n, this.remaining.toLocaleString()));
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.command = { command: CommandIds.loadMore, title: vscode.l10n.t('Load More'), arguments: [this.target] };
    item.contextValue = ViewItemFlags.loadMore;
    return item;
  }
}

const STATUS_ICONS: Record<string, string> = { active: 'pass', partlyRevoked: 'circle-large-outline', revoked: 'circle-slash', deleted: 'trash' };

function groupLabel(g: DeviceGroup): string {
  switch (g.kind) {
    case 'os':
      return osLabel(g.value || undefined);
    case 'user':
      return g.userName || g.value || vscode.l10n.t('No user');
    case 'status':
      switch (g.value) {
        case 'active':
          return vscode.l10n.t('Active');
        case 'partlyRevoked':
          return vscode.l10n.t('Partly revoked');
        case 'revoked':
          return vscode.l10n.t('Revoked');
        default:
          return vscode.l10n.t('Deleted');
      }
    case 'lastSeen':
      switch (g.value) {
        case 'today':
          return vscode.l10n.t('Seen in the last 24 hours');
        case 'week':
          return vscode.l10n.t('Seen in the last 7 days');
        case 'month':
          return vscode.l10n.t('Seen in the last 30 days');
        case 'older':
          return vscode.l10n.t('Not seen for more than 30 days');
        default:
          return vscode.l10n.t('Never seen');
      }
  }
}

function groupIcon(g: DeviceGroup): string {
  if (g.kind === 'os') return osIcon(g.value || undefined);
  if (g.kind === 'user') return 'person';
  if (g.kind === 'status') return STATUS_ICONS[g.value] ?? 'circle-outline';
  return 'history';
}

export class DeviceGroupNode implements TreeNode, Pageable {
  constructor(
    readonly group: DeviceGroup,
    private readonly provider: DevicesTreeProvider,
  ) {}

  get id(): string {
    return `group:${this.group.key}`;
  }

  getTreeItem(): vscode.TreeItem {
    const g = this.group;
    const item = new vscode.TreeItem(groupLabel(g), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(groupIcon(g));
    const count = g.devices.length.toLocaleString();
    item.description = g.kind === 'user' && g.userName && g.value ? `${g.value} · ${count}` : count;
    item.contextValue = `${ViewItemFlags.deviceGroup};${g.kind}`;
    return item;
  }

  getChildren(): TreeNode[] {
    return this.provider.page(this.group.key, this.group.devices, d => new DeviceNode(d, this, registrationChildren), this, this);
  }

  loadMore(): void {
    this.provider.showMore(this.group.key, this);
  }
}

/** The root of an ungrouped view pages the same way a group does. */
class RootPager implements Pageable {
  constructor(private readonly provider: DevicesTreeProvider) {}
  loadMore(): void {
    this.provider.showMore('', undefined);
  }
}

/**
 * Devices, grouped, sorted and filtered as DeviceViewOptions say. The query runs in the pure
 * model/deviceQuery.ts and is memoised per (data, query), so expanding nodes costs nothing extra.
 */
export class DevicesTreeProvider extends FleetTreeProvider<FleetDevice[]> {
  /** How many children each group ('' = the root) shows; kept across refreshes, reset by a new query. */
  private readonly shown = new Map<string, number>();
  private memo: { data: FleetDevice[]; query: DeviceQuery; result: QueryResult } | undefined;
  private readonly optionsSub: vscode.Disposable;

  constructor(
    model: Loadable<FleetDevice[]>,
    readonly options: DeviceViewOptions,
    /** What went wrong with paging in the last load, if anything (FleetModel.devicesWarning). */
    private readonly warning: () => ListWarning | undefined = () => undefined,
  ) {
    super(ViewIds.devices, model, {
      name: vscode.l10n.t('Devices'),
      loading: (n, total) => (total ? vscode.l10n.t('Loading devices… {0} of {1}', n, total) : vscode.l10n.t('Loading devices… {0}', n)),
    }, CommandIds.refresh);
    this.optionsSub = options.onDidChange(() => this.onQueryChanged());
    void this.setFilterContext();
  }

  private memoFor(devices: FleetDevice[], query: DeviceQuery): QueryResult | undefined {
    const m = this.memo;
    return m && m.data === devices && sameQuery(m.query, query) ? m.result : undefined;
  }

  private pending: { data: FleetDevice[]; query: DeviceQuery; result: Promise<QueryResult> } | undefined;

  /**
   * The same in slices (model/slices.ts), so grouping or filtering 100,000 devices never holds the
   * extension host for one long task (#17 item 1); one computation per (data, query) at a time.
   */
  resultAsync(devices: FleetDevice[]): Promise<QueryResult> {
    const query = this.options.query;
    const known = this.memoFor(devices, query);
    if (known) return Promise.resolve(known);
    const p = this.pending;
    if (p && p.data === devices && sameQuery(p.query, query)) return p.result;
    const result = queryDevicesAsync(devices, query, Date.now()).then(r => {
      if (sameQuery(this.options.query, query)) this.memo = { data: devices, query, result: r };
      return r;
    });
    this.pending = { data: devices, query, result };
    return result;
  }

  protected async rootNodes(devices: FleetDevice[]): Promise<TreeNode[]> {
    if (!devices.length) return [new MessageNode(vscode.l10n.t('No devices are enrolled in this account.'), 'info')];
    const r = await this.resultAsync(devices);
    // The header counts what the query found; describe() read it before the sliced query finished.
    if (this.view && this.model.state.kind === 'loaded' && this.model.state.data === devices) this.view.description = this.describe(devices);
    if (r.matched === 0) {
      return [
        new MessageNode(vscode.l10n.t('No device matches "{0}". Click to clear the filter.', this.options.query.filter), 'filter', {
          command: CommandIds.clearDeviceFilter,
          title: vscode.l10n.t('Clear Filter'),
        }),
      ];
    }
    if (r.groups) return this.page('', r.groups, g => new DeviceGroupNode(g, this), new RootPager(this));
    return this.page('', r.devices ?? [], d => new DeviceNode(d, undefined, registrationChildren), new RootPager(this));
  }

  /** The first `shown` items of a list as nodes, then a "Load more" node if any are left. */
  page<T>(key: string, items: readonly T[], toNode: (item: T) => TreeNode, target: Pageable, parent?: TreeNode): TreeNode[] {
    const shown = this.shown.get(key) ?? PAGE;
    const nodes = items.slice(0, shown).map(toNode);
    if (items.length > shown) nodes.push(new LoadMoreNode(target, items.length - shown, parent));
    return nodes;
  }

  showMore(key: string, node: TreeNode | undefined): void {
    this.shown.set(key, (this.shown.get(key) ?? PAGE) + PAGE);
    this.refresh(node);
  }

  protected override describe(devices: FleetDevice[]): string {
    // Before the sliced query has run, the counts that need no query: every device, none filtered yet.
    const r = this.memoFor(devices, this.options.query) ?? { total: devices.length, matched: devices.length };
    const filter = this.options.query.filter;
    const w = this.warning();
    if (w && !filter) {
      // #12 item 5: the API repeated a page or cursor; every device is shown once, and the header says how many are missing.
      return w.total !== undefined && w.total > r.total
        ? vscode.l10n.t('Cloudflare returned the same page twice: showing {0} of {1} devices', r.total.toLocaleString(), w.total.toLocaleString())
        : vscode.l10n.t('Cloudflare returned the same page twice: showing {0} devices', r.total.toLocaleString());
    }
    // On the new API the header counts both: "8,120 devices · 11,402 registrations" (ux.md "Multi-user accounts").
    if (!filter && devices[0]?.api === 'registrations') {
      return vscode.l10n.t('{0} devices · {1} registrations', r.total.toLocaleString(), registrationCount(devices).toLocaleString());
    }
    if (!filter) return vscode.l10n.t('{0} devices', r.total.toLocaleString());
    return vscode.l10n.t('{0} · filter: {1}', r.matched.toLocaleString(), filter);
  }

  private onQueryChanged(): void {
    this.shown.clear();
    void this.setFilterContext();
    const data = this.model.data;
    if (this.view && data) this.view.description = this.describe(data);
    this.refresh();
  }

  private setFilterContext(): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', ContextKeys.devicesFiltered, Boolean(this.options.query.filter));
  }

  override dispose(): void {
    this.optionsSub.dispose();
    super.dispose();
  }
}
