import os from "node:os";
import { describe, expect, it } from "vitest";
import { whatIfInPool } from "./pool";
import { seedScenario } from "./testing";
import { clearWhatIfCache, computeWhatIf } from "./what-if";

describe("what-if in the worker pool", () => {
  it("answers what the model computes in process, and keeps the answer", async () => {
    clearWhatIfCache();
    const scenario = { ...seedScenario(), seeds: 7 };
    const pooled = await whatIfInPool(scenario);
    const here = computeWhatIf(scenario);
    expect({ ...pooled, computeMs: 0 }).toEqual({ ...here, computeMs: 0 });
    expect(await whatIfInPool(structuredClone(scenario))).toBe(pooled);
  });

  it("lowers only the worker thread's CPU priority, never the server's", async () => {
    const before = os.getPriority();
    await whatIfInPool({ ...seedScenario(), seeds: 3 });
    expect(os.getPriority()).toBe(before);
  });
});
