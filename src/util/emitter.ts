import type { IDisposable } from './lifecycle';

/** The shape of vscode.Event, so a listener and its disposal look the same on both sides. */
export type Event<T> = (listener: (e: T) => unknown, thisArgs?: unknown, disposables?: IDisposable[]) => IDisposable;

/**
 * A small event emitter without `vscode`, for model/ (which lint keeps free of it, so its classes run
 * in plain unit tests). Its `event` can be passed wherever a vscode.Event is taken.
 */
export class Emitter<T> implements IDisposable {
  private listeners: ((e: T) => unknown)[] = [];

  readonly event: Event<T> = (listener, thisArgs, disposables) => {
    const bound = thisArgs === undefined ? listener : listener.bind(thisArgs);
    this.listeners.push(bound);
    const subscription = { dispose: () => (this.listeners = this.listeners.filter(l => l !== bound)) };
    disposables?.push(subscription);
    return subscription;
  };

  fire(e: T): void {
    // A copy: a listener that disposes itself (or another) does not skip the next one.
    for (const l of [...this.listeners]) l(e);
  }

  dispose(): void {
    this.listeners = [];
  }
}
