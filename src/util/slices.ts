/**
 * Long loops on the extension host in slices (no `vscode` import): between slices the event loop
 * runs (other extensions, the UI's messages), so a 10,000-item parse or export is never one long task.
 */

/** Lets the event loop run between slices. */
export const yieldToEventLoop = () => new Promise<void>(resolve => setImmediate(resolve));

/** Maps `items` in slices of at most `sliceMs`, yielding between slices: no long task on the host. */
export async function mapInSlices<T, U>(items: Iterable<T>, fn: (item: T, index: number) => U, sliceMs: number): Promise<U[]> {
  const out: U[] = [];
  let sliceStart = performance.now();
  let i = 0;
  for (const item of items) {
    out.push(fn(item, i++));
    if ((i & 31) === 0 && performance.now() - sliceStart > sliceMs) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  return out;
}
