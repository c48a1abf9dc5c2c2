import { describe, expect, it } from "vitest";
import { readInputs, SecondMemo } from "./memo";

describe("SecondMemo", () => {
  const series = [{ labels: {}, points: [] }];

  it("reuses a body for the same inputs within the same second of the clock, and only then", () => {
    const memo = new SecondMemo();
    let computed = 0;
    const compute = () => ({ n: ++computed });
    const inputs = readInputs([{ value: series, fetchedAt: 1_000, stale: false }]);
    const first = memo.get("k", inputs, 10_000, compute);
    expect(memo.get("k", readInputs([{ value: series, fetchedAt: 1_000, stale: false }]), 10_999, compute)).toBe(first);
    expect(computed).toBe(1);
    // The next second: ages have moved.
    expect(memo.get("k", inputs, 11_000, compute)).toEqual({ n: 2 });
  });

  it("misses when an answer is new (another object, even if equal), stale, or differently dated", () => {
    const memo = new SecondMemo();
    let computed = 0;
    const compute = () => ++computed;
    memo.get("k", readInputs([{ value: series, fetchedAt: 1_000, stale: false }]), 10_000, compute);
    expect(memo.get("k", readInputs([{ value: [...series], fetchedAt: 1_000, stale: false }]), 10_000, compute)).toBe(
      2,
    );
    expect(memo.get("k", readInputs([{ value: series, fetchedAt: 1_000, stale: true }]), 10_000, compute)).toBe(3);
    expect(memo.get("k", readInputs([{ value: series, fetchedAt: 2_000, stale: true }]), 10_000, compute)).toBe(4);
    expect(memo.get("other", readInputs([{ value: series, fetchedAt: 2_000, stale: true }]), 10_000, compute)).toBe(5);
  });

  it("keeps a bounded number of keys", () => {
    const memo = new SecondMemo();
    let computed = 0;
    for (let i = 0; i < 300; i++) memo.get(`k${i}`, [], 0, () => ++computed);
    memo.get("k299", [], 0, () => ++computed);
    expect(computed).toBe(300);
    memo.get("k0", [], 0, () => ++computed);
    expect(computed).toBe(301);
  });
});
