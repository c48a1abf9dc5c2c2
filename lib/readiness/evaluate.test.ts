import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXED_NOW } from "@/emulator/testing";
import { collectEvidence, type EvidenceSources } from "@/lib/evidence/snapshot";
import { emulatedStaging, type EmulatedStaging } from "@/lib/evidence/testing";
import type { SnapshotEntry } from "@/lib/criteria/core";
import type { Store } from "@/lib/store/db";
import { seedConfig } from "@/lib/tracker/testing";
import type { VerdictContext } from "./context";
import { verdictFor, evaluateReadiness, type ReadinessSources } from "./evaluate";
import { STORES } from "./testing";
import { readinessView, sharedView } from "./views";

/**
 * The readiness evaluation on the real emulator (gRPC Cloud Monitoring + Logging, seeded
 * incident model) and a real store, with the seed's readiness checks.
 */

const config = seedConfig();
const ON_IT: VerdictContext = {
  workInProgress: { team: "Infrastructure Team", phaseOrder: 1 },
  openActions: [],
  flappingProbesLastHour: [],
};

function sources(store: Store, evidence: EvidenceSources, context: VerdictContext = ON_IT): ReadinessSources {
  return {
    config: () => config,
    evidence: (needs, now) => collectEvidence(needs, now, evidence),
    context: async () => context,
    db: async () => store.db,
    baseUrl: () => null,
  };
}

/** Probe store stand-in: every probe a check reads answered `status` just now. */
const probesSaying = (status: string) => async (needs: { key: string; measurement: { kind: string } }[], now: number) =>
  Object.fromEntries(
    needs
      .filter((n) => n.measurement.kind === "probe_status")
      .map((n) => [n.key, { value: status, measuredAt: new Date(now - 5_000).toISOString() } satisfies SnapshotEntry]),
  );

const [sqlite] = STORES;
let store: Store;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  if (!sqlite) throw new Error("no SQLite store");
  ({ store, cleanup } = await sqlite.open());
});
afterAll(async () => {
  await cleanup();
});

describe("incident", () => {
  let staging: EmulatedStaging;
  beforeAll(async () => {
    staging = await emulatedStaging("incident", FIXED_NOW);
  });
  afterAll(async () => {
    await staging.close();
  });

  it("is NO-GO, first with the start-up reason in plain words and who is on it", async () => {
    const now = staging.clock.now();
    const e = await evaluateReadiness(now, sources(store, staging.sources(config)));
    expect(e.verdict.verdict).toBe("NO-GO");
    const startups = e.verdict.reasons.find((r) => r.checkId === "startups");
    expect(startups?.status).toBe("fail");
    expect(startups?.text).toMatch(
      /^Only \d+(\.\d)?% of service start-ups succeeded in the last 30 minutes \(needs at least 95%\); the infrastructure team is on it \(phase 1\)\.$/,
    );
    const timeouts = e.verdict.reasons.find((r) => r.checkId === "db-timeouts");
    expect(timeouts?.text).toMatch(
      /^There were \d+ database time-outs in the last 15 minutes; the infrastructure team is on it \(phase 1\)\.$/,
    );
    // The incident's connector runs at Google's documented ceiling: no room, said in plain words.
    const connector = e.verdict.reasons.find((r) => r.checkId === "connector-room");
    expect(connector).toMatchObject({ status: "fail", severity: "warning" });
    expect(connector?.text).toMatch(
      /^The VPC connector has room for a start-up burst: the VPC connector was full \(no headroom left\) in the last 15 minutes/,
    );
    // Failing blockers come first.
    expect(e.verdict.reasons[0]?.status).toBe("fail");
    // No probe results in this harness: those checks are unknown, never passed.
    expect(e.verdict.reasons.find((r) => r.checkId === "backend")?.status).toBe("unknown");

    const view = readinessView(e);
    expect(view.evidence.find((x) => x.checkId === "startups")).toMatchObject({
      expr: "startup_success_rate(all, 30m) >= 0.95",
      measuredAt: expect.any(String),
    });
    expect(view.since).toBe(new Date(now).toISOString());
    expect(view.changes[0]).toMatchObject({ to: "NO-GO" });
  });

  it("the share view carries the verdict and reasons only", async () => {
    const e = await evaluateReadiness(staging.clock.now(), sources(store, staging.sources(config)));
    const shared = sharedView(e, FIXED_NOW + 86_400_000);
    expect(Object.keys(shared).sort()).toEqual(["checkedAt", "expiresAt", "reasons", "summary", "verdict"]);
    expect(Object.keys(shared.reasons[0] ?? {}).sort()).toEqual(["label", "severity", "status", "text"]);
    const text = JSON.stringify(shared);
    for (const internal of [
      "startup_success_rate",
      "db-socket-timeout",
      "backend-health",
      "127.0.0.1",
      "netra-staging",
      "/cloudsql/",
      "exit(",
    ]) {
      expect(text).not.toContain(internal);
    }
  });
});

