import type { CloudflareClient } from '../api/client';
import type { Session } from '../auth/session';
import { Emitter } from '../util/emitter';
import type { IDisposable } from '../util/lifecycle';

export type LoadState<T> =
  | { kind: 'signedOut' }
  | { kind: 'noAccount' }
  | { kind: 'loading'; previous?: T; loaded?: number; total?: number; partial?: T }
  | { kind: 'loaded'; data: T; at: number }
  | { kind: 'failed'; error: unknown; previous?: T };

export interface LoadContext<T = unknown> {
  client: CloudflareClient;
  accountId: string;
  pageSize: number;
  signal: AbortSignal;
  progress(loaded: number, total?: number): void;
  /**
   * What has arrived so far, for a view to show before the last page (#17 item 1). Passed on at
   * most every PARTIAL_EVERY_MS after the first, so a 100,000-device listing redraws the tree a
   * few times, not once per page. `make` runs only when the data is passed on.
   */
  partial(make: () => T | Promise<T>): void;
  /** True when the previous data must not be built on (a new sign-in or account): list in full. */
  fresh: boolean;
}

/** How often partial data reaches the view while a listing runs. */
export const PARTIAL_EVERY_MS = 1000;

/**
 * Cached API data between the API and a view: loads on first request, keeps the last good data
 * when a reload fails, cancels a stale load when a newer one starts, and fires onDidChange.
 */
export class Loadable<T> implements IDisposable {
  private readonly changed = new Emitter<LoadState<T>>();
  readonly onDidChange = this.changed.event;
  private current: LoadState<T> = { kind: 'loading' };
  private loadAsked = false;
  private abort: AbortController | undefined;
  private readonly sub: IDisposable;

  constructor(
    private readonly session: Session,
    private readonly fetch: (ctx: LoadContext<T>) => Promise<T>,
  ) {
    this.sub = session.onDidChange(() => {
      if (this.loadAsked) void this.reload(true);
    });
  }

  /** Whether a load was ever asked for (the view was shown, or a command needed the data). */
  get started(): boolean {
    return this.loadAsked;
  }

  get state(): LoadState<T> {
    return this.current;
  }

  /** The data to show: what loaded last, even while reloading or after a failed reload. */
  get data(): T | undefined {
    const s = this.current;
    return s.kind === 'loaded' ? s.data : s.kind === 'loading' || s.kind === 'failed' ? s.previous : undefined;
  }

  /** Starts the first load if none has started; views call it when first shown. */
  ensureLoaded(): Promise<void> {
    if (this.loadAsked) return Promise.resolve();
    return this.reload();
  }

  /**
   * Starts the first load if none has started, and resolves once there is something to show: the
   * data, the data kept from before a reload, what a first load has brought so far (LoadContext.partial),
   * or the end of the load. A view's first getChildren waits for this, not for the whole load: VS Code
   * asks again for a node only after the pending answer, so an answer held until the last of 100
   * pages kept every earlier row off the screen.
   */
  whenShowable(): Promise<void> {
    const load = this.ensureLoaded();
    if (this.showable()) return Promise.resolve();
    return new Promise<void>(resolve => {
      const sub = this.onDidChange(() => {
        if (!this.showable()) return;
        sub.dispose();
        resolve();
      });
      void load.finally(() => {
        sub.dispose();
        resolve();
      });
    });
  }

  private showable(): boolean {
    const s = this.current;
    return this.loadAsked && (s.kind !== 'loading' || s.previous !== undefined || s.partial !== undefined);
  }

  /** Replaces the data without a request (after a change this extension made itself). */
  update(mutate: (data: T) => T): void {
    if (this.current.kind !== 'loaded') return;
    this.set({ kind: 'loaded', data: mutate(this.current.data), at: this.current.at });
  }

  async reload(dropPrevious = false): Promise<void> {
    this.loadAsked = true;
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    const state = await this.session.current();
    if (abort.signal.aborted) return;
    if (!state) return this.set({ kind: 'signedOut' });
    if (!state.accountId) return this.set({ kind: 'noAccount' });
    const previous = dropPrevious ? undefined : this.data;
    this.set({ kind: 'loading', previous });
    let loaded: number | undefined;
    let total: number | undefined;
    let partial: T | undefined;
    let partialAt = 0;
    let making = false;
    let done = false;
    try {
      const data = await this.fetch({
        client: state.client,
        accountId: state.accountId,
        pageSize: this.session.pageSize,
        signal: abort.signal,
        fresh: dropPrevious,
        progress: (n, of) => {
          loaded = n;
          total = of;
          if (!abort.signal.aborted) this.set({ kind: 'loading', previous, loaded, total, partial });
        },
        partial: make => {
          const now = Date.now();
          if (abort.signal.aborted || making || (partialAt !== 0 && now - partialAt < PARTIAL_EVERY_MS)) return;
          partialAt = now;
          making = true;
          void Promise.resolve()
            .then(make)
            .then(data => {
              making = false;
              if (abort.signal.aborted || done) return;
              partial = data;
              this.set({ kind: 'loading', previous, loaded, total, partial });
            }, () => (making = false));
        },
      });
      done = true;
      if (!abort.signal.aborted) this.set({ kind: 'loaded', data, at: Date.now() });
    } catch (error) {
      done = true;
      if (!abort.signal.aborted) this.set({ kind: 'failed', error, previous });
    }
  }

  private set(state: LoadState<T>): void {
    this.current = state;
    this.changed.fire(state);
  }

  dispose(): void {
    this.abort?.abort();
    this.sub.dispose();
    this.changed.dispose();
  }
}

/**
 * The data as loaded (loading it first if no view has yet); a failed load is the caller's error. A load
 * already running (a view's) is waited for rather than aborted by a new one.
 */
export async function loadedData<T>(loadable: Loadable<T>, notLoaded: () => Error): Promise<T> {
  await loadable.ensureLoaded();
  if (loadable.state.kind === 'loading') {
    await new Promise<void>(resolve => {
      const sub = loadable.onDidChange(s => {
        if (s.kind !== 'loading') {
          sub.dispose();
          resolve();
        }
      });
    });
  }
  if (loadable.state.kind === 'failed') await loadable.reload();
  const state = loadable.state;
  if (state.kind === 'loaded') return state.data;
  if (state.kind === 'failed') throw state.error;
  throw notLoaded();
}
