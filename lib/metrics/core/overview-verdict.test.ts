import {
  connectorLoad,
  figuresAt,
  healthyVerdictInput,
  measuredBefore,
  probeEvidence,
} from "@/lib/metrics/core/testing";
import { describe, expect, it } from "vitest";
import type { ProbeStatus } from "@/lib/probes/core/types";
import { makeFigure, unknownFigure, type Figure } from "@/lib/core/figure";
import { overviewVerdict, type ConnectorLoad, type VerdictInput, type VerdictStatus } from "./overview-verdict";
import { type ProbeEvidence } from "@/lib/probes/core/evidence";

const load = connectorLoad;

const now = Date.UTC(2025, 0, 1, 12);
const { fresh, old } = figuresAt(now);
const served = <T>(v: T | null): Figure<T> => makeFigure(v, now - 60_000, now, { maxAgeSeconds: 600, stale: true });
const counts = (healthy: number, unhealthy: number) => ({ healthy, unhealthy });
/** The staging connector (max 3 instances) carrying `l`. */
const atMax3 = (l: Figure<ConnectorLoad>) => ({ connector: { name: "staging-connector", maxInstances: 3, load: l } });

const probe = (name: string, status: ProbeStatus, o: Partial<ProbeEvidence> = {}): ProbeEvidence =>
  probeEvidence(name, status, { ...measuredBefore(now), ...o });

const base: VerdictInput = healthyVerdictInput(now, [probe("backend-health", "up")]);

describe("overviewVerdict: single facts", () => {
  it.each<[string, Partial<VerdictInput>, VerdictStatus, string]>([
    [
      "all fresh and good",
      {},
      "healthy",
      "Start-up success is 97.0% (97 of 100) in the last hour, the database is up, and all 1 golden-path probe is up.",
    ],
    [
      "94.96% is degraded and not rounded up",
      { startupSuccess: fresh(0.9496), startupCounts: counts(9496, 504) },
      "degraded",
      "Start-up success is 94.9% (9496 of 10000) in the last hour, below the 95% target.",
    ],
    [
      "exactly 95% is healthy",
      { startupSuccess: fresh(0.95), startupCounts: counts(19, 1) },
      "healthy",
      "Start-up success is 95.0% (19 of 20) in the last hour, the database is up, and all 1 golden-path probe is up.",
    ],
    [
      "the incident: 0% is down",
      { startupSuccess: fresh(0), startupCounts: counts(0, 649) },
      "down",
      "Start-up success is 0.0% (0 of 649) in the last hour, below 50%.",
    ],
    ["database down wins", { databaseUp: fresh(false) }, "down", "Cloud SQL staging-shared-postgres is down."],
    [
      "no start-ups is unknown, never 100%",
      { startupSuccess: fresh<number>(null), startupCounts: counts(0, 0) },
      "unknown",
      "No start-ups were recorded in the last hour, so start-up success is unknown.",
    ],
    [
      "never-read start-ups are unknown",
      { startupSuccess: unknownFigure<number>(), startupCounts: counts(0, 0) },
      "unknown",
      "No start-ups were recorded in the last hour, so start-up success is unknown.",
    ],
    [
      "stale start-ups are unknown",
      { startupSuccess: old(1) },
      "unknown",
      "Start-up data is stale (data is 1 h old); start-up success is unknown.",
    ],
    [
      "a copy served after an upstream failure is unknown",
      { startupSuccess: served(1) },
      "unknown",
      "Start-up data is stale (data is 1 min old); start-up success is unknown.",
    ],
    [
      "missing database data is unknown",
      { databaseUp: unknownFigure<boolean>() },
      "unknown",
      'No recent "up" data for Cloud SQL staging-shared-postgres; the database state is unknown.',
    ],
    [
      "a stale 'down' is not trusted either",
      { databaseUp: old(false) },
      "unknown",
      "Cloud SQL staging-shared-postgres data is stale (data is 1 h old); the database state is unknown.",
    ],
    [
      "the golden path down, Monitoring healthy: down, naming the probe",
      { probes: [probe("backend-health", "down", { lastError: "HTTP 503" })] },
      "down",
      "Probe backend-health is down: HTTP 503.",
    ],
    [
      "a missing golden-path target is down",
      { probes: [probe("analytics", "missing")] },
      "down",
      "Probe analytics is missing.",
    ],
    [
      "impact degraded",
      { probes: [probe("backend-websocket", "down", { impact: "degraded" })] },
      "degraded",
      "Probe backend-websocket is down.",
    ],
    [
      "flapping is degraded",
      { probes: [probe("backend-health", "flapping")] },
      "degraded",
      "Probe backend-health is flapping between up and down.",
    ],
    [
      "a probe never checked is unknown",
      { probes: [probe("backend-health", "unknown", { checkedAt: null, staleAfter: null, stale: true })] },
      "unknown",
      "Probe backend-health has no current result (never checked); its state is unknown.",
    ],
    [
      "a stale 'up' is unknown",
      { probes: [probe("backend-health", "up", { stale: true, checkedAt: new Date(now - 600_000).toISOString() })] },
      "unknown",
      "Probe backend-health has no current result (last checked 10 min ago); its state is unknown.",
    ],
    [
      "a probe without impact is not an input",
      { probes: [probe("analytics", "missing", { impact: null })] },
      "healthy",
      "Start-up success is 97.0% (97 of 100) in the last hour, the database is up.",
    ],
    [
      "connector nearly saturated at max",
      atMax3(fresh(load(3, 0.93))),
      "degraded",
      "Connector staging-connector is nearly saturated: 279 Mbit/s of its 300 Mbit/s ceiling (93.0%) at its maximum of 3 instances.",
    ],
    [
      "connector full: 300 Mbit/s through 3 e2-micro instances is saturated",
      atMax3(fresh(load(3, 1))),
      "degraded",
      "Connector staging-connector is saturated: 300 Mbit/s of its 300 Mbit/s ceiling (100.0%), 0% headroom, at its maximum of 3 instances.",
    ],
    [
      "connector at its ceiling below max is saturated too (it has not scaled out yet)",
      atMax3(fresh(load(2, 1.05))),
      "degraded",
      "Connector staging-connector is saturated: 210 Mbit/s of its 200 Mbit/s ceiling (105.0%), 0% headroom.",
    ],
    [
      "connector half full (150 of 300 Mbit/s) is fine",
      atMax3(fresh(load(3, 0.5))),
      "healthy",
      "Start-up success is 97.0% (97 of 100) in the last hour, the database is up, and all 1 golden-path probe is up.",
    ],
    [
      "a saturated connector served stale is unknown, not saturated and not fine",
      atMax3(served(load(3, 1))),
      "unknown",
      "Connector staging-connector data is stale (data is 1 min old); whether it is saturated is unknown.",
    ],
    [
      "connector at max but idle is fine",
      atMax3(fresh(load(3, 0.1))),
      "healthy",
      "Start-up success is 97.0% (97 of 100) in the last hour, the database is up, and all 1 golden-path probe is up.",
    ],
    [
      "connector data missing is unknown",
      { connector: { name: "staging-connector", maxInstances: 3, load: unknownFigure() } },
      "unknown",
      "No recent throughput for connector staging-connector; whether it is saturated is unknown.",
    ],
  ])("%s", (_name, patch, status, reason) => {
    const v = overviewVerdict({ ...base, ...patch });
    expect(v.status).toBe(status);
    expect(v.reason).toBe(reason);
  });
});

