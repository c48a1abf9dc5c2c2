import { describe, expect, it } from "vitest";
import { parseCriterion, type Expr } from "@/lib/criteria/core";
import { maxAgeFor } from "./max-age";

function ast(text: string): Expr {
  const p = parseCriterion(text);
  if (!p.ok) throw new Error(p.error.message);
  return p.ast;
}

describe("maxAgeFor", () => {
  it("is 10 minutes for short windows and grows with the alignment of long ones", () => {
    expect(maxAgeFor(ast("startup_success_rate(all, 1h) > 0.95"))).toBe(600);
    expect(maxAgeFor(ast('probe_status("x") == "up"'))).toBe(600);
    // 7 days are read in 1-hour periods: two periods plus ingestion.
    expect(maxAgeFor(ast("startup_success_rate(all, 7d) > 0.95"))).toBe(2 * 3600 + 180);
  });
});
