/**
 * Long work in short slices (#17 item 1: no extension-host task over 50 ms while loading, grouping or
 * filtering 100,000 devices). A loop asks `slicer.due(i)` every few items and, when the slice has run
 * its budget, awaits `slicer.pause()`, which gives the event loop back (setImmediate) so VS Code's
 * messages, other views and the rate-limit timers run between slices.
 */
import { performance } from 'perf_hooks';

export const SLICE_MS = 8;

export class Slicer {
  private start = performance.now();
  constructor(private readonly budgetMs = SLICE_MS) {}

  /** Whether the slice has used its budget (checked every 256 iterations, so cheap in tight loops). */
  due(i: number): boolean {
    return (i & 255) === 0 && performance.now() - this.start >= this.budgetMs;
  }

  async pause(): Promise<void> {
    await new Promise<void>(resolve => setImmediate(resolve));
    this.start = performance.now();
  }
}

/** `items.map(fn)` in slices. */
export async function mapInSlices<T, U>(items: readonly T[], fn: (item: T) => U, slicer = new Slicer()): Promise<U[]> {
  const out = new Array<U>(items.length);
  for (let i = 0; i < items.length; i++) {
    if (slicer.due(i)) await slicer.pause();
    out[i] = fn(items[i]);
  }
  return out;
}

const RUN = 1024;

/**
 * A stable sort in slices: runs of 1,024 sorted with Array#sort, then merged pairwise; the result is
 * the order a single stable `slice().sort(cmp)` gives.
 */
export async function sortInSlices<T>(items: readonly T[], cmp: (a: T, b: T) => number, slicer = new Slicer()): Promise<T[]> {
  let runs: T[][] = [];
  for (let i = 0; i < items.length; i += RUN) {
    runs.push(items.slice(i, i + RUN).sort(cmp));
    if (slicer.due(0)) await slicer.pause();
  }
  while (runs.length > 1) {
    const next: T[][] = [];
    for (let k = 0; k < runs.length; k += 2) {
      const a = runs[k];
      const b = runs[k + 1];
      if (!b) {
        next.push(a);
        continue;
      }
      const out = new Array<T>(a.length + b.length);
      let i = 0;
      let j = 0;
      let o = 0;
      while (i < a.length && j < b.length) {
        out[o++] = cmp(b[j], a[i]) < 0 ? b[j++] : a[i++];
        if (slicer.due(o)) await slicer.pause();
      }
      while (i < a.length) out[o++] = a[i++];
      while (j < b.length) out[o++] = b[j++];
      next.push(out);
    }
    runs = next;
  }
  return runs[0] ?? [];
}
