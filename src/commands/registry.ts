import * as vscode from 'vscode';
import { CloudflareApiError } from '../api/errors';
import type { CredentialStore } from '../auth/credentialStore';
import type { Session } from '../auth/session';
import { CommandIds } from '../constants';
import { describeError } from '../util/describeError';
import type { Log } from '../util/log';
import { messageText } from '../util/untrustedText';
import { UserCancelled } from '../util/userCancelled';

/** What every command may use; passed in, never global. */
export interface CommandContext {
  extension: vscode.ExtensionContext;
  session: Session;
  store: CredentialStore;
  log: Log;
  /** Reloads the view with this id (a failed view's Retry), or every view that has loaded. */
  refresh(viewId?: string): void;
}

export interface Command {
  id: string;
  run(ctx: CommandContext, ...args: unknown[]): unknown;
}

export { UserCancelled } from '../util/userCancelled';

/** Registers every command through one error wrapper: silent on cancel, a clear message otherwise. */
export function registerCommands(ctx: CommandContext, commands: Command[]): vscode.Disposable[] {
  return commands.map(cmd => vscode.commands.registerCommand(cmd.id, (...args: unknown[]) => runSafely(ctx, cmd, args)));
}

async function runSafely(ctx: CommandContext, cmd: Command, args: unknown[]): Promise<unknown> {
  try {
    return await cmd.run(ctx, ...args);
  } catch (err) {
    if (err instanceof UserCancelled || (err instanceof CloudflareApiError && err.kind === 'cancelled') || err instanceof vscode.CancellationError) {
      return undefined;
    }
    // Error text holds API text: a notification must not make links of it.
    const message = messageText(describeError(err));
    ctx.log.error(`${cmd.id}: ${err instanceof Error ? err.message : String(err)}`);
    const showLog = vscode.l10n.t('Show Log');
    void vscode.window.showErrorMessage(message, showLog).then(choice => {
      if (choice === showLog) void vscode.commands.executeCommand(CommandIds.showLog);
    });
    return undefined;
  }
}
