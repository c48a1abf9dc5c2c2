import type { protos } from "@google-cloud/monitoring";
import { parseInt64 } from "./int64";

type Distribution = protos.google.api.IDistribution;
type Long = { toString(): string };

function count(raw: number | string | Long | null | undefined): number {
  if (raw === null || raw === undefined) return 0;
  return parseInt64(typeof raw === "object" ? raw.toString() : raw)?.value ?? 0;
}

/**
 * Bucket i's [lower, upper) bounds for the three bucket layouts Cloud Monitoring uses.
 * Bucket 0 is the underflow (−∞, first bound) and the last is the overflow [last bound, +∞);
 * `bucketCounts` may be shorter than the layout (trailing zero buckets are omitted).
 * See google/api/distribution.proto.
 */
export function bucketBounds(
  options: protos.google.api.Distribution.IBucketOptions | null | undefined,
): ((i: number) => [number, number]) | null {
  if (!options) return null;
  if (options.linearBuckets) {
    const n = options.linearBuckets.numFiniteBuckets ?? 0;
    const width = options.linearBuckets.width ?? 0;
    const offset = options.linearBuckets.offset ?? 0;
    const edge = (k: number) => offset + width * k;
    return (i) => [i === 0 ? -Infinity : edge(i - 1), i > n ? Infinity : edge(i)];
  }
  if (options.exponentialBuckets) {
    const n = options.exponentialBuckets.numFiniteBuckets ?? 0;
    const growth = options.exponentialBuckets.growthFactor ?? 1;
    const scale = options.exponentialBuckets.scale ?? 1;
    const edge = (k: number) => scale * growth ** k;
    return (i) => [i === 0 ? -Infinity : edge(i - 1), i > n ? Infinity : edge(i)];
  }
  if (options.explicitBuckets) {
    const bounds = options.explicitBuckets.bounds ?? [];
    return (i) => [
      i === 0 ? -Infinity : (bounds[i - 1] ?? Infinity),
      i >= bounds.length ? Infinity : (bounds[i] ?? Infinity),
    ];
  }
  return null;
}

/**
 * The p-th percentile (0–100) of a distribution, by linear interpolation inside the bucket
 * that holds the rank — the way Cloud Monitoring's ALIGN_PERCENTILE_* estimates it.
 * Buckets are narrowed to the recorded min/max when present; open-ended buckets without a
 * range collapse to their finite edge. Returns null for an empty distribution: no samples is not "0 ms".
 */
export function percentile(dist: Distribution | null | undefined, p: number): number | null {
  if (!dist) return null;
  const total = count(dist.count);
  const counts = (dist.bucketCounts ?? []).map(count);
  const bounds = bucketBounds(dist.bucketOptions);
  if (total <= 0 || !bounds || counts.length === 0) return null;
  const rank = (Math.min(100, Math.max(0, p)) / 100) * total;
  const min = dist.range?.min ?? null;
  const max = dist.range?.max ?? null;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] ?? 0;
    if (c === 0) continue;
    if (seen + c >= rank) {
      let [lo, hi] = bounds(i);
      // The recorded range narrows any bucket it cuts into, and closes the open-ended ones.
      if (min !== null && max !== null && min <= max) {
        lo = Math.min(Math.max(lo, min), hi);
        hi = Math.max(Math.min(hi, max), lo);
      }
      if (!Number.isFinite(lo)) lo = hi;
      if (!Number.isFinite(hi)) hi = lo;
      const fraction = Math.max(0, rank - seen) / c;
      return lo + fraction * (hi - lo);
    }
    seen += c;
  }
  // Rounding left the rank past the last non-empty bucket: answer its upper edge.
  const last = counts.findLastIndex((c) => c > 0);
  const [lo, hi] = bounds(last);
  return Number.isFinite(hi) ? hi : (max ?? lo);
}
