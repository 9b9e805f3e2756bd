import * as vscode from 'vscode';
import { normalizeQuery, type DeviceQuery } from '../../model/deviceQuery';

const KEY = 'warpFleet.devices.query.v1';

/**
 * How the Devices view groups, sorts and filters, kept in globalState: the fleet belongs to the
 * account, not to the workspace, so the choice follows the admin from window to window.
 */
export class DeviceViewOptions implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<DeviceQuery>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {}

  get query(): DeviceQuery {
    return normalizeQuery(this.memento.get<Partial<DeviceQuery>>(KEY));
  }

  async set(patch: Partial<DeviceQuery>): Promise<void> {
    const next = normalizeQuery({ ...this.query, ...patch });
    await this.memento.update(KEY, next);
    this.changed.fire(next);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
