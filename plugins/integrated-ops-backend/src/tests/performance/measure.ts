import { performance } from 'perf_hooks';

export interface Timing {
  n: number;
  p50: number;
  p99: number;
  /** The tail beyond p99, printed on stderr: p90, p99.9, max; and p95. */
  tail: { p90: number; p95: number; p999: number; max: number };
}

/** Percentiles of samples in milliseconds. */
export function summarise(samples: number[]): Timing {
  const sorted = samples.sort((a, b) => a - b);
  const n = sorted.length;
  const at = (p: number) => sorted[Math.min(n - 1, Math.floor(p * n))];
  return {
    n,
    p50: at(0.5),
    p99: at(0.99),
    tail: { p90: at(0.9), p95: at(0.95), p999: at(0.999), max: sorted[n - 1] },
  };
}

/** Runs fn n times, one after another, and returns p50/p99 in milliseconds. */
export async function time(
  n: number,
  fn: (i: number) => unknown,
): Promise<Timing> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  return summarise(samples);
}

/**
 * Runs several kinds of call in turn (a, b, c, a, b, c, ...), n of each, and
 * returns p50/p99 per kind. Taking turns spreads garbage-collection pauses
 * and JIT warm-up over every kind instead of charging them to whichever is
 * measured first.
 */
export async function timeInterleaved<K extends string>(
  n: number,
  fns: Record<K, (i: number) => unknown>,
): Promise<Record<K, Timing>> {
  const kinds = Object.keys(fns) as K[];
  const samples = Object.fromEntries(
    kinds.map(k => [k, [] as number[]]),
  ) as Record<K, number[]>;
  for (let i = 0; i < n; i++) {
    for (const kind of kinds) {
      const t = performance.now();
      await fns[kind](i);
      samples[kind].push(performance.now() - t);
    }
  }
  const result = {} as Record<K, Timing>;
  for (const kind of kinds) result[kind] = summarise(samples[kind]);
  return result;
}

export const formatMs = (ms: number) =>
  ms < 0.1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`;

/** One line of the printed table. */
export interface TimingRow {
  query: string;
  path: string;
  timing: Timing;
  calls?: number;
}

/** A markdown table of timings. */
export function timingTable(rows: TimingRow[]): string {
  const lines = [
    '| query | path | n | p50 | p99 | catalog calls per answer |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const { query, path, timing, calls } of rows) {
    lines.push(
      `| ${query} | ${path} | ${timing.n} | ${formatMs(
        timing.p50,
      )} | ${formatMs(timing.p99)} | ${
        calls === undefined ? '' : calls.toFixed(1)
      } |`,
    );
  }
  return lines.join('\n');
}
