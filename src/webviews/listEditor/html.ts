import { randomBytes } from 'crypto';
import * as vscode from 'vscode';

/** Only the build output and media/ are reachable from the webview. */
export function listEditorResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function listEditorOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: listEditorResourceRoots(extensionUri) };
}

/**
 * The page shell: everything visible is built by the script from the host's `init` message.
 * CSP: nothing by default; the one script by nonce; styles and the codicon font from the extension.
 */
export function listEditorHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const nonce = randomBytes(16).toString('base64');
  const uri = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeAttr(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${uri('dist', 'webviews', 'codicons', 'codicon.css')}">
<link rel="stylesheet" href="${uri('media', 'listEditor.css')}">
<link rel="stylesheet" href="${uri('media', 'highContrast.css')}">
<title>${escapeAttr(title)}</title>
</head>
<body>
<main id="app" aria-busy="true"></main>
<script nonce="${nonce}" src="${uri('dist', 'webviews', 'listEditor.js')}"></script>
</body>
</html>`;
}

function escapeAttr(s: string): string {
  return s.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}