describe("overviewVerdict: reasons and likely cause", () => {
  it("lists at most three reasons, most severe first, and follows dependsOn and the metrics to a likely cause", () => {
    const v = overviewVerdict({
      ...base,
      startupSuccess: fresh(0.9),
      startupCounts: counts(90, 10),
      probes: [
        probe("backend-health", "down", { dependsOn: ["cloudsql-socket"], lastError: "HTTP 503" }),
        probe("cloudsql-socket", "down", { impact: null }),
        probe("auth-health", "unknown", { stale: true, checkedAt: null, staleAfter: null }),
        probe("backend-websocket", "flapping"),
      ],
      connector: { name: "staging-connector", maxInstances: 3, load: fresh(load(3, 0.95)) },
      socketTimeouts: 12,
    });
    expect(v.status).toBe("down");
    expect(v.reasons).toEqual([
      "Probe backend-health is down: HTTP 503.",
      "Probe auth-health has no current result (never checked); its state is unknown.",
      "Probe backend-websocket is flapping between up and down.",
    ]);
    expect(v.likelyCause).toBe(
      "probe cloudsql-socket is down; Cloud SQL socket time-outs (12 in the last hour) behind staging-connector, which is at its maximum of 3 instances",
    );
  });

  it("groups probes failing the same way into one reason, leaving room for the others", () => {
    const v = overviewVerdict({
      ...base,
      startupSuccess: fresh(0),
      startupCounts: counts(0, 40),
      probes: [
        probe("backend-health", "down", { lastError: "HTTP 503" }),
        probe("auth-health", "down", { lastError: "timed out" }),
        probe("backend-websocket", "down"),
      ],
    });
    expect(v.reasons).toEqual([
      "Probes backend-health, auth-health and backend-websocket are down (backend-health: HTTP 503).",
      "Start-up success is 0.0% (0 of 40) in the last hour, below 50%.",
    ]);
  });

  it("has no likely cause when healthy or unknown", () => {
    expect(overviewVerdict(base).likelyCause).toBeNull();
    expect(overviewVerdict({ ...base, databaseUp: unknownFigure() }).likelyCause).toBeNull();
  });

  it("a down verdict stays valid while its down facts are fresh, even when another input went stale", () => {
    const v = overviewVerdict({
      ...base,
      startupSuccess: old(1),
      probes: [probe("backend-health", "down", { staleAfter: new Date(now + 30_000).toISOString() })],
    });
    expect(v.status).toBe("down");
    expect(v.staleAfter).toBe(new Date(now + 30_000).toISOString());
  });

  it("carries the oldest input's time and the earliest staleAfter", () => {
    const v = overviewVerdict({
      ...base,
      probes: [
        probe("backend-health", "up", {
          checkedAt: new Date(now - 5_000).toISOString(),
          staleAfter: new Date(now + 20_000).toISOString(),
        }),
      ],
    });
    expect(v.measuredAt).toBe(new Date(now - 60_000).toISOString());
    expect(v.staleAfter).toBe(new Date(now + 20_000).toISOString());
  });
});

