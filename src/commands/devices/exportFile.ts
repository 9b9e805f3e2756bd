/**
 * Where an export goes and how it is written: one save dialog (the format follows the file's
 * extension), then the text written in slices with a cancellable progress notification, so 10,000+
 * devices never hold the extension host for long and never sit in memory as one string.
 */
import * as fs from 'fs';
import * as vscode from 'vscode';
import { yieldToEventLoop } from '../../util/slices';
import { pickSaveFile } from '../../webviews/listEditor/listFiles';
import { UserCancelled } from '../registry';

export type ExportFormat = 'csv' | 'json';

/** A save dialog offering CSV and JSON; `.json` writes JSON, anything else CSV. */
export async function pickExportTarget(baseName: string, title: string): Promise<{ uri: vscode.Uri; format: ExportFormat }> {
  const uri = await pickSaveFile(`${baseName}.csv`, title, { CSV: ['csv'], JSON: ['json'] });
  return { uri, format: /\.json$/i.test(uri.path) ? 'json' : 'csv' };
}

/** "warp-devices-2026-11-29" */
export function datedName(prefix: string, now = new Date()): string {
  return `${prefix}-${now.toISOString().slice(0, 10)}`;
}

/** How long one slice may run before yielding to the event loop, and how much text is buffered per write. */
export const SLICE_MS = 15;
const FLUSH_BYTES = 256 * 1024;

interface Sink {
  write(text: string): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

/** A file: a write stream that waits for 'drain'. Elsewhere (a remote scheme): collected, written once. */
function openSink(uri: vscode.Uri): Sink {
  if (uri.scheme === 'file') {
    const stream = fs.createWriteStream(uri.fsPath, { encoding: 'utf8' });
    const failed = new Promise<never>((_, reject) => stream.once('error', reject));
    failed.catch(() => undefined);
    return {
      write: text => (stream.write(text) ? Promise.resolve() : Promise.race([new Promise<void>(r => stream.once('drain', () => r())), failed])),
      close: () => Promise.race([new Promise<void>(r => stream.end(() => r())), failed]),
      abort: async () => {
        stream.destroy();
        await fs.promises.rm(uri.fsPath, { force: true });
      },
    };
  }
  const parts: string[] = [];
  return {
    write: async text => void parts.push(text),
    close: () => Promise.resolve(vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(parts.join('')))),
    abort: async () => void (parts.length = 0),
  };
}

/**
 * Writes `head`, then each unit's text (a unit is one device), then `tail`. Progress counts units; a
 * cancel stops between slices, removes the partial file and throws UserCancelled.
 */
export async function writeExport(uri: vscode.Uri, title: string, total: number, head: string, units: Iterable<string>, tail: string): Promise<void> {
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const sink = openSink(uri);
    try {
      let buffer = head;
      let done = 0;
      let reported = 0;
      let sliceStart = performance.now();
      for (const text of units) {
        buffer += text;
        done++;
        if (buffer.length >= FLUSH_BYTES) {
          await sink.write(buffer);
          buffer = '';
        }
        if ((done & 63) === 0 && performance.now() - sliceStart > SLICE_MS) {
          progress.report({ increment: ((done - reported) / Math.max(total, 1)) * 100, message: vscode.l10n.t('{0} of {1}', done.toLocaleString(), total.toLocaleString()) });
          reported = done;
          await yieldToEventLoop();
          if (token.isCancellationRequested) throw new UserCancelled();
          sliceStart = performance.now();
        }
      }
      await sink.write(buffer + tail);
      await sink.close();
    } catch (err) {
      await sink.abort().catch(() => undefined);
      throw err;
    }
  });
}
