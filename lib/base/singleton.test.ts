import { describe, expect, it, vi } from "vitest";

import { processPromise, processSingleton, processSlot } from "./singleton";

describe("processSingleton", () => {
  it("creates once and returns the same value after", () => {
    const create = vi.fn(() => ({ n: 1 }));
    const a = processSingleton("test-once", create);
    const b = processSingleton("test-once", create);
    expect(b).toBe(a);
    expect(create).toHaveBeenCalledTimes(1);
  });

  it("survives a fresh load of the module, as Next's bundles and hot reload do", async () => {
    const first = processSingleton("test-reload", () => ({}));
    vi.resetModules();
    const again = await import("./singleton");
    expect(again.processSingleton("test-reload", () => ({ other: true }))).toBe(first);
  });

  it("keeps keys apart", () => {
    expect(processSingleton("test-a", () => "a")).toBe("a");
    expect(processSingleton("test-b", () => "b")).toBe("b");
  });
});

describe("processSlot", () => {
  it("holds, replaces and drops a value", () => {
    const slot = processSlot<number>("test-slot");
    expect(slot.get()).toBeUndefined();
    slot.set(1);
    slot.set(2);
    expect(processSlot<number>("test-slot").get()).toBe(2);
    slot.clear();
    expect(slot.get()).toBeUndefined();
  });
});

describe("processPromise", () => {
  it("shares one promise between callers", async () => {
    const create = vi.fn(async () => 7);
    const [a, b] = [processPromise("test-shared", create), processPromise("test-shared", create)];
    expect(a).toBe(b);
    expect(await a).toBe(7);
    expect(create).toHaveBeenCalledTimes(1);
  });

  it("forgets a rejection so the next caller tries again", async () => {
    let calls = 0;
    const create = async () => {
      calls += 1;
      if (calls === 1) throw new Error("not up yet");
      return "open";
    };
    await expect(processPromise("test-retry", create)).rejects.toThrow("not up yet");
    expect(await processPromise("test-retry", create)).toBe("open");
    expect(await processPromise("test-retry", create)).toBe("open");
    expect(calls).toBe(2);
  });
});
