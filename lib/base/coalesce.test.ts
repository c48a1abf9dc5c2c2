import { describe, expect, it } from "vitest";

import { Coalescer } from "./coalesce";

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("Coalescer", () => {
  it("shares one run between callers of the same key while it is on its way", async () => {
    const c = new Coalescer<string, number>();
    const d = deferred<number>();
    let starts = 0;
    const start = () => {
      starts += 1;
      return d.promise;
    };
    const a = c.run("k", start);
    const b = c.run("k", start);
    expect(b).toBe(a);
    expect(c.current("k")).toBe(a);
    d.resolve(3);
    expect(await Promise.all([a, b])).toEqual([3, 3]);
    expect(starts).toBe(1);
  });

  it("keeps keys apart", async () => {
    const c = new Coalescer<string, string>();
    const [a, b] = [c.run("a", async () => "A"), c.run("b", async () => "B")];
    expect(await Promise.all([a, b])).toEqual(["A", "B"]);
  });

  it("forgets a settled run, a failure included, so the next call starts afresh", async () => {
    const c = new Coalescer<string, number>();
    await expect(c.run("k", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(c.current("k")).toBeUndefined();
    expect(await c.run("k", async () => 2)).toBe(2);
    expect(c.current("k")).toBeUndefined();
    expect(await c.run("k", async () => 5)).toBe(5);
  });
});
