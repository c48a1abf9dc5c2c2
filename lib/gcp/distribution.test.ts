import { describe, expect, it } from "vitest";
import { bucketBounds, percentile } from "./distribution";

describe("bucketBounds", () => {
  it.each([
    [
      "linear",
      { linearBuckets: { numFiniteBuckets: 3, width: 10, offset: 5 } },
      [
        [-Infinity, 5],
        [5, 15],
        [15, 25],
        [25, 35],
        [35, Infinity],
      ],
    ],
    [
      "exponential",
      { exponentialBuckets: { numFiniteBuckets: 3, growthFactor: 2, scale: 1 } },
      [
        [-Infinity, 1],
        [1, 2],
        [2, 4],
        [4, 8],
        [8, Infinity],
      ],
    ],
    [
      "explicit",
      { explicitBuckets: { bounds: [0, 100, 250] } },
      [
        [-Infinity, 0],
        [0, 100],
        [100, 250],
        [250, Infinity],
      ],
    ],
  ])("%s layout", (_name, options, expected) => {
    const bounds = bucketBounds(options);
    expect(bounds).not.toBeNull();
    expect(expected.map((_, i) => bounds?.(i))).toEqual(expected);
  });

  it("returns null without a layout", () => expect(bucketBounds({})).toBeNull());
});

describe("percentile", () => {
  const explicit = { explicitBuckets: { bounds: [0, 100, 200, 400] } };
  it.each([
    // 10 samples in [100, 200): p50 is halfway through that bucket.
    ["explicit, one bucket", { count: "10", bucketOptions: explicit, bucketCounts: ["0", "0", "10"] }, 50, 150],
    [
      "explicit, p95 in the top bucket",
      { count: "20", bucketOptions: explicit, bucketCounts: ["0", "10", "0", "10"] },
      95,
      380,
    ],
    // Linear 0,10,20…: 4 in [0,10), 4 in [10,20), 2 in [20,30); p90 = rank 9 → 20 + 1/2·10.
    [
      "linear",
      {
        count: "10",
        bucketOptions: { linearBuckets: { numFiniteBuckets: 5, width: 10, offset: 0 } },
        bucketCounts: ["0", "4", "4", "2"],
      },
      90,
      25,
    ],
    // Exponential 1,2,4,8,16: all 8 samples in [4, 8): p25 = rank 2 → 4 + 2/8·4.
    [
      "exponential",
      {
        count: "8",
        bucketOptions: { exponentialBuckets: { numFiniteBuckets: 6, growthFactor: 2, scale: 1 } },
        bucketCounts: ["0", "0", "0", "8"],
      },
      25,
      5,
    ],
    // Overflow bucket [400, ∞) narrowed to the recorded [450, 900]: p50 = rank 2 of 4 → 450 + ½·450.
    [
      "overflow uses range.max",
      { count: "4", range: { min: 450, max: 900 }, bucketOptions: explicit, bucketCounts: ["0", "0", "0", "0", "4"] },
      50,
      675,
    ],
    [
      "overflow without range answers its edge",
      { count: "4", bucketOptions: explicit, bucketCounts: ["0", "0", "0", "0", "4"] },
      99,
      400,
    ],
    [
      "underflow narrowed to range [-10, -2]",
      { count: "2", range: { min: -10, max: -2 }, bucketOptions: explicit, bucketCounts: ["2"] },
      50,
      -6,
    ],
  ])("%s", (_name, dist, p, expected) => {
    expect(percentile(dist, p)).toBeCloseTo(expected, 9);
  });

  it.each([
    ["empty", { count: "0", bucketOptions: explicit, bucketCounts: [] }],
    ["no layout", { count: "3", bucketCounts: ["3"] }],
    ["missing", null],
  ])("%s distribution → null, never 0", (_name, dist) => expect(percentile(dist, 50)).toBeNull());
});
