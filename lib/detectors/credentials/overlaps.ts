import type { Hit } from './hit';

/**
 * Removes overlapping hits, preferring the most specific format, then the longest span.
 * Hits are grouped into clusters of transitively overlapping spans (a linear sweep
 * after sorting), and only inside a small cluster are candidates compared with each other.
 */
export function resolveOverlaps(hits: Hit[]): Hit[] {
  const sorted = hits.filter((h) => h.end > h.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Hit[] = [];
  let k = 0;
  while (k < sorted.length) {
    let clusterEnd = sorted[k]!.end;
    let m = k + 1;
    while (m < sorted.length && sorted[m]!.start < clusterEnd) {
      clusterEnd = Math.max(clusterEnd, sorted[m]!.end);
      m++;
    }
    const cluster = sorted.slice(k, m);
    if (cluster.length === 1) {
      out.push(cluster[0]!);
    } else if (cluster.length > 64) {
      // Pathological chains of overlaps: keep the earliest of each overlap, in one pass.
      let last: Hit | undefined;
      for (const h of cluster) {
        if (last && h.start < last.end) continue;
        out.push(h);
        last = h;
      }
    } else {
      cluster.sort((a, b) => a.priority - b.priority || b.end - b.start - (a.end - a.start) || a.start - b.start);
      const kept: Hit[] = [];
      for (const h of cluster) if (!kept.some((x) => x.start < h.end && h.start < x.end)) kept.push(h);
      out.push(...kept);
    }
    k = m;
  }
  return out.sort((a, b) => a.start - b.start);
}
