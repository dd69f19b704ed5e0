/**
 * The nearest-rank percentile of ascending values (p in (0, 100]): the
 * smallest value with at least p% of the values at or below it. 0 for none.
 *
 * @public
 */
export function nearestRank(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}
