/** Anything with a dispose(): a vscode.Disposable, an EventEmitter, a TreeView, a status bar item. */
export interface IDisposable {
  dispose(): unknown;
}

/**
 * The one lifecycle helper (style.md 14; the idea of vscode-pull-request-github's common/lifecycle.ts):
 * what a class creates or subscribes to is registered once and disposed with it, last first. No
 * `vscode` import, so model/ can use it too.
 */
export abstract class Disposable implements IDisposable {
  private readonly owned: IDisposable[] = [];
  private disposedAlready = false;

  /** Keeps the items to dispose with this object; returns the first, for `this.x = this.register(…)`. */
  protected register<T extends IDisposable>(first: T, ...more: IDisposable[]): T {
    if (this.disposedAlready) {
      // Registered after dispose (a late callback): nothing would dispose it later.
      for (const d of [first, ...more]) d.dispose();
    } else {
      this.owned.push(first, ...more);
    }
    return first;
  }

  protected get isDisposed(): boolean {
    return this.disposedAlready;
  }

  dispose(): void {
    if (this.disposedAlready) return;
    this.disposedAlready = true;
    for (const d of this.owned.splice(0).reverse()) d.dispose();
  }
}