describe("healthy", () => {
  let staging: EmulatedStaging;
  beforeAll(async () => {
    staging = await emulatedStaging("healthy", FIXED_NOW);
  });
  afterAll(async () => {
    await staging.close();
  });

  it("without probe results it is CAUTION, never GO: unknown is not a pass", async () => {
    const e = await evaluateReadiness(staging.clock.now(), sources(store, staging.sources(config)));
    expect(e.verdict.verdict).toBe("CAUTION");
    expect(e.verdict.reasons.find((r) => r.checkId === "startups")?.status).toBe("pass");
    expect(
      e.verdict.reasons
        .filter((r) => r.status === "unknown")
        .map((r) => r.checkId)
        .sort(),
    ).toEqual(["backend", "realtime", "rehearsal", "signin"]);
  });

  it("with every probe up and no blocking phase it is GO", async () => {
    const evidence = { ...staging.sources(config), probes: probesSaying("up") };
    const e = await evaluateReadiness(staging.clock.now(), sources(store, evidence));
    expect(e.verdict.reasons.filter((r) => r.status !== "pass")).toEqual([]);
    expect(e.verdict.verdict).toBe("GO");
  });

  it("an exhausted error budget of a gating SLO holds GO at CAUTION, in the verdict recorded and with a demo time", async () => {
    const evidence = { ...staging.sources(config), probes: probesSaying("up") };
    const now = staging.clock.now();
    const gate = {
      sloId: "probe-rehearsal",
      label: "the demo rehearsal",
      windowDays: 28,
      remaining: -0.03,
      stale: false,
      measuredAt: now - 60_000,
    };
    const e = await evaluateReadiness(now, { ...sources(store, evidence), budgetGates: async () => [gate] });
    expect(e.verdict.verdict).toBe("CAUTION");
    expect(e.verdict.reasons[0]?.text).toBe("error budget of the demo rehearsal exhausted (−3% of 28 days)");
    expect(verdictFor(e, new Date(now + 3_600_000)).verdict).toBe("CAUTION");
  });

  it("a probe that is down makes it NO-GO even when the metrics are fine", async () => {
    const evidence = { ...staging.sources(config), probes: probesSaying("down") };
    const e = await evaluateReadiness(staging.clock.now(), sources(store, evidence));
    expect(e.verdict.verdict).toBe("NO-GO");
    expect(e.verdict.reasons[0]?.text).toMatch(
      /: it is down right now; the infrastructure team is on it \(phase 1\)\.$/,
    );
  });

  it("when the monitoring emulator is gone, the metric checks are unknown and it is not GO", async () => {
    const evidence = { ...staging.sources(config), probes: probesSaying("up") };
    await staging.emulator.close();
    // Past the reader's cache, so nothing remembered can stand in.
    staging.clock.advance(10 * 60_000);
    const e = await evaluateReadiness(staging.clock.now(), sources(store, evidence));
    expect(e.verdict.verdict).toBe("CAUTION");
    expect(e.verdict.reasons.find((r) => r.checkId === "startups")?.status).toMatch(/unknown|stale/);
    // Without connector data its room is unknown, never "has room".
    expect(e.verdict.reasons.find((r) => r.checkId === "connector-room")?.status).toMatch(/unknown|stale/);
  });
});
