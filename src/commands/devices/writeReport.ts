import * as vscode from 'vscode';
import type { ChunkOptions } from '../../api/chunks';
import { resolveOutcome, unknownIds, type ChunkResult, type ReadBack, type ResolvedOutcome, type WriteAction } from '../../model/writeOutcome';
import { describeError } from '../../util/describeError';
import type { CommandContext } from '../registry';
import { nameList } from './common';
import { messageText } from '../../util/untrustedText';

export interface WriteItem {
  id: string;
  /** What the admin calls it: "LON-LT-0042", "j.doe@acme.com on LON-LT-0042". */
  name: string;
}

export interface WriteSpec {
  action: WriteAction;
  what: 'registrations' | 'devices';
  items: WriteItem[];
  /** The progress notification's title. */
  title: string;
  send(ids: string[], opts: ChunkOptions): Promise<ChunkResult>;
  /** The state now of ids whose answer was lost; an id Cloudflare no longer has maps to { exists: false }. */
  readBack(ids: string[], signal?: AbortSignal): Promise<Map<string, ReadBack>>;
}

/**
 * Sends a write with a cancellable progress notification, then reads back every id whose answer was
 * lost (#13: never report certain failure for an unknown outcome, never resend a POST/DELETE blindly).
 */
export async function performWrite(ctx: CommandContext, spec: WriteSpec): Promise<ResolvedOutcome> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: messageText(spec.title), cancellable: true }, async (progress, token) => {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    const total = spec.items.length;
    let last = 0;
    const result = await spec.send(
      spec.items.map(i => i.id),
      {
        signal: abort.signal,
        onChunk: done => {
          progress.report({ increment: ((done - last) / total) * 100, message: vscode.l10n.t('{0} of {1}', done.toLocaleString(), total.toLocaleString()) });
          last = done;
        },
      },
    );
    const lost = unknownIds(result);
    if (!lost.length) return resolveOutcome(spec.action, result, undefined);
    progress.report({ message: vscode.l10n.t('The answer for {0} was lost: reading back what Cloudflare applied…', lost.length.toLocaleString()) });
    ctx.log.warn(`${spec.action} ${spec.what}: no answer for ${lost.length}; reading their state back`);
    try {
      // Not the cancelled signal: the read-back must run even if the admin cancelled the rest.
      return resolveOutcome(spec.action, result, await spec.readBack(lost));
    } catch (err) {
      ctx.log.warn(`${spec.action} ${spec.what}: reading back failed: ${describeError(err)}`);
      return resolveOutcome(spec.action, result, undefined, err);
    }
  });
}

function doneText(spec: WriteSpec, n: number, first: string): string {
  const one = n === 1;
  const count = n.toLocaleString();
  switch (spec.action) {
    case 'revoke':
      return one ? vscode.l10n.t('Revoked {0}', first) : spec.what === 'devices' ? vscode.l10n.t('Revoked every registration of {0} devices', count) : vscode.l10n.t('Revoked {0} registrations', count);
    case 'unrevoke':
      return one ? vscode.l10n.t('Unrevoked {0}', first) : vscode.l10n.t('Unrevoked {0} registrations', count);
    case 'delete':
      return one ? vscode.l10n.t('Deleted {0}', first) : spec.what === 'devices' ? vscode.l10n.t('Deleted {0} devices', count) : vscode.l10n.t('Deleted {0} registrations', count);
  }
}

function verb(action: WriteAction): string {
  return action === 'revoke' ? vscode.l10n.t('revoked') : action === 'unrevoke' ? vscode.l10n.t('unrevoked') : vscode.l10n.t('deleted');
}

/**
 * Says exactly what happened: all done (with Undo when given), or which items changed, which did not
 * (with Cloudflare's reason), which no longer exist, and which are still unknown after the read-back.
 * Throws (an error message) when nothing changed and nothing is unknown.
 */
export function reportOutcome(ctx: CommandContext, spec: WriteSpec, outcome: ResolvedOutcome, undo?: (changed: WriteItem[]) => Promise<void>): void {
  const byId = new Map(spec.items.map(i => [i.id, i]));
  const name = (id: string) => byId.get(id)?.name ?? id;
  const changed = outcome.changed.map(id => byId.get(id) ?? { id, name: id });
  ctx.log.info(`${spec.action} ${spec.what}: ${changed.length} of ${spec.items.length} changed, ${outcome.unchanged.length} unchanged, ${outcome.gone.length} gone, ${outcome.unknown.length} unknown`);
  for (const u of outcome.unchanged) ctx.log.warn(`${spec.action} did not change ${name(u.id)} ${u.id}: ${describeError(u.error)}`);
  for (const u of outcome.unknown) ctx.log.warn(`${spec.action} outcome unknown for ${name(u.id)} ${u.id}: ${describeError(u.error)}`);
  if (!outcome.unchanged.length && !outcome.unknown.length && !outcome.gone.length) {
    const undoLabel = vscode.l10n.t('Undo');
    // Names are API text: a notification would make links of them.
    const text = messageText(doneText(spec, changed.length, changed[0]?.name ?? ''));
    void (undo ? vscode.window.showInformationMessage(text, undoLabel) : vscode.window.showInformationMessage(text)).then(choice => {
      if (choice === undoLabel && undo) undo(changed).catch(err => void vscode.window.showErrorMessage(messageText(describeError(err))));
    });
    return;
  }
  const parts: string[] = [vscode.l10n.t('{0} of {1} {2}.', changed.length.toLocaleString(), spec.items.length.toLocaleString(), verb(spec.action))];
  if (outcome.unchanged.length) {
    const reasons = [...new Set(outcome.unchanged.map(u => describeError(u.error)))].join(' ');
    parts.push(vscode.l10n.t('Did not change: {0} ({1})', nameList(outcome.unchanged.map(u => name(u.id))), reasons));
  }
  if (outcome.gone.length) parts.push(vscode.l10n.t('No longer exist on Cloudflare: {0}', nameList(outcome.gone.map(name))));
  if (outcome.unknown.length) {
    parts.push(vscode.l10n.t('Outcome unknown (the answer was lost and reading back failed; refresh to see): {0}', nameList(outcome.unknown.map(u => name(u.id)))));
  }
  const message = messageText(parts.join(' '));
  if (!changed.length && !outcome.unknown.length && !outcome.gone.length) throw new Error(message);
  const showLog = vscode.l10n.t('Show Log');
  void vscode.window.showWarningMessage(message, showLog).then(choice => {
    if (choice === showLog) ctx.log.show();
  });
}
