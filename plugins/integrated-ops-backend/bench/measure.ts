import { performance } from 'perf_hooks';

export interface Timing {
  n: number;
  p50: number;
  p99: number;
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
  samples.sort((a, b) => a - b);
  const at = (p: number) => samples[Math.min(n - 1, Math.floor(p * n))];
  return { n, p50: at(0.5), p99: at(0.99) };
}

export const formatMs = (ms: number) =>
  ms < 0.1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`;

/** A markdown table of timings. */
export function timingTable(
  rows: { query: string; path: string; timing: Timing; calls?: number }[],
): string {
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
