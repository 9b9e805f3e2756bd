/**
 * Timing for the CPU-bound measures: a measure and its baseline run interleaved (measure, baseline,
 * measure, …) so that a load elsewhere on the machine (a CI run, another engineer's tests) slows both
 * alike and the ratio stays meaningful even when the absolute times move.
 */
import { performance } from 'perf_hooks';

export interface Pair {
  /** Median of the measure, ms. */
  value: number;
  /** Median of the baseline, ms. */
  baseline: number;
  /** Median of the per-iteration ratios value/baseline: steadier than the ratio of medians under load. */
  ratio: number;
  /** Interquartile range of the per-iteration ratios, as [p25, p75]. */
  spread: [number, number];
}

const gc = (globalThis as { gc?: (opts?: { type: 'minor' | 'major' }) => void }).gc;

function median(xs: number[]): number {
  return quantile(xs, 0.5);
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.ceil(pos)] - s[lo]) * (pos - lo);
}

function once(fn: () => unknown): number {
  // The garbage of the previous call is young: a minor collection (well under 1 ms, against ~100 ms
  // for a full one over the simulator's heap) keeps it from being charged to this call.
  gc?.({ type: 'minor' });
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/**
 * Runs `setup` (untimed) then `measure` and `baseline` (timed), `runs` times after `warmup` untimed
 * rounds that let the JIT settle. `setup` gives each round its input (all sides get the same), e.g. a
 * freshly parsed list; no side may change it. `extra`, when given, is a further reference timed in
 * the same rounds (its median comes back as `extra`).
 */
export function comparePair<I>(opts: {
  runs: number;
  warmup?: number;
  setup: () => I;
  measure: (input: I) => unknown;
  baseline: (input: I) => unknown;
  extra?: (input: I) => unknown;
}): Pair & { extra?: number } {
  const fns = [opts.measure, opts.baseline, ...(opts.extra ? [opts.extra] : [])];
  for (let i = 0; i < (opts.warmup ?? 3); i++) {
    const input = opts.setup();
    for (const fn of fns) fn(input);
  }
  const times: number[][] = fns.map(() => []);
  const ratios: number[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const input = opts.setup();
    const t: number[] = [];
    // rotate which one goes first, so none always inherits another's cache or GC debt
    for (let k = 0; k < fns.length; k++) {
      const j = (i + k) % fns.length;
      t[j] = once(() => fns[j](input));
    }
    t.forEach((x, j) => times[j].push(x));
    ratios.push(t[0] / Math.max(t[1], 1e-6));
  }
  return {
    value: median(times[0]),
    baseline: median(times[1]),
    extra: opts.extra ? median(times[2]) : undefined,
    ratio: median(ratios),
    spread: [quantile(ratios, 0.25), quantile(ratios, 0.75)],
  };
}

/** Milliseconds with precision that suits the size: "0.42 ms", "3.1 ms", "152 ms". */
export function fmtMs(n: number): string {
  if (n < 1) return `${n.toFixed(2)} ms`;
  if (n < 10) return `${n.toFixed(1)} ms`;
  return `${n.toFixed(0)} ms`;
}

/** Whole milliseconds with thousands grouped, for the 100,000-device rows: "3,544 ms". */
export function fmtWholeMs(n: number): string {
  return `${Math.round(n).toLocaleString()} ms`;
}

export function fmtRatio(r: number): string {
  return Number.isFinite(r) ? `${r.toFixed(2)}×` : '–';
}

/** "IQR 1.9–2.2×": how much the per-round ratio moved. */
export function fmtSpread(p: Pair): string {
  return `ratio IQR ${p.spread[0].toFixed(2)}–${p.spread[1].toFixed(2)}×`;
}

/** Median time of `fn` over `runs` rounds (after one untimed round), for a reference figure. */
export function medianTime(runs: number, fn: () => unknown): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(once(fn));
  return median(times);
}
