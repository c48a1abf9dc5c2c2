import { describe, expect, it } from "vitest";
import { dataNeedsOfAll, evaluate, parseCriterion, type Expr } from "@/lib/criteria/core";
import { confirmProbeStatus } from "./confirm";

const NOW = new Date("2025-09-17T12:00:00.000Z");
const AT = "2025-09-17T11:59:55.000Z";

function parse(src: string): Expr {
  const r = parseCriterion(src);
  if (!r.ok) throw new Error(r.error.message);
  return r.ast;
}

const ast = parse('probe_status("backend-health") == "up" and probe_uptime("backend-health", 1h) >= 0.99');
const needs = dataNeedsOfAll([ast]);
const evidence = (status: string) => ({
  snapshot: {
    "probe_status|backend-health": { value: status, measuredAt: AT },
    "probe_uptime|backend-health|3600": { value: 1, measuredAt: AT },
  },
  problems: {},
});

describe("confirmProbeStatus", () => {
  it.each<[string, string, string | null, "pass" | "fail" | "unknown"]>([
    ["up, last attempt up", "up", "up", "pass"],
    ["up, but the last attempt failed", "up", "down", "unknown"],
    ["up, but the last attempt found nothing", "up", "missing", "unknown"],
    ["up, last attempt not known", "up", null, "unknown"],
    ["down stays down whatever the last attempt", "down", "up", "fail"],
    ["flapping stays a fail", "flapping", "up", "fail"],
  ])("%s → %s", (_name, status, last, result) => {
    const confirmed = confirmProbeStatus(needs, evidence(status), () => last);
    expect(evaluate(ast, confirmed.snapshot, NOW).result).toBe(result);
    // Other measurements are left as they were.
    expect(confirmed.snapshot["probe_uptime|backend-health|3600"]).toEqual({ value: 1, measuredAt: AT });
  });

  it("says why for engineers", () => {
    expect(confirmProbeStatus(needs, evidence("up"), () => "down").problems).toEqual({
      "probe_status|backend-health": 'its status is still "up", but the latest attempt was "down": not confirmed',
    });
  });
});
