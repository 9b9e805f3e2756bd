/**
 * Long work on the extension host in short slices (no `vscode` import): a loop asks `slicer.due(i)` and,
 * when the slice has run its budget, awaits `slicer.pause()`, which gives the event loop back (one
 * sliced job per turn, see yieldToEventLoop) so VS Code's messages, other views and the rate-limit
 * timers run between slices. No extension-host task over 50 ms while loading, grouping or filtering
 * 100,000 devices (#17), nor while parsing a 10,000-row import or writing an export.
 */
import { performance } from 'perf_hooks';

/**
 * Lets the event loop run between slices, and takes turns with every other sliced job: one waiter is
 * let go per turn of the loop, in order of arrival. A bare `setImmediate` per job is not enough:
 * Node runs every immediate queued before the check phase in that one phase, so four jobs (four
 * pages that arrived together, a grouping, an export) would each run a slice in the same turn and
 * make one long task of them (#17: the 93 ms stalls of the 100,000-device legacy listing were
 * several pages parsed and mapped in one turn).
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise<void>(resolve => {
    waiting.push(resolve);
    if (!pumping) {
      pumping = true;
      setImmediate(letOneGo);
    }
  });
}

const waiting: (() => void)[] = [];
let pumping = false;
/** When the job running now was let go (performance.now()). */
let turnStarted = 0;

/** Lets the first waiter run (its slice runs as this immediate's microtasks), then waits for the next turn. */
function letOneGo(): void {
  const next = waiting.shift();
  if (!next) {
    pumping = false;
    return;
  }
  turnStarted = performance.now();
  next();
  setImmediate(letOneGo);
}

export const SLICE_MS = 8;

export class Slicer {
  /** `every`: how many iterations between clock reads (a power of two; fewer for heavier items). */
  constructor(private readonly budgetMs = SLICE_MS, private readonly every = 256) {}

  /**
   * Whether the turn has used its budget (the clock is read every `every` iterations, so cheap in tight
   * loops). Counted from when this turn began, not from when this slicer was made: work that ran
   * before it in the same turn (a page's parse before its mapping) counts too, and a job that starts
   * outside its turn (in an I/O callback) waits for one at its first check.
   */
  due(i: number): boolean {
    return (i & (this.every - 1)) === 0 && performance.now() - turnStarted >= this.budgetMs;
  }

  async pause(): Promise<void> {
    await yieldToEventLoop();
  }
}

/** `items.map(fn)` in slices: between slices the event loop runs. */
export async function mapInSlices<T, U>(items: Iterable<T>, fn: (item: T, index: number) => U, slicer = new Slicer()): Promise<U[]> {
  const out: U[] = [];
  let i = 0;
  for (const item of items) {
    if (slicer.due(i)) await slicer.pause();
    out.push(fn(item, i++));
  }
  return out;
}

/** A copy of `map` (same order) made in slices; `map` must not change meanwhile. */
export async function copyMapInSlices<K, V>(map: ReadonlyMap<K, V>, slicer = new Slicer()): Promise<Map<K, V>> {
  const out = new Map<K, V>();
  let i = 0;
  for (const [k, v] of map) {
    if (slicer.due(i++)) await slicer.pause();
    out.set(k, v);
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
