/**
 * The sweep's preview: a multi-select quick pick, one separator per OS (or user) with its count and
 * oldest last-seen, every stale item ticked, never-seen ones apart and unticked; and its export.
 * A quick pick because it is VS Code's own list for "untick what to keep": it filters as you type,
 * stays responsive at thousands of rows, and shows API text as text (icons escaped).
 */
import * as vscode from 'vscode';
import { csvLine } from '../../util/csv';
import { escapeIcons } from '../../util/untrustedText';
import { ago } from '../../util/ageText';
import { deviceCount, groupStale, oldestSeen, previewRecords, type StaleCandidate, type StaleGroup, type StaleSelection, type SweepGroupBy } from '../../model/staleDevices';
import { osLabel, relativeTime } from '../../views/devices/deviceNode';
import { UserCancelled } from '../registry';
import { datedName, pickExportTarget, writeExport } from './exportFile';

export interface CandidateItem extends vscode.QuickPickItem {
  candidate: StaleCandidate;
}

type PreviewEntry = CandidateItem | vscode.QuickPickItem;

function groupLabel(g: StaleGroup): string {
  const name = g.by === 'os' ? osLabel(g.value || undefined) : g.value || vscode.l10n.t('No user');
  const oldest = g.oldest ? ago(g.oldest) : undefined;
  const count = g.items.length.toLocaleString();
  return oldest ? vscode.l10n.t('{0} · {1} · oldest seen {2}', escapeIcons(name), count, oldest) : vscode.l10n.t('{0} · {1}', escapeIcons(name), count);
}

function candidateItem(c: StaleCandidate, by: SweepGroupBy, picked: boolean): CandidateItem {
  // Grouped by OS, the row names the user; grouped by user, the OS. API text: icons escaped.
  const other = by === 'os' ? c.userEmail : osLabel(c.os || undefined);
  const label = c.kind === 'registration' ? vscode.l10n.t('{0} on {1}', c.userEmail || c.id, c.deviceName) : c.deviceName;
  return {
    label: escapeIcons(label),
    description: escapeIcons([c.kind === 'device' ? other : by === 'user' ? other : '', relativeTime(c.lastSeen)].filter(Boolean).join(' · ')),
    picked,
    candidate: c,
  };
}

/** The pick's entries in order: groups of stale items, then the never-seen ones. */
export function previewEntries(sel: StaleSelection, by: SweepGroupBy, ticked: ReadonlySet<string>): PreviewEntry[] {
  const out: PreviewEntry[] = [];
  for (const g of groupStale(sel.stale, by)) {
    out.push({ kind: vscode.QuickPickItemKind.Separator, label: groupLabel(g) });
    for (const c of g.items) out.push(candidateItem(c, by, ticked.has(c.id)));
  }
  if (sel.neverSeen.length) {
    out.push({ kind: vscode.QuickPickItemKind.Separator, label: vscode.l10n.t('Never seen · {0} · not ticked unless you tick them', sel.neverSeen.length.toLocaleString()) });
    for (const c of sel.neverSeen) out.push(candidateItem(c, by, ticked.has(c.id)));
  }
  return out;
}

/** "Not seen for 90 days: 412 devices · oldest seen 1 y ago" and "Windows 230 · macOS 120 · …". */
export function previewSummary(sel: StaleSelection): { title: string; counts: string } {
  const n = sel.stale.length.toLocaleString();
  const oldest = ago(oldestSeen(sel.stale)) ?? '';
  const regs = sel.stale[0]?.kind === 'registration' || sel.neverSeen[0]?.kind === 'registration';
  const what = regs ? vscode.l10n.t('{0} registrations on {1} devices', n, deviceCount(sel.stale).toLocaleString()) : vscode.l10n.t('{0} devices', n);
  const title = oldest
    ? vscode.l10n.t('Not seen for {0} days: {1} · oldest seen {2}', sel.days, what, oldest)
    : vscode.l10n.t('Not seen for {0} days: {1}', sel.days, what);
  const byOs = groupStale(sel.stale, 'os').map(g => `${osLabel(g.value || undefined)} ${g.items.length.toLocaleString()}`);
  const extra = [sel.neverSeen.length ? vscode.l10n.t('{0} never seen', sel.neverSeen.length.toLocaleString()) : '', sel.skipped ? vscode.l10n.t('{0} already revoked, left out', sel.skipped.toLocaleString()) : ''];
  return { title, counts: [byOs.join(' · '), ...extra].filter(Boolean).join('; ') };
}

/** Shows the preview; resolves with the ids left ticked. Escape cancels the sweep. */
export async function reviewPreview(sel: StaleSelection, by: SweepGroupBy, ticked: ReadonlySet<string>): Promise<Set<string>> {
  const { title, counts } = previewSummary(sel);
  const picked = await vscode.window.showQuickPick(previewEntries(sel, by, ticked), {
    title: escapeIcons(title),
    placeHolder: vscode.l10n.t('Untick what to keep, then press Enter. {0}', escapeIcons(counts)),
    canPickMany: true,
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  if (!picked) throw new UserCancelled();
  return new Set(picked.filter((i): i is CandidateItem => 'candidate' in i).map(i => i.candidate.id));
}

/** Writes the preview (every candidate, with whether it is ticked) to CSV or JSON before anything changes. */
export async function exportPreview(sel: StaleSelection, ticked: ReadonlySet<string>, now: number): Promise<vscode.Uri> {
  const { uri, format } = await pickExportTarget(datedName('warp-stale-devices'), vscode.l10n.t('Export the sweep preview'));
  const records = previewRecords(sel, ticked, now);
  const title = vscode.l10n.t('Exporting the preview ({0} rows)', records.length.toLocaleString());
  if (format === 'json') {
    const head = `{\n  "not_seen_for_days": ${sel.days},\n  "cutoff": ${JSON.stringify(sel.cutoff)},\n  "items": [`;
    await writeExport(uri, title, records.length, head, records.map((r, i) => `${i ? ',' : ''}\n    ${JSON.stringify(r)}`), '\n  ]\n}\n');
  } else {
    const header = records.length ? Object.keys(records[0]) : ['selected', 'id'];
    await writeExport(uri, title, records.length, csvLine(header), records.map(r => csvLine(header.map(k => (r[k] === null ? '' : String(r[k]))))), '');
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('Exported the preview ({0} rows) to {1}.', records.length.toLocaleString(), uri.fsPath));
  return uri;
}