// Every input in every state: fresh/stale/missing × good/bad. The oracle below is written
// apart from the implementation: down beats unknown beats degraded; healthy needs all good.
type InputState = "fresh-good" | "fresh-bad" | "stale-good" | "stale-bad" | "missing";
const STATES: InputState[] = ["fresh-good", "fresh-bad", "stale-good", "stale-bad", "missing"];
const figureIn = <T>(s: InputState, good: T, bad: T): Figure<T> =>
  s === "missing"
    ? unknownFigure<T>()
    : s.startsWith("fresh")
      ? fresh(s.endsWith("good") ? good : bad)
      : old(s.endsWith("good") ? good : bad);

type Input = { name: string; badSeverity: "down" | "degraded"; apply: (s: InputState) => Partial<VerdictInput> };
const INPUTS: Input[] = [
  {
    name: "start-ups",
    badSeverity: "down",
    apply: (s) => ({
      startupSuccess: figureIn(s, 0.99, 0.1),
      startupCounts: s === "missing" ? counts(0, 0) : counts(10, 10),
    }),
  },
  {
    name: "start-ups below target",
    badSeverity: "degraded",
    apply: (s) => ({ startupSuccess: figureIn(s, 0.99, 0.9) }),
  },
  { name: "database", badSeverity: "down", apply: (s) => ({ databaseUp: figureIn(s, true, false) }) },
  {
    name: "golden-path probe",
    badSeverity: "down",
    apply: (s) => ({
      probes: [
        s === "missing"
          ? probe("backend-health", "unknown", { stale: true, checkedAt: null, staleAfter: null })
          : probe("backend-health", s.endsWith("good") ? "up" : "down", s.startsWith("stale") ? { stale: true } : {}),
      ],
    }),
  },
  {
    name: "connector",
    badSeverity: "degraded",
    apply: (s) => ({
      connector: {
        name: "c",
        maxInstances: 3,
        load: figureIn(s, load(2, 0.2), load(3, 0.9)),
      },
    }),
  },
];

function oracle(states: { s: InputState; bad: "down" | "degraded" }[]): VerdictStatus {
  if (states.some(({ s, bad }) => s === "fresh-bad" && bad === "down")) return "down";
  if (states.some(({ s }) => s !== "fresh-good" && s !== "fresh-bad")) return "unknown";
  if (states.some(({ s }) => s === "fresh-bad")) return "degraded";
  return "healthy";
}

describe("overviewVerdict: every combination of input states", () => {
  // Start-ups appear once per table (as a "down" or a "degraded" fact), so each table has 4 inputs: 5^4 = 625 rows.
  for (const startups of [INPUTS[0], INPUTS[1]] as Input[]) {
    const inputs = [startups, ...INPUTS.slice(2)];
    const rows: InputState[][] = [[]];
    for (let i = 0; i < inputs.length; i++)
      rows.splice(0, rows.length, ...rows.flatMap((r) => STATES.map((s) => [...r, s])));
    it(`${startups.name}: ${rows.length} combinations match the oracle, and none is healthy with a stale or missing input`, () => {
      expect(rows).toHaveLength(625);
      for (const row of rows) {
        const patch = Object.assign(
          {},
          ...inputs.map((inp, i) => inp.apply(row[i] as InputState)),
        ) as Partial<VerdictInput>;
        const v = overviewVerdict({ ...base, ...patch });
        const expected = oracle(inputs.map((inp, i) => ({ s: row[i] as InputState, bad: inp.badSeverity })));
        expect({ row: row.join(","), status: v.status }).toEqual({ row: row.join(","), status: expected });
        if (row.some((s) => !s.startsWith("fresh"))) expect(v.status).not.toBe("healthy");
        expect(v.reasons.length).toBeGreaterThan(0);
        expect(v.reasons.length).toBeLessThanOrEqual(3);
      }
    });
  }
});
