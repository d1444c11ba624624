/**
 * A sorted array of keys, for the range reads etcd gives the apiserver: everything under a
 * prefix, in key order, from a start key on. JavaScript compares UTF-16 code units where etcd
 * compares bytes; the two orders agree for the ASCII names Kubernetes allows.
 */

/** Index of the first key >= k. */
export function lowerBound(keys: readonly string[], k: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function insertKey(keys: string[], k: string): void {
  const i = lowerBound(keys, k);
  if (keys[i] !== k) keys.splice(i, 0, k);
}

export function removeKey(keys: string[], k: string): void {
  const i = lowerBound(keys, k);
  if (keys[i] === k) keys.splice(i, 1);
}

/** The index range [start, end) of the keys under `prefix`, beginning at `from` when given. */
export function prefixRange(keys: readonly string[], prefix: string, from?: string): [number, number] {
  const start = lowerBound(keys, from !== undefined && from > prefix ? from : prefix);
  // Keys under a prefix are contiguous and sort before prefix + U+FFFF.
  const end = Math.max(start, lowerBound(keys, `${prefix}\uffff`));
  return [start, end];
}
