import { describe, expect, it } from "vitest";
import type { ProbeEvidence } from "@/lib/probes/core/evidence";
import { probeEvidence } from "@/lib/metrics/core/testing";
import { stateSeverity } from "@/lib/notifications/core/routing";
import { rehearsalEvent, rehearsalState } from "./rehearsal-alerts";

const evidence = (status: ProbeEvidence["status"], stale: boolean): ProbeEvidence =>
  probeEvidence("demo-rehearsal", status, { stale, lastError: status === "down" ? "step 3 timed out" : null });

describe("a demo rehearsal's state as alerted", () => {
  it.each([
    ["up", false, "passed", "info"],
    ["down", false, "failed", "ticket"],
    ["missing", false, "failed", "ticket"],
    ["unknown", false, "unknown", "ticket"],
    // An old pass no longer says anything about now.
    ["up", true, "unknown", "ticket"],
    ["down", true, "unknown", "ticket"],
    // Flapping (or a state this code does not know) is kept as it is: a ticket, never info.
    ["flapping", false, "flapping", "ticket"],
  ] as const)("probe %s (stale %s) → %s, a %s", (status, stale, state, severity) => {
    expect(rehearsalState(evidence(status, stale))).toBe(state);
    expect(stateSeverity("rehearsal", state)).toBe(severity);
  });

  it("without a run that agrees, the words come from the probe", () => {
    const e = rehearsalEvent("rehearsal:demo-rehearsal#2", "passed", evidence("down", false), null, 0, null);
    expect(e).toMatchObject({
      event: "rehearsal.changed",
      subject: "rehearsal:demo-rehearsal",
      from: "passed",
      to: "failed",
      reasons: ["Demo rehearsal demo-rehearsal failed: step 3 timed out."],
      url: null,
    });
  });
});
