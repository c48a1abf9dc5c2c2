import { describe, expect, it } from "vitest";
import { parseCriterion, comparisons } from "@/lib/criteria/core";
import { chartFor, evidenceLink, rangeFor } from "./links";

const NOW = Date.UTC(2025, 8, 17, 12, 0, 0);

function measurementOf(expr: string) {
  const p = parseCriterion(expr);
  if (!p.ok) throw new Error(p.error.message);
  const first = comparisons(p.ast)[0];
  if (!first) throw new Error("no comparison");
  return first.measurement;
}

describe("rangeFor", () => {
  it.each([
    [900, "range=1h"],
    [3600, "range=1h"],
    [86_400, "range=24h"],
    [2 * 86_400, "range=7d"],
  ])("%i s → %s", (seconds, want) => expect(rangeFor(seconds, NOW)).toBe(want));
  it("beyond 7 days, an explicit range ending now", () => {
    expect(rangeFor(14 * 86_400, NOW)).toBe(
      "range=custom&from=2025-09-03T12%3A00%3A00.000Z&to=2025-09-17T12%3A00%3A00.000Z",
    );
  });
});

describe("chartFor", () => {
  it.each([
    ["startup_success_rate(all, 1h) > 0.95", "/startups?range=1h"],
    ['startup_failures("backend", 6h) == 0', "/startups?range=6h&service=backend"],
    ['failures("db-socket-timeout", 15m) == 0', "/startups?range=1h&cause=db-socket-timeout"],
    ["p95(startup_latency(all), 24h) < 2s", "/startups?range=24h"],
    ['p95(probe_phase("cloudsql-socket", "connect"), 1h) < 200ms', "/probes?probe=cloudsql-socket&range=1h"],
    ['probe_uptime("backend-health", 6h) >= 0.99', "/probes?probe=backend-health&range=6h"],
    ['probe_status("auth-health") == "up"', "/probes?probe=auth-health"],
  ])("%s → %s", (expr, href) => expect(chartFor(measurementOf(expr), NOW)?.href).toBe(href));
  it("blocking_phases() has no chart", () => expect(chartFor(measurementOf("blocking_phases() == 0"), NOW)).toBeNull());
});

describe("evidenceLink", () => {
  it.each([
    [{ kind: "metric", ref: "vpcaccess.googleapis.com/connector/instances" }, "/connector?range=6h"],
    [{ kind: "metric", ref: "cloudsql.googleapis.com/database/up" }, "/database?range=6h"],
    [{ kind: "metric", ref: "run.googleapis.com/container/startup_latencies" }, "/startups?range=6h"],
    [{ kind: "probe", ref: "cloudsql-socket" }, "/probes?probe=cloudsql-socket"],
    [{ kind: "logs", ref: 'failures("db-socket-timeout", 1h)' }, "/startups?range=1h&cause=db-socket-timeout"],
  ] as const)("%o → %s", (e, href) => expect(evidenceLink(e).href).toBe(href));
});
