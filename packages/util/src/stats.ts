/**
 * The arithmetic the benchmarks report with (packages/pki/bench, kube-apiserver/bench,
 * kube-controller-manager/bench): the median of rounds or runs, and nearest-rank quantiles of
 * one round's latencies. Pure; nothing here times anything.
 */

/** The value at quantile q (0…1) of `values`, nearest rank on the sorted values; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

/** The median; the mean of the two middle values for an even count. NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
