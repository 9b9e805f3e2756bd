import * as vscode from 'vscode';

export const REPORT_SCHEME = 'warp-fleet-report';

/**
 * Read-only Markdown reports ("Which profile applies?", "Does it go through WARP?") held in memory and
 * shown in the Markdown preview. Showing a report under the same name again replaces its content.
 */
export class ReportDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly content = new Map<string, string>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.content.get(uri.toString()) ?? '';
  }

  /** Stores the report and opens it in the Markdown preview; returns its URI. */
  async show(name: string, markdown: string): Promise<vscode.Uri> {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${name.replace(/[\\/:*?"<>|#%]+/g, '-')}.md` });
    this.content.set(uri.toString(), markdown);
    this.changed.fire(uri);
    await vscode.commands.executeCommand('markdown.showPreview', uri);
    return uri;
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
