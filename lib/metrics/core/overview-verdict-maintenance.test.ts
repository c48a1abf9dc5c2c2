import { figuresAt, healthyVerdictInput, measuredBefore, probeEvidence } from "@/lib/metrics/core/testing";
import { describe, expect, it } from "vitest";
import type { ProbeStatus } from "@/lib/probes/core/types";
import { unknownFigure } from "@/lib/core/figure";
import type { MaintenanceWindow } from "@/lib/config/core/maintenance/types";
import { overviewVerdict, type VerdictInput, type VerdictStatus } from "./overview-verdict";
import { type ProbeEvidence } from "@/lib/probes/core/evidence";

/**
 * The Overview verdict during and outside maintenance windows: a window is shown beside the
 * evidence and never turns anything unknown or failing into healthy; a finding outside the
 * window still decides the verdict.
 */

const now = Date.UTC(2026, 11, 7, 10);
const { fresh, old } = figuresAt(now);

const probe = (name: string, status: ProbeStatus, o: Partial<ProbeEvidence> = {}): ProbeEvidence =>
  probeEvidence(name, status, { ...measuredBefore(now), service: "backend", ...o });

const window = (scope: MaintenanceWindow["scope"], from = -30, to = 30): MaintenanceWindow => ({
  id: `w-${scope}`,
  scope,
  reason: "Connector migration",
  startsAt: now + from * 60_000,
  endsAt: now + to * 60_000,
  createdBy: "engineer",
  source: "api",
  recurrence: null,
  endedEarly: null,
});

const good: VerdictInput = healthyVerdictInput(now, [
  probe("backend-health", "up"),
  probe("auth-health", "up", { service: "auth" }),
]);
const backendDown = [probe("backend-health", "down", { lastError: "HTTP 503" }), good.probes[1] as ProbeEvidence];
const backendStale = [probe("backend-health", "up", { stale: true }), good.probes[1] as ProbeEvidence];
const backendMissing = [
  probe("backend-health", "unknown", { stale: true, checkedAt: null, staleAfter: null }),
  good.probes[1] as ProbeEvidence,
];

describe("overviewVerdict in maintenance", () => {
  it.each<[string, Partial<VerdictInput>, MaintenanceWindow[], VerdictStatus]>([
    // Outside any window, nothing changes.
    ["no window, all good", {}, [], "healthy"],
    ["no window, probe down", { probes: backendDown }, [], "down"],
    ["a window that ended", { probes: backendDown }, [window("probe:backend-health", -60, 0)], "down"],
    ["a window not yet begun", {}, [window("everything", 1, 60)], "healthy"],
    // A window covering an input: maintenance, never healthy — whatever the input says.
    ["probe window, all good", {}, [window("probe:backend-health")], "maintenance"],
    ["probe window, probe down", { probes: backendDown }, [window("probe:backend-health")], "maintenance"],
    ["service window covers its probe", { probes: backendDown }, [window("service:backend")], "maintenance"],
    ["probe window, probe stale", { probes: backendStale }, [window("probe:backend-health")], "maintenance"],
    ["probe window, probe never checked", { probes: backendMissing }, [window("probe:backend-health")], "maintenance"],
    ["everything, database down", { databaseUp: fresh(false) }, [window("everything")], "maintenance"],
    ["everything, start-ups stale", { startupSuccess: old(0.97) }, [window("everything")], "maintenance"],
    [
      "everything, start-ups missing",
      { startupSuccess: unknownFigure<number>(), startupCounts: { healthy: 0, unhealthy: 0 } },
      [window("everything")],
      "maintenance",
    ],
    // A finding outside the window still decides.
    ["probe window, database down", { databaseUp: fresh(false) }, [window("probe:backend-health")], "down"],
    ["probe window, start-ups stale", { startupSuccess: old(0.97) }, [window("probe:backend-health")], "unknown"],
    [
      "probe window, start-ups missing",
      { startupSuccess: fresh<number>(null), startupCounts: { healthy: 0, unhealthy: 0 } },
      [window("probe:backend-health")],
      "unknown",
    ],
    ["other probe's window, probe down", { probes: backendDown }, [window("probe:auth-health")], "down"],
    ["other service's window, probe down", { probes: backendDown }, [window("service:auth")], "down"],
    [
      "a probe without impact cannot put the verdict in maintenance",
      { probes: [probe("backend-health", "up", { impact: null })] },
      [window("probe:backend-health")],
      "healthy",
    ],
  ])("%s → %s", (_name, over, windows, status) => {
    const v = overviewVerdict({ ...good, ...over, maintenance: windows });
    expect(v.status).toBe(status);
    expect(v.status === "maintenance").toBe(v.maintenance !== null && status === "maintenance");
  });

  it("says the reason and end, and still shows the failing probe as failing", () => {
    const v = overviewVerdict({ ...good, probes: backendDown, maintenance: [window("probe:backend-health")] });
    expect(v.reason).toBe("In maintenance until 10:30 UTC (probe backend-health): Connector migration");
    expect(v.reasons).toContain("Probe backend-health is down: HTTP 503. (in maintenance)");
    expect(v.maintenance).toMatchObject({ scope: "probe:backend-health", endsAt: "2026-12-07T10:30:00.000Z" });
    // The browser greys the answer when the window ends, at the latest.
    expect(Date.parse(v.staleAfter ?? "")).toBeLessThanOrEqual(now + 30 * 60_000);
  });

  it("a failure outside the window leads, with the window named beside it", () => {
    const v = overviewVerdict({
      ...good,
      databaseUp: fresh(false),
      probes: backendDown,
      maintenance: [window("probe:backend-health")],
    });
    expect(v.status).toBe("down");
    expect(v.reasons[0]).toBe("Cloud SQL staging-shared-postgres is down.");
    expect(v.reasons).toContain("Probe backend-health is down: HTTP 503. (in maintenance)");
    expect(v.maintenance?.scope).toBe("probe:backend-health");
  });
});
