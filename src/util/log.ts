import * as vscode from 'vscode';
import type { Logger } from '../api/client';

/** Scrubs anything that looks like a credential before it reaches the log. */
export function redact(text: string): string {
  return text
    .replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1[redacted]')
    .replace(/(X-Auth-Key["':\s]+)[A-Za-z0-9]+/gi, '$1[redacted]');
}

/** The one log of the extension: a LogOutputChannel, with secrets scrubbed from every line. */
export class Log implements Logger, vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  private readonly secrets = new Set<string>();

  constructor(name = 'WARP Fleet') {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  /** Values that must never be written, whatever the message (the current token, key). */
  forget(): void {
    this.secrets.clear();
  }

  protect(...values: (string | undefined)[]): void {
    for (const v of values) if (v && v.length >= 8) this.secrets.add(v);
  }

  private clean(message: string): string {
    let text = redact(message);
    for (const s of this.secrets) text = text.split(s).join('[redacted]');
    return text;
  }

  debug(message: string): void {
    this.channel.debug(this.clean(message));
  }
  info(message: string): void {
    this.channel.info(this.clean(message));
  }
  warn(message: string): void {
    this.channel.warn(this.clean(message));
  }
  error(message: string): void {
    this.channel.error(this.clean(message));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
