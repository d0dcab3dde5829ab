/**
 * Questions about sorted lists of text offsets (anchor positions, word
 * positions, blank lines), answered by binary search.
 */

/** Index of the first value ≥ x (the list's length when there is none). */
export function firstAtOrAfter(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether the list has a value in [from, to). */
export function hasValueIn(sorted: ArrayLike<number>, from: number, to: number): boolean {
  const i = firstAtOrAfter(sorted, from);
  return i < sorted.length && sorted[i]! < to;
}
