import { PerformanceObserver } from 'perf_hooks';

export interface GcSummary {
  count: number;
  totalMs: number;
  maxMs: number;
  over2ms: number;
}

/** Records garbage-collection pauses from now until the returned function is called. */
export function watchGc(): () => GcSummary {
  const durations: number[] = [];
  const observer = new PerformanceObserver(list => {
    for (const entry of list.getEntries()) durations.push(entry.duration);
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => {
    observer.disconnect();
    return {
      count: durations.length,
      totalMs: durations.reduce((a, b) => a + b, 0),
      maxMs: Math.max(0, ...durations),
      over2ms: durations.filter(d => d > 2).length,
    };
  };
}
