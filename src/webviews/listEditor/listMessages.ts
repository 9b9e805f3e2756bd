import * as vscode from 'vscode';
import { UserCancelled } from '../../util/userCancelled';
import { describeError } from '../../util/describeError';
import type { ListEditorPanel } from './listEditorPanel';
import { isWebviewMessage, type WebviewMessage } from './protocol';

/**
 * What the webview asks, mapped onto the panel's public methods (the same ones the extension-host
 * tests call). Messages are checked first: the webview is not trusted to send well-formed ones.
 * The registry wires this to each panel; the panel does not import it (no import cycle).
 */
export async function handleWebviewMessage(panel: ListEditorPanel, m: unknown): Promise<void> {
  const log = panel.host.deps.log;
  if (!isWebviewMessage(m)) {
    log.warn('list editor: ignored a malformed message from the webview');
    return;
  }
  try {
    await dispatch(panel, m);
  } catch (err) {
    // Put back what the webview shows (a mode radio, say) when an action was cancelled or failed.
    panel.post();
    if (err instanceof UserCancelled) return;
    log.error(`list editor: ${m.type}: ${describeError(err)}`);
    void vscode.window.showErrorMessage(describeError(err));
  }
}

async function dispatch(panel: ListEditorPanel, m: WebviewMessage): Promise<void> {
  switch (m.type) {
    case 'ready':
      return panel.attachWebview();
    case 'edit':
      // Refused (too many rows): the webview showed the edit already, so it gets the whole state back.
      if (!panel.applyEdits(m.edits, true)) panel.post();
      return;
    case 'save':
      await panel.save();
      return;
    case 'revert':
      return panel.revert();
    case 'reload':
      return panel.load(true);
    case 'switchMode':
      await panel.switchMode(m.mode);
      return;
    case 'paste':
      await panel.paste(m.text);
      return;
    case 'testRoutes':
      await panel.testRoutes();
      return;
    case 'import':
      await panel.importFrom();
      return;
    case 'export':
      await panel.exportTo(m.format);
      return;
  }
}
