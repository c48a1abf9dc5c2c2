import { describe, expect, it } from "vitest";
import { addSample, decodeHistogram, encodeHistogram, mergeInto, percentile, type Histogram } from "./histogram";

function fill(values: number[]): Histogram {
  const h: Histogram = new Map();
  values.forEach((v) => addSample(h, v));
  return h;
}

function exact(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

describe("latency histogram", () => {
  const values = Array.from({ length: 1000 }, (_, i) => 5 + ((i * 7919) % 997) * 1.7);

  it.each([50, 95, 99])("p%i is within 5%% of the exact percentile", (p) => {
    const got = percentile(fill(values), p);
    const want = exact(values, p);
    expect(got).not.toBeNull();
    expect(Math.abs((got ?? 0) - want) / want).toBeLessThan(0.05);
  });

  it("merging histograms equals filling one with all values", () => {
    const a = fill(values.slice(0, 400));
    mergeInto(a, fill(values.slice(400)));
    expect(encodeHistogram(a)).toBe(encodeHistogram(fill(values)));
  });

  it("round-trips through JSON and tolerates a corrupt cell", () => {
    const h = fill([1, 2, 3, 250, 3000]);
    expect(decodeHistogram(encodeHistogram(h))).toEqual(h);
    expect(decodeHistogram("not json").size).toBe(0);
  });

  it("is null when empty and never exceeds the true maximum", () => {
    expect(percentile(new Map(), 95)).toBeNull();
    expect(percentile(fill([100, 100, 100]), 99, 100)).toBe(100);
    expect(percentile(fill([0, 0.05]), 50)).toBe(0.1);
  });
});
