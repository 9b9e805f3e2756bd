/**
 * What the event-loop stalls of a benchmark window were made of (#17 item 1): each gap of the loop
 * (a 1 ms timer that fired late), the CPU this process used during it (all its threads, so a gap with
 * little CPU is time the OS gave to other processes: the machine has 2 cores and other work runs),
 * and the garbage-collection pauses inside it (PerformanceObserver 'gc'). Figures, never asserted.
 */
import { constants, performance, PerformanceObserver, type PerformanceEntry } from 'perf_hooks';

export interface Gap {
  at: number;
  ms: number;
  cpuMs: number;
  gcMs: number;
}

export interface StallReport {
  /** Gaps of the loop over `thresholdMs`, longest first. */
  gaps: Gap[];
  /** The longest gap of all, over the threshold or not. */
  longest?: Gap;
  /** The longest collector pause and its kind. */
  gcLongest: { ms: number; kind: string };
  gcTotalMs: number;
}

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental marking',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
};

export function watchStalls(thresholdMs = 50): { stop(): StallReport } {
  const gaps: Gap[] = [];
  let longestGap: Gap | undefined;
  const gcs: PerformanceEntry[] = [];
  const obs = new PerformanceObserver(list => gcs.push(...list.getEntries()));
  obs.observe({ entryTypes: ['gc'] });
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    const now = performance.now();
    const cpu = process.cpuUsage();
    const ms = now - last;
    if (ms > thresholdMs || ms > (longestGap?.ms ?? 0)) {
      const gap = { at: last, ms, cpuMs: (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000, gcMs: 0 };
      if (ms > thresholdMs) gaps.push(gap);
      if (ms > (longestGap?.ms ?? 0)) longestGap = gap;
    }
    last = now;
    lastCpu = cpu;
    timer = setTimeout(tick, 1);
  };
  timer = setTimeout(tick, 1);
  return {
    stop() {
      clearTimeout(timer);
      gcs.push(...obs.takeRecords()); // entries not yet delivered to the callback
      obs.disconnect();
      let longest = { ms: 0, kind: '' };
      let total = 0;
      // The gaps over the threshold and the longest gap, whose GC share is reported.
      const measured = longestGap && !gaps.includes(longestGap) ? [...gaps, longestGap] : gaps;
      for (const e of gcs) {
        total += e.duration;
        if (e.duration > longest.ms) longest = { ms: e.duration, kind: GC_KINDS[(e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? -1] ?? 'gc' };
        for (const g of measured) {
          const overlap = Math.min(g.at + g.ms, e.startTime + e.duration) - Math.max(g.at, e.startTime);
          if (overlap > 0) g.gcMs += overlap;
        }
      }
      return { gaps: gaps.sort((a, b) => b.ms - a.ms), longest: longestGap, gcLongest: longest, gcTotalMs: total };
    },
  };
}

/** "3 gaps over 50 ms; longest 120 ms: 35 ms on CPU, 80 ms in GC" for the table. */
export function describeStalls(r: StallReport, thresholdMs = 50): string {
  const g = r.longest;
  const longest = g ? `; longest ${g.ms.toFixed(0)} ms: ${g.cpuMs.toFixed(0)} ms on CPU (all threads), ${g.gcMs.toFixed(0)} ms in GC` : '';
  return `${r.gaps.length} gaps over ${thresholdMs} ms${longest}; longest GC pause ${r.gcLongest.ms.toFixed(0)} ms (${r.gcLongest.kind}), GC ${r.gcTotalMs.toFixed(0)} ms in all`;
}
