import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseStagingConfig } from "@/lib/config/staging-config";
import { effectiveStatus } from "./gates";
import { phase } from "./testing";
import type { PhaseStatus } from "./types";

const infra = (status: PhaseStatus) =>
  phase({ id: "infrastructure", order: 1, name: "Infrastructure Resolution", status });

describe("effectiveStatus: the gate", () => {
  it.each<[PhaseStatus, PhaseStatus, PhaseStatus, string | undefined]>([
    // [gate phase status, own stored status, effective status, reason]
    ["active", "active", "held", "held: waits for Infrastructure Resolution (phase 1) to be done"],
    ["active", "not-started", "held", "held: waits for Infrastructure Resolution (phase 1) to be done"],
    ["active", "held", "held", "held: waits for Infrastructure Resolution (phase 1) to be done"],
    ["blocked", "active", "held", "held: waits for Infrastructure Resolution (phase 1) to be done"],
    ["active", "blocked", "blocked", "marked blocked"],
    ["active", "done", "done", undefined],
    ["done", "active", "active", undefined],
    ["done", "not-started", "not-started", undefined],
    ["done", "held", "held", "on hold, although Infrastructure Resolution (phase 1) is done"],
    ["done", "done", "done", undefined],
  ])("gate %s, phase %s → %s", (gateStatus, own, status, reason) => {
    const cleanup = phase({ id: "cleanup", order: 2, status: own, startsAfter: "infrastructure" });
    const e = effectiveStatus(cleanup, [infra(gateStatus), cleanup]);
    expect(e.status).toBe(status);
    expect(e.reason).toBe(reason);
    expect(e.gate?.open).toBe(gateStatus === "done");
  });

  it("a phase without a gate keeps its status", () => {
    expect(effectiveStatus(infra("active"), [infra("active")])).toEqual({ status: "active", gate: null });
    expect(effectiveStatus(infra("held"), [infra("held")]).reason).toBe("on hold");
  });

  it("a gate on an unknown phase stays closed", () => {
    const p = phase({ id: "x", startsAfter: "nowhere" });
    expect(effectiveStatus(p, [p])).toMatchObject({
      status: "held",
      reason: 'held: waits for an unknown phase "nowhere"',
    });
  });

  it("gates that form a cycle do not loop", () => {
    const a = phase({ id: "a", startsAfter: "b" });
    const b = phase({ id: "b", startsAfter: "a" });
    expect(effectiveStatus(a, [a, b]).status).toBe("held");
  });

  it("the seed: phase 2 and 3 are held by their gates", () => {
    const file = path.join(process.cwd(), "staging.config.json");
    const { phases } = parseStagingConfig(readFileSync(file, "utf8"), file, {}).incident;
    expect(phases.map((p) => effectiveStatus(p, phases).status)).toEqual(["active", "held", "held"]);
    expect(phases.map((p) => effectiveStatus(p, phases).reason)).toEqual([
      undefined,
      "held: waits for Infrastructure Resolution (phase 1) to be done",
      "held: waits for Application Cleanup (phase 2) to be done",
    ]);
  });
});
