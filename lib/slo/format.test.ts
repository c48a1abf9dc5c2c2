import { describe, expect, it } from "vitest";
import { budgetLabel, budgetStatus, formatExhaustion } from "./format";

describe("SLO formatting", () => {
  it.each([
    [{ status: "unknown" } as const, "unknown (no start-ups to measure)"],
    [{ status: "exhausted" } as const, "exhausted"],
    [{ status: "never" } as const, "not at the current burn"],
    [{ status: "in", ms: 30 * 60_000 } as const, "in 30 min at the 1 h burn"],
    [{ status: "in", ms: 20_000 } as const, "in 1 min at the 1 h burn"],
    [{ status: "in", ms: 5 * 3_600_000 } as const, "in 5 h at the 1 h burn"],
    [{ status: "in", ms: 5.3 * 3_600_000 } as const, "in 5 h at the 1 h burn"],
    [{ status: "in", ms: 4 * 86_400_000 } as const, "in 4 d at the 1 h burn"],
  ])("%j → %s", (e, text) => expect(formatExhaustion(e)).toBe(text));

  it.each([
    [null, false, "unknown", "unknown"],
    [0.9, true, "unknown", "stale"],
    [0.9, false, "healthy", "within budget"],
    [0.1, false, "degraded", "budget low"],
    [0, false, "down", "budget exhausted"],
    [-3, false, "down", "budget exhausted"],
  ])("remaining %s stale %s → %s", (r, stale, status, label) => {
    expect(budgetStatus(r, stale)).toBe(status);
    expect(budgetLabel(r, stale)).toBe(label);
  });
});
