import type { BucketOptions } from "./model";
import type { Dist } from "./types";

/**
 * Distribution values as Cloud Monitoring stores them: bucket 0 is the underflow bucket,
 * buckets 1..N are the finite ones, N+1 the overflow; trailing empty buckets are omitted.
 */

const boundsCache = new WeakMap<BucketOptions, number[]>();

/** The N+1 finite bucket boundaries (memoised per options object: catalogue entries are shared). */
export function bucketBounds(options: BucketOptions): number[] {
  let bounds = boundsCache.get(options);
  if (!bounds) {
    bounds = computeBounds(options);
    boundsCache.set(options, bounds);
  }
  return bounds;
}

function computeBounds(options: BucketOptions): number[] {
  if ("exponentialBuckets" in options) {
    const { numFiniteBuckets: n, growthFactor: g, scale } = options.exponentialBuckets;
    return Array.from({ length: n + 1 }, (_, i) => scale * g ** i);
  }
  if ("linearBuckets" in options) {
    const { numFiniteBuckets: n, width, offset } = options.linearBuckets;
    return Array.from({ length: n + 1 }, (_, i) => offset + width * i);
  }
  return [...options.explicitBuckets.bounds];
}

function bucketIndex(bounds: number[], value: number): number {
  if (value < (bounds[0] ?? 0)) return 0;
  let lo = 0;
  let hi = bounds.length - 1;
  if (value >= (bounds[hi] ?? 0)) return bounds.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (value >= (bounds[mid] ?? 0)) lo = mid;
    else hi = mid;
  }
  return lo + 1;
}

function trim(counts: number[]): number[] {
  let end = counts.length;
  while (end > 0 && counts[end - 1] === 0) end--;
  return counts.slice(0, end);
}

export function distributionOf(values: number[], options: BucketOptions, bounds = bucketBounds(options)): Dist {
  const counts = new Array<number>(bounds.length + 1).fill(0);
  let sum = 0;
  for (const v of values) {
    const i = bucketIndex(bounds, v);
    counts[i] = (counts[i] ?? 0) + 1;
    sum += v;
  }
  const mean = values.length ? sum / values.length : 0;
  let ssd = 0;
  for (const v of values) ssd += (v - mean) ** 2;
  return { count: values.length, mean, ssd, bucketCounts: trim(counts), options };
}

export function mergeDistributions(dists: Dist[]): Dist | null {
  const first = dists[0];
  if (!first) return null;
  if (dists.length === 1) return first;
  const count = dists.reduce((n, d) => n + d.count, 0);
  const mean = count ? dists.reduce((s, d) => s + d.count * d.mean, 0) / count : 0;
  const ssd = dists.reduce((s, d) => s + d.ssd + d.count * (d.mean - mean) ** 2, 0);
  const length = Math.max(...dists.map((d) => d.bucketCounts.length));
  const counts = new Array<number>(length).fill(0);
  for (const d of dists) d.bucketCounts.forEach((c, i) => (counts[i] = (counts[i] ?? 0) + c));
  return { count, mean, ssd, bucketCounts: trim(counts), options: first.options };
}

/** The p-th percentile (0–100), interpolated linearly inside the bucket that holds it. */
export function distributionPercentile(dist: Dist, p: number): number | null {
  if (dist.count === 0) return null;
  const bounds = bucketBounds(dist.options);
  const rank = (p / 100) * dist.count;
  let seen = 0;
  for (let i = 0; i < dist.bucketCounts.length; i++) {
    const inBucket = dist.bucketCounts[i] ?? 0;
    if (inBucket > 0 && seen + inBucket >= rank) {
      if (i === 0) return bounds[0] ?? 0;
      if (i > bounds.length - 1) return bounds[bounds.length - 1] ?? 0;
      const lo = bounds[i - 1] ?? 0;
      const hi = bounds[i] ?? lo;
      return lo + ((hi - lo) * Math.max(0, rank - seen)) / inBucket;
    }
    seen += inBucket;
  }
  return bounds[bounds.length - 1] ?? 0;
}
