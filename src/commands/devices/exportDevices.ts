/**
 * Export Devices…: the devices the Devices view shows now — its filter, grouping and order — to CSV or
 * JSON through a save dialog, with every field the API gave (deviceExport.ts), written in slices
 * with a cancellable progress (exportFile.ts). Built from the loaded list: no request is sent.
 */
import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import { CsvColumns, csvHeader, csvRows, deviceRecord } from '../../model/deviceExport';
import { queryDevices, type DeviceGroup, type DeviceQuery } from '../../model/deviceQuery';
import type { FleetDevice } from '../../model/fleetDevice';
import { csvLine } from '../../util/csv';
import type { Command } from '../registry';
import { loadedDevices, type DevicesDeps } from './common';
import { mapInSlices, Slicer } from '../../util/slices';
import { datedName, pickExportTarget, SLICE_MS, writeExport } from './exportFile';

export function exportDevicesCommand(deps: DevicesDeps): Command {
  return {
    id: CommandIds.exportDevices,
    run: async () => {
      const all = await loadedDevices(deps.devices);
      const query = deps.options.query;
      const result = queryDevices(all, query, Date.now());
      if (!result.matched) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No device to export: the view shows none.'));
        return;
      }
      // The view's groups in its order; ungrouped, one nameless group.
      const groups: { value: string; devices: FleetDevice[] }[] = result.groups
        ? result.groups.map((g: DeviceGroup) => ({ value: g.value, devices: g.devices as FleetDevice[] }))
        : [{ value: '', devices: (result.devices ?? []) as FleetDevice[] }];
      const { uri, format } = await pickExportTarget(datedName('warp-devices'), vscode.l10n.t('Export the devices the view shows'));
      const n = result.matched.toLocaleString();
      const title = vscode.l10n.t('Exporting {0} devices', n);
      if (format === 'json') await writeJson(uri, title, result.matched, query, all[0]?.api ?? 'legacy', groups);
      else await writeCsv(uri, title, result.matched, query.groupBy !== 'none', groups);
      void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} devices to {1}.', n, uri.fsPath));
    },
  };
}

function* each(groups: { value: string; devices: FleetDevice[] }[]): Generator<[string, FleetDevice, number]> {
  for (let g = 0; g < groups.length; g++) for (const d of groups[g].devices) yield [groups[g].value, d, g];
}

async function writeCsv(uri: vscode.Uri, title: string, total: number, grouped: boolean, groups: { value: string; devices: FleetDevice[] }[]): Promise<void> {
  // A first pass for the columns (every key any device has), in slices like the writing.
  const columns = new CsvColumns();
  await mapInSlices(each(groups), ([, d]) => columns.add(d), new Slicer(SLICE_MS, 32));
  const layout = columns.layout(grouped);
  const units = (function* () {
    for (const [group, d] of each(groups)) yield csvRows(d, layout, group).map(csvLine).join('');
  })();
  await writeExport(uri, title, total, csvLine(csvHeader(layout)), units, '');
}

/**
 * `{ exported_at, device_api, query, groups: [{ value, devices: [...] }] }` (ungrouped: `devices`);
 * one device per line, so a large file still reads (and diffs) line by line.
 */
async function writeJson(uri: vscode.Uri, title: string, total: number, query: DeviceQuery, api: string, groups: { value: string; devices: FleetDevice[] }[]): Promise<void> {
  const grouped = query.groupBy !== 'none';
  const meta = { exported_at: new Date().toISOString(), device_api: api, filter: query.filter, group_by: query.groupBy, sort_by: query.sortBy, count: total };
  const head = `${JSON.stringify(meta, null, 2).slice(0, -2)},\n  ${grouped ? '"groups": [' : '"devices": ['}`;
  const units = (function* () {
    let last = -1;
    let first = true;
    for (const [value, d, g] of each(groups)) {
      let pre = '';
      if (grouped && g !== last) {
        pre = `${last >= 0 ? '\n    ]},' : ''}\n    { "value": ${JSON.stringify(value)}, "count": ${groups[g].devices.length}, "devices": [`;
        last = g;
        first = true;
      }
      yield `${pre}${first ? '' : ','}\n      ${JSON.stringify(deviceRecord(d))}`;
      first = false;
    }
  })();
  await writeExport(uri, title, total, head, units, grouped ? '\n    ]}\n  ]\n}\n' : '\n  ]\n}\n');
}
