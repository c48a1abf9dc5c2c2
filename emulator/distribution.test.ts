import { describe, expect, it } from "vitest";
import { bucketBounds, distributionOf, distributionPercentile, mergeDistributions } from "./distribution";

describe("distribution values", () => {
  it.each([
    [{ exponentialBuckets: { numFiniteBuckets: 3, growthFactor: 2, scale: 1 } }, [1, 2, 4, 8]],
    [{ linearBuckets: { numFiniteBuckets: 2, width: 5, offset: 10 } }, [10, 15, 20]],
    [{ explicitBuckets: { bounds: [0, 1, 10] } }, [0, 1, 10]],
  ])("bounds of %o", (options, bounds) => {
    expect(bucketBounds(options)).toEqual(bounds);
  });

  it("counts values into underflow, finite and overflow buckets and trims trailing zeros", () => {
    const options = { explicitBuckets: { bounds: [0, 10, 20, 30] } };
    expect(distributionOf([-1, 5, 15, 15], options)).toMatchObject({ count: 4, mean: 8.5, bucketCounts: [1, 1, 2] });
    expect(distributionOf([35], options).bucketCounts).toEqual([0, 0, 0, 0, 1]);
  });

  it("merging keeps count, mean and the sum of squared deviations exact", () => {
    const options = { linearBuckets: { numFiniteBuckets: 10, width: 1, offset: 0 } };
    const a = [1, 2, 3];
    const b = [7, 9];
    const merged = mergeDistributions([distributionOf(a, options), distributionOf(b, options)]);
    const direct = distributionOf([...a, ...b], options);
    expect(merged?.count).toBe(5);
    expect(merged?.mean).toBeCloseTo(direct.mean, 12);
    expect(merged?.ssd).toBeCloseTo(direct.ssd, 9);
    expect(merged?.bucketCounts).toEqual(direct.bucketCounts);
  });

  it.each([
    [50, 15],
    [25, 12.5],
    [100, 20],
  ])("percentile %i interpolates inside the bucket", (p, expected) => {
    // Ten values in [10, 20): the p-th percentile is 10 + p% of the bucket width.
    const d = distributionOf(
      Array.from({ length: 10 }, (_, i) => 10 + i),
      { explicitBuckets: { bounds: [0, 10, 20] } },
    );
    expect(distributionPercentile(d, p)).toBeCloseTo(expected, 9);
  });

  it("has no percentile for an empty distribution", () => {
    expect(distributionPercentile(distributionOf([], { explicitBuckets: { bounds: [0, 1] } }), 50)).toBeNull();
  });
});
