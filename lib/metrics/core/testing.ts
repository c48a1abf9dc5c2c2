import { headroom } from "@/lib/metrics/core/connector";
import { ceilingBasis } from "@/lib/core/connector-capacity";
import { makeFigure, type Figure } from "@/lib/core/figure";
import type { ConnectorLoad, VerdictInput } from "@/lib/metrics/core/overview-verdict";
import type { ProbeEvidence } from "@/lib/probes/core/evidence";

/** A connector's load as the views compute it: `utilization` of `instances` e2-micro instances (100 Mbit/s each). */
export function connectorLoad(instances: number, utilization: number): ConnectorLoad {
  const h = headroom(
    utilization * instances * 1e8,
    instances,
    ceilingBasis({ machineType: "e2-micro", maxInstances: 10 }),
  );
  if (!h) throw new Error("no instances");
  return h;
}

/**
 * A golden-path probe's evidence: on the golden path (impact "down"), depending on nothing, with
 * no time of its own unless the test gives one (`measuredBefore`); the test names what it is
 * about and overrides the rest.
 */
export function probeEvidence(
  name: string,
  status: ProbeEvidence["status"],
  rest: Partial<Omit<ProbeEvidence, "name">> = {},
): ProbeEvidence {
  return {
    name,
    status,
    stale: false,
    checkedAt: null,
    staleAfter: null,
    impact: "down",
    dependsOn: [],
    lastError: null,
    ...rest,
  };
}

/** Checked 10 s before `now` and fresh for another 50 s: a probe result well within its age rule. */
export function measuredBefore(now: number): Pick<ProbeEvidence, "checkedAt" | "staleAfter"> {
  return { checkedAt: new Date(now - 10_000).toISOString(), staleAfter: new Date(now + 50_000).toISOString() };
}

/** Figures read at `now` under a 10-minute age rule: `fresh` measured a minute ago, `old` an hour ago. */
export function figuresAt(now: number): {
  fresh: <T>(v: T | null) => Figure<T>;
  old: <T>(v: T | null) => Figure<T>;
} {
  return {
    fresh: (v) => makeFigure(v, now - 60_000, now, { maxAgeSeconds: 600 }),
    old: (v) => makeFigure(v, now - 3_600_000, now, { maxAgeSeconds: 600 }),
  };
}

/**
 * The Overview's input for a healthy staging read at `now`: 97 of 100 start-ups in the last hour,
 * the database up, the connector at 30% of two instances, no socket timeouts, and `probes`.
 */
export function healthyVerdictInput(now: number, probes: ProbeEvidence[]): VerdictInput {
  const { fresh } = figuresAt(now);
  return {
    startupSuccess: fresh(0.97),
    startupCounts: { healthy: 97, unhealthy: 3 },
    databaseUp: fresh(true),
    databaseName: "staging-shared-postgres",
    windowLabel: "the last hour",
    probes,
    connector: { name: "staging-connector", maxInstances: 3, load: fresh(connectorLoad(2, 0.3)) },
    socketTimeouts: 0,
    now,
  };
}
