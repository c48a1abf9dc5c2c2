/**
 * Log-scale latency histograms, mergeable across roll-up buckets: bucket i holds values up to
 * 0.1 ms × 1.1^i, so a percentile read back is within ±5% (the bucket's geometric middle,
 * capped by the true maximum). Stored sparse as JSON {index: count}.
 */

const BASE_MS = 0.1;
const FACTOR = 1.1;
const LOG_FACTOR = Math.log(FACTOR);
/** 0.1 ms × 1.1^160 ≈ 41 min: far beyond any probe timeout. */
const MAX_INDEX = 160;

export type Histogram = Map<number, number>;

export function bucketIndex(ms: number): number {
  if (!(ms > BASE_MS)) return 0;
  return Math.min(MAX_INDEX, Math.ceil(Math.log(ms / BASE_MS) / LOG_FACTOR - 1e-9));
}

/** The value reported for a bucket: the geometric middle of its bounds. */
function bucketValue(index: number): number {
  if (index === 0) return BASE_MS;
  return BASE_MS * FACTOR ** (index - 0.5);
}

export function addSample(h: Histogram, ms: number, count = 1): void {
  const i = bucketIndex(ms);
  h.set(i, (h.get(i) ?? 0) + count);
}

export function mergeInto(target: Histogram, source: Histogram): void {
  for (const [i, c] of source) target.set(i, (target.get(i) ?? 0) + c);
}

export function encodeHistogram(h: Histogram): string {
  return JSON.stringify(Object.fromEntries([...h].sort((a, b) => a[0] - b[0])));
}

export function decodeHistogram(text: string): Histogram {
  const h: Histogram = new Map();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return h;
  }
  if (parsed && typeof parsed === "object") {
    for (const [k, v] of Object.entries(parsed)) if (typeof v === "number" && v > 0) h.set(Number(k), v);
  }
  return h;
}

/** The p-th percentile (0..100), never above the largest value seen; null for an empty histogram. */
export function percentile(h: Histogram, p: number, maxMs = Infinity): number | null {
  let total = 0;
  for (const c of h.values()) total += c;
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const i of [...h.keys()].sort((a, b) => a - b)) {
    seen += h.get(i) ?? 0;
    if (seen >= rank) return Math.min(bucketValue(i), maxMs);
  }
  return Math.min(bucketValue(MAX_INDEX), maxMs);
}
